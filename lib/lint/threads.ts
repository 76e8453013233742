import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, type Worker } from 'node:worker_threads';
import { DateTime } from 'luxon';
import type { OrgModel } from '../model/types';
import { spareCores, startWorker, workerBudget } from '../util/workers';
import { parseRunbooksAhead, useRunbooksParsedAhead, type ParsedRunbooks } from './runbook-prefetch';
import { RULES } from './rules';
import { checkRules, collectLint, isTeamScoped, runLint, type LintOptions } from './run';
import type { Finding, LintRule } from './types';

/**
 * Lint on more than one core. A lint run's work has two halves: the coverage rules (365 days of
 * every rotation, under both turn readings) and the runbook rules (reading, parsing and checking
 * every runbook). The coverage rules are team-local (scope `team`: a team's findings depend
 * only on that team), so they can be shared out team by team; the runbook rules cross teams.
 *
 * Worker threads are started before the config is loaded (startLintThreads). The first one reads
 * and parses the runbooks while the caller loads the config and builds the model
 * (lint/runbook-prefetch.ts), then runs every rule that is not team-local; the caller and the
 * other threads share the team-local rules. collectLint merges and sorts, so the findings are
 * runLint's exactly (__tests__/perf/lint-threads.test.ts compares both ways). A thread that fails
 * costs nothing but time: the caller runs its share itself.
 */

/** Below this many team files a thread costs what it saves (2 cores: 200 teams the same, 400 teams 5% faster, 1,000 teams 25%). */
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

type RulesAnswer = { findings: Finding[]; usedRunbooksParsedAhead: boolean } | { error: string };

/** What a thread answered: the findings, and whether it used the runbooks it parsed ahead. */
export interface ThreadAnswer {
  findings: Finding[];
  usedRunbooksParsedAhead: boolean;
}

export interface LintThreads {
  /** How many threads there are besides the caller; thread 0 parsed the runbooks ahead. */
  readonly count: number;
  /**
   * The findings of `ruleIds` for `teams` (all teams when absent) from thread `index`, or
   * undefined when it failed (the caller then runs those rules itself).
   */
  check(index: number, model: OrgModel, options: LintOptions, ruleIds: readonly string[], teams?: readonly string[]): Promise<ThreadAnswer | undefined>;
  /** Ends the threads without asking them anything (invalid config: no rule runs). */
  stop(): void;
}

export interface LintThreadOptions {
  configDir?: string;
  /** Start no thread below this many team files (default LINT_THREADS_MIN_TEAMS). */
  minTeams?: number;
  /** At most this many threads (default: one fewer than the cores, at most MAX_LINT_WORKERS). */
  maxThreads?: number;
}

/**
 * Starts the lint threads for the organization under `root`, or returns undefined when they would
 * not pay: fewer than `minTeams` team files, one core, or `ONCALL_WORKERS=1` (lib/util/workers.ts).
 */
export function startLintThreads(root: string, options: LintThreadOptions = {}): LintThreads | undefined {
  const configDir = options.configDir ?? 'config';
  const count = Math.min(
    workerCount(() => countTeamFiles(join(root, configDir, 'teams')), options.minTeams ?? LINT_THREADS_MIN_TEAMS),
    options.maxThreads ?? MAX_LINT_WORKERS,
  );
  if (count < 1) return undefined;
  const workers: LintWorker[] = [];
  for (let index = 0; index < count; index++) {
    const data: LintWorkerData = index === 0 ? { parseRunbooksOf: { root, configDir } } : {};
    const worker: LintWorker = Object.assign(startWorker(__filename, 'runLintWorker', data), { exited: false });
    // A thread that fails to start is noticed when asked (ask answers undefined); it must never crash the caller.
    worker.on('error', () => undefined);
    worker.once('exit', () => (worker.exited = true));
    workers.push(worker);
  }
  return {
    count,
    stop: () => workers.forEach((worker) => void worker.terminate()),
    check(index, model, options, ruleIds, teams) {
      return ask(workers[index], {
        model,
        fromMillis: options.from.toMillis(),
        fromZone: options.from.zoneName ?? 'UTC',
        windowDays: options.windowDays,
        ...(teams ? { teams: [...teams] } : options.teams ? { teams: [...options.teams] } : {}),
        ruleIds: [...ruleIds],
      });
    },
  };
}

/**
 * runLint on the lint threads (when given): thread 0 runs the rules that are not team-local (it
 * parsed the runbooks ahead), the caller and the other threads share the team-local rules team by
 * team. Same findings, same order as runLint. Stops the threads when done.
 */
export async function runLintOnThreads(model: OrgModel, options: LintOptions, threads: LintThreads | undefined): Promise<Finding[]> {
  if (!threads || !onlyRegistered(options.rules)) {
    threads?.stop();
    return runLint(model, options);
  }
  try {
    const rules = options.rules ?? RULES;
    const crossTeam = rules.filter((rule) => !isTeamScoped(rule));
    const teamLocal = rules.filter(isTeamScoped);
    const ids = (list: readonly LintRule[]) => list.map((rule) => rule.id);
    const teamIds = model.teams.map((team) => team.id).filter((id) => !options.teams || options.teams.has(id));
    // Share 0 is the caller's; share i (i >= 1) is thread i's. Thread 0 has the cross-team rules.
    const sharers = threads.count;
    const shares = Array.from({ length: sharers }, (_, share) => teamIds.filter((_, position) => position % sharers === share));
    const crossTeamAnswer = threads.check(0, model, options, ids(crossTeam));
    const shareAnswers = shares.slice(1).map((share, i) => threads.check(i + 1, model, options, ids(teamLocal), share));
    const own = checkRules(model, { ...options, teams: new Set(shares[0]) }, teamLocal);
    const found = [...own, ...((await crossTeamAnswer)?.findings ?? checkRules(model, options, crossTeam))];
    for (const [i, answer] of (await Promise.all(shareAnswers)).entries()) {
      found.push(...(answer?.findings ?? checkRules(model, { ...options, teams: new Set(shares[i + 1]) }, teamLocal)));
    }
    return collectLint(model, options, found);
  } finally {
    threads.stop();
  }
}

export interface BackgroundLint {
  /** runLint's findings for `model`, computed on the thread (or here, when the thread failed). */
  run(model: OrgModel, options: LintOptions): Promise<Finding[]>;
  /** Ends the thread without asking it anything (invalid config, or the caller's own work failed). */
  stop(): void;
}

/**
 * Every lint rule on one worker thread, for a caller that has work of its own meanwhile: `synth`
 * builds and writes the stacks while the rules run, and only then decides from the findings
 * whether its output may replace the previous one. Started before the config is loaded, like the
 * lint threads (and parsing the runbooks ahead likewise); undefined on one core or with
 * `ONCALL_WORKERS=1`. The findings are runLint's (a failed thread means the caller runs the
 * rules itself).
 */
export function startBackgroundLint(root: string, configDir = 'config'): BackgroundLint | undefined {
  const threads = startLintThreads(root, { configDir, minTeams: 0, maxThreads: 1 });
  if (!threads) return undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    threads.stop();
  };
  return {
    stop,
    async run(model, options) {
      const rules = options.rules ?? RULES;
      if (!onlyRegistered(rules)) {
        stop();
        return runLint(model, options);
      }
      try {
        const answer = await threads.check(
          0,
          model,
          options,
          rules.map((rule) => rule.id),
        );
        if (answer === undefined && stopped) return []; // stopped by the caller (its own work failed): nobody reads these
        return collectLint(model, options, answer?.findings ?? checkRules(model, options, rules));
      } finally {
        stop();
      }
    },
  };
}

/** Whether a thread can run these rules: it knows rules by id, from the registry. */
function onlyRegistered(rules: readonly LintRule[] | undefined): boolean {
  return !rules || rules.every((rule) => RULES.includes(rule));
}

function workerCount(teamFiles: () => number, minTeams: number): number {
  return workerBudget(() => (minTeams > 0 && teamFiles() < minTeams ? 0 : spareCores(MAX_LINT_WORKERS)), MAX_LINT_WORKERS);
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
function ask(worker: LintWorker, request: RulesRequest): Promise<ThreadAnswer | undefined> {
  if (worker.exited) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const onMessage = (answer: RulesAnswer) => settle('findings' in answer ? answer : undefined);
    const onExit = () => settle(undefined);
    const settle = (answer: ThreadAnswer | undefined) => {
      worker.off('message', onMessage).off('error', onExit).off('exit', onExit);
      worker.unref();
      resolve(answer);
    };
    worker.ref(); // the answer is all this process waits for now: it must not exit before it
    worker.on('message', onMessage).on('error', onExit).on('exit', onExit);
    worker.postMessage(request);
  });
}

interface LintWorkerData {
  /** Read and parse this organization's runbooks while waiting for the request. */
  parseRunbooksOf?: { root: string; configDir: string };
}

/**
 * Runs inside a lint thread: parses the runbooks ahead when asked to (while the caller loads the
 * config), then answers one request with the findings of the named rules for its teams (or all).
 */
export function runLintWorker(data: LintWorkerData): void {
  let parsedAhead: ParsedRunbooks | undefined;
  // Registered first: a request that arrives while the runbooks are parsed waits in the queue.
  parentPort!.once('message', (request: RulesRequest) => {
    let answer: RulesAnswer;
    try {
      const wanted = new Set(request.ruleIds);
      const rules = RULES.filter((rule) => wanted.has(rule.id));
      const from = DateTime.fromMillis(request.fromMillis, { zone: request.fromZone });
      const usedRunbooksParsedAhead = useRunbooksParsedAhead(request.model, parsedAhead);
      const findings = checkRules(request.model, { from, windowDays: request.windowDays, ...(request.teams ? { teams: new Set(request.teams) } : {}) }, rules);
      answer = { findings, usedRunbooksParsedAhead };
    } catch (error) {
      answer = { error: (error as Error).stack ?? String(error) };
    }
    parentPort!.postMessage(answer);
  });
  if (data.parseRunbooksOf) parsedAhead = parseRunbooksAhead(data.parseRunbooksOf.root, data.parseRunbooksOf.configDir);
}
