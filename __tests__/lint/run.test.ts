import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { lintCommand } from '../../lib/cli/commands/lint';
import { oncallCommand } from '../../lib/cli/commands/oncall';
import type { CommandIO } from '../../lib/cli/io';
import { ORGANIZATION_SCOPE, runLint, UNKNOWN_RULE_ID } from '../../lib/lint/run';
import { RULES } from '../../lib/lint/rules';
import { COVERAGE_RULES } from '../../lib/lint/rules/coverage';
import { ORGANIZATION, orgModel, primarySecondaryTeam, utc } from '../model/fixtures';

const FROM = utc('2026-02-02T00:00Z');
const REPO = join(__dirname, '..', '..');
const smallTeam = () => primarySecondaryTeam(['a', 'b', 'c', 'd']);

describe('runLint', () => {
  it('applies default levels, and org overrides including off', () => {
    const byDefault = runLint(orgModel({ payments: smallTeam() }), { from: FROM, rules: COVERAGE_RULES });
    expect(byDefault.map((f) => [f.ruleId, f.level])).toEqual([['rotation-24x7-too-few-people', 'warn']]);
    const raised = runLint(orgModel({ payments: smallTeam() }, { lint: { rules: { 'rotation-24x7-too-few-people': 'error' } } }), {
      from: FROM,
      rules: COVERAGE_RULES,
    });
    expect(raised.map((f) => f.level)).toEqual(['error']);
    const silenced = runLint(orgModel({ payments: smallTeam() }, { lint: { rules: { 'rotation-24x7-too-few-people': 'off' } } }), {
      from: FROM,
      rules: COVERAGE_RULES,
    });
    expect(silenced).toEqual([]);
  });

  it('reports an override for an unknown rule id as an error, with a suggestion', () => {
    const findings = runLint(orgModel({ payments: smallTeam() }, { lint: { rules: { 'rotation-24x7-too-few-peple': 'off' } } }), {
      from: FROM,
      rules: COVERAGE_RULES,
    });
    expect(findings[0]).toMatchObject({
      ruleId: UNKNOWN_RULE_ID,
      level: 'error',
      teamId: ORGANIZATION_SCOPE,
      file: 'config/organization.yaml',
      path: ['lint', 'rules', 'rotation-24x7-too-few-peple'],
    });
    expect(findings[0].message).toContain('did you mean "rotation-24x7-too-few-people"?');
  });

  it('sorts by team, then rule registration order, then message', () => {
    const teams = { zeta: smallTeam(), alpha: { ...smallTeam(), name: 'Alpha' } };
    teams.alpha.escalation.levels[0].delayMinutes = 10;
    const findings = runLint(orgModel(teams), { from: FROM, rules: COVERAGE_RULES });
    expect(findings.map((f) => `${f.teamId} ${f.ruleId}`)).toEqual([
      'alpha rotation-24x7-too-few-people',
      'alpha escalation-first-delay-over-ack-target',
      'zeta rotation-24x7-too-few-people',
    ]);
  });

  it('uses the org window length unless told otherwise', () => {
    const team = smallTeam();
    (team.rotations.primary as Record<string, unknown>).start = '2026-03-02';
    const model = orgModel({ payments: team });
    expect(runLint(model, { from: FROM, rules: COVERAGE_RULES }).some((f) => f.ruleId === 'escalation-first-level-gap')).toBe(true);
    expect(
      runLint(model, { from: utc('2026-03-02T16:00Z'), windowDays: 30, rules: COVERAGE_RULES }).some((f) => f.ruleId === 'escalation-first-level-gap'),
    ).toBe(false);
  });

  it('registers every coverage rule once, with an id, default level and description', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of COVERAGE_RULES) {
      expect(RULES).toContain(rule);
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warn']).toContain(rule.defaultLevel);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });
});

function capture(): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), color: false, cwd: join(REPO, 'examples', 'example-corp'), env: {} };
}

describe('npm run lint on the example organization', () => {
  it('finds no coverage gap anywhere in the next 365 days (json output)', async () => {
    const io = capture();
    await lintCommand.run(['--from', '2026-11-25', '--format', 'json'], io);
    const report = JSON.parse(io.stdout.join('\n'));
    expect(report).toMatchObject({ valid: true, windowDays: 365 });
    const gapRules = ['escalation-first-level-gap', 'service-nobody-on-call', 'follow-the-sun-gap'];
    expect(report.findings.filter((f: { ruleId: string }) => gapRules.includes(f.ruleId))).toEqual([]);
  });

  it('exits 0: the example has no error-level finding', async () => {
    expect(await lintCommand.run(['--from', '2026-11-25'], capture())).toBe(0);
  });
});

describe('npm run lint output', () => {
  let root: string;
  beforeAll(() => {
    // JSON is YAML: a throwaway repository with one team that breaks two rules.
    root = mkdtempSync(join(tmpdir(), 'oncall-lint-'));
    mkdirSync(join(root, 'config', 'teams'), { recursive: true });
    mkdirSync(join(root, 'runbooks', 'api'), { recursive: true });
    writeFileSync(join(root, 'runbooks', 'api', 'errors.md'), '# API errors - API runbook\n');
    writeFileSync(join(root, 'config', 'organization.yaml'), JSON.stringify(ORGANIZATION));
    const team = primarySecondaryTeam(['a', 'b', 'c', 'd']);
    (team.rotations.primary as Record<string, unknown>).coverage = [{ days: ['monday'], from: '09:00', to: '17:00' }];
    writeFileSync(join(root, 'config', 'teams', 'payments.yaml'), JSON.stringify(team));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints each finding as file:line:col, path, message and rule id, and exits 1 on an error-level finding', async () => {
    const io = { ...capture(), cwd: root };
    const code = await lintCommand.run(['--from', '2026-02-02T00:00Z'], io);
    const text = io.stdout.join('\n');
    expect(code).toBe(1);
    expect(text).toMatch(
      /^config\/teams\/payments\.yaml:1:\d+ {2}escalation\.levels\[0\] {2}team Payments \(payments\): escalation level 1 .* \[escalation-first-level-gap\]$/m,
    );
    expect(text).toContain('first from Sun 2026-02-01 19:00 America/New_York (2026-02-02 00:00 UTC)');
    expect(text).toMatch(/lint: \d+ error\(s\), \d+ warning\(s\) \(window 2026-02-02 00:00 UTC \+ 365 days\)/);
  });

  it('turns the error into a warning when organization.yaml lowers its level', async () => {
    writeFileSync(
      join(root, 'config', 'organization.yaml'),
      JSON.stringify({ ...ORGANIZATION, lint: { rules: { 'escalation-first-level-gap': 'warn', 'service-nobody-on-call': 'off' } } }),
    );
    const io = { ...capture(), cwd: root };
    await lintCommand.run(['--from', '2026-02-02', '--format', 'json'], io);
    const report = JSON.parse(io.stdout.join('\n'));
    const coverageIds = COVERAGE_RULES.map((r) => r.id);
    // The throwaway runbook is a stub, so runbook rules have their say; only coverage rules matter here.
    expect(report.findings.filter((f: { ruleId: string; level: string }) => coverageIds.includes(f.ruleId) && f.level === 'error')).toEqual([]);
    expect(report.findings.some((f: { ruleId: string }) => f.ruleId === 'service-nobody-on-call')).toBe(false);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'escalation-first-level-gap').level).toBe('warn');
  });
});

describe('lint usage', () => {
  it('rejects a malformed --from and an unknown --format as usage errors', async () => {
    await expect(lintCommand.run(['--from', 'next tuesday'], capture())).rejects.toThrow(/--from must be an ISO 8601 date/);
    await expect(lintCommand.run(['--format', 'xml'], capture())).rejects.toThrow(/--format must be text or json/);
  });
});

describe('npm run oncall', () => {
  it('prints who is on call in the team zone and the load per person', async () => {
    const io = capture();
    expect(await oncallCommand.run(['payments', '--weeks', '2', '--from', '2026-03-02T15:00Z'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('times in America/New_York');
    expect(text).toMatch(/Mon 2026-03-02 10:00 +Mon 2026-03-09 10:00 +Dana Levi +167\n/);
    expect(text).toMatch(/Chen Wei \(chen\) +\d+ +\d+ +primary \d+%, secondary \d+%/);
  });

  it("reads a --from without an offset as the team's local time", async () => {
    const io = capture();
    expect(await oncallCommand.run(['payments', '--weeks', '1', '--from', '2026-11-30'], io)).toBe(0);
    expect(io.stdout[0]).toContain('from Mon 2026-11-30 00:00 to Mon 2026-12-07 00:00, times in America/New_York');
  });

  it('suggests the closest team for a typo', async () => {
    await expect(oncallCommand.run(['paymnts'], capture())).rejects.toThrow(/did you mean "payments"/);
  });
});

/** Walks relative imports from a file; cdktf and provider bindings must never be reached. */
function importGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|require\()\s*'([^']+)'/g)) {
      const target = match[1];
      if (!target.startsWith('.')) {
        external.add(target);
        continue;
      }
      const base = resolve(dirname(file), target);
      const candidates = [`${base}.ts`, join(base, 'index.ts')];
      const found = candidates.find((c) => existsSync(c));
      if (found) visit(found);
    }
  };
  visit(entry);
  return external;
}

describe('layering', () => {
  it.each(['lib/cli/commands/lint.ts', 'lib/cli/commands/oncall.ts', 'lib/model/coverage/index.ts'])('%s never imports cdktf or a provider', (file) => {
    const external = [...importGraph(join(REPO, file))];
    expect(external.filter((m) => /cdktf|constructs/.test(m))).toEqual([]);
  });
});
