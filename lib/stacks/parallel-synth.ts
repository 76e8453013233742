import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { serialize } from 'node:v8';
import type { App } from 'cdktf';
import type { OrgModel } from '../model/types';
import { partsPrefix } from '../util/output-folder';
import { TOOL_ROOT } from '../util/tool-root';
import { spareCores, startWorkerProcess, workerBudget } from '../util/workers';
import { buildApp, stackNames, type BuildAppOptions } from './app';

/**
 * Full synth of a large organization on several cores. cdktf synthesizes stacks one after the
 * other in one thread (constructs and token resolution: about 16 s of CPU at 1,000 teams), but
 * team stacks with looked-up users are independent: each is a function of its team and the
 * organization settings alone (that is what `synth --stack` relies on too). So the stacks are
 * split round-robin into groups; each extra group is built by a child process
 * (synth-worker.ts) into its own folder while this process builds the first group, then the
 * children's `stacks/<name>` folders are moved into the output and their entries added to this
 * app's manifest, which cdktf's own Manifest writer writes again (it sorts keys, so the result is
 * byte-identical to a single-process synth; __tests__/perf/parallel-synth.test.ts compares).
 *
 * Used only where it pays: users looked up (managed users put an organization stack that every
 * team stack refers to) and at least MIN_STACKS_PER_WORKER stacks per process, since a child
 * costs ~0.5 s of start-up. Processes, not threads: measured faster and leaner for cdktf
 * (lib/util/workers.ts, startWorkerProcess). ONCALL_WORKERS sets how many (1 = off).
 */
export const MIN_STACKS_PER_WORKER = 150;
const MAX_WORKERS = 4;

const WORKER = join(__dirname, `synth-worker${extname(__filename)}`);

/** What a worker gets (v8-serialized into a file: exact for plain data, undefined and Infinity included). */
export interface WorkerPayload {
  model: OrgModel;
  options: BuildAppOptions;
}

/**
 * Builds and synthesizes the app into `options.outdir`, in one or several processes. The workers'
 * scratch folder is made with mkdtemp from `scratchPrefix` (default `.<outdir>.parts-<pid>-`
 * beside the output folder; synth passes the prefix of its final output), so a killed run's
 * folder names its dead process and a later synth removes it (lib/util/output-folder.ts).
 */
export async function synthesizeApp(model: OrgModel, options: BuildAppOptions, scratchPrefix = partsPrefix(options.outdir)): Promise<void> {
  const names = (options.stacks ?? stackNames(model)).filter((name) => name !== 'organization');
  const workers = workerCount(model, names.length);
  if (workers <= 1) {
    buildApp(model, options).synth();
    return;
  }
  const groups = Array.from({ length: workers }, (_, index) => names.filter((_, position) => position % workers === index));
  const scratch = mkdtempSync(scratchPrefix);
  try {
    const children = groups
      .slice(1)
      .map((stacks, index) => startWorker(model, { ...options, outdir: join(scratch, `part-${index + 1}`), stacks }, scratch, index + 1));
    let app: App;
    try {
      app = buildApp(model, { ...options, stacks: groups[0] });
      app.synth();
    } catch (error) {
      for (const child of children) child.process.kill(); // their output is useless now
      await Promise.allSettled(children.map((child) => child.done));
      throw error;
    }
    // Every worker has exited before the scratch folder is removed, failed or not.
    const settled = await Promise.allSettled(children.map((child) => child.done));
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    const parts = settled.map((result) => (result as PromiseFulfilledResult<string>).value);
    const manifest = app.manifest as unknown as CdktfManifest;
    for (const part of parts) {
      const written = JSON.parse(readFileSync(join(part, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
      for (const name of readdirSync(join(part, 'stacks'))) renameSync(join(part, 'stacks', name), join(options.outdir, 'stacks', name));
      Object.assign(manifest.stacks, written.stacks);
    }
    manifest.writeToFile();
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function workerCount(model: OrgModel, stacks: number): number {
  if (model.pagerduty.users === 'managed') return 1;
  return 1 + workerBudget(() => spareCores(Math.min(MAX_WORKERS, Math.floor(stacks / MIN_STACKS_PER_WORKER)) - 1), Math.max(stacks, 1) - 1);
}

/** cdktf's Manifest (App.manifest): stack entries, and the writer that sorts keys. */
interface CdktfManifest {
  stacks: Record<string, unknown>;
  writeToFile(): void;
}

/** Starts a worker for one group; `done` resolves to its output folder once it exited cleanly. */
function startWorker(model: OrgModel, options: BuildAppOptions, scratch: string, index: number): { process: ChildProcess; done: Promise<string> } {
  const payloadFile = join(scratch, `payload-${index}.bin`);
  writeFileSync(payloadFile, serialize({ model, options } satisfies WorkerPayload));
  const child = startWorkerProcess(WORKER, [payloadFile], TOOL_ROOT);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-8000)));
  const done = once(child, 'close').then(([code, signal]: unknown[]) => {
    if (code !== 0)
      throw new Error(
        `synth worker ${index} (${options.stacks?.[0]} and ${(options.stacks?.length ?? 1) - 1} more stacks) failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`,
      );
    return options.outdir;
  });
  return { process: child, done };
}
