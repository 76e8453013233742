import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { lintCommand } from '../../lib/cli/commands/lint';
import type { CommandIO } from '../../lib/cli/io';
import { buildModel } from '../../lib/model/build';
import type { OrgModel } from '../../lib/model/types';
import { checkRules, runLint, type LintOptions } from '../../lib/lint/run';
import { COVERAGE_RULES } from '../../lib/lint/rules/coverage';
import type { Finding, LintRule } from '../../lib/lint/types';
import { runbookCatalog } from '../../lib/runbooks/catalog';
import { parseRunbooksAhead, useRunbooksParsedAhead } from '../../lib/lint/runbook-prefetch';
import { RULES } from '../../lib/lint/rules';
import { LINT_THREADS_MIN_TEAMS, runLintOnThreads, startLintThreads, type LintThreads } from '../../lib/lint/threads';
import { orgModel, primarySecondaryTeam, utc } from '../model/fixtures';

/**
 * Lint on worker threads (lib/lint/threads.ts) must give runLint's findings exactly: the same
 * findings, levels and order, whatever thread found them and however the teams were shared out.
 */
/** The bundled example organization (never the repository's own config/). */
const EXAMPLE = resolve(__dirname, '..', '..', 'examples', 'example-corp');
const FROM = utc('2026-02-02T00:00Z');

const sortById = (findings: Finding[]) =>
  [...findings].sort((a, b) => `${a.teamId} ${a.ruleId} ${a.message}`.localeCompare(`${b.teamId} ${b.ruleId} ${b.message}`));

function withLintWorkers<T>(threads: string | undefined, run: () => T): T {
  const previous = process.env.ONCALL_WORKERS;
  if (threads === undefined) delete process.env.ONCALL_WORKERS;
  else process.env.ONCALL_WORKERS = threads;
  try {
    return run();
  } finally {
    if (previous === undefined) delete process.env.ONCALL_WORKERS;
    else process.env.ONCALL_WORKERS = previous;
  }
}

/** Teams with coverage findings of several rules (too few people, ack target, gaps), and some without. */
function modelWithFindings(): OrgModel {
  const teams: Record<string, unknown> = {};
  for (let i = 0; i < 7; i++) {
    const team = primarySecondaryTeam(i % 2 === 0 ? ['a', 'b', 'c', 'd'] : ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    if (i % 3 === 0) (team.escalation.levels[0] as { delayMinutes: number }).delayMinutes = 20;
    if (i === 4) (team.rotations.primary as Record<string, unknown>).start = '2026-03-02';
    teams[`team-${String.fromCharCode(103 - i)}`] = team; // ids in reverse of creation order
  }
  return orgModel(teams, { lint: { rules: { 'rotation-24x7-too-few-people': 'error', 'no-such-rule': 'off' } } });
}

describe('lint on threads', () => {
  let org: string;
  beforeAll(() => {
    org = mkdtempSync(join(tmpdir(), 'oncall-lint-threads-'));
    mkdirSync(join(org, 'config', 'teams'), { recursive: true });
  });
  afterAll(() => rmSync(org, { recursive: true, force: true }));

  it.each([
    ['one thread besides the caller', '2'],
    ['two threads sharing the teams', '3'],
  ])('finds exactly what runLint finds, in the same order (%s)', async (_label, workers) => {
    const model = modelWithFindings();
    const options: LintOptions = { from: FROM, organizationFile: 'config/organization.yaml' };
    const sequential = runLint(model, options);
    expect(new Set(sequential.map((f) => f.ruleId)).size).toBeGreaterThanOrEqual(4); // a real comparison, not of two empty lists
    const threads = withLintWorkers(workers, () => startLintThreads(org));
    expect(await runLintOnThreads(model, options, threads)).toEqual(sequential);
    // And the threads really answer (a failed thread would fall back to the caller unseen).
    const asked = withLintWorkers(workers, () => startLintThreads(org))!;
    try {
      const local = COVERAGE_RULES.map((rule) => rule.id);
      const answers = await Promise.all(Array.from({ length: asked.count }, (_, index) => asked.check(index, model, options, local)));
      for (const answer of answers) expect(sortById(answer!.findings)).toEqual(sortById(checkRules(model, options, COVERAGE_RULES)));
    } finally {
      asked.stop();
    }
  });

  it('keeps a --stack style restriction to some teams', async () => {
    const model = modelWithFindings();
    const options: LintOptions = { from: FROM, teams: new Set(['team-a', 'team-d']) };
    const threads = withLintWorkers('3', () => startLintThreads(org));
    expect(await runLintOnThreads(model, options, threads)).toEqual(runLint(model, options));
  });

  it('runs rules the threads do not know (not registered) on the caller', async () => {
    const model = modelWithFindings();
    const custom: LintRule = {
      id: 'custom-every-team',
      defaultLevel: 'warn',
      scope: 'organization',
      description: 'one finding per team',
      check: ({ model: m }) => m.teams.map((team) => ({ teamId: team.id, message: 'seen' })),
    };
    const options: LintOptions = { from: FROM, rules: [...RULES, custom] };
    const threads = withLintWorkers('2', () => startLintThreads(org));
    const found = await runLintOnThreads(model, options, threads);
    expect(found.filter((f) => f.ruleId === 'custom-every-team')).toHaveLength(model.teams.length);
    expect(found).toEqual(runLint(model, options));
  });

  it('runs the rules itself when a thread fails', async () => {
    const model = modelWithFindings();
    const failed: LintThreads = { count: 2, check: async () => undefined, stop: () => undefined };
    expect(await runLintOnThreads(model, { from: FROM }, failed)).toEqual(runLint(model, { from: FROM }));
  });

  it('starts no thread for a small organization, on request, or when told to run alone', () => {
    for (let i = 0; i < LINT_THREADS_MIN_TEAMS - 1; i++) writeFileSync(join(org, 'config', 'teams', `t${i}.yaml`), '');
    expect(withLintWorkers(undefined, () => startLintThreads(org))).toBeUndefined();
    expect(withLintWorkers('1', () => startLintThreads(org))).toBeUndefined();
    expect(withLintWorkers(undefined, () => startLintThreads(join(org, 'missing')))).toBeUndefined();
  });

  it('gives the lint command the same output with and without threads on the bundled example', async () => {
    const run = async (workers: string) => {
      const out: string[] = [];
      const io: CommandIO = { out: (text) => void out.push(text), err: () => undefined, color: false, cwd: EXAMPLE, env: process.env };
      const code = await withLintWorkers(workers, () => lintCommand.run(['--root', EXAMPLE, '--from', '2026-02-02', '--format', 'json'], io));
      return { code, out: out.join('\n') };
    };
    const alone = await run('1');
    expect(JSON.parse(alone.out).valid).toBe(true);
    expect(await run('2')).toEqual(alone);
    // The example's own model, linted both ways directly as well.
    const loaded = loadConfig({ root: EXAMPLE });
    const model = buildModel(loaded.config!);
    const threads = withLintWorkers('2', () => startLintThreads(EXAMPLE));
    expect(await runLintOnThreads(model, { from: FROM }, threads)).toEqual(runLint(model, { from: FROM }));
  });

  it('has the runbooks parsed by the thread that runs the runbook rules, with the same findings and catalog', async () => {
    const loaded = loadConfig({ root: EXAMPLE });
    const model = buildModel(loaded.config!);
    const crossTeam = RULES.filter((rule) => !COVERAGE_RULES.includes(rule));
    const options: LintOptions = { from: FROM };
    const threads = withLintWorkers('2', () => startLintThreads(EXAMPLE))!;
    try {
      const answer = await threads.check(
        0,
        model,
        options,
        crossTeam.map((rule) => rule.id),
      );
      expect(answer!.usedRunbooksParsedAhead).toBe(true);
      expect(sortById(answer!.findings)).toEqual(sortById(checkRules(buildModel(loaded.config!), options, crossTeam)));
    } finally {
      threads.stop();
    }
    // The catalog from runbooks parsed ahead equals the one that reads the files.
    const ahead = buildModel(loaded.config!);
    expect(useRunbooksParsedAhead(ahead, parseRunbooksAhead(EXAMPLE, 'config'))).toBe(true);
    const catalog = runbookCatalog(ahead);
    expect(catalog.runbooks.length).toBeGreaterThan(5);
    expect(catalog).toEqual(runbookCatalog(buildModel(loaded.config!)));
  });

  it('does not use runbooks parsed from another folder or repository than the model uses', () => {
    const loaded = loadConfig({ root: EXAMPLE });
    const model = buildModel(loaded.config!);
    const parsed = parseRunbooksAhead(EXAMPLE, 'config');
    expect(parsed!.runbooks.size).toBeGreaterThan(5);
    expect(useRunbooksParsedAhead({ ...model, runbooks: { ...model.runbooks, directory: 'docs' } }, parsed)).toBe(false);
    expect(useRunbooksParsedAhead({ ...model, runbooks: { ...model.runbooks, root: '/elsewhere' } }, parsed)).toBe(false);
    expect(useRunbooksParsedAhead(model, undefined)).toBe(false);
    expect(parseRunbooksAhead(join(EXAMPLE, 'missing'), 'config')).toBeUndefined();
  });
});
