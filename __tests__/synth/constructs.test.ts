import { Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { monitorMessages, normalize } from '../../lib/constructs/monitor-message';
import { PagedService, type PagedServiceProps } from '../../lib/constructs/paged-service';
import { RotationSchedule } from '../../lib/constructs/rotation-schedule';
import { RunbookMonitor } from '../../lib/constructs/runbook-monitor';
import { businessHoursRouting, pclString, severityRouting } from '../../lib/constructs/severity-routing';
import type { MonitorModel, RotationModel, ServiceModel, SeverityModel } from '../../lib/model/types';

const severity = (overrides: Partial<SeverityModel>): SeverityModel => ({
  id: 'SEV0',
  description: 'Outage',
  paging: true,
  urgency: 'high',
  pagerdutyPriority: 'P1',
  datadogPriority: 1,
  ackTargetMinutes: 5,
  renotifyMinutes: 10,
  notify: [],
  roles: [],
  statusPage: false,
  rank: 0,
  ...overrides,
});
const SEV0 = severity({});
const SEV1 = severity({ id: 'SEV1', urgency: 'support-hours', pagerdutyPriority: 'P2', datadogPriority: 2, rank: 1 });
const SEV2 = severity({
  id: 'SEV2',
  paging: false,
  urgency: undefined,
  pagerdutyPriority: undefined,
  datadogPriority: 3,
  renotifyMinutes: 0,
  notify: ['team-chat'],
  rank: 2,
});

const service = (overrides: Partial<ServiceModel> = {}): ServiceModel => ({
  id: 'api',
  name: 'API',
  description: 'The API.',
  supportHours: { days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], from: '09:00', to: '17:00', timeZone: 'Europe/Berlin' },
  acknowledgementTimeoutSeconds: 600,
  autoResolveTimeoutSeconds: null,
  monitors: [],
  pagingSeverities: [SEV0, SEV1],
  datadogServiceName: 'team-api',
  ...overrides,
});

const serviceProps = (overrides: Partial<PagedServiceProps> = {}): PagedServiceProps => ({
  service: service(),
  escalationPolicyId: 'EP',
  unclassifiedSeverity: SEV1,
  priorityId: (name) => `priority-${name}`,
  datadogVendorId: 'PAM4FGS',
  ...overrides,
});

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;
const synth = (build: (scope: Construct) => void): Json => JSON.parse(Testing.synthScope(build)) as Json;
const only = (json: Json, type: string) => {
  const items = Object.values(json.resource[type] ?? {});
  expect(items).toHaveLength(1);
  return items[0];
};

describe('PagedService', () => {
  const businessHours = { businessHoursService: { name: 'API (business hours)', datadogServiceName: 'team-api-business-hours', severities: [SEV1] } };
  const businessHoursProps = (overrides: Partial<ServiceModel> = {}) =>
    serviceProps({ kind: 'business-hours', service: service({ ...businessHours, ...overrides }) });

  it('a main service is severity_based and routes only its high/low levels; unknown events page high', () => {
    const json = synth((scope) => new PagedService(scope, 'svc', serviceProps()));
    const body = only(json, 'pagerduty_service');
    expect(body.incident_urgency_rule).toEqual({ type: 'constant', urgency: 'severity_based' });
    expect(body).not.toHaveProperty('support_hours');
    expect(body).not.toHaveProperty('scheduled_actions');
    const orchestration = only(json, 'pagerduty_event_orchestration_service') as { set: { rule: { label: string }[] }[]; catch_all: unknown };
    // SEV1 follows support hours: it pages the business-hours service, never this one.
    expect(orchestration.set[0].rule.map((r) => r.label)).toEqual(['SEV0: high urgency']);
    expect(orchestration.catch_all).toEqual({ actions: { severity: 'critical', priority: 'priority-P2' } });
    expect(only(json, 'datadog_integration_pagerduty_service_object')).toMatchObject({ service_name: 'team-api' });
  });

  it('a business-hours service uses support hours, the scheduled raise to high, its own Datadog handle and a priority-only orchestration', () => {
    let paged: PagedService | undefined;
    const json = synth((scope) => {
      paged = new PagedService(scope, 'svc', businessHoursProps());
    });
    const body = only(json, 'pagerduty_service');
    expect(body.name).toBe('API (business hours)');
    expect(body.description).toBe(
      'The API. This service takes the SEV1 alerts of API: high urgency in support hours; outside them low urgency (no escalation), raised to high when support hours start.',
    );
    expect(body.escalation_policy).toBe('EP');
    expect(body.incident_urgency_rule).toEqual({
      type: 'use_support_hours',
      during_support_hours: { type: 'constant', urgency: 'high' },
      outside_support_hours: { type: 'constant', urgency: 'low' },
    });
    expect(body.support_hours).toEqual({
      type: 'fixed_time_per_day',
      time_zone: 'Europe/Berlin',
      days_of_week: [1, 2, 3, 4, 5],
      start_time: '09:00:00',
      end_time: '17:00:00',
    });
    expect(body.scheduled_actions).toEqual([{ type: 'urgency_change', to_urgency: 'high', at: [{ type: 'named_time', name: 'support_hours_start' }] }]);
    expect(only(json, 'datadog_integration_pagerduty_service_object')).toMatchObject({ service_name: 'team-api-business-hours' });
    expect(paged?.pagerdutyHandle).toBe('@pagerduty-team-api-business-hours');
    const orchestration = only(json, 'pagerduty_event_orchestration_service');
    expect(orchestration.set).toEqual([
      {
        id: 'start',
        rule: [{ label: 'SEV1: priority P2', condition: [{ expression: "event.summary matches part '[SEV1]'" }], actions: { priority: 'priority-P2' } }],
      },
    ]);
    expect(orchestration.catch_all).toEqual({ actions: { priority: 'priority-P2' } });
  });

  it('refuses a business-hours service for a service without support-hours monitors', () => {
    expect(() => synth((scope) => new PagedService(scope, 'svc', serviceProps({ kind: 'business-hours' })))).toThrow(
      /svc: service "api" has no support-hours monitors/,
    );
  });

  it('refuses a business-hours service without support hours, before anything reaches the API', () => {
    expect(() => synth((scope) => new PagedService(scope, 'svc', businessHoursProps({ supportHours: undefined })))).toThrow(
      /svc: use_support_hours needs the service's support hours/,
    );
  });

  it('refuses support hours that cross midnight on a business-hours service', () => {
    const hours = { days: ['monday' as const], from: '22:00', to: '06:00', timeZone: 'Etc/UTC' };
    expect(() => synth((scope) => new PagedService(scope, 'svc', businessHoursProps({ supportHours: hours })))).toThrow(/same day/);
  });

  it('writes disabled timeouts as the string "null" and never omits them', () => {
    const body = only(
      synth(
        (scope) =>
          new PagedService(scope, 'svc', serviceProps({ service: service({ acknowledgementTimeoutSeconds: null, autoResolveTimeoutSeconds: 14400 }) })),
      ),
      'pagerduty_service',
    );
    expect(body).toMatchObject({
      acknowledgement_timeout: 'null',
      auto_resolve_timeout: '14400',
      incident_urgency_rule: { type: 'constant', urgency: 'severity_based' },
    });
  });

  it('refuses a timeout that is not whole seconds', () => {
    expect(() => synth((scope) => new PagedService(scope, 'svc', serviceProps({ service: service({ acknowledgementTimeoutSeconds: 0 }) })))).toThrow(
      /acknowledgement timeout must be a whole number of seconds/,
    );
  });

  it('refuses an alert grouping window PagerDuty rejects', () => {
    expect(() =>
      synth(
        (scope) =>
          new PagedService(
            scope,
            'svc',
            serviceProps({ service: service({ alertGrouping: { type: 'content-based', fields: ['summary'], timeoutMinutes: 90 } }) }),
          ),
      ),
    ).toThrow(/content-based grouping window must be 5-60 minutes or 1440/);
    expect(() => synth((scope) => new PagedService(scope, 'svc', serviceProps({ service: service({ alertGrouping: { type: 'content-based' } }) })))).toThrow(
      /needs the fields/,
    );
  });

  it('groups by time in seconds, not the minutes of config', () => {
    const json = synth((scope) => new PagedService(scope, 'svc', serviceProps({ service: service({ alertGrouping: { type: 'time', timeoutMinutes: 15 } }) })));
    expect(only(json, 'pagerduty_alert_grouping_setting')).toMatchObject({ type: 'time', config: { timeout: 900 } });
  });

  it('refuses a Datadog service name that cannot be a handle', () => {
    expect(() => synth((scope) => new PagedService(scope, 'svc', serviceProps({ service: service({ datadogServiceName: 'team api' }) })))).toThrow(
      /must be letters, digits/,
    );
  });
});

describe('severity routing', () => {
  it('escapes PCL string literals', () => {
    expect(pclString("it's [a\\b]")).toBe("'it\\'s [a\\\\b]'");
  });

  it('orders rules most severe first; low urgency becomes warning', () => {
    const low = severity({ id: 'SEV1', urgency: 'low', pagerdutyPriority: undefined, datadogPriority: 2, rank: 1 });
    const routing = severityRouting('svc', [low, SEV0], SEV0);
    expect(routing.rules.map((r) => [r.expression, r.severity, r.priorityName])).toEqual([
      ["event.summary matches part '[SEV0]'", 'critical', 'P1'],
      ["event.summary matches part '[SEV1]'", 'warning', undefined],
    ]);
    expect(routing.catchAll).toEqual({ severity: 'critical', priorityName: 'P1' });
  });

  it("never lets an unrecognised event fall to low urgency, whatever the unclassified level's urgency", () => {
    // Only paging monitors notify PagerDuty: an event without a known [SEV..] token must still page.
    const lowUnclassified = severity({ id: 'SEV1', urgency: 'low', pagerdutyPriority: 'P3', datadogPriority: 2, rank: 1 });
    for (const unclassified of [SEV1, lowUnclassified, SEV0]) {
      const routing = severityRouting('svc', [SEV0], unclassified);
      expect(routing.catchAll).toEqual({ severity: 'critical', priorityName: unclassified.pagerdutyPriority });
      expect(routing.rules.every((rule) => !rule.expression.includes('now in'))).toBe(true);
    }
  });

  it('refuses to route a support-hours level on a severity_based service', () => {
    expect(() => severityRouting('svc', [SEV0, SEV1], SEV1)).toThrow(
      /severity "SEV1" follows support hours: its monitors page the service's business-hours service/,
    );
  });

  it('routes only support-hours levels to a business-hours service, priority only', () => {
    const SEV1b = severity({ id: 'SEV1b', urgency: 'support-hours', pagerdutyPriority: undefined, datadogPriority: 3, rank: 2 });
    const routing = businessHoursRouting('svc', [SEV1b, SEV1]);
    expect(routing.rules).toEqual([{ label: 'SEV1: priority P2', expression: "event.summary matches part '[SEV1]'", priorityName: 'P2' }]);
    expect(routing.catchAll).toEqual({ priorityName: 'P2' });
    expect(() => businessHoursRouting('svc', [SEV0])).toThrow(/"SEV0" does not follow support hours/);
  });

  it("refuses severity ids that Datadog's [P<n>] title prefix would match", () => {
    const p1 = severity({ id: 'P1', datadogPriority: 2, rank: 0 });
    const p2 = severity({ id: 'P2', datadogPriority: 1, rank: 1 });
    expect(() => severityRouting('svc', [p1, p2], p1)).toThrow(/"P2" has Datadog priority 1, so its alerts start with "\[P1\]"/);
    const aligned = [severity({ id: 'P1', datadogPriority: 1, rank: 0 }), severity({ id: 'P2', datadogPriority: 2, rank: 1 })];
    expect(() => severityRouting('svc', aligned, aligned[0])).not.toThrow();
  });

  it('omits the priority action when a severity names no PagerDuty priority', () => {
    const noPriority = severity({ pagerdutyPriority: undefined });
    const json = synth(
      (scope) => new PagedService(scope, 'svc', serviceProps({ service: service({ pagingSeverities: [noPriority] }), unclassifiedSeverity: noPriority })),
    );
    const orchestration = only(json, 'pagerduty_event_orchestration_service') as { set: { rule: { actions: unknown }[] }[]; catch_all: { actions: unknown } };
    expect(orchestration.set[0].rule[0].actions).toEqual({ severity: 'critical' });
    expect(orchestration.catch_all.actions).toEqual({ severity: 'critical' });
  });
});

describe('RunbookMonitor', () => {
  const monitor = (overrides: Partial<MonitorModel> = {}): MonitorModel => ({
    id: 'errors',
    name: 'API errors',
    title: '[SEV0] API errors',
    type: 'query alert',
    query: 'sum(last_5m):sum:errors{*} > 5',
    thresholds: { critical: 5, warning: 2.5 },
    severity: SEV0,
    runbook: { path: 'api/errors.md', url: 'https://example.com/runbooks/api/errors.md' },
    tags: ['service:api', 'severity:sev0', 'team:team'],
    ...overrides,
  });
  const team = { id: 'team', name: 'Team', chatHandle: '@slack-team' };
  const api = { id: 'api', name: 'API' };

  it('refuses to give a non-paging monitor a PagerDuty handle', () => {
    expect(() =>
      synth((scope) => new RunbookMonitor(scope, 'm', { monitor: monitor({ severity: SEV2 }), team, service: api, pagerdutyHandle: '@pagerduty-team-api' })),
    ).toThrow(/does not page; it must not get a @pagerduty handle/);
  });

  it('refuses a paging monitor without a PagerDuty handle', () => {
    expect(() => synth((scope) => new RunbookMonitor(scope, 'm', { monitor: monitor(), team, service: api }))).toThrow(/pages, but no @pagerduty handle/);
  });

  it('refuses @pagerduty handles smuggled into the extra message', () => {
    expect(() =>
      synth((scope) => new RunbookMonitor(scope, 'm', { monitor: monitor({ severity: SEV2, message: 'also @pagerduty-other' }), team, service: api })),
    ).toThrow(/must not name @pagerduty handles/);
  });

  it('normalizes the message to what the provider reads back', () => {
    const { message } = monitorMessages({
      monitor: monitor({ message: '  Dashboard: x  \r\n\r\n\r\n\r\nmore  \r\n' }),
      team,
      service: api,
      pagerdutyHandle: '@pagerduty-team-api',
    });
    expect(message).toBe(
      [
        'Severity: SEV0 (pages the on-call: high urgency, PagerDuty priority P1)',
        'Team: Team (team)',
        'Service: API (api)',
        'Runbook: https://example.com/runbooks/api/errors.md',
        '',
        'Dashboard: x',
        '',
        'more',
        '',
        '{{#is_alert}}@pagerduty-team-api{{/is_alert}}',
        '{{#is_recovery}}@pagerduty-team-api{{/is_recovery}}',
      ].join('\n'),
    );
    expect(normalize(' a \r\n b ')).toBe('a\n b');
  });

  it('emits priority, sorted tags, string thresholds and the re-notify pair', () => {
    const json = synth(
      (scope) => new RunbookMonitor(scope, 'm', { monitor: monitor({ tags: ['z:1', 'a:1'] }), team, service: api, pagerdutyHandle: '@pagerduty-team-api' }),
    );
    expect(only(json, 'datadog_monitor')).toMatchObject({
      name: '[SEV0] API errors',
      priority: '1',
      tags: ['a:1', 'z:1'],
      monitor_thresholds: { critical: '5', warning: '2.5' },
      renotify_interval: 10,
      escalation_message:
        '[SEV0] API errors is still alerting (re-notified every 10 minutes until it recovers).\nRunbook: https://example.com/runbooks/api/errors.md',
      notify_no_data: false,
    });
  });

  it('says so when a monitor has no runbook yet', () => {
    const { message } = monitorMessages({ monitor: monitor({ severity: SEV2, runbook: undefined }), team, service: api });
    expect(message).toContain('Runbook: none yet');
    expect(message).toMatch(/\n\n@slack-team$/);
  });
});

describe('RotationSchedule', () => {
  const rotation = (overrides: Partial<RotationModel> = {}): RotationModel => ({
    id: 'primary',
    name: 'Primary',
    description: 'Primary on-call.',
    timeZone: 'Europe/Berlin',
    turnLength: '1w',
    turnSeconds: 604800,
    handoff: { day: 'monday', time: '10:00' },
    coverage: [],
    restrictions: [],
    layers: [
      { start: '2026-01-05T10:00:00+01:00', end: '2026-03-02T10:00:00+01:00', rotationVirtualStart: '2026-01-05T10:00:00+01:00', members: ['a', 'b'] },
      { start: '2026-03-02T10:00:00+01:00', rotationVirtualStart: '2026-03-02T10:00:00+01:00', members: ['b', 'c', 'a'] },
    ],
    ...overrides,
  });
  const users = { userId: (id: string) => `user-${id}` };

  it('emits one layer per roster, each with its own window and users', () => {
    const json = synth((scope) => new RotationSchedule(scope, 's', { rotation: rotation(), users, teamId: 'T' }));
    const schedule = only(json, 'pagerduty_schedule');
    expect(schedule).toMatchObject({ name: 'Primary', description: 'Primary on-call.', time_zone: 'Europe/Berlin', teams: ['T'] });
    expect(schedule.layer).toEqual([
      {
        name: 'Primary (roster from 2026-01-05)',
        start: '2026-01-05T10:00:00+01:00',
        end: '2026-03-02T10:00:00+01:00',
        rotation_virtual_start: '2026-01-05T10:00:00+01:00',
        rotation_turn_length_seconds: 604800,
        users: ['user-a', 'user-b'],
      },
      {
        name: 'Primary (roster from 2026-03-02)',
        start: '2026-03-02T10:00:00+01:00',
        rotation_virtual_start: '2026-03-02T10:00:00+01:00',
        rotation_turn_length_seconds: 604800,
        users: ['user-b', 'user-c', 'user-a'],
      },
    ]);
  });

  it('refuses times PagerDuty would reject or mis-read', () => {
    const bad = rotation({ layers: [{ start: '2026-01-05T10:00:30+01:00', rotationVirtualStart: '2026-01-05T10:00:00+01:00', members: ['a'] }] });
    expect(() => synth((scope) => new RotationSchedule(scope, 's', { rotation: bad, users, teamId: 'T' }))).toThrow(
      /start must be RFC 3339 with an offset and whole minutes/,
    );
    const daily = rotation({ restrictions: [{ type: 'daily_restriction', startTimeOfDay: '07:00:00', durationSeconds: 86400 }] });
    expect(() => synth((scope) => new RotationSchedule(scope, 's', { rotation: daily, users, teamId: 'T' }))).toThrow(
      /daily restriction lasts 1-86399 seconds/,
    );
    expect(() => synth((scope) => new RotationSchedule(scope, 's', { rotation: rotation({ turnSeconds: 1800 }), users, teamId: 'T' }))).toThrow(
      /turn length must be 3600-31536000/,
    );
  });
});
