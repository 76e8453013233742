import { parseDocument } from 'yaml';
import { lintCommand } from '../../lib/cli/commands/lint';
import { reviewCommand } from '../../lib/cli/commands/review';
import type { Finding } from '../../lib/lint/types';
import type { Review } from '../../lib/review/types';
import { runCommand, TempRepo } from './git-repo';

/**
 * `lint --base` and `review` over a real git repository: base = the bundled example, head = a
 * roster change to payments' primary rotation (bruno, chen, dana, emeka, fatima, hugo; weekly,
 * Monday 10:00 America/New_York from 2026-01-05; secondary derived one turn behind).
 *
 * --from 2026-03-02 (00:00 UTC = Sun 19:00 New York) falls in the turn that began Mon 2026-02-23
 * (turn 7 since 2026-01-05: chen); the next handoff is Mon 2026-03-02 10:00 New York = 15:00 UTC.
 */
const FROM = '2026-03-02';
const RULE = 'roster-change-without-effective-instant';
const FILE = 'config/teams/payments.yaml';
const OLD_MEMBERS = 'members: [bruno, chen, dana, emeka, fatima, hugo]';
const NEXT_HANDOFF = 'Mon 2026-03-02 10:00 America/New_York (2026-03-02 15:00 UTC)';

async function lintFindings(
  repo: TempRepo,
  extra: string[] = ['--base', 'HEAD'],
): Promise<{ code: number; findings: Finding[]; json: Record<string, unknown> }> {
  const result = await runCommand(lintCommand, ['--root', repo.root, '--from', FROM, '--format', 'json', ...extra], repo.root);
  const json = JSON.parse(result.stdout) as { findings: Finding[] } & Record<string, unknown>;
  return { code: result.code, findings: json.findings.filter((f) => f.ruleId === RULE), json };
}

async function review(repo: TempRepo): Promise<{ json: Review; markdown: string }> {
  const args = ['--base', 'HEAD', '--root', repo.root, '--from', FROM];
  const json = await runCommand(reviewCommand, [...args, '--format', 'json'], repo.root);
  expect(json.code).toBe(0);
  const markdown = await runCommand(reviewCommand, args, repo.root);
  return { json: JSON.parse(json.stdout) as Review, markdown: markdown.stdout };
}

/** Adds a responder to the team (not yet to any rotation). */
function hire(repo: TempRepo, id: string): void {
  repo.replaceOnce(FILE, '  hugo: {', `  ${id}: { name: Ines Costa, email: ${id}@example.com, role: responder }\n  hugo: {`);
}

/** Pastes a suggested rosters block in place of the primary rotation's `members:` line. */
function pasteRosters(repo: TempRepo, currentMembersLine: string, suggestion: string): void {
  const indented = suggestion
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')
    .trimStart();
  repo.replaceOnce(FILE, currentMembersLine, indented);
}

describe('a member added in place', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => {
    hire(repo, 'ines');
    repo.replaceOnce(FILE, OLD_MEMBERS, 'members: [bruno, chen, dana, emeka, fatima, hugo, ines]');
  });

  it('lint --base warns once, on the primary (the derived secondary follows it), with the next handoff and a rosters block', async () => {
    const { code, findings, json } = await lintFindings(repo);
    expect(code).toBe(1); // the example's runbook dates are in the future at this --from; not this rule's doing
    expect(json.base).toMatchObject({ ref: 'HEAD' });
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ level: 'warn', teamId: 'payments', file: FILE, path: ['rotations', 'primary', 'members'] });
    expect(finding.message).toContain('`members` edited in place (added ines) without an effective instant');
    // Turn 7 (in progress at --from) was chen's; a seven-person list gives it to bruno.
    expect(finding.message).toContain('first at Sun 2026-03-01 19:00 America/New_York (2026-03-02 00:00 UTC) (chen -> bruno)');
    expect(finding.message).toContain('Rotation "secondary" (derived) moves with it');
    expect(finding.message).toContain(`next handoff, ${NEXT_HANDOFF}`);
    expect(finding.instants).toEqual(['Sun 2026-03-01 19:00 America/New_York (2026-03-02 00:00 UTC)', NEXT_HANDOFF]);
    expect(finding.suggestion).toBe(
      [
        'rosters:',
        "  - { effectiveFrom: '2026-01-05T10:00', members: [bruno, chen, dana, emeka, fatima, hugo] }",
        "  - { effectiveFrom: '2026-03-02T10:00', members: [bruno, chen, dana, emeka, fatima, hugo, ines] }",
      ].join('\n'),
    );
  });

  it('lint prints the suggestion under the finding in text mode', async () => {
    const text = await runCommand(lintCommand, ['--root', repo.root, '--from', FROM, '--base', 'HEAD'], repo.root);
    expect(text.stdout).toMatch(
      /^config\/teams\/payments\.yaml:\d+:\d+ {2}rotations\.primary\.members {2}warning: .* \[roster-change-without-effective-instant\]\n {4}suggested config \(YAML\):\n/m,
    );
    expect(text.stdout).toContain("suggested config (YAML):\n      rosters:\n        - { effectiveFrom: '2026-01-05T10:00'");
    expect(text.stdout).toContain('compared with HEAD)');
  });

  it('review shows it at the top of the team section and in the summary, with the rosters block', async () => {
    const { json, markdown } = await review(repo);
    const team = json.teams.find((t) => t.id === 'payments')!;
    expect(team.changeFindings.map((f) => [f.ruleId, f.level, f.path])).toEqual([[RULE, 'warn', ['rotations', 'primary', 'members']]]);
    expect(team.changeFindings[0].suggestion).toContain("- { effectiveFrom: '2026-03-02T10:00', members: [bruno, chen, dana, emeka, fatima, hugo, ines] }");
    // Not repeated among the lint findings introduced.
    expect(team.lint.introduced.map((f) => f.ruleId)).not.toContain(RULE);

    const summary = markdown.slice(markdown.indexOf('### Summary'), markdown.indexOf('### Payments'));
    expect(summary).toContain('- Payments (`payments`): warn `roster-change-without-effective-instant` at `rotations.primary.members`');
    const teamSection = markdown.slice(markdown.indexOf('### Payments (`payments`)'));
    expect(teamSection.indexOf('#### :warning: Flagged change (1)')).toBeLessThan(teamSection.indexOf('#### Escalation chain'));
    expect(teamSection).toContain(`\`\`\`yaml\n${team.changeFindings[0].suggestion}\n\`\`\``);
  });

  it('pasting the suggestion clears the finding and leaves every turn before the handoff as it was', async () => {
    const [finding] = (await lintFindings(repo)).findings;
    pasteRosters(repo, 'members: [bruno, chen, dana, emeka, fatima, hugo, ines]', finding.suggestion!);
    expect((await lintFindings(repo)).findings).toEqual([]);
    const { json } = await review(repo);
    const team = json.teams.find((t) => t.id === 'payments')!;
    expect(team.changeFindings).toEqual([]);
    const before = team.rotations.before!.find((r) => r.id === 'primary')!.turns;
    const after = team.rotations.after!.find((r) => r.id === 'primary')!.turns;
    // The order continues from dana at the handoff and ines joins after hugo: her first turn is
    // 2026-03-30, so nobody's turn in the 4-week preview moves at all.
    expect(after.map((t) => t.member)).toEqual(['chen', 'dana', 'emeka', 'fatima', 'hugo']);
    expect(after).toEqual(before);
    expect(team.rotations.changed).toBe(false);
  });
});

describe('the same addition written as a new roster with effectiveFrom', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => {
    hire(repo, 'ines');
    repo.replaceOnce(
      FILE,
      OLD_MEMBERS,
      [
        'rosters:',
        "      - { effectiveFrom: '2026-01-05T10:00', members: [bruno, chen, dana, emeka, fatima, hugo] }",
        "      - { effectiveFrom: '2026-03-09T10:00', members: [bruno, chen, dana, emeka, fatima, hugo, ines] }",
      ].join('\n'),
    );
  });

  it('is not flagged by lint --base nor by review, though the schedules change', async () => {
    expect((await lintFindings(repo)).findings).toEqual([]);
    const { json, markdown } = await review(repo);
    const team = json.teams.find((t) => t.id === 'payments')!;
    const resources = json.stacks.flatMap((s) => s.resources.map((r) => `${r.action} ${r.type}`));
    expect(resources.filter((r) => r.endsWith('pagerduty_schedule'))).toEqual(['changed pagerduty_schedule', 'changed pagerduty_schedule']);
    // The order continues from emeka on 2026-03-09; ines's first turn (2026-03-30) is past the preview.
    expect(team.rotations.changed).toBe(false);
    expect(team.changeFindings).toEqual([]);
    expect(markdown).not.toContain('Flagged change');
    expect(markdown).not.toContain('This change itself is flagged');
  });
});

describe('a member removed in place', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => repo.replaceOnce(FILE, OLD_MEMBERS, 'members: [bruno, chen, dana, emeka, fatima]'));

  it('is flagged with the removal named and a rosters block that drops hugo at the next handoff', async () => {
    const { findings } = await lintFindings(repo);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('`members` edited in place (removed hugo)');
    expect(findings[0].message).toContain('(chen -> dana)');
    expect(findings[0].suggestion).toContain("- { effectiveFrom: '2026-03-02T10:00', members: [bruno, chen, dana, emeka, fatima] }");
    const { json } = await review(repo);
    expect(json.teams.find((t) => t.id === 'payments')!.changeFindings.map((f) => f.ruleId)).toEqual([RULE]);
  });

  it('without --base lint knows nothing about the change', async () => {
    const { findings, json } = await lintFindings(repo, []);
    expect(findings).toEqual([]);
    expect(json.base).toBeUndefined();
  });
});

describe('changes to other fields', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => {
    repo.replaceOnce(FILE, 'name: Payments primary', 'name: Payments primary on-call');
    // A new handoff time moves every handoff by an hour but keeps the order: not a reshuffle.
    repo.replaceOnce(FILE, "handoff: { day: monday, time: '10:00' }", "handoff: { day: monday, time: '09:00' }");
    repo.editYaml(FILE, (doc) => doc.setIn(['escalation', 'levels', 1, 'delayMinutes'], 10));
  });

  it('are not flagged, though the review shows them', async () => {
    expect((await lintFindings(repo)).findings).toEqual([]);
    const { json } = await review(repo);
    const team = json.teams.find((t) => t.id === 'payments')!;
    expect([team.escalation.changed, team.rotations.changed]).toEqual([true, true]);
    expect(team.changeFindings).toEqual([]);
  });
});

describe('level override', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => repo.replaceOnce(FILE, OLD_MEMBERS, 'members: [bruno, chen, dana, emeka, fatima]'));

  it('org lint.rules can raise the rule to error (or turn it off), and the id is known without --base', async () => {
    const setLevel = (level: string) => repo.editYaml('config/organization.yaml', (doc) => doc.setIn(['lint', 'rules', RULE], level));
    setLevel('error');
    const raised = await lintFindings(repo);
    expect(raised.findings.map((f) => f.level)).toEqual(['error']);
    setLevel('off');
    expect((await lintFindings(repo)).findings).toEqual([]);
    const plain = await lintFindings(repo, []);
    expect(plain.json.findings as Finding[]).not.toContainEqual(expect.objectContaining({ ruleId: 'lint-unknown-rule' }));
    expect(parseDocument(repo.read('config/organization.yaml')).getIn(['lint', 'rules', RULE])).toBe('off');
  });
});
