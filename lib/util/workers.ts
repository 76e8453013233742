import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { compiledModule } from './tool-root';

/**
 * The worker threads of every parallel phase (config parsing, lint, synth): one way to start
 * them, one setting. Unset, each phase decides from its size and the cores (its threshold is
 * measured and written next to it); `ONCALL_WORKERS=N` makes every phase use N threads in all,
 * the calling thread included (1: no worker threads), as far as the phase can split its work.
 */
export const WORKERS_SETTING = 'ONCALL_WORKERS';

/**
 * How many worker threads (besides the caller) a phase starts: with ONCALL_WORKERS set, that
 * number minus the caller, at most `max` (what the phase can use); otherwise `automatic()`, the
 * phase's own choice. Throws on a setting that is not a whole number of at least 1, whichever
 * phase reads it first.
 */
export function workerBudget(automatic: () => number, max = Infinity, env: NodeJS.ProcessEnv = process.env): number {
  const setting = env[WORKERS_SETTING];
  if (setting === undefined || setting === '') return automatic();
  if (!/^\d+$/.test(setting) || Number(setting) < 1) {
    throw new Error(`${WORKERS_SETTING} must be a whole number of threads, 1 or more (1: no worker threads), not "${setting.slice(0, 20)}"`);
  }
  return Math.min(Number(setting) - 1, max);
}

/** One thread per core besides the caller, at most `max`: what a phase that pays starts. */
export const spareCores = (max: number) => Math.max(0, Math.min(availableParallelism() - 1, max));

const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
require(workerData.module)[workerData.entry](workerData.data);
`;

/**
 * Starts a worker thread that loads `modulePath` (a module of this tool: its compiled file in
 * dist/ runs, also when the caller is the TypeScript source under ts-jest) and calls its export
 * `entry` with `data`. The worker is unref'd: it never keeps the process alive, so callers wait
 * for its answer explicitly and terminate it when done.
 */
export function startWorker(modulePath: string, entry: string, data: unknown, transferList: readonly TransferListItem[] = []): Worker {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { module: compiledModule(modulePath), entry, data },
    transferList: [...transferList],
  });
  worker.unref();
  return worker;
}

/**
 * Starts `modulePath` (a module of this tool, run compiled like startWorker's) as a child Node
 * process with `args`; stdout is ignored and stderr piped, for the caller to quote on failure.
 * For work that does not share well in one process: cdktf synthesis in a second thread of the
 * same process was slower than in a second process (1,000 teams on 2 cores: 28 s wall, 47 s CPU,
 * 1.0 GB in one process vs 21 s wall, 40 s CPU, 0.65 GB at most per process; docs/performance.md).
 */
export function startWorkerProcess(modulePath: string, args: readonly string[], cwd: string): ChildProcess {
  return spawn(process.execPath, [compiledModule(modulePath), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: process.env });
}
