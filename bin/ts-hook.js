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
const Module = require('node:module');
const vm = require('node:vm');
const { isMainThread, threadId } = require('node:worker_threads');

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
    const temporary = `${cached}.${process.pid}.${threadId}.tmp`; // threads of one process share its pid
    fs.writeFileSync(temporary, code);
    fs.renameSync(temporary, cached);
  } catch {
    // A read-only checkout still works, only without the cache.
  }
  return code;
}

/**
 * V8 code cache for CommonJS modules (ours and our dependencies'): Node 20 compiles every module
 * from source on every start (its own compile cache arrived in Node 22.1). Each module is compiled
 * with the bytes V8 produced for the same file last time, so only a cache miss is parsed and
 * compiled from source; at exit, the code of the misses, lazily compiled functions included, is
 * stored. The key is a sha256 of the Node version, path and source, so an entry is only found for
 * the very same file (V8 itself checks only the source length, its version and flags, and ignores
 * an entry that does not match those).
 * Measured: about 0.05 s of each command's start-up (docs/performance.md).
 * Not used for modules that load ES modules with import() (vm.Script would need a loader for
 * them), nor with source maps on (ONCALL_DEBUG, --enable-source-maps: Node applies them only to
 * modules it compiles itself).
 * ONCALL_CODE_CACHE moves the folder; ONCALL_CODE_CACHE=off disables it.
 */
const CODE_CACHE_DIR = process.env.ONCALL_CODE_CACHE || path.join(ROOT, 'node_modules', '.cache', 'oncall-v8');
const codeCacheEnabled = process.env.ONCALL_CODE_CACHE !== 'off' && !process.env.ONCALL_DEBUG;
const toStore = [];
const DYNAMIC_IMPORT = /\bimport\s*\(/;

function compileWithCodeCache(module, content, filename) {
  // Node strips a shebang line before compiling; keep the line count with a comment instead.
  const source = content.startsWith('#!') ? `//${content}` : content;
  const key = crypto.createHash('sha256').update(process.version).update('\0').update(filename).update('\0').update(source).digest('hex');
  const file = path.join(CODE_CACHE_DIR, `${key.slice(0, 40)}.bin`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    // Not cached yet: stored at exit.
  }
  const script = new vm.Script(Module.wrap(source), { filename, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) toStore.push({ script, file });
  const compiled = script.runInThisContext({ displayErrors: true });
  return compiled.call(module.exports, module.exports, requireFor(module), module, filename, path.dirname(filename));
}

/** The `require` Node gives a module (lib/internal/modules/helpers.js makeRequireFunction). */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function storeCodeCache() {
  // Worker threads are terminated by their callers, possibly mid-write: only the main thread
  // stores (it compiles the same modules).
  if (toStore.length === 0 || !isMainThread) return;
  try {
    fs.mkdirSync(CODE_CACHE_DIR, { recursive: true });
    for (const { script, file } of toStore.splice(0)) {
      const temporary = `${file}.${process.pid}.${threadId}.tmp`;
      fs.writeFileSync(temporary, script.createCachedData());
      fs.renameSync(temporary, file);
    }
  } catch {
    // A read-only checkout still works, only without the cache.
  }
}

if (!require.extensions['.ts']) {
  require.extensions['.ts'] = function loadTypeScript(module, filename) {
    module._compile(compiledSource(filename), filename);
  };
  if (codeCacheEnabled) {
    const compileFromSource = Module.prototype._compile;
    Module.prototype._compile = function compileCached(content, filename) {
      // import() needs Node's module loader behind the script; source maps (--enable-source-maps)
      // are only applied to modules Node compiles itself.
      if (DYNAMIC_IMPORT.test(content) || process.sourceMapsEnabled) return compileFromSource.call(this, content, filename);
      return compileWithCodeCache(this, content, filename);
    };
    process.once('exit', storeCodeCache);
  }
  // Source-mapped stack traces only on request: with maps enabled, every stack trace cdktf
  // captures for its tokens is mapped too, which made synth 15-20% slower (docs/performance.md).
  if (process.env.ONCALL_DEBUG && typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
}

module.exports = { CACHE_DIR, CODE_CACHE_DIR };
