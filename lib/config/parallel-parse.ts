import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { spareCores, startWorker, workerBudget } from '../util/workers';
import { isJsonExact, storeYamlData } from './yaml-cache';
import { parseYaml } from './yaml-source';

/**
 * Parses many config files on several cores at once, synchronously (loadConfig stays a plain
 * function). Parsing is the `yaml` package's lexer and parser, about 2 ms per team file, so a cold
 * `validate` of 1,000 teams spends most of its time here (docs/performance.md).
 *
 * The calling thread and the worker threads take files from one shared counter (whoever is free
 * takes the next), so a worker that starts late simply takes fewer. A worker hands back only what
 * is exact across threads: the data of a clean parse whose values JSON carries exactly. Any file
 * with a YAML diagnostic, or with data JSON cannot carry, comes back as `undefined` and the caller
 * parses it itself with parseYaml, so every diagnostic and value is the one a sequential run gives.
 */

/** Below this many files to parse a worker does not pay for its start-up (measured: 100 teams 0.04 s slower, 250 teams 0.15-0.2 s faster). */
export const PARALLEL_PARSE_MIN_FILES = 150;
const MAX_PARSE_WORKERS = 7;

export interface FileToParse {
  file: string;
  text: string;
}

/** How long the caller waits for a worker after its own share is done; a file takes milliseconds. */
const WORKER_DEADLINE_MS = 60_000;

/** Shared state: [0] the next file index to take; [1 + w] worker w's state (see WORKER_STATE). */
const WORKER_STATE = { idle: 0, working: 1, done: 2, cancelled: 3 } as const;

/**
 * For each file, the data of a clean parse (stored in the parse cache too), or undefined when the
 * caller must parse it itself (YAML diagnostics, values JSON cannot carry exactly). Returns
 * undefined as a whole when no worker is worth starting (`workerCount` 0, by default fewer than
 * PARALLEL_PARSE_MIN_FILES files or one core; ONCALL_WORKERS, lib/util/workers.ts).
 */
export function parseCleanInParallel(
  files: readonly FileToParse[],
  workerCount = defaultWorkerCount(files.length),
  /** false: only the workers parse (tests use it to be sure the worker path ran). */
  callerParses = true,
): unknown[] | undefined {
  if (workerCount < 1) return undefined;
  const results: unknown[] = new Array(files.length).fill(undefined);
  const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + workerCount)));
  const workers: { worker: Worker; port: MessagePort }[] = [];
  for (let w = 0; w < workerCount; w++) {
    const { port1, port2 } = new MessageChannel();
    // unref'd by startWorker: it is done (or cancelled) before we return
    const worker = startWorker(__filename, 'runParseWorker', { files, shared, slot: 1 + w, port: port2 }, [port2]);
    // A worker that fails (cannot load, out of memory) only loses its files: the caller parses what it did not hand back.
    worker.on('error', () => undefined);
    workers.push({ worker, port: port1 });
  }
  if (callerParses) takeFiles(files, shared, (index, data) => (results[index] = data));
  else {
    const deadline = Date.now() + WORKER_DEADLINE_MS; // a worker that cannot start fails the caller's check instead of hanging it
    while (Atomics.load(shared, 1) === WORKER_STATE.idle && Date.now() < deadline) Atomics.wait(shared, 1, WORKER_STATE.idle, 50);
  }
  for (const [w, { worker, port }] of workers.entries()) {
    const slot = 1 + w;
    // A worker that has not started taking files by now never will: cancel it instead of waiting for its start-up.
    if (Atomics.compareExchange(shared, slot, WORKER_STATE.idle, WORKER_STATE.cancelled) !== WORKER_STATE.idle) {
      // A worker that died without finishing (it cannot report then) is given up on: its files are parsed below by the caller.
      const deadline = Date.now() + WORKER_DEADLINE_MS;
      while (Atomics.load(shared, slot) !== WORKER_STATE.done && Date.now() < deadline) Atomics.wait(shared, slot, WORKER_STATE.working, 100);
      const message = receiveMessageOnPort(port)?.message as { parsed: [number, unknown][] } | undefined;
      for (const [index, data] of message?.parsed ?? []) results[index] = data;
    }
    port.close();
    void worker.terminate();
  }
  // Stored here, not in the threads: the calling thread writes the cache in the background.
  results.forEach((data, index) => data !== undefined && storeYamlData(files[index].text, data));
  return results;
}

function defaultWorkerCount(fileCount: number): number {
  return workerBudget(() => (fileCount < PARALLEL_PARSE_MIN_FILES ? 0 : spareCores(MAX_PARSE_WORKERS)));
}

/** Takes file indexes from the shared counter until none are left. */
function takeFiles(files: readonly FileToParse[], shared: Int32Array, found: (index: number, data: unknown) => void): void {
  for (let index = Atomics.add(shared, 0, 1); index < files.length; index = Atomics.add(shared, 0, 1)) {
    const data = parseClean(files[index]);
    if (data !== undefined) found(index, data);
  }
}

function parseClean({ file, text }: FileToParse): unknown {
  const parsed = parseYaml(file, text);
  if (parsed.diagnostics.length > 0 || !isJsonExact(parsed.data)) return undefined;
  return parsed.data;
}

/** Runs inside a worker thread (loaded through the same TypeScript hook as the CLI). */
export function runParseWorker(data: { files: FileToParse[]; shared: Int32Array; slot: number; port: MessagePort }): void {
  const { files, shared, slot, port } = data;
  if (Atomics.compareExchange(shared, slot, WORKER_STATE.idle, WORKER_STATE.working) !== WORKER_STATE.idle) return;
  const parsed: [number, unknown][] = [];
  try {
    takeFiles(files, shared, (index, value) => parsed.push([index, value]));
  } finally {
    // Files this worker took but could not hand back stay undefined: the caller parses them itself.
    try {
      port.postMessage({ parsed });
    } finally {
      Atomics.store(shared, slot, WORKER_STATE.done);
      Atomics.notify(shared, slot);
    }
  }
}
