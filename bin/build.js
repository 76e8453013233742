#!/usr/bin/env node
'use strict';
/**
 * The one way this project's TypeScript runs: compiled ahead of time by `tsc -p
 * tsconfig.build.json` into dist/ (`npm ci` does it through the `prepare` script), then plain
 * `node dist/...`. Chosen by measurement (docs/performance.md, "Running the TypeScript"): `tsx`
 * costs ~0.6 s more per command (a second process and an ESM loader thread), and a require hook
 * with our own transpile cache relied on private Node internals.
 *
 * A build must never be stale: after a `git pull` or an edit, `node dist/...` would run the old
 * tool. So every entry point (bin/run.js, bin/app.js, the npm scripts) calls ensureBuilt() first:
 * it compares a fingerprint of the sources (path, size and mtime of every file tsc compiles, and
 * the tsc configs) with the one stored after the last build, and rebuilds when they differ. The
 * check stats ~300 files: about 3 ms; `tsc --incremental` with nothing to do takes 2 s, hence the
 * fingerprint. Compiled files whose source is gone are removed, so nothing can load them.
 *
 * `node bin/build.js` (`npm run build`) builds when stale (`--force`: always), silently when nothing changed. A failed build (a type error in the
 * tool) prints tsc's errors and exits 3: the tool does not run on code that does not compile.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
/** The folders and files tsconfig.build.json compiles (its "include"), and what changes the build. */
const SOURCE_FOLDERS = ['bin', 'lib', 'scripts'];
const SOURCE_FILES = ['main.ts', 'tsconfig.json', 'tsconfig.build.json'];

/** `path size mtime` of every source, sorted: any edit, checkout, added or deleted file changes it. */
function sourceFingerprint(root) {
  const lines = [];
  const add = (relative) => {
    const stats = fs.statSync(path.join(root, relative), { throwIfNoEntry: false });
    if (stats?.isFile()) lines.push(`${relative} ${stats.size} ${stats.mtimeMs}`);
  };
  for (const file of SOURCE_FILES) add(file);
  for (const folder of SOURCE_FOLDERS) {
    if (!fs.existsSync(path.join(root, folder))) continue;
    const entries = fs.readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.ts')) add(path.relative(root, path.join(entry.parentPath, entry.name)));
    }
  }
  return lines.sort().join('\n');
}

const fingerprintFile = (root) => path.join(root, 'dist', '.sources');

/** Whether dist/ was built from exactly the sources there are now. */
function isBuilt(root = ROOT) {
  try {
    return fs.readFileSync(fingerprintFile(root), 'utf8') === sourceFingerprint(root);
  } catch {
    return false;
  }
}

/** Compiled files (dist/**.js, .js.map) whose .ts source no longer exists. */
function removeOrphans(root) {
  const dist = path.join(root, 'dist');
  for (const entry of fs.readdirSync(dist, { recursive: true, withFileTypes: true })) {
    const match = /^(.*)\.js(\.map)?$/.exec(entry.name);
    if (!entry.isFile() || !match) continue;
    const compiled = path.join(entry.parentPath, entry.name);
    const source = path.join(root, path.relative(dist, entry.parentPath), `${match[1]}.ts`);
    if (!fs.existsSync(source)) fs.rmSync(compiled);
  }
}

/**
 * Builds dist/ when it is stale; returns true when it had to. Throws BuildFailed when tsc
 * reports errors (its output is in the message).
 */
function ensureBuilt({ root = ROOT, force = false, quiet = false } = {}) {
  const before = sourceFingerprint(root);
  if (!force && isBuilt(root)) return false;
  if (!quiet) process.stderr.write('oncall: compiling the tool (sources changed since the last build)...\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--pretty', 'false'], { cwd: root, encoding: 'utf8' });
  if (result.error) throw new BuildFailed(`could not run tsc (${result.error.message}); run npm ci`);
  if (result.status !== 0) throw new BuildFailed(`${result.stdout}${result.stderr}`.trim());
  removeOrphans(root);
  // The fingerprint taken before compiling: a file edited during the build makes the next run build again.
  fs.writeFileSync(fingerprintFile(root), before);
  return true;
}

class BuildFailed extends Error {}

/** For entry points: build when stale, or print why it cannot be built and exit 3. */
function ensureBuiltOrExit() {
  try {
    ensureBuilt();
  } catch (error) {
    if (!(error instanceof BuildFailed)) throw error;
    process.stderr.write(`${error.message}\noncall: the tool's TypeScript does not compile (above); nothing was run. Fix it, or run npm ci after an update.\n`);
    process.exit(3);
  }
  // Debugging only: source-mapped stack traces (they slow cdktf's token stacks by 15-20%).
  if (process.env.ONCALL_DEBUG) process.setSourceMapsEnabled(true);
  // Node 22.1+: V8's compile cache for every module, a public API (Node 20 has none).
  require('node:module').enableCompileCache?.(path.join(ROOT, 'node_modules', '.cache', 'oncall-node'));
}

module.exports = { ensureBuilt, ensureBuiltOrExit, isBuilt, sourceFingerprint, BuildFailed, ROOT };

const HELP = [
  'Usage: npm run build -- [--force]   (or: node bin/build.js [--force])',
  '',
  'Compiles the tool into dist/ when its sources changed since the last build (every npm script',
  'and entry point does this first; npm ci runs it as the prepare script). Silent when up to date.',
  '',
  'Options:',
  '  --force                   Compile even when dist/ is up to date',
  '  --help                    Show this help',
].join('\n');

if (require.main === module) {
  let force = false;
  try {
    const { values } = require('node:util').parseArgs({ options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    if (values.help) {
      process.stdout.write(`${HELP}\n`);
      process.exit(0);
    }
    force = values.force === true;
  } catch (error) {
    process.stderr.write(`build: ${error.message}\nRun with --help for usage.\n`);
    process.exit(2);
  }
  try {
    if (ensureBuilt({ force, quiet: true })) process.stderr.write('build: dist/ compiled from the sources.\n');
  } catch (error) {
    if (!(error instanceof BuildFailed)) throw error;
    process.stderr.write(`${error.message}\nbuild: tsc reported errors; dist/ may be incomplete.\n`);
    process.exit(3);
  }
}
