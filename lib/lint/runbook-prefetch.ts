import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { parseYamlCached } from '../config/yaml-source';
import type { OrgModel } from '../model/types';
import { listMarkdownFiles } from '../config/runbook-files';
import { normalizedRunbooksDirectory, useRunbookContents } from '../runbooks/catalog';
import { readRunbookContent, type RunbookFileContent } from '../runbooks/runbook';

/**
 * Reading every runbook is a large share of lint's runbook rules (12,000 files at 1,000 teams, a
 * few system calls each). A lint thread (lib/lint/threads.ts) has nothing to do until the caller
 * has loaded the config and built the model, so it reads the runbook files in that time and hands
 * their contents over; the caller's runbook catalog then parses them instead of reading them.
 *
 * The thread knows the runbooks folder before the caller does only by reading
 * organization.yaml itself: the contents are used only when that folder and the repository root
 * are the model's, and a file missing from them is read as usual, so the catalog is the same
 * either way (__tests__/perf/lint-threads.test.ts).
 */

/** Shared state [0]: whether the thread took the job, then whether the contents are posted. */
const STATE = { waiting: 0, reading: 1, posted: 2, cancelled: 3 } as const;
/** How long the caller waits for a thread that is reading; beyond it, it reads the files itself. */
const READING_DEADLINE_MS = 60_000;

export interface RunbookPrefetchJob {
  root: string;
  configDir: string;
  port: MessagePort;
  shared: Int32Array;
}

interface PrefetchedRunbooks {
  root: string;
  directory: string;
  contents: [string, RunbookFileContent][];
}

/** The caller's side: a job to hand to a thread (transfer `job.port`) and a way to collect it. */
export function prepareRunbookPrefetch(root: string, configDir: string): { job: RunbookPrefetchJob; collect(model: OrgModel, startGraceMs?: number): boolean } {
  const { port1, port2 } = new MessageChannel();
  const shared = new Int32Array(new SharedArrayBuffer(4));
  return {
    job: { root: resolve(root), configDir, port: port2, shared },
    /**
     * Makes the model's runbook catalog use the prefetched contents; false when there are none to
     * use. A thread that has not started the job within `startGraceMs` (default 0: lint asks long
     * after the threads started) is not waited for.
     */
    collect(model, startGraceMs = 0) {
      try {
        const graceEnd = Date.now() + startGraceMs;
        while (Atomics.load(shared, 0) === STATE.waiting && Date.now() < graceEnd) Atomics.wait(shared, 0, STATE.waiting, 20);
        if (Atomics.compareExchange(shared, 0, STATE.waiting, STATE.cancelled) === STATE.waiting) return false;
        const deadline = Date.now() + READING_DEADLINE_MS;
        while (Atomics.load(shared, 0) === STATE.reading && Date.now() < deadline) Atomics.wait(shared, 0, STATE.reading, 100);
        const message = receiveMessageOnPort(port1)?.message as PrefetchedRunbooks | undefined;
        if (!message || message.root !== model.runbooks.root || message.directory !== normalizedRunbooksDirectory(model.runbooks.directory)) return false;
        useRunbookContents(model, new Map(message.contents));
        return true;
      } finally {
        port1.close();
      }
    },
  };
}

/** The thread's side: reads the runbook files under the folder organization.yaml names and posts them. */
export function prefetchRunbooks({ root, configDir, port, shared }: RunbookPrefetchJob): void {
  if (Atomics.compareExchange(shared, 0, STATE.waiting, STATE.reading) !== STATE.waiting) return;
  try {
    const directory = normalizedRunbooksDirectory(runbooksDirectoryOf(root, configDir));
    const contents = listMarkdownFiles(join(root, directory)).map((file): [string, RunbookFileContent] => [file, readRunbookContent(file)]);
    port.postMessage({ root, directory, contents } satisfies PrefetchedRunbooks);
  } catch {
    // Nothing posted: the caller reads the files itself.
  } finally {
    Atomics.store(shared, 0, STATE.posted);
    Atomics.notify(shared, 0);
  }
}

/** runbooks.directory from organization.yaml as written, or the schema's default. */
function runbooksDirectoryOf(root: string, configDir: string): string {
  const file = join(configDir, 'organization.yaml');
  const data = parseYamlCached(file, readFileSync(join(root, file), 'utf8')).data as { runbooks?: { directory?: unknown } } | undefined;
  const directory = data?.runbooks?.directory;
  return typeof directory === 'string' && directory.length > 0 ? directory : 'runbooks';
}
