import { resolve } from 'node:path';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** The project's TypeScript loader (bin/ts-hook.js): a worker thread does not inherit the caller's require hooks. */
const TS_HOOK = resolve(__dirname, '..', '..', 'bin', 'ts-hook.js');

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.hook);
require(workerData.module)[workerData.entry](workerData.data);
`;

/**
 * Starts a worker thread that loads `modulePath` (a .ts file of this project) through the
 * TypeScript hook and calls its export `entry` with `data`. The worker is unref'd: it never keeps
 * the process alive, so callers wait for its answer explicitly and terminate it when done.
 */
export function startTsWorker(modulePath: string, entry: string, data: unknown, transferList: readonly TransferListItem[] = []): Worker {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { hook: TS_HOOK, module: modulePath, entry, data },
    transferList: [...transferList],
  });
  worker.unref();
  return worker;
}
