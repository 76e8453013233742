import { canonicalize, changedPaths, diffStacks, stackHash, type StackJson } from '../../lib/review/terraform-diff';
import { affectedMatrix } from '../../lib/review/affected';

const stack = (resources: Record<string, Record<string, Record<string, unknown>>>, extra: Record<string, unknown> = {}): StackJson =>
  canonicalize({ '//': { metadata: { version: '0.21.0', stackName: 'x' } }, resource: resources, ...extra }) as StackJson;

const service = { name: 'Checkout API', escalation_policy: '${pagerduty_escalation_policy.ep.id}', '//': { metadata: { path: 'team-a/service' } } };
const integration = { name: 'Datadog', service: '${pagerduty_service.svc.id}', vendor: 'PAM4FGS' };
const monitor = { name: '[SEV1] Errors', type: 'query alert', query: 'avg(last_5m):x > 1' };
const base = new Map([['team-a', stack({ pagerduty_service: { svc: service }, pagerduty_service_integration: { dd: integration }, datadog_monitor: { m: monitor } })]]);

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
    const head = new Map([['team-a', stack({ pagerduty_service: { svc: { ...service, name: 'Checkout' } }, pagerduty_service_integration: { dd: integration }, datadog_monitor: { m: monitor } })]]);
    const { stacks, destructive } = diffStacks(base, head);
    expect(destructive).toEqual([]);
    expect(stacks).toMatchObject([{ stack: 'team-a', change: 'changed', destructive: false, resources: [{ action: 'changed', type: 'pagerduty_service', logicalId: 'svc', name: 'Checkout', attributes: ['name'] }] }]);
  });

  it.each([
    ['pagerduty_service_integration', 'dd', { vendor: 'OTHER' }, ['vendor']],
    ['datadog_monitor', 'm', { type: 'log alert' }, ['type']],
  ])('a force-new change of %s is a destructive replacement', (type, id, change, attributes) => {
    const resources: Record<string, Record<string, Record<string, unknown>>> = { pagerduty_service: { svc: service }, pagerduty_service_integration: { dd: integration }, datadog_monitor: { m: monitor } };
    resources[type] = { [id]: { ...resources[type][id], ...change } };
    const { stacks, destructive } = diffStacks(base, new Map([['team-a', stack(resources)]]));
    expect(destructive).toMatchObject([{ stack: 'team-a', action: 'replaced', resource: { type, logicalId: id }, attributes }]);
    expect(stacks[0]).toMatchObject({ destructive: true, resources: [{ action: 'replaced', type }] });
  });

  it('query alert <-> metric alert is not a replacement (the provider suppresses that diff)', () => {
    const head = new Map([['team-a', stack({ pagerduty_service: { svc: service }, pagerduty_service_integration: { dd: integration }, datadog_monitor: { m: { ...monitor, type: 'metric alert' } } })]]);
    const { stacks, destructive } = diffStacks(base, head);
    expect(destructive).toEqual([]);
    expect(stacks[0].resources[0].action).toBe('changed');
  });

  it('a removed stack removes its service first in the destructive list; monitors are removed but not called out', () => {
    const { stacks, destructive } = diffStacks(base, new Map());
    expect(stacks).toMatchObject([{ stack: 'team-a', change: 'removed', destructive: true }]);
    expect(destructive.map((d) => `${d.action} ${d.resource.type}`)).toEqual(['removed pagerduty_service']);
    expect(stacks[0].resources.map((r) => r.action)).toEqual(['removed', 'removed', 'removed']);
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
