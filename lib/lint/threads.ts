import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parentPort, type Worker } from 'node:worker_threads';
import { DateTime } from 'luxon';
import type { OrgModel } from '../model/types';
import { startTsWorker } from '../util/ts-worker';
import { prefetchRunbooks, prepareRunbookPrefetch, type RunbookPrefetchJob } from './runbook-prefetch';
import { RULES } from './rules';
import { checkRules, collectLint, runLint, TEAM_LOCAL_RULES, type LintOptions } from './run';
import type { Finding } from './types';

/**
 * Lint on more than one core. The coverage rules (365 days of every rotation, under both turn
 * readings) and the runbook rules (reading and checking every runbook) are the two halves of a
 * lint run's work, and the coverage rules are team-local (TEAM_LOCAL_RULES): a team's findings
 * depend only on that team. So worker threads run them, each for a share of the teams, while the
 * calling thread runs every other rule; collectLint then merges and sorts, so the findings are
 * runLint's exactly (__tests__/perf/lint-threads.test.ts compares both ways).
 *
 * The threads are started before the config is loaded (startLintThreads), so loading their code
 * overlaps with the caller's config work; a thread that fails or stops answering costs nothing but
 * time: the caller runs its share of the rules itself.
 */

/** Below this many team files a thread costs what it saves (2 cores: 200 teams the same, 400 teams 5% faster, 1,000 teams 20%). */
export const LINT_THREADS_MIN_TEAMS = 250;
/** More threads than this only add start-up and model copies: coverage is a second or two at 1,000 teams. */
const MAX_LINT_WORKERS = 3;

interface RulesRequest {
  model: OrgModel;
  /** `from` as epoch milliseconds and zone name: a DateTime does not survive the copy to a thread. */
  fromMillis: number;
  fromZone: string;
  windowDays?: number;
  /** The teams whose findings are wanted (checkRules' `teams`); all when absent. */
  teams?: string[];
  ruleIds: string[];
}

type RulesAnswer = { findings: Finding[] } | { error: string };

export interface LintThreads {
  /**
   * Makes the model's runbook catalog use the runbook files a thread read while the caller loaded
   * the config (lint/runbook-prefetch.ts); false when there are none to use (the catalog reads them).
   * `startGraceMs`: how long to wait for a thread that has not begun reading (tests; default 0).
   */
  useRunbookFiles(model: OrgModel, startGraceMs?: number): boolean;
  /** The team-local rules' findings for `model`, or undefined when a thread failed (the caller then runs those rules itself). */
  check(model: OrgModel, options: LintOptions, ruleIds: readonly string[]): Promise<Finding[] | undefined>;
  /** Ends the threads without asking them anything (invalid config: no rule runs). */
  stop(): void;
}

/**
 * Starts the lint threads for the organization under `root`, or returns undefined when they would
 * not pay: fewer than LINT_THREADS_MIN_TEAMS team files, one core, or `ONCALL_LINT_WORKERS=1`
 * (`ONCALL_LINT_WORKERS=N`: N threads in all, the caller included).
 */
export function startLintThreads(root: string, configDir = 'config'): LintThreads | undefined {
  const count = workerCount(() => countTeamFiles(join(root, configDir, 'teams')));
  if (count < 1) return undefined;
  const prefetch = prepareRunbookPrefetch(root, configDir);
  const workers: LintWorker[] = [];
  for (let i = 0; i < count; i++) {
    // The first thread also reads the runbook files while it waits for the model.
    const data: LintWorkerData = i === 0 ? { prefetch: prefetch.job } : {};
    const worker: LintWorker = Object.assign(startTsWorker(__filename, 'runLintWorker', data, i === 0 ? [prefetch.job.port] : []), { exited: false });
    // A thread that fails to start is noticed when asked (ask answers undefined); it must never crash the caller.
    worker.on('error', () => undefined);
    worker.once('exit', () => (worker.exited = true));
    workers.push(worker);
  }
  const stop = () => workers.forEach((worker) => void worker.terminate());
  return {
    stop,
    useRunbookFiles: (model, startGraceMs) => prefetch.collect(model, startGraceMs),
    async check(model, options, ruleIds) {
      const teamIds = model.teams.map((team) => team.id).filter((id) => !options.teams || options.teams.has(id));
      const shares = workers.map((_, index) => teamIds.filter((_, position) => position % workers.length === index));
      const base = { model, fromMillis: options.from.toMillis(), fromZone: options.from.zoneName ?? 'UTC', windowDays: options.windowDays, ruleIds: [...ruleIds] };
      try {
        const answers = await Promise.all(workers.map((worker, index) => ask(worker, { ...base, teams: shares[index] })));
        return answers.some((answer) => answer === undefined) ? undefined : answers.flatMap((answer) => answer!);
      } finally {
        stop();
      }
    },
  };
}

/**
 * runLint with the team-local rules on the lint threads (when given) and every other rule on the
 * calling thread at the same time. Same findings, same order as runLint.
 */
export async function runLintOnThreads(model: OrgModel, options: LintOptions, threads: LintThreads | undefined): Promise<Finding[]> {
  if (!threads) return runLint(model, options);
  const rules = options.rules ?? RULES;
  const offloaded = rules.filter((rule) => TEAM_LOCAL_RULES.has(rule));
  const pending = threads.check(
    model,
    options,
    offloaded.map((rule) => rule.id),
  );
  threads.useRunbookFiles(model);
  const own = checkRules(model, options, rules.filter((rule) => !TEAM_LOCAL_RULES.has(rule)));
  const theirs = (await pending) ?? checkRules(model, options, offloaded);
  return collectLint(model, options, [...own, ...theirs]);
}

export interface BackgroundLint {
  /** runLint's findings for `model`, computed on the thread (or here, when the thread failed). */
  run(model: OrgModel, options: LintOptions): Promise<Finding[]>;
  /** Ends the thread without asking it anything (invalid config: no rule runs). */
  stop(): void;
}

/**
 * Every lint rule on one worker thread, for a caller that has work of its own meanwhile: `synth`
 * builds and writes the stacks while the rules run, and only then decides from the findings
 * whether its output may replace the previous one. Started before the config is loaded, like the
 * lint threads; undefined on one core or with `ONCALL_LINT_WORKERS=1`. The findings are runLint's
 * (collectLint merges and sorts them; a failed thread means the caller runs the rules itself).
 */
export function startBackgroundLint(): BackgroundLint | undefined {
  const setting = process.env.ONCALL_LINT_WORKERS;
  if (setting === '0' || setting === '1' || availableParallelism() < 2) return undefined;
  const worker: LintWorker = Object.assign(startTsWorker(__filename, 'runLintWorker', {}), { exited: false });
  worker.on('error', () => undefined);
  worker.once('exit', () => (worker.exited = true));
  let stopped = false;
  const stop = () => {
    stopped = true;
    void worker.terminate();
  };
  return {
    stop,
    async run(model, options) {
      const rules = options.rules ?? RULES;
      try {
        const request: RulesRequest = {
          model,
          fromMillis: options.from.toMillis(),
          fromZone: options.from.zoneName ?? 'UTC',
          windowDays: options.windowDays,
          ...(options.teams ? { teams: [...options.teams] } : {}),
          ruleIds: rules.map((rule) => rule.id),
        };
        const answered = await ask(worker, request);
        if (answered === undefined && stopped) return []; // stopped by the caller (its own work failed): nobody reads these
        return collectLint(model, options, answered ?? checkRules(model, options, rules));
      } finally {
        stop();
      }
    },
  };
}

function workerCount(teamFiles: () => number): number {
  const setting = process.env.ONCALL_LINT_WORKERS;
  if (setting !== undefined && /^\d+$/.test(setting)) return Math.min(Math.max(0, Number(setting) - 1), MAX_LINT_WORKERS);
  const cores = availableParallelism();
  if (cores < 2 || teamFiles() < LINT_THREADS_MIN_TEAMS) return 0;
  return Math.min(cores - 1, MAX_LINT_WORKERS);
}

function countTeamFiles(folder: string): number {
  try {
    return readdirSync(folder).filter((name) => /\.ya?ml$/i.test(name)).length;
  } catch {
    return 0; // no folder: loadConfig reports it; nothing to lint on threads
  }
}

type LintWorker = Worker & { exited: boolean };

/** One request, one answer; undefined when the thread died or answered with an error. */
function ask(worker: LintWorker, request: RulesRequest): Promise<Finding[] | undefined> {
  if (worker.exited) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onMessage = (answer: RulesAnswer) => settle('findings' in answer ? answer.findings : undefined);
    const onExit = () => settle(undefined);
    const settle = (findings: Finding[] | undefined) => {
      worker.off('message', onMessage).off('error', onExit).off('exit', onExit);
      worker.unref();
      resolve(findings);
    };
    worker.ref(); // the answer is all this process waits for now: it must not exit before it
    worker.on('message', onMessage).on('error', onExit).on('exit', onExit);
    worker.postMessage(request);
  });
}

interface LintWorkerData {
  prefetch?: RunbookPrefetchJob;
}

/**
 * Runs inside a lint thread: reads the runbook files when asked to (while the caller loads the
 * config), then answers one request with the findings of the named rules for its teams (or all).
 */
export function runLintWorker(data: LintWorkerData): void {
  if (data.prefetch) prefetchRunbooks(data.prefetch);
  parentPort!.once('message', (request: RulesRequest) => {
    let answer: RulesAnswer;
    try {
      const wanted = new Set(request.ruleIds);
      const rules = RULES.filter((rule) => wanted.has(rule.id));
      const from = DateTime.fromMillis(request.fromMillis, { zone: request.fromZone });
      answer = { findings: checkRules(request.model, { from, windowDays: request.windowDays, ...(request.teams ? { teams: new Set(request.teams) } : {}) }, rules) };
    } catch (error) {
      answer = { error: (error as Error).stack ?? String(error) };
    }
    parentPort!.postMessage(answer);
  });
}
