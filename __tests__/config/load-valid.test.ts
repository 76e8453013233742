import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { buildModel } from '../../lib/model/build';
import { COMPLETE, MINIMAL, EXAMPLE, scratch } from './support';

const dirs = scratch();
afterAll(() => dirs.cleanup());

describe('minimal organization', () => {
  const result = loadConfig({ root: MINIMAL });

  test('loads without any diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.config).toBeDefined();
  });

  test('fills organization defaults the file leaves out', () => {
    const org = result.config!.organization.config;
    expect(result.config!.organization.file).toBe('config/organization.yaml');
    expect(org.defaults).toEqual({ turnLength: '1w', handoff: { day: 'monday', time: '10:00' }, escalationDelayMinutes: 5, escalationRepeats: 2 });
    expect(org.backend).toEqual({ type: 'local', directory: 'state' });
    expect(org.pagerduty).toEqual({
      users: 'lookup',
      datadogVendorId: 'PAM4FGS',
      capabilities: { intelligentAlertGrouping: false, contentBasedAlertGrouping: false, supportHours: false },
    });
    expect(org.runbooks).toEqual({ baseUrl: 'https://git.example.com/oncall/blob/main/runbooks/', directory: 'runbooks', maxAgeDays: 180 });
    expect(org.severities.map((s) => [s.id, s.paging, s.notify, s.statusPage])).toEqual([
      ['SEV1', true, [], false],
      ['SEV2', false, ['team-chat'], false],
    ]);
  });

  test('takes the team id from the file name and keeps values as written', () => {
    const [team] = result.config!.teams;
    expect(team.id).toBe('shop');
    expect(team.file).toBe('config/teams/shop.yaml');
    expect(team.config.timeZone).toBe('Europe/Berlin');
    expect(team.config.members.cai).toEqual({ name: 'Cai Wu', email: 'cai@example.com', role: 'manager' });
    expect(team.config.rotations.primary).toEqual({ members: ['ana', 'ben', 'cai'], start: '2026-01-05', handoff: { day: 'monday', time: '10:00' } });
    expect(team.config.rotations.secondary.derivedFrom).toEqual({ rotation: 'primary', offsetTurns: 1 });
    expect(team.config.services.checkout.monitors.errors).toMatchObject({ type: 'query alert', severity: 'SEV1', thresholds: { critical: 10 }, tags: [] });
  });

  test('builds a model with defaults resolved', () => {
    const model = buildModel(result.config!);
    const [team] = model.teams;
    expect(model.unclassifiedSeverity.id).toBe('SEV1'); // the second level, SEV2, does not page
    expect(team.escalation).toEqual({
      name: 'Shop escalation',
      repeats: 2,
      levels: [
        { level: 1, name: 'level 1', delayMinutes: 5, targets: [{ kind: 'rotation', rotationId: 'primary' }] },
        {
          level: 2,
          name: 'level 2',
          delayMinutes: 5,
          targets: [
            { kind: 'rotation', rotationId: 'secondary' },
            { kind: 'user', memberId: 'cai' },
          ],
        },
      ],
    });
    const [primary, secondary] = team.rotations;
    expect(primary).toMatchObject({ id: 'primary', name: 'Shop - primary', turnSeconds: 604800, timeZone: 'Europe/Berlin' });
    expect(primary.layers).toEqual([{ start: '2026-01-05T10:00:00+01:00', rotationVirtualStart: '2026-01-05T10:00:00+01:00', members: ['ana', 'ben', 'cai'] }]);
    // The secondary is last turn's primary: the same order shifted by one.
    expect(secondary.layers[0].members).toEqual(['cai', 'ana', 'ben']);
    const [service] = team.services;
    expect(service).toMatchObject({ id: 'checkout', acknowledgementTimeoutSeconds: 600, autoResolveTimeoutSeconds: null, datadogServiceName: 'shop-checkout' });
    expect(service.monitors[0]).toMatchObject({
      title: '[SEV1] Checkout error rate',
      tags: ['service:checkout', 'severity:sev1', 'team:shop'],
      runbook: { path: 'shop/checkout-errors.md', url: 'https://git.example.com/oncall/blob/main/runbooks/shop/checkout-errors.md' },
    });
  });
});

describe('complete example (every field set; embedded in docs/config-reference.md)', () => {
  const result = loadConfig({ root: COMPLETE });

  test('loads without any diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
  });

  test('parses every kind of value', () => {
    const org = result.config!.organization.config;
    expect(org.severities[0]).toMatchObject({
      id: 'SEV1',
      autoResolveHours: 24,
      notify: ['team-chat', '@slack-incidents'],
      statusUpdateMinutes: 15,
      statusPage: true,
    });
    expect(org.lint).toEqual({ windowDays: 365, rules: { 'runbook-stale': 'off' } });
    const search = result.config!.teams[0].config;
    expect(search.rotations.primary.rosters).toEqual([
      { effectiveFrom: '2026-01-05T10:00', members: ['bo', 'cy', 'di'] },
      { effectiveFrom: '2026-03-02T10:00', members: ['bo', 'cy', 'di', 'ed'] },
    ]);
    expect(search.services['search-api']).toMatchObject({
      acknowledgementTimeoutMinutes: 30,
      autoResolveTimeoutMinutes: null,
      alertGrouping: { type: 'content-based', timeoutMinutes: 30, fields: ['summary'], aggregate: 'all' },
    });
    expect(search.services['search-api'].monitors['error-rate'].noData).toEqual({ notify: true, afterMinutes: 10 });
  });

  test('builds a model: explicit service timeouts win over severity defaults, anchors stay in runbook links', () => {
    const model = buildModel(result.config!);
    const service = model.teams[0].services[0];
    expect(service.acknowledgementTimeoutSeconds).toBe(1800);
    expect(service.autoResolveTimeoutSeconds).toBeNull();
    expect(service.supportHours).toEqual({
      days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      from: '09:00',
      to: '18:00',
      timeZone: 'Europe/Berlin',
    });
    const errorRate = service.monitors.find((m) => m.id === 'error-rate')!;
    expect(errorRate.runbook).toEqual({
      path: 'search/error-rate.md',
      anchor: 'mitigation',
      url: 'https://github.com/example-corp/oncall/blob/main/runbooks/search/error-rate.md#mitigation',
    });
    expect(errorRate.tags).toEqual(['component:api', 'managed-by:oncall-as-code', 'service:search-api', 'severity:sev1', 'team:search']);
    // One layer per roster; the second starts at its effectiveFrom (the order continues, so only membership is pinned here).
    const layers = model.teams[0].rotations.find((r) => r.id === 'primary')!.layers;
    expect(layers.map((layer) => [layer.start, [...layer.members].sort()])).toEqual([
      ['2026-01-05T10:00:00+01:00', ['bo', 'cy', 'di']],
      ['2026-03-02T10:00:00+01:00', ['bo', 'cy', 'di', 'ed']],
    ]);
  });
});

describe('bundled example organization (config/)', () => {
  /**
   * Runbook files are written by another part of the project; missing ones are stubbed in a copy
   * so this test pins the config values, not the runbook-writing progress.
   */
  function loadBundledExample() {
    const repo = dirs.empty();
    cpSync(join(EXAMPLE, 'config'), join(repo, 'config'), { recursive: true });
    if (existsSync(join(EXAMPLE, 'runbooks'))) cpSync(join(EXAMPLE, 'runbooks'), join(repo, 'runbooks'), { recursive: true });
    const first = loadConfig({ root: repo });
    for (const d of first.diagnostics.filter((d) => d.code === 'runbook-path' && /^no such file: /.test(d.message))) {
      const file = join(repo, d.message.replace(/^no such file: /, ''));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, '# Stub runbook\n');
    }
    return loadConfig({ root: repo });
  }

  test('is valid and has the shapes issue 2 asks for', () => {
    const result = loadBundledExample();
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const org = result.config!.organization.config;
    expect(org.severities.map((s) => s.id)).toEqual(['SEV0', 'SEV1', 'SEV2', 'SEV3']);
    expect(org.severities.map((s) => s.urgency ?? 'none')).toEqual(['high', 'support-hours', 'none', 'none']);
    const teams = Object.fromEntries(result.config!.teams.map((t) => [t.id, t.config]));
    expect(Object.keys(teams)).toEqual(['data', 'payments', 'platform']);
    expect(teams.payments.rotations.primary.members).toHaveLength(6);
    expect(teams.payments.rotations.secondary.derivedFrom).toEqual({ rotation: 'primary', offsetTurns: 1 });
    expect(teams.platform.followTheSun).toEqual(['americas', 'emea', 'apac']);
    expect(Object.values(teams.platform.rotations).map((r) => [r.timeZone, r.coverage?.[0].from, r.coverage?.[0].to])).toEqual([
      ['America/Los_Angeles', '07:00', '19:00'],
      ['Europe/Berlin', '07:00', '19:00'],
      ['Australia/Sydney', '07:00', '19:00'],
    ]);
    expect(Object.keys(teams.data.rotations)).toEqual(['l1', 'l2', 'l3']);
    const monitors = Object.values(teams).flatMap((t) => Object.values(t.services).flatMap((s) => Object.values(s.monitors)));
    expect(Object.values(teams).flatMap((t) => Object.keys(t.services)).length).toBeGreaterThanOrEqual(3);
    expect(monitors.length).toBeGreaterThanOrEqual(8);
    expect(monitors.every((m) => typeof m.runbook === 'string')).toBe(true);
    expect(() => buildModel(result.config!)).not.toThrow();
  });
});
