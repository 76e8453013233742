/**
 * The folder synth replaces (`--out`, default cdktf.out/) and the scratch folders beside it.
 *
 * `synth --out DIR` removes DIR and puts a new one in its place, so DIR has to be something synth
 * wrote before (or nothing yet): checkReplaceableOutput. The swap is two renames (old output
 * aside, new one in), and a process can be killed anywhere, so every scratch name carries the PID
 * of the process that made it: a later run can tell a dead process's leftovers from a live one's
 * work in progress (recoverLeftovers). Swaps and recovery hold the output's lock
 * (./output-lock.ts).
 *
 * "Dead" is judged with signal 0 in this machine's PID namespace. Two containers sharing one
 * output folder (same user id) would see each other's live processes as dead; that set-up is not
 * supported.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { deadProcessFolders } from './process-alive';

/** Top-level entries cdktf writes into an output folder (manifest.json is required). */
const OUTPUT_ENTRIES = new Set(['manifest.json', 'stacks', 'assets']);

/** Project folders (relative to the root) that are never replaced and never written into. */
export const PROTECTED_FOLDERS = ['config', 'runbooks'];

export interface ProtectedPlaces {
  /** The project root (--root), which holds config/ and runbooks/. */
  root: string;
  /** The current directory (also what a relative `out` is resolved against). */
  cwd: string;
  /** More project folders, relative to the root, to protect like config/ and runbooks/ (a configured runbooks directory, the local state directory). */
  folders?: readonly string[];
}

/**
 * Why `out` must not be replaced, or undefined when it may be: it does not exist, is an empty
 * folder, or is a folder cdktf wrote (a cdktf manifest.json at its top and nothing but
 * manifest.json, stacks/ and assets/ there). Everything else is somebody's data: the project,
 * its config, a regular file, a link (replacing a link's target is never what was meant, and
 * following it could leave the project), any other folder. Reads only.
 */
export function checkReplaceableOutput(out: string, places: ProtectedPlaces): string | undefined {
  const cwd = realPath(resolve(places.cwd));
  const target = realLocation(resolve(places.cwd, out));
  const root = realPath(resolve(places.cwd, places.root));
  for (const [place, name] of [
    [root, 'the project root'],
    [cwd, 'the current directory'],
  ] as const) {
    if (target === place) return `is ${name}`;
    if (isInside(place, target)) return `contains ${name} (${place})`;
  }
  for (const folder of new Set([...PROTECTED_FOLDERS, ...(places.folders ?? [])])) {
    const shown = `${folder.replace(/[\\/]+$/, '')}/`;
    // As written and through links: a linked config/ is protected at both ends.
    for (const location of new Set([resolve(root, folder), realPath(resolve(root, folder))])) {
      if (target === location) return `is the project's ${shown} folder`;
      if (isInside(target, location)) return `is inside the project's ${shown} folder`;
      if (isInside(location, target)) return `contains the project's ${shown} folder`;
    }
  }
  let stats;
  try {
    stats = lstatSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // Missing (or under a file, which synthesis itself then reports): nothing there to lose.
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    return `cannot be inspected (${code || (error as Error).message})`;
  }
  if (stats.isSymbolicLink()) return 'is a symbolic link (synth replaces folders it wrote; it does not follow links)';
  if (!stats.isDirectory()) return stats.isFile() ? 'is a regular file, not a synth output folder' : 'is not a folder (a device, socket or pipe)';
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (error) {
    return `cannot be listed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  if (entries.length === 0) return undefined;
  if (!entries.includes('manifest.json')) return 'is a folder synth did not write (no cdktf manifest.json at its top)';
  if (!readCdktfManifest(join(target, 'manifest.json'))) return 'has a manifest.json that is not a cdktf manifest';
  const foreign = entries.filter((name) => !OUTPUT_ENTRIES.has(name)).sort();
  if (foreign.length > 0)
    return `holds ${foreign.length === 1 ? 'an entry' : 'entries'} synth does not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''})`;
  return undefined;
}

/** The manifest cdktf writes: `{ "version": "...", "stacks": { name: { synthesizedStackPath, ... } } }`; undefined when `file` is not one. */
function readCdktfManifest(file: string): Record<string, { synthesizedStackPath: string }> | undefined {
  try {
    if (!lstatSync(file).isFile()) return undefined;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (!manifest || typeof manifest !== 'object' || Array.isArray(manifest)) return undefined;
    const { version, stacks } = manifest as { version?: unknown; stacks?: unknown };
    if (typeof version !== 'string' || !stacks || typeof stacks !== 'object' || Array.isArray(stacks)) return undefined;
    const valid = Object.values(stacks).every((stack) => typeof (stack as { synthesizedStackPath?: unknown } | null)?.synthesizedStackPath === 'string');
    return valid ? (stacks as Record<string, { synthesizedStackPath: string }>) : undefined;
  } catch {
    return undefined;
  }
}

/** A whole output folder: a cdktf manifest whose every stack file is there (what is put back after a killed swap). */
function isCompleteOutput(folder: string): boolean {
  const stacks = readCdktfManifest(join(folder, 'manifest.json'));
  if (!stacks) return false;
  return Object.values(stacks).every(({ synthesizedStackPath }) => {
    const file = resolve(folder, synthesizedStackPath);
    return isInside(file, folder) && isRegularFile(file);
  });
}

const isRegularFile = (path: string) => {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
};

/** `path` resolved through links as far as it exists (the missing rest appended as written), so `a/../b`, linked parents and linked folders compare as the folders they are. */
function realPath(path: string): string {
  const missing: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync.native(current), ...missing.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      missing.push(basename(current));
      current = parent;
    }
  }
}

/** `path` with its parent resolved through links and its last component kept: a link itself is what is judged, not its target. */
function realLocation(path: string): string {
  const parent = dirname(path);
  return parent === path ? path : join(realPath(parent), basename(path));
}

/** Whether `inner` lies strictly inside `outer` (both absolute). A name such as `..cache` is inside; `..` and `../x` are not. */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

// Scratch names beside the output, and recovery from killed runs

const scratchName = (out: string, kind: string, suffix: string) => {
  const target = resolve(out);
  return join(dirname(target), `.${basename(target)}.${kind}-${suffix}`);
};

/**
 * Where a run stages its new output (`.<out>.tmp-<pid>`, or `.<out>.tmp-<pid>-<n>` for the n-th
 * synth of one process), beside the output so renames stay on one file system.
 */
export const stagingPath = (out: string, pid = process.pid, sequence?: number) =>
  scratchName(out, 'tmp', sequence === undefined ? `${pid}` : `${pid}-${sequence}`);
/** Where the previous output waits during the swap (`.<out>.old-<pid>`); swaps hold the lock, so one name per process is enough. */
export const retiredPath = (out: string, pid = process.pid) => scratchName(out, 'old', `${pid}`);
/** Prefix for mkdtemp of the parallel synth's scratch folder (`.<out>.parts-<pid>-XXXXXX`). */
export const partsPrefix = (out: string, pid = process.pid) => scratchName(out, 'parts', `${pid}-`);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Recovery {
  /** The `.old-<pid>` folder put back as the output (its run was killed between the two renames). */
  restored?: string;
  /** Dead runs' scratch folders removed. */
  removed: string[];
}

/**
 * Repairs what killed runs left beside `out`. Only folders whose PID is dead are touched: a live
 * PID's folder may be another synth at work. When the output is missing and a dead run's previous
 * output (`.old-<pid>`) is there and complete (a cdktf manifest whose stack files all exist), that
 * run died between moving the old output aside and moving the new one in: the old output is put
 * back, so the folder terraform reads is never gone for good. The newest such folder wins; the
 * other leftovers are removed. Call it holding the output lock (withOutputLock), so no swap is
 * under way meanwhile.
 */
export function recoverLeftovers(out: string): Recovery {
  const target = resolve(out);
  const parent = dirname(target);
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(tmp|old|parts)-(\\d+)(?:-[A-Za-z0-9]+)?$`);
  const dead = deadProcessFolders(parent, pattern).map(({ path, match, stats }) => ({ path, kind: match[1], mtimeMs: stats.mtimeMs }));
  dead.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.path < b.path ? -1 : 1));
  const recovery: Recovery = { removed: [] };
  if (!exists(target)) {
    const previous = dead.find(({ kind, path }) => kind === 'old' && isCompleteOutput(path));
    if (previous) {
      renameSync(previous.path, target);
      recovery.restored = previous.path;
    }
  }
  for (const { path } of dead) {
    if (path === recovery.restored) continue;
    rmSync(path, { recursive: true, force: true });
    recovery.removed.push(path);
  }
  return recovery;
}

/** Whether anything (a link included, dangling or not) is at `path`. */
export const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};
