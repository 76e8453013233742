import { canonicalize, changedPaths, diffStacks, stackHash, type StackJson } from '../../lib/review/terraform-diff';
import { affectedMatrix } from '../../lib/review/affected';

const stack = (resources: Record<string, Record<string, Record<string, unknown>>>, extra: Record<string, unknown> = {}): StackJson =>
  canonicalize({ '//': { metadata: { version: '0.21.0', stackName: 'x' } }, resource: resources, ...extra }) as StackJson;

const service = { name: 'Checkout API', escalation_policy: '${pagerduty_escalation_policy.ep.id}', '//': { metadata: { path: 'team-a/service' } } };
const integration = { name: 'Datadog', service: '${pagerduty_service.svc.id}', vendor: 'PAM4FGS' };
const monitor = { name: '[SEV1] Errors', type: 'query alert', query: 'avg(last_5m):x > 1' };
const base = new Map([
  ['team-a', stack({ pagerduty_service: { svc: service }, pagerduty_service_integration: { dd: integration }, datadog_monitor: { m: monitor } })],
]);

describe('canonical stacks', () => {
  it('ignores cdktf metadata, key order and the checkout path', () => {
    const a = canonicalize({ '//': { metadata: { version: '1' } }, b: 1, a: { path: '/tmp/x1/state', '//': 'x' } }, ['/tmp/x1']);
    const b = canonicalize({ a: { path: '/tmp/x2/state' }, b: 1, '//': { metadata: { version: '2' } } }, ['/tmp/x2']);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(stackHash(a)).toBe(stackHash(b));
    expect(stackHash(a)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reports nothing for identical stacks', () => {
    expect(diffStacks(base, new Map(base))).toEqual({ stacks: [], destructive: [] });
  });
});

describe('resource changes', () => {
  it('an in-place attribute change is "changed" with its path, not destructive', () => {
    const head = new Map([
      [
        'team-a',
        stack({
          pagerduty_service: { svc: { ...service, name: 'Checkout' } },
          pagerduty_service_integration: { dd: integration },
          datadog_monitor: { m: monitor },
        }),
      ],
    ]);
    const { stacks, destructive } = diffStacks(base, head);
    expect(destructive).toEqual([]);
    expect(stacks).toMatchObject([
      {
        stack: 'team-a',
        change: 'changed',
        destructive: false,
        resources: [{ action: 'changed', type: 'pagerduty_service', logicalId: 'svc', name: 'Checkout', attributes: ['name'] }],
      },
    ]);
  });

  it.each([
    ['pagerduty_service_integration', 'dd', { vendor: 'OTHER' }, ['vendor']],
    ['datadog_monitor', 'm', { type: 'log alert' }, ['type']],
  ])('a force-new change of %s is a destructive replacement', (type, id, change, attributes) => {
    const resources: Record<string, Record<string, Record<string, unknown>>> = {
      pagerduty_service: { svc: service },
      pagerduty_service_integration: { dd: integration },
      datadog_monitor: { m: monitor },
    };
    resources[type] = { [id]: { ...resources[type][id], ...change } };
    const { stacks, destructive } = diffStacks(base, new Map([['team-a', stack(resources)]]));
    expect(destructive).toMatchObject([{ stack: 'team-a', action: 'replaced', resource: { type, logicalId: id }, attributes }]);
    expect(stacks[0]).toMatchObject({ destructive: true, resources: [{ action: 'replaced', type }] });
  });

  it('query alert <-> metric alert is not a replacement (the provider suppresses that diff)', () => {
    const head = new Map([
      [
        'team-a',
        stack({
          pagerduty_service: { svc: service },
          pagerduty_service_integration: { dd: integration },
          datadog_monitor: { m: { ...monitor, type: 'metric alert' } },
        }),
      ],
    ]);
    const { stacks, destructive } = diffStacks(base, head);
    expect(destructive).toEqual([]);
    expect(stacks[0].resources[0].action).toBe('changed');
  });

  it('a removed stack removes its service first in the destructive list; monitors are removed but not called out', () => {
    const { stacks, destructive } = diffStacks(base, new Map());
    expect(stacks).toMatchObject([{ stack: 'team-a', change: 'removed', destructive: true }]);
    expect(destructive.map((d) => `${d.action} ${d.resource?.type}`)).toEqual(['removed pagerduty_service']);
    expect(stacks[0].resources.map((r) => r.action)).toEqual(['removed', 'removed', 'removed']);
  });

  it('removing a PagerDuty team or a Datadog PagerDuty service object is destructive; after services, before replacements', () => {
    const teamStack = (extra: Record<string, Record<string, Record<string, unknown>>>) =>
      stack({
        pagerduty_service: { svc: service },
        datadog_monitor: { m: monitor },
        pagerduty_team: { t: { name: 'Payments' } },
        datadog_integration_pagerduty_service_object: { so: { service_name: 'payments-checkout' } },
        ...extra,
      });
    const before = new Map([['team-a', teamStack({})]]);
    const { stacks, destructive } = diffStacks(before, new Map());
    expect(destructive.map((d) => `${d.action} ${d.resource?.type}`)).toEqual([
      'removed pagerduty_service',
      'removed datadog_integration_pagerduty_service_object',
      'removed pagerduty_team',
    ]);
    expect(destructive[1].consequence).toMatch(/`@pagerduty-<service>` handle is deleted; monitors that still mention it stop paging/);
    expect(stacks[0].destructive).toBe(true);
  });

  it('the affected matrix carries the same verdicts, sorted by stack', () => {
    const head = new Map([['team-b', stack({})], ...base]);
    expect(affectedMatrix(base, head)).toEqual({ include: [{ stack: 'team-b', change: 'added', destructive: false }] });
  });
});

describe('changedPaths', () => {
  it('names the deepest differing attribute, and whole lists whose length changed', () => {
    const before = { layer: [{ users: ['a', 'b'], start: 's' }], teams: ['t'] };
    const after = { layer: [{ users: ['a', 'c'], start: 's' }], teams: ['t', 'u'] };
    expect(changedPaths(before, after, '')).toEqual(['layer[0].users[1]', 'teams']);
  });
});

describe('state location (Terraform backend)', () => {
  const withBackend = (terraform: Record<string, unknown>) => stack({ pagerduty_service: { svc: service } }, { terraform });
  const local = withBackend({ backend: { local: { path: '../../../state/team-a.tfstate' } } });
  const s3 = (settings: Record<string, unknown>) =>
    withBackend({
      backend: { s3: { bucket: 'oncall-state', key: 'oncall/team-a.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true, ...settings } },
    });

  it.each([
    ['local -> s3', local, s3({}), 'local file ../../../state/team-a.tfstate', 's3://oncall-state/oncall/team-a.tfstate (eu-west-1)'],
    [
      'a new key prefix',
      s3({}),
      s3({ key: 'oncall-v2/team-a.tfstate' }),
      's3://oncall-state/oncall/team-a.tfstate (eu-west-1)',
      's3://oncall-state/oncall-v2/team-a.tfstate (eu-west-1)',
    ],
    [
      'another region',
      s3({}),
      s3({ region: 'us-east-1' }),
      's3://oncall-state/oncall/team-a.tfstate (eu-west-1)',
      's3://oncall-state/oncall/team-a.tfstate (us-east-1)',
    ],
    [
      'another Terraform Cloud organization',
      withBackend({ cloud: { hostname: 'app.terraform.io', organization: 'acme', workspaces: { name: 'oncall-team-a' } } }),
      withBackend({ cloud: { hostname: 'app.terraform.io', organization: 'acme-sre', workspaces: { name: 'oncall-team-a' } } }),
      'cloud app.terraform.io/acme workspace oncall-team-a',
      'cloud app.terraform.io/acme-sre workspace oncall-team-a',
    ],
  ])('%s moves the state: the stack is changed and destructive, with both locations', (_label, before, after, from, to) => {
    const { stacks, destructive } = diffStacks(new Map([['team-a', before]]), new Map([['team-a', after]]));
    expect(destructive).toEqual([
      {
        stack: 'team-a',
        action: 'state-moved',
        stateLocation: { before: from, after: to },
        consequence: 'state location changes: run `terraform init -migrate-state` for each stack before deploying, otherwise every resource is created again',
      },
    ]);
    expect(stacks).toMatchObject([{ stack: 'team-a', change: 'changed', destructive: true, stateLocation: { before: from, after: to }, resources: [] }]);
    expect(affectedMatrix(new Map([['team-a', before]]), new Map([['team-a', after]]))).toEqual({
      include: [{ stack: 'team-a', change: 'changed', destructive: true }],
    });
  });

  it('locking and encryption settings do not move the state', () => {
    const { stacks, destructive } = diffStacks(
      new Map([['team-a', s3({})]]),
      new Map([['team-a', s3({ use_lockfile: undefined, dynamodb_table: 'locks', encrypt: false })]]),
    );
    expect(destructive).toEqual([]);
    expect(stacks).toMatchObject([{ stack: 'team-a', change: 'changed', destructive: false }]);
    expect(stacks[0].stateLocation).toBeUndefined();
  });
});
