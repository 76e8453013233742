import { affectedCommand } from '../../lib/cli/commands/affected';
import { newTeamCommand } from '../../lib/cli/commands/new-team';
import { reviewCommand } from '../../lib/cli/commands/review';
import { validateCommand } from '../../lib/cli/commands/validate';
import { EMPTY_TREE } from '../../lib/git/tree-at-ref';
import type { Review } from '../../lib/review/types';
import { runCommand, TempRepo } from './git-repo';

/**
 * End to end over a real git repository: base = the bundled example committed, head = a change
 * in the working tree (or a second commit). Base syntheses are memoized per model, so every
 * scenario pays for its head only.
 */
const FROM = '2026-03-02';

async function review(repo: TempRepo, base = 'HEAD'): Promise<{ json: Review; markdown: string }> {
  const json = await runCommand(reviewCommand, ['--base', base, '--root', repo.root, '--from', FROM, '--format', 'json'], repo.root);
  expect(json.stderr).toBe('');
  expect(json.code).toBe(0);
  const markdown = await runCommand(reviewCommand, ['--base', base, '--root', repo.root, '--from', FROM], repo.root);
  expect(markdown.code).toBe(0);
  return { json: JSON.parse(json.stdout) as Review, markdown: markdown.stdout };
}

async function affected(repo: TempRepo, base = 'HEAD'): Promise<{ include: { stack: string; change: string; destructive: boolean }[] }> {
  const result = await runCommand(affectedCommand, ['--base', base, '--root', repo.root, '--format', 'json'], repo.root);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

const section = (markdown: string, heading: string) => {
  const start = markdown.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = markdown.indexOf('\n#### ', start + heading.length);
  return markdown.slice(start, next === -1 ? undefined : next);
};

describe('no change', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());

  it('affects nothing and says so', async () => {
    const { json, markdown } = await review(repo);
    expect(json.teams).toEqual([]);
    expect(json.stacks).toEqual([]);
    expect(markdown).toContain('No team or stack is affected');
    expect((await affected(repo)).include).toEqual([]);
    const text = await runCommand(affectedCommand, ['--base', 'HEAD', '--root', repo.root], repo.root);
    expect(text.stdout).toBe('');
  });
});

describe('add a team (new-team scaffold, uncommitted)', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());

  it('scaffolds a team that validates at once', async () => {
    const created = await runCommand(newTeamCommand, ['search', '--name', 'Search', '--zone', 'Europe/Berlin', '--root', repo.root], repo.root);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('created config/teams/search.yaml');
    expect(created.stdout).toContain('created runbooks/search/error-rate.md');
    expect(created.stdout).toMatch(/Next steps:[\s\S]*npm run check/);
    expect(repo.read('config/teams/search.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/team.schema.json');
    expect((await runCommand(validateCommand, ['--root', repo.root], repo.root)).code).toBe(0);
  });

  it('lists the new stack as added, with its routing and resources, nothing destructive', async () => {
    expect((await affected(repo)).include).toEqual([{ stack: 'team-search', change: 'added', destructive: false }]);
    const { json, markdown } = await review(repo);
    expect(json.destructive).toEqual([]);
    expect(json.teams.map((t) => [t.id, t.change])).toEqual([['search', 'added']]);
    const [team] = json.teams;
    expect(team.escalation.before).toBeUndefined();
    expect(team.escalation.after?.[1]).toMatch(/^level 1 \(primary on-call\): on-call of rotation primary/);
    expect(team.routing.after?.find((line) => line.pages)?.text).toMatch(/pages "Search escalation" from level 1/);
    expect(team.rotations.ganttBefore).toBeUndefined();
    expect(team.rotations.ganttAfter).toMatch(/^gantt\n/);
    const added = json.stacks[0].resources.filter((r) => r.action === 'added').map((r) => r.type);
    expect(added).toEqual(expect.arrayContaining(['pagerduty_schedule', 'pagerduty_escalation_policy', 'pagerduty_service', 'datadog_monitor']));
    expect(json.stacks[0].resources.every((r) => r.action === 'added')).toBe(true);

    expect(markdown.startsWith('<!-- oncall-as-code-review -->\n')).toBe(true);
    expect(markdown).toContain('**No destructive changes**');
    expect(markdown).toContain('### Search (`search`): added');
    expect(markdown).toContain('```mermaid\ngantt');
    expect(section(markdown, '#### Severity routing')).toMatch(/^\+ SEV\d pages "Search escalation"/m);
  });
});

describe('change a handoff (committed)', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => {
    repo.replaceOnce('config/teams/payments.yaml', "handoff: { day: monday, time: '10:00' }", "handoff: { day: monday, time: '09:00' }");
    repo.commit('payments: hand off at 09:00');
  });

  it('changes only the payments schedules and shows the moved handoffs', async () => {
    expect((await affected(repo, 'HEAD~1')).include).toEqual([{ stack: 'team-payments', change: 'changed', destructive: false }]);
    const { json, markdown } = await review(repo, 'HEAD~1');
    expect(json.destructive).toEqual([]);
    const [team] = json.teams;
    expect(team.id).toBe('payments');
    expect([team.escalation.changed, team.routing.changed, team.rotations.changed]).toEqual([false, false, true]);
    expect(team.lint.introduced).toEqual([]);
    const resources = json.stacks[0].resources;
    expect(new Set(resources.map((r) => `${r.action} ${r.type}`))).toEqual(new Set(['changed pagerduty_schedule']));
    expect(resources[0].attributes).toContain('layer[0].rotation_virtual_start');
    // Handoffs one hour earlier: 09:00 New York = 13:00 UTC once daylight saving starts (2026-03-08).
    const primary = team.rotations.after!.find((r) => r.id === 'primary')!;
    expect(primary.turns.slice(1).map((t) => t.start)).toEqual(['2026-03-02T14:00Z', '2026-03-09T13:00Z', '2026-03-16T13:00Z', '2026-03-23T13:00Z']);

    const rotations = section(markdown, '#### Rotations');
    expect(rotations).toMatch(/- rotation `primary`, 2026-03-09 13:00 UTC to 2026-03-09 14:00 UTC: \S.* -> \S.*/);
    expect(rotations).toContain('Before:');
    expect(rotations).toContain('After:');
    expect(section(markdown, '#### Escalation chain')).toContain('Unchanged');
  });
});

describe('remove a service', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => repo.editYaml('config/teams/payments.yaml', (doc) => doc.deleteIn(['services', 'card-processor'])));

  it('calls out the service removal at the top and marks the stack destructive', async () => {
    expect((await affected(repo)).include).toEqual([{ stack: 'team-payments', change: 'changed', destructive: true }]);
    const { json, markdown } = await review(repo);
    expect(json.destructive[0]).toMatchObject({ stack: 'team-payments', action: 'removed', resource: { type: 'pagerduty_service', name: 'Card processor' } });
    const removed = json.stacks[0].resources.filter((r) => r.action === 'removed').map((r) => r.type);
    expect(removed).toEqual(expect.arrayContaining(['pagerduty_service', 'pagerduty_service_integration', 'datadog_monitor']));

    const destructiveAt = markdown.indexOf('### :warning: Destructive changes');
    expect(destructiveAt).toBeGreaterThan(0);
    expect(destructiveAt).toBeLessThan(markdown.indexOf('### Summary'));
    expect(markdown).toMatch(/- \*\*Removes\*\* `pagerduty_service\.[^`]+` "Card processor" in `team-payments`: the service, its incident history/);
    const routing = section(markdown, '#### Severity routing');
    expect(routing).toMatch(/^- SEV3 does not page; notifies @jira-ops-backlog <- Card processor: Settlement batch lag$/m);
    expect(routing).toMatch(/^- SEV0 pages .*Card processor: Card authorization failure rate/m);
    expect(routing).toMatch(/^\+ SEV0 pages (?!.*Card processor)/m);
  });
});

describe('change a severity', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());

  it('moves a monitor from notify-only to paging: routing lines and the monitor change, nothing is replaced', async () => {
    repo.editYaml('config/teams/payments.yaml', (doc) => doc.setIn(['services', 'checkout-api', 'monitors', 'p99-latency', 'severity'], 'SEV1'));
    expect((await affected(repo)).include).toEqual([{ stack: 'team-payments', change: 'changed', destructive: false }]);
    const { json, markdown } = await review(repo);
    expect(json.destructive).toEqual([]);
    const monitor = json.stacks[0].resources.find((r) => r.type === 'datadog_monitor' && r.name?.includes('p99 latency'));
    expect(monitor).toMatchObject({ action: 'changed', name: '[SEV1] Checkout API p99 latency high' });
    expect(monitor?.attributes).toEqual(expect.arrayContaining(['name', 'priority']));
    const routing = section(markdown, '#### Severity routing');
    expect(routing).toMatch(/^- SEV2 does not page; notifies @slack-payments-alerts <- Checkout API: Checkout API p99 latency high$/m);
    expect(routing).toMatch(
      /^\+ SEV1 pages "Payments escalation" from level 1 .*urgency high Mon-Fri 09:00-18:00 America\/New_York, low outside.*Checkout API p99 latency high/m,
    );
  });

  it('an organization severity change (on top of the monitor change) reaches every team that uses it', async () => {
    repo.editYaml('config/organization.yaml', (doc) => doc.setIn(['severities', 1, 'urgency'], 'high'));
    const stacks = (await affected(repo)).include.map((s) => s.stack);
    const { json } = await review(repo);
    const users = json.teams.filter((t) => t.routing.after?.some((line) => line.severity === 'SEV1' && line.pages && line.text.includes('<-')));
    expect(users.length).toBeGreaterThan(1);
    for (const team of users) {
      expect(team.routing.changed).toBe(true);
      expect(stacks).toContain(`team-${team.id}`);
    }
  });
});

describe('base refs', () => {
  it('a base commit without config (new repository) shows every team and stack as added', async () => {
    const repo = new TempRepo({ withExample: false });
    try {
      repo.write('README.md', 'on-call\n');
      repo.commit('first commit, before any config');
      repo.copyExample();
      const { json, markdown } = await review(repo);
      expect(json.base.configExists).toBe(false);
      expect(json.destructive).toEqual([]);
      expect(json.stacks.length).toBeGreaterThan(0);
      expect(json.stacks.every((s) => s.change === 'added')).toBe(true);
      expect(json.teams.map((t) => t.change)).toEqual(json.teams.map(() => 'added'));
      expect(markdown).toContain('The base has no `config/` folder');
      expect((await affected(repo)).include.map((s) => s.stack)).toEqual(json.stacks.map((s) => s.stack));
      // git's empty tree is the same "nothing before", for a branch's very first push.
      expect((await affected(repo, EMPTY_TREE)).include).toEqual((await affected(repo)).include);
    } finally {
      repo.dispose();
    }
  });

  it('an invalid base is reported and treated as empty; an invalid working tree exits 1 with its diagnostics', async () => {
    const repo = new TempRepo();
    try {
      const payments = repo.read('config/teams/payments.yaml');
      repo.write('config/teams/payments.yaml', payments.replace('timeZone: America/New_York', 'timeZone: Mars/Olympus'));
      repo.commit('broken');
      const broken = await runCommand(affectedCommand, ['--base', 'HEAD~1', '--root', repo.root], repo.root);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(
        /config\/teams\/payments\.yaml:\d+:\d+ +timeZone +time zone must be one PagerDuty accepts[\s\S]*affected: the working tree's config is invalid/,
      );

      repo.write('config/teams/payments.yaml', payments);
      const { json, markdown } = await review(repo);
      expect(json.base.problem).toMatch(/^config is invalid \(1 error\(s\)\); first: config\/teams\/payments\.yaml/);
      expect(json.stacks.every((s) => s.change === 'added')).toBe(true);
      expect(markdown).toContain('**The base config could not be read**');
    } finally {
      repo.dispose();
    }
  });

  it('an unknown ref is a git failure (exit 3 via the dispatcher) that says how to fetch it; usage errors are caught first', async () => {
    const repo = new TempRepo();
    try {
      await expect(runCommand(reviewCommand, ['--base', 'origin/nope', '--root', repo.root], repo.root)).rejects.toThrow(
        /base ref "origin\/nope" is not a commit or tree.*fetch-depth: 0/,
      );
      await expect(runCommand(reviewCommand, ['--root', repo.root], repo.root)).rejects.toThrow(/--base <git-ref> is required/);
      await expect(runCommand(reviewCommand, ['--base', 'HEAD', '--format', 'html', '--root', repo.root], repo.root)).rejects.toThrow(
        /--format must be one of markdown, json/,
      );
    } finally {
      repo.dispose();
    }
  });
});
