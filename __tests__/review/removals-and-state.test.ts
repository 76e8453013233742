import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { affectedCommand } from '../../lib/cli/commands/affected';
import { reviewCommand } from '../../lib/cli/commands/review';
import type { Review } from '../../lib/review/types';
import { runCommand, TempRepo } from './git-repo';

/**
 * What the review must not understate: a backend change (state would be created again), removals
 * outside the destructive definition, organization-level lint findings, and a bad --root.
 */
const FROM = '2026-03-02';
const STATE_MOVED = 'state location changes: run `terraform init -migrate-state` for each stack before deploying, otherwise every resource is created again';

async function review(repo: TempRepo): Promise<{ json: Review; markdown: string }> {
  const json = await runCommand(reviewCommand, ['--base', 'HEAD', '--root', repo.root, '--from', FROM, '--format', 'json'], repo.root);
  expect(json.code).toBe(0);
  const markdown = await runCommand(reviewCommand, ['--base', 'HEAD', '--root', repo.root, '--from', FROM], repo.root);
  expect(markdown.code).toBe(0);
  return { json: JSON.parse(json.stdout) as Review, markdown: markdown.stdout };
}

async function affected(repo: TempRepo): Promise<{ stack: string; change: string; destructive: boolean }[]> {
  const result = await runCommand(affectedCommand, ['--base', 'HEAD', '--root', repo.root, '--format', 'json'], repo.root);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).include;
}

describe('a backend change (local -> s3)', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() =>
    repo.editYaml('config/organization.yaml', (doc) =>
      doc.set('backend', { type: 's3', bucket: 'acme-oncall-state', region: 'eu-west-1', keyPrefix: 'oncall' }),
    ),
  );

  it('marks every stack changed and destructive, for the deploy gate too', async () => {
    const stacks = await affected(repo);
    // With `users: lookup` the example has no organization stack: the team stacks are all there is.
    expect(stacks.map((s) => s.stack)).toEqual(['team-data', 'team-payments', 'team-platform']);
    expect(stacks.every((s) => s.change === 'changed' && s.destructive)).toBe(true);

    const { json, markdown } = await review(repo);
    expect(json.stacks.map(({ stack, change, destructive }) => ({ stack, change, destructive }))).toEqual(stacks);
    const moves = json.destructive.filter((d) => d.action === 'state-moved');
    expect(moves.map((d) => d.stack)).toEqual(stacks.map((s) => s.stack));
    expect(moves.find((d) => d.stack === 'team-data')).toEqual({
      stack: 'team-data',
      action: 'state-moved',
      stateLocation: { before: 'local file ../../../state/team-data.tfstate', after: 's3://acme-oncall-state/oncall/team-data.tfstate (eu-west-1)' },
      consequence: STATE_MOVED,
    });

    // At the top, one line for all stacks, before the summary; never "No destructive changes".
    expect(markdown).not.toContain('No destructive changes');
    const top = markdown.slice(0, markdown.indexOf('### Summary'));
    expect(top).toContain(
      '- **Moves the Terraform state** of `team-data`, `team-payments`, `team-platform` (`local file ../../../state/<stack>.tfstate` -> `s3://acme-oncall-state/oncall/<stack>.tfstate (eu-west-1)`): ' +
        `${STATE_MOVED}.`,
    );
    // The stack's own section no longer shows an empty resource table.
    expect(markdown).toContain(
      '#### Terraform: `team-data` (changed; 0 added, 0 changed, 0 replaced, 0 removed)\n\nState moves from `local file ../../../state/team-data.tfstate`',
    );
    expect(markdown).toMatch(/run `terraform init -migrate-state` for this stack before deploying\.\n\nNo resource changes\./);
  });
});

describe('a monitor removed', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => repo.editYaml('config/teams/payments.yaml', (doc) => doc.deleteIn(['services', 'checkout-api', 'monitors', 'p99-latency'])));

  it('is not destructive, and the headline neither hides it nor claims nothing is removed', async () => {
    expect(await affected(repo)).toEqual([{ stack: 'team-payments', change: 'changed', destructive: false }]);
    const { json, markdown } = await review(repo);
    expect(json.destructive).toEqual([]);
    expect(markdown).not.toMatch(/nothing is removed/);
    expect(markdown).toContain(
      "**No destructive changes**: no PagerDuty service, escalation policy, schedule or team and no Datadog PagerDuty service object is removed or replaced, and no stack's Terraform state moves.",
    );
    const removed = markdown.slice(markdown.indexOf('**Removed** ('), markdown.indexOf('### Summary'));
    expect(removed).toMatch(
      /^\*\*Removed\*\* \(1; not destructive as defined above; the deploy still waits for approval, since its gate is the real plan and any removal there needs a reviewer; a removed monitor takes its id, history/,
    );
    expect(removed).toContain('- `team-payments`: 1 `datadog_monitor` ("[SEV2] Checkout API p99 latency high")');
  });
});

describe('a team deleted (its runbooks left behind)', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  beforeAll(() => rmSync(join(repo.root, 'config/teams/data.yaml')));

  it('calls the PagerDuty team and the Datadog service objects destructive and lists every other removal', async () => {
    const { json, markdown } = await review(repo);
    const types = new Set(json.destructive.map((d) => d.resource?.type));
    expect(types).toEqual(
      new Set(['pagerduty_service', 'pagerduty_escalation_policy', 'pagerduty_schedule', 'datadog_integration_pagerduty_service_object', 'pagerduty_team']),
    );
    expect(json.stacks.find((s) => s.stack === 'team-data')).toMatchObject({ change: 'removed', destructive: true });
    expect(markdown).toMatch(/- \*\*Removes\*\* `pagerduty_team\.[^`]+` "Data" in `team-data`: the PagerDuty team and its memberships are deleted/);
    expect(markdown).toMatch(/- `team-data` \(whole stack\): \d+ `datadog_monitor` \("\[SEV/);
  });

  it('shows the organization-level lint findings the orphaned runbooks cause, with what to do', async () => {
    const { json, markdown } = await review(repo);
    const introduced = json.organization.lint.introduced;
    expect(introduced.filter((f) => f.ruleId === 'runbook-owner' && f.level === 'error').map((f) => f.file)).toEqual([
      'runbooks/data/consumer-lag.md',
      'runbooks/data/ingest-stopped.md',
      'runbooks/data/warehouse-load-failures.md',
    ]);
    expect(introduced.every((f) => !['data', 'payments', 'platform'].includes(f.teamId))).toBe(true);
    expect(json.organization.lint.fixed).toEqual([]);
    expect(json.organization.hints).toEqual([expect.stringMatching(/^`runbooks\/data\/` belongs to a removed team: .*delete the folder\.$/)]);

    expect(markdown).toContain(`Organization-level lint (findings about no current team, below): ${introduced.length} new / 0 fixed.`);
    const organization = markdown.slice(markdown.indexOf('### Organization'));
    expect(organization).toMatch(/^### Organization\n\n#### Lint\n\nIntroduced \(\d+\):\n\n- error `runbook-owner`: .*\(runbooks\/data\/consumer-lag\.md\)/);
    expect(organization).toContain('\n\nTo fix: `runbooks/data/` belongs to a removed team');
  });

  it('deleting the folder as well leaves nothing at organization level', async () => {
    rmSync(join(repo.root, 'runbooks/data'), { recursive: true });
    const { json, markdown } = await review(repo);
    expect(json.organization.lint.introduced.filter((f) => f.file?.startsWith('runbooks/data/'))).toEqual([]);
    expect(json.organization.hints).toEqual([]);
    expect(json.organization.lint).toEqual({ introduced: [], fixed: [] });
    expect(markdown).not.toContain('### Organization');
    expect(markdown).not.toContain('Organization-level lint');
  });
});

describe('--root', () => {
  it('that does not exist says so (not "git is not installed")', async () => {
    const missing = join(tmpdir(), 'oncall-review-no-such-folder');
    await expect(runCommand(reviewCommand, ['--base', 'HEAD', '--root', missing], tmpdir())).rejects.toThrow(`--root ${missing} does not exist`);
    await expect(runCommand(affectedCommand, ['--base', 'HEAD', '--root', missing], tmpdir())).rejects.toThrow(`--root ${missing} does not exist`);
  });

  it('outside a git repository says so', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'oncall-review-not-git-'));
    try {
      await expect(runCommand(reviewCommand, ['--base', 'HEAD', '--root', folder], folder)).rejects.toThrow(`--root ${folder} is not inside a git repository`);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
