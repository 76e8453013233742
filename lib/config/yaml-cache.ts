import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { writeFileAtomicallyInBackground } from '../util/atomic-write';
import { TOOL_ROOT } from '../util/tool-root';

/**
 * Content-addressed cache of parsed config files. Parsing YAML is most of `validate` (about 2 ms
 * per team file with the `yaml` package's lexer, docs/performance.md), and a CI job runs validate,
 * lint, synth and review over the same files, each in its own process.
 *
 * An entry maps sha256(cache format, yaml version, file text) to the file's data as JSON. Only
 * clean parses are stored (no YAML diagnostic, JSON-exact values), so every error path
 * (duplicate keys, tabs, alias limits) still runs the real parser; a loader that needs positions
 * for a schema or meaning diagnostic re-parses that one file. An edited file has a new key, so an
 * entry is never stale. `ONCALL_CONFIG_CACHE` names another folder, or `off` disables the cache.
 */
const FORMAT = 'oncall-config-cache-1';

function cacheDir(): string | undefined {
  const setting = process.env.ONCALL_CONFIG_CACHE;
  if (setting === 'off' || setting === '0') return undefined;
  return setting || join(TOOL_ROOT, 'node_modules', '.cache', 'oncall-config');
}

let yamlVersion: string | undefined;
function cacheKey(text: string): string {
  yamlVersion ??= (require('yaml/package.json') as { version: string }).version;
  return createHash('sha256').update(`${FORMAT}\0${yamlVersion}\0`).update(text).digest('hex');
}

/** The data of a file parsed before, or undefined (not cached, cache off or unreadable). */
export function cachedYamlData(text: string): unknown {
  const dir = cacheDir();
  if (!dir) return undefined;
  try {
    return JSON.parse(readFileSync(join(dir, `${cacheKey(text)}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Entries being written in the background: the same file text twice is written once. */
const writing = new Set<string>();

/** Stores a clean parse; values JSON cannot carry exactly (Infinity, NaN, -0, __proto__ keys) are not stored. */
export function storeYamlData(text: string, data: unknown): void {
  // Only the main thread writes: worker threads are terminated by their callers, possibly in the
  // middle of a write (parallel-parse hands its results to the caller, which stores them).
  const dir = cacheDir();
  if (!dir || !isMainThread || !isJsonExact(data)) return;
  const file = join(dir, `${cacheKey(text)}.json`);
  if (writing.has(file)) return;
  try {
    // A concurrent reader sees the whole entry or none (write, then rename). Written in the
    // background: in line it was about 0.3 s of a cold validate at 1,000 teams.
    writing.add(file);
    void writeFileAtomicallyInBackground(file, JSON.stringify(data)).then(() => writing.delete(file));
  } catch {
    // A read-only checkout works, only without the cache.
  }
}

/** Whether JSON.parse(JSON.stringify(value)) gives back an equal value. */
export function isJsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(isJsonExact);
  if (typeof value === 'object' && isPlainObject(value)) {
    return Object.keys(value as object).every((key) => key !== '__proto__' && isJsonExact((value as Record<string, unknown>)[key]));
  }
  return false;
}

/**
 * An object literal's kind: its prototype is an Object.prototype, of this realm or another (data a
 * worker thread hands back may be built in another realm, e.g. under jest's sandbox).
 */
function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype !== null && Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]';
}
