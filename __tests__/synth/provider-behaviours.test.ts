import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { loadConfig } from '../../lib/config/load';
import { PagerDutyTeam } from '../../lib/constructs/team';
import { requiredTerraformVersion } from '../../lib/stacks/backend';
import { PAGERDUTY_PROVIDER_VERSION } from '../../lib/constructs/providers';
import type { OrgModel, PersonModel } from '../../lib/model/types';
import { addresses, blocksOf, editYaml, loadModel, synthesize } from './helpers';

/** Issue 13: what the generated Terraform must do so that the providers do not hurt at first apply. */
const COMPLETE = join(__dirname, '..', 'fixtures', 'complete');

const roots: string[] = [];
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A private copy of the complete fixture, edited. */
function copyFixture(edit?: (root: string) => void): string {
  const root = mkdtempSync(join(tmpdir(), 'provider-behaviours-'));
  roots.push(root);
  cpSync(COMPLETE, root, { recursive: true });
  edit?.(root);
  return root;
}
const fixture = (edit?: (root: string) => void): OrgModel => loadModel(copyFixture(edit));
const ORG = 'config/organization.yaml';
const TEAM = 'config/teams/search.yaml';

describe('required_providers and required_version', () => {
  const out = synthesize(fixture());

  it("pins the PagerDuty provider with the alert grouping fixes (3.31.5), not the bindings' 3.30.8", () => {
    expect(PAGERDUTY_PROVIDER_VERSION).toBe('3.31.5');
    expect(out.json['team-search'].terraform?.required_providers).toEqual({
      datadog: { source: 'DataDog/datadog', version: '3.82.0' },
      pagerduty: { source: 'PagerDuty/pagerduty', version: '3.31.5' },
    });
  });

  it('requires the Terraform version the stack needs', () => {
    expect((out.json['team-search'].terraform as Record<string, unknown>).required_version).toBe('>= 1.2.0');
    expect(requiredTerraformVersion({ type: 's3', bucket: 'b', region: 'r', keyPrefix: 'k', encrypt: true })).toBe('>= 1.10.0');
    expect(requiredTerraformVersion({ type: 's3', bucket: 'b', region: 'r', keyPrefix: 'k', encrypt: true, dynamodbTable: 'locks' })).toBe('>= 1.2.0');
    expect(requiredTerraformVersion({ type: 'cloud', hostname: 'app.terraform.io', organization: 'o', workspacePrefix: 'p' })).toBe('>= 1.2.0');
  });

  it('the workflows run a Terraform that satisfies every required_version this project writes', () => {
    const workflows = join(__dirname, '..', '..', '.github', 'workflows');
    const pinned = readdirSync(workflows).flatMap((name) => [
      ...readFileSync(join(workflows, name), 'utf8').matchAll(/TERRAFORM_VERSION: '(\d+)\.(\d+)\.(\d+)'/g),
    ]);
    expect(pinned.length).toBeGreaterThan(0);
    const strictest = requiredTerraformVersion({ type: 's3', bucket: 'b', region: 'r', keyPrefix: 'k', encrypt: true }).match(/>= (\d+)\.(\d+)\.(\d+)/)!;
    const number = (parts: RegExpMatchArray) => Number(parts[1]) * 1e6 + Number(parts[2]) * 1e3 + Number(parts[3]);
    for (const version of pinned) expect(number(version)).toBeGreaterThanOrEqual(number(strictest));
  });

  it('an S3 backend with native locking requires Terraform 1.10 in the stack itself', () => {
    const s3 = synthesize(
      fixture((root) => editYaml(join(root, ORG), (doc) => doc.set('backend', doc.createNode({ type: 's3', bucket: 'oncall-state', region: 'eu-west-1' })))),
    );
    const terraform = s3.json['team-search'].terraform as Record<string, unknown>;
    expect(terraform.required_version).toBe('>= 1.10.0');
    expect((terraform.backend as Record<string, Record<string, unknown>>).s3.use_lockfile).toBe(true);
  });
});

describe('Datadog site', () => {
  it("becomes the provider block's api_url", () => {
    expect(synthesize(fixture()).json['team-search'].provider?.datadog).toEqual([{ api_url: 'https://api.datadoghq.eu/' }]);
  });

  it('leaves the provider block empty when not set (provider default US1, or DD_HOST)', () => {
    const out = synthesize(fixture((root) => editYaml(join(root, ORG), (doc) => doc.deleteIn(['datadog', 'site']))));
    expect(out.json['team-search'].provider?.datadog).toEqual([{}]);
  });
});

describe('PagerDutyTeam on its own', () => {
  const build = (accountRole: PersonModel['accountRole'], role: PersonModel['role']) => () =>
    Testing.synthScope((scope) => {
      new PagerDutyTeam(scope, 'team', {
        name: 'Search',
        description: 'Search.',
        members: [{ id: 'ada', name: 'Ada', email: 'ada@example.com', role, accountRole }],
        users: { userId: (id) => `user-${id}` },
      });
    });

  it('refuses a team role PagerDuty overrides for the account role', () => {
    expect(build('admin', 'responder')).toThrow(/member "ada" has account role admin, whose team role PagerDuty always sets to manager, not responder/);
    expect(build('read_only_user', 'manager')).toThrow(/always sets to observer/);
  });

  it('accepts the forced role', () => {
    expect(build('owner', 'manager')).not.toThrow();
  });
});

describe('looked-up users', () => {
  const lifecycleOf = (email: string) => {
    const found = blocksOf(synthesize(fixture()).json['team-search'], 'pagerduty_user', 'data').find(([, body]) => body.email === email);
    return found![1].lifecycle;
  };

  it('check at plan that a declared account role is the real one', () => {
    expect(lifecycleOf('ada.park@example.com')).toEqual({
      postcondition: [
        { condition: '${(self.role == "admin")}', error_message: expect.stringContaining('Member "ada" is declared with PagerDuty account role admin') },
      ],
    });
  });

  it('check at plan that an undeclared account role does not force another team role', () => {
    // bo is a responder: owners/admins are forced to manager, stakeholders to observer.
    expect(lifecycleOf('bo.jensen@example.com')).toEqual({
      postcondition: [
        {
          condition: '${!contains(["owner", "admin", "read_only_user", "read_only_limited_user"], self.role)}',
          error_message: expect.stringContaining('Member "bo" has team role responder'),
        },
      ],
    });
  });
});

describe('managed users', () => {
  const managed = (extra?: (root: string) => void) =>
    fixture((root) => {
      editYaml(join(root, ORG), (doc) => doc.setIn(['pagerduty', 'users'], 'managed'));
      extra?.(root);
    });

  it('carry the account role from config (default user)', () => {
    const users = Object.fromEntries(blocksOf(synthesize(managed()).json.organization, 'pagerduty_user').map(([, body]) => [body.email, body.role]));
    expect(users['ada.park@example.com']).toBe('admin');
    expect(users['bo.jensen@example.com']).toBe('user');
  });

  it("keep every address when a member's e-mail changes (the provider updates email in place; a new user_id would replace memberships)", () => {
    const before = synthesize(managed());
    const after = synthesize(managed((root) => editYaml(join(root, TEAM), (doc) => doc.setIn(['members', 'bo', 'email'], 'bo@example.org'))));
    for (const stack of Object.keys(before.json)) expect(addresses(after.json[stack])).toEqual(addresses(before.json[stack]));
    const emails = blocksOf(after.json.organization, 'pagerduty_user').map(([, body]) => body.email);
    expect(emails).toContain('bo@example.org');
  });

  it('move the state of users keyed by e-mail (earlier releases) to their member-id address', () => {
    const json = synthesize(managed()).json.organization;
    const organization = json as { moved?: { from: string; to: string }[] };
    const ada = blocksOf(json, 'pagerduty_user').find(([, body]) => body.email === 'ada.park@example.com')![0];
    // The address main's e-mail-keyed ManagedUsers gave Ada (synthesized from this fixture before the change).
    expect(organization.moved).toContainEqual({ from: 'pagerduty_user.users_user-adaparkexamplecom_AC01BAEE', to: `pagerduty_user.${ada}` });
    expect(organization.moved).toHaveLength(5);
  });

  it('are keyed by member id', () => {
    const ids = blocksOf(synthesize(managed()).json.organization, 'pagerduty_user').map(([id]) => id);
    expect(ids.some((id) => id.includes('user-bo_'))).toBe(true);
    expect(ids.some((id) => id.includes('example'))).toBe(false);
  });
});

describe('support hours: the reference says what validation does', () => {
  const supportHoursTo = (to: string) =>
    loadConfig({ root: copyFixture((root) => editYaml(join(root, TEAM), (doc) => doc.setIn(['services', 'search-api', 'supportHours', 'to'], to))) });

  it.each(['24:00', '08:00'])('refuses to: %s (one same-day window per day, PagerDuty fixed_time_per_day)', (to) => {
    const result = supportHoursTo(to);
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.some((d) => d.level === 'error' && d.path.join('.') === 'services.search-api.supportHours.to')).toBe(true);
  });

  it('and the generated reference does not promise 24:00 or overnight windows for it', () => {
    const reference = readFileSync(join(__dirname, '..', '..', 'docs', 'config-reference.md'), 'utf8');
    const section = reference.slice(reference.indexOf('### services.\\<service-id\\>.supportHours'));
    const row = section.split('\n').find((line) => line.startsWith('| `to` |'))!;
    expect(row).toContain('no 24:00, no overnight window');
    expect(row).not.toMatch(/next day|up to `24:00`/);
  });
});
