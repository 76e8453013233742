'use strict';
/**
 * Loads the project's TypeScript in-process: a CommonJS require hook for `.ts` files that
 * transpiles each file once (type-only, like tsx and ts-jest's isolatedModules) and caches the
 * JavaScript under node_modules/.cache/oncall-ts, keyed by a hash of the transpiler, the file
 * path and the file's content. A cache entry can therefore never be stale: an edited file has
 * a new key. Unlike `tsx`, no second Node process is spawned and no ESM loader thread sits in
 * front of every module resolution: start-up drops by about 0.3 s per command (docs/performance.md).
 *
 * Use: `node bin/run.js <command>` for the CLI, or `node -r ./bin/ts-hook.js some-file.ts`.
 * ONCALL_TS_CACHE overrides the cache folder; ONCALL_DEBUG enables source-mapped stack traces.
 * Type errors are not reported here; `npm run typecheck` / `npm test` do that.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE_DIR = process.env.ONCALL_TS_CACHE || path.join(ROOT, 'node_modules', '.cache', 'oncall-ts');
/** Part of every cache key: bump it when the transpile options below change, so old entries go unused. */
const FORMAT = 'cjs-es2022-v1';

let transpiler;

/** esbuild (installed with tsx) when present: ~1 ms per file. TypeScript itself otherwise. */
function loadTranspiler(firstFile) {
  const esbuild = tryRequire('esbuild');
  if (esbuild) {
    return (source, filename) =>
      esbuild.transformSync(source, {
        loader: 'ts',
        format: 'cjs',
        target: 'node20',
        platform: 'node',
        sourcefile: filename,
        sourcemap: 'inline',
        tsconfigRaw: { compilerOptions: { target: 'ES2022', useDefineForClassFields: true, esModuleInterop: true } },
      }).code;
  }
  const ts = tryRequire('typescript');
  if (!ts) throw new Error(`cannot run ${path.relative(ROOT, firstFile) || firstFile}: neither esbuild nor typescript is installed (run npm ci, including dev dependencies)`);
  return (source, filename) =>
    ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
        inlineSources: true,
      },
    }).outputText;
}

function tryRequire(id) {
  try {
    return require(id);
  } catch (error) {
    if (error && error.code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

function safeResolve(id) {
  try {
    return require.resolve(id, { paths: [ROOT] });
  } catch {
    return undefined;
  }
}

/** Installed transpiler versions (cheap: two package.json reads), part of every cache key. */
function transpilerStamp() {
  const version = (name) => {
    const file = safeResolve(`${name}/package.json`);
    return file ? JSON.parse(fs.readFileSync(file, 'utf8')).version : 'none';
  };
  return `${FORMAT}|esbuild-${version('esbuild')}|typescript-${version('typescript')}`;
}

let stamp;

function compiledSource(filename) {
  const source = fs.readFileSync(filename, 'utf8');
  stamp = stamp || transpilerStamp();
  const key = crypto.createHash('sha256').update(stamp).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(CACHE_DIR, `${key.slice(0, 40)}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // Not cached yet: transpile below.
  }
  transpiler = transpiler || loadTranspiler(filename);
  const code = transpiler(source, filename);
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    // Write then rename, so a concurrent process never reads a half-written entry.
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch {
    // A read-only checkout still works, only without the cache.
  }
  return code;
}

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(compiledSource(filename), filename);
  };
  // Source-mapped stack traces only on request: with maps enabled, every stack trace cdktf
  // captures for its tokens is mapped too, which made synth 15-20% slower (docs/performance.md).
  if (process.env.ONCALL_DEBUG && typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
}

module.exports = { CACHE_DIR };
