import type { OrgModel } from '../../lib/model/types';
import { blocksOf, findBlock, loadModel, EXAMPLE, referenceTo, synthesize, type StackJson, type Synthesized } from './helpers';

let model: OrgModel;
let out: Synthesized;
const stack = (team: string): StackJson => out.json[`team-${team}`];

beforeAll(() => {
  model = loadModel(EXAMPLE);
  out = synthesize(model);
});

describe('the example organization', () => {
  it('synthesizes one stack per team and nothing else (users are looked up)', () => {
    expect(Object.keys(out.json)).toEqual(model.teams.map((t) => `team-${t.id}`));
  });

  it.each(['data', 'payments', 'platform'])('team-%s matches its snapshot', (team) => {
    expect(stack(team)).toMatchSnapshot();
  });

  it('configures providers without any credential attribute', () => {
    for (const json of Object.values(out.json)) {
      expect(json.provider).toEqual({ datadog: [{}], pagerduty: [{}] });
      expect(json.terraform?.required_providers).toEqual({
        datadog: { source: 'DataDog/datadog', version: '3.82.0' },
        pagerduty: { source: 'PagerDuty/pagerduty', version: '3.31.5' },
      });
    }
  });

  it("keeps each stack's local state apart, relative to the stack working directory", () => {
    for (const [name, json] of Object.entries(out.json)) {
      expect(json.terraform?.backend).toEqual({ local: { path: `../../../state/${name}.tfstate` } });
    }
  });
});

describe('monitors carry the severity end to end', () => {
  const allMonitors = () => model.teams.flatMap((team) => team.services.flatMap((service) => service.monitors.map((monitor) => ({ team, service, monitor }))));

  it('covers paging and non-paging severities in the example', () => {
    const severities = new Set(allMonitors().map(({ monitor }) => `${monitor.severity.id}:${monitor.severity.paging}`));
    expect(severities).toEqual(new Set(['SEV0:true', 'SEV1:true', 'SEV2:false', 'SEV3:false']));
  });

  it.each(['data', 'payments', 'platform'])('routes every monitor of team %s as its severity says', (teamId) => {
    for (const { team, service, monitor } of allMonitors().filter((m) => m.team.id === teamId)) {
      const body = findBlock(stack(team.id), 'datadog_monitor', 'name', monitor.title);
      const message = body.message as string;
      const severity = monitor.severity;
      // Support-hours levels page the service's business-hours service, every other paging level the service itself.
      const mainHandle = `@pagerduty-${team.id}-${service.id}`;
      const handle = severity.urgency === 'support-hours' ? `${mainHandle}-business-hours` : mainHandle;

      expect(body.name).toBe(`[${severity.id}] ${monitor.name}`);
      expect(body.priority).toBe(String(severity.datadogPriority));
      expect(message).toContain(`Severity: ${severity.id} (`);
      expect(message).toContain(`Team: ${team.name} (${team.id})`);
      expect(message).toContain(`Service: ${service.name} (${service.id})`);
      expect(message).toContain(`Runbook: ${monitor.runbook!.url}`);
      expect(monitor.runbook!.url).toMatch(/^https:\/\/github\.com\/example-corp\/oncall\/blob\/main\/runbooks\/.+\.md$/);
      expect(body.tags).toEqual(expect.arrayContaining([`team:${team.id}`, `service:${service.id}`, `severity:${severity.id.toLowerCase()}`]));
      expect(body.tags).toEqual([...(body.tags as string[])].sort());

      if (severity.paging) {
        expect(message).toContain(`{{#is_alert}}${handle}{{/is_alert}}`);
        expect(message).toContain(`{{#is_recovery}}${handle}{{/is_recovery}}`);
        // Outside those blocks the handle never appears (warnings must not page), and no other service's handle at all.
        expect(message.replace(/\{\{#is_(alert|recovery|no_data)\}\}[^{]*\{\{\/is_\1\}\}/g, '')).not.toContain('@pagerduty');
        expect(message.match(/@pagerduty-[\w.-]+/g)?.every((h) => h === handle)).toBe(true);
        expect(body.renotify_interval).toBe(severity.renotifyMinutes);
        expect(body.escalation_message).toContain(monitor.title);
      } else {
        expect(message).not.toContain('@pagerduty');
        expect(body).not.toHaveProperty('renotify_interval');
        expect(body).not.toHaveProperty('escalation_message');
      }
      for (const handleOrChat of severity.notify) {
        expect(message).toContain(handleOrChat === 'team-chat' ? team.chatHandle! : handleOrChat);
      }
      expect(message).toBe(message.trim());
      expect(message).not.toMatch(/\r|[ \t]\n/);
    }
  });

  it('sends the SEV3 ticket to Jira and the SEV2 latency warning to chat only', () => {
    const payments = stack('payments');
    expect(findBlock(payments, 'datadog_monitor', 'name', '[SEV3] Settlement batch lag').message).toMatch(/\n@jira-ops-backlog$/);
    expect(findBlock(payments, 'datadog_monitor', 'name', '[SEV2] Checkout API p99 latency high').message).toMatch(/\n\n@slack-payments-alerts$/);
  });

  it('pages on no data only where the monitor asks for it', () => {
    const down = findBlock(stack('payments'), 'datadog_monitor', 'name', '[SEV0] Checkout API health check failing');
    expect(down).toMatchObject({ notify_no_data: true, no_data_timeframe: 5 });
    expect(down.message).toContain('{{#is_no_data}}@pagerduty-payments-checkout-api{{/is_no_data}}');
    const errors = findBlock(stack('payments'), 'datadog_monitor', 'name', '[SEV1] Checkout API 5xx error rate');
    expect(errors.notify_no_data).toBe(false);
    expect(errors).not.toHaveProperty('no_data_timeframe');
    expect(errors.message).not.toContain('is_no_data');
  });

  it('writes thresholds as the strings the provider stores', () => {
    expect(findBlock(stack('payments'), 'datadog_monitor', 'name', '[SEV2] Checkout API p99 latency high').monitor_thresholds).toEqual({
      critical: '2',
      warning: '1.2',
    });
    expect(findBlock(stack('platform'), 'datadog_monitor', 'name', '[SEV2] Edge TLS certificate expiring').monitor_thresholds).toEqual({
      critical: '1',
      ok: '1',
      warning: '1',
    });
  });
});

describe('PagerDuty schedules and escalation', () => {
  const scheduleOf = (team: string, name: string) => findBlock(stack(team), 'pagerduty_schedule', 'name', name);

  it.each(['data', 'payments', 'platform'])("lists team %s's escalation levels in order with their delays and targets", (teamId) => {
    const team = model.teams.find((t) => t.id === teamId)!;
    const json = stack(teamId);
    const [[policyId, policy]] = blocksOf(json, 'pagerduty_escalation_policy');
    expect(policyId).toMatch(/^oncall_escalation_policy_[0-9A-F]{8}$/);
    const scheduleByName = Object.fromEntries(blocksOf(json, 'pagerduty_schedule').map(([id, body]) => [body.name, referenceTo('pagerduty_schedule', id)]));
    const userByEmail = Object.fromEntries(blocksOf(json, 'pagerduty_user', 'data').map(([id, body]) => [body.email, `\${data.pagerduty_user.${id}.id}`]));
    const expectedRules = team.escalation.levels.map((level) => ({
      escalation_delay_in_minutes: level.delayMinutes,
      target: level.targets.map((target) =>
        target.kind === 'rotation'
          ? { type: 'schedule_reference', id: scheduleByName[team.rotations.find((r) => r.id === target.rotationId)!.name] }
          : { type: 'user_reference', id: userByEmail[team.members.find((m) => m.id === target.memberId)!.email] },
      ),
    }));
    expect(policy).toMatchObject({ name: team.escalation.name, num_loops: team.escalation.repeats, teams: [expect.stringMatching(/^\$\{pagerduty_team\./)] });
    expect(policy.rule).toEqual(expectedRules);
    expect(JSON.stringify(policy.rule)).not.toContain('undefined');
    expect(policy.description).toMatch(new RegExp(`^How ${team.name} incidents escalate\\.`));
  });

  it('escalates payments from the primary to the secondary (plus a person) to a person', () => {
    const policy = blocksOf(stack('payments'), 'pagerduty_escalation_policy')[0][1];
    const targets = (policy.rule as { escalation_delay_in_minutes: number; target: { type: string }[] }[]).map((r) => [
      r.escalation_delay_in_minutes,
      r.target.map((t) => t.type),
    ]);
    expect(targets).toEqual([
      [5, ['schedule_reference']],
      [15, ['schedule_reference', 'user_reference']],
      [30, ['user_reference']],
    ]);
  });

  it('derives the secondary one turn behind the primary, never the same person at once', () => {
    const primary = scheduleOf('payments', 'Payments primary');
    const secondary = scheduleOf('payments', 'Payments secondary');
    const [primaryLayer] = primary.layer as Record<string, unknown>[];
    const [secondaryLayer] = secondary.layer as Record<string, unknown>[];
    expect(primary.time_zone).toBe('America/New_York');
    expect(secondary.time_zone).toBe('America/New_York');
    for (const layer of [primaryLayer, secondaryLayer]) {
      expect(layer).toMatchObject({ start: '2026-01-05T10:00:00-05:00', rotation_turn_length_seconds: 604800 });
    }
    // Read the emitted layers the way PagerDuty does: turn k from rotation_virtual_start goes to users[k mod n].
    // (Whether the offset is in the virtual start or in the user order is the model's choice.)
    const week = 604800_000;
    const onCall = (layer: Record<string, unknown>, at: number) => {
      const users = layer.users as string[];
      const turn = Math.floor((at - Date.parse(layer.rotation_virtual_start as string)) / week);
      return users[((turn % users.length) + users.length) % users.length];
    };
    const first = Date.parse('2026-01-05T15:00:00Z') + 3_600_000; // an hour after the first handoff
    for (let k = 1; k < 14; k++) {
      const at = first + k * week;
      expect(onCall(secondaryLayer, at)).toBe(onCall(primaryLayer, at - week));
      expect(onCall(secondaryLayer, at)).not.toBe(onCall(primaryLayer, at));
    }
  });

  it("turns follow-the-sun coverage into daily restrictions in each region's own zone", () => {
    for (const [name, zone, offset] of [
      ['Platform Americas', 'America/Los_Angeles', '-08:00'],
      ['Platform EMEA', 'Europe/Berlin', '+01:00'],
      ['Platform APAC', 'Australia/Sydney', '+11:00'],
    ]) {
      const schedule = scheduleOf('platform', name);
      expect(schedule.time_zone).toBe(zone);
      const [layer] = schedule.layer as Record<string, unknown>[];
      expect(layer.restriction).toEqual([{ type: 'daily_restriction', start_time_of_day: '07:00:00', duration_seconds: 12 * 3600 }]);
      expect(layer.start).toBe(`2026-01-05T10:00:00${offset}`);
    }
  });

  it('turns business-hours coverage into one weekly restriction per weekday', () => {
    const [layer] = scheduleOf('data', 'Data L3 (leads)').layer as Record<string, unknown>[];
    expect(layer.restriction).toEqual(
      [1, 2, 3, 4, 5].map((day) => ({ type: 'weekly_restriction', start_time_of_day: '09:00:00', duration_seconds: 8.5 * 3600, start_day_of_week: day })),
    );
    const [l2] = scheduleOf('data', 'Data L2 (senior)').layer as Record<string, unknown>[];
    expect(l2.rotation_turn_length_seconds).toBe(2 * 604800);
    expect(l2).not.toHaveProperty('restriction');
  });

  it('always sets schedule descriptions and the owning team', () => {
    for (const json of Object.values(out.json)) {
      for (const [, schedule] of blocksOf(json, 'pagerduty_schedule')) {
        expect(schedule.description).toEqual(expect.any(String));
        expect(schedule.description).not.toBe('Managed by Terraform');
        expect(schedule.teams).toEqual([expect.stringMatching(/^\$\{pagerduty_team\.oncall_team_[0-9A-F]{8}\.id\}$/)]);
      }
    }
  });
});

describe('team memberships', () => {
  it('gives every member a membership with the configured role', () => {
    for (const team of model.teams) {
      const json = stack(team.id);
      const users = Object.fromEntries(blocksOf(json, 'pagerduty_user', 'data').map(([id, body]) => [`\${data.pagerduty_user.${id}.id}`, body.email]));
      const memberships = blocksOf(json, 'pagerduty_team_membership').map(([, body]) => ({ email: users[body.user_id as string], role: body.role }));
      expect(memberships.sort((a, b) => a.email!.toString().localeCompare(b.email!.toString()))).toEqual(
        team.members.map((m) => ({ email: m.email, role: m.role })).sort((a, b) => a.email.localeCompare(b.email)),
      );
    }
    expect(blocksOf(stack('payments'), 'pagerduty_team_membership').map(([, b]) => b.role)).toEqual(
      expect.arrayContaining(['manager', 'responder', 'observer']),
    );
  });
});

describe('PagerDuty services', () => {
  it('always sets both timeouts as strings of seconds or "null"', () => {
    for (const team of model.teams) {
      for (const service of team.services) {
        const body = findBlock(stack(team.id), 'pagerduty_service', 'name', service.name);
        expect(body.acknowledgement_timeout).toBe(service.acknowledgementTimeoutSeconds === null ? 'null' : String(service.acknowledgementTimeoutSeconds));
        expect(body.auto_resolve_timeout).toBe(service.autoResolveTimeoutSeconds === null ? 'null' : String(service.autoResolveTimeoutSeconds));
        expect(body.acknowledgement_timeout).toMatch(/^(\d+|null)$/);
        expect(body.description).toBe(service.description);
      }
    }
  });

  const prioritiesOf = (json: StackJson) =>
    Object.fromEntries(blocksOf(json, 'pagerduty_priority', 'data').map(([id, body]) => [body.name, `\${data.pagerduty_priority.${id}.id}`]));
  const orchestrationOf = (json: StackJson, serviceName: string) => {
    const [serviceId] = blocksOf(json, 'pagerduty_service').find(([, body]) => body.name === serviceName)!;
    return findBlock(json, 'pagerduty_event_orchestration_service', 'service', referenceTo('pagerduty_service', serviceId));
  };

  it('lets urgency follow the severity the orchestration sets on every main service', () => {
    for (const team of model.teams) {
      for (const service of team.services) {
        const body = findBlock(stack(team.id), 'pagerduty_service', 'name', service.name);
        expect(body.incident_urgency_rule).toEqual({ type: 'constant', urgency: 'severity_based' });
        expect(body).not.toHaveProperty('support_hours');
        expect(body).not.toHaveProperty('scheduled_actions');
      }
    }
  });

  it('pages events without a recognised [SEV..] token at high urgency around the clock (catch_all critical, never a time window)', () => {
    for (const team of model.teams) {
      const priorities = prioritiesOf(stack(team.id));
      for (const service of team.services) {
        const orchestration = orchestrationOf(stack(team.id), service.name);
        expect(orchestration.catch_all).toEqual({ actions: { severity: 'critical', priority: priorities[model.unclassifiedSeverity.pagerdutyPriority!] } });
        expect(JSON.stringify(orchestration.set)).not.toContain('now in');
      }
    }
    expect(model.unclassifiedSeverity.pagerdutyPriority).toBe('P2');
  });

  it('routes [SEV0] to critical/P1 on the main service and leaves SEV1 to the business-hours service', () => {
    const payments = stack('payments');
    const priorities = prioritiesOf(payments);
    expect(Object.keys(priorities).sort()).toEqual(['P1', 'P2']);
    const orchestration = orchestrationOf(payments, 'Checkout API');
    expect(orchestration.enable_event_orchestration_for_service).toBe(true);
    expect(orchestration.set).toEqual([
      {
        id: 'start',
        rule: [
          {
            label: 'SEV0: high urgency',
            condition: [{ expression: "event.summary matches part '[SEV0]'" }],
            actions: { severity: 'critical', priority: priorities.P1 },
          },
        ],
      },
    ]);
  });

  it('gives every service with support-hours monitors a business-hours service: use_support_hours, its support hours, raised to high at their start', () => {
    const expected = [
      { team: 'data', service: 'Event pipeline', hours: { start_time: '09:00:00', end_time: '17:30:00', time_zone: 'Europe/London' } },
      { team: 'payments', service: 'Checkout API', hours: { start_time: '09:00:00', end_time: '18:00:00', time_zone: 'America/New_York' } },
      { team: 'platform', service: 'Kubernetes clusters', hours: { start_time: '09:00:00', end_time: '17:00:00', time_zone: 'Europe/Berlin' } },
    ];
    const found = Object.entries(out.json).flatMap(([name, json]) =>
      blocksOf(json, 'pagerduty_service')
        .filter(([, body]) => (body.name as string).endsWith(' (business hours)'))
        .map(([, body]) => ({ name, body })),
    );
    expect(found.map(({ name, body }) => `${name}: ${body.name}`)).toEqual(expected.map((e) => `team-${e.team}: ${e.service} (business hours)`));
    for (const { team, service, hours } of expected) {
      const json = stack(team);
      const main = findBlock(json, 'pagerduty_service', 'name', service);
      const businessHours = findBlock(json, 'pagerduty_service', 'name', `${service} (business hours)`);
      expect(businessHours.escalation_policy).toBe(main.escalation_policy);
      expect(businessHours.acknowledgement_timeout).toBe(main.acknowledgement_timeout);
      expect(businessHours.incident_urgency_rule).toEqual({
        type: 'use_support_hours',
        during_support_hours: { type: 'constant', urgency: 'high' },
        outside_support_hours: { type: 'constant', urgency: 'low' },
      });
      expect(businessHours.support_hours).toEqual({ type: 'fixed_time_per_day', days_of_week: [1, 2, 3, 4, 5], ...hours });
      expect(businessHours.scheduled_actions).toEqual([
        { type: 'urgency_change', to_urgency: 'high', at: [{ type: 'named_time', name: 'support_hours_start' }] },
      ]);
      // Its orchestration only sets priority: the urgency rule decides urgency there.
      const priorities = prioritiesOf(json);
      expect(orchestrationOf(json, `${service} (business hours)`)).toMatchObject({
        set: [
          {
            id: 'start',
            rule: [{ label: 'SEV1: priority P2', condition: [{ expression: "event.summary matches part '[SEV1]'" }], actions: { priority: priorities.P2 } }],
          },
        ],
        catch_all: { actions: { priority: priorities.P2 } },
      });
    }
    // A service whose monitors never use a support-hours level has none (Edge ingress: SEV0 and SEV2 only).
    expect(blocksOf(stack('platform'), 'pagerduty_service').map(([, body]) => body.name)).not.toContain('Edge ingress (business hours)');
  });

  it('shows the business-hours service in the model', () => {
    const checkout = model.teams.find((t) => t.id === 'payments')!.services.find((s) => s.id === 'checkout-api')!;
    expect(checkout.businessHoursService).toEqual({
      name: 'Checkout API (business hours)',
      datadogServiceName: 'payments-checkout-api-business-hours',
      severities: [expect.objectContaining({ id: 'SEV1' })],
    });
    const edge = model.teams.find((t) => t.id === 'platform')!.services.find((s) => s.id === 'ingress')!;
    expect(edge.businessHoursService).toBeUndefined();
  });

  it('configures alert grouping through pagerduty_alert_grouping_setting', () => {
    const grouping = (team: string, name: string) => findBlock(stack(team), 'pagerduty_alert_grouping_setting', 'name', `${name} alert grouping`);
    expect(grouping('payments', 'Card processor')).toMatchObject({ type: 'time', config: { timeout: 600 } });
    expect(grouping('payments', 'Checkout API')).toMatchObject({ type: 'intelligent', config: {} });
    expect(grouping('platform', 'Kubernetes clusters')).toMatchObject({
      type: 'content_based',
      config: { aggregate: 'all', fields: ['source', 'summary'], time_window: 900 },
    });
    for (const json of Object.values(out.json)) {
      for (const [, service] of blocksOf(json, 'pagerduty_service')) expect(Object.keys(service).filter((k) => k.startsWith('alert_grouping'))).toEqual([]);
    }
  });

  it('links each service to Datadog through its integration key, kept in a sensitive output', () => {
    for (const team of model.teams) {
      const json = stack(team.id);
      for (const service of team.services) {
        const [serviceId] = blocksOf(json, 'pagerduty_service').find(([, body]) => body.name === service.name)!;
        const [integrationId, integration] = blocksOf(json, 'pagerduty_service_integration').find(
          ([, body]) => body.service === referenceTo('pagerduty_service', serviceId),
        )!;
        expect(integration).toEqual({ name: 'Datadog', service: referenceTo('pagerduty_service', serviceId), vendor: 'PAM4FGS' });
        const key = referenceTo('pagerduty_service_integration', integrationId, 'integration_key');
        expect(findBlock(json, 'datadog_integration_pagerduty_service_object', 'service_name', `${team.id}-${service.id}`)).toEqual({
          service_name: `${team.id}-${service.id}`,
          service_key: key,
        });
        const outputs = Object.values(json.output ?? {}).filter((o) => o.value === key);
        expect(outputs).toEqual([expect.objectContaining({ sensitive: true })]);
      }
    }
  });

  it('links each business-hours service to Datadog through its own integration, service object and sensitive output', () => {
    const payments = stack('payments');
    const [serviceId] = blocksOf(payments, 'pagerduty_service').find(([, body]) => body.name === 'Checkout API (business hours)')!;
    expect(serviceId).toMatch(/^oncall_service-checkout-api-business-hours_service_[0-9A-F]{8}$/);
    const [integrationId, integration] = blocksOf(payments, 'pagerduty_service_integration').find(
      ([, body]) => body.service === referenceTo('pagerduty_service', serviceId),
    )!;
    expect(integration).toEqual({ name: 'Datadog', service: referenceTo('pagerduty_service', serviceId), vendor: 'PAM4FGS' });
    const key = referenceTo('pagerduty_service_integration', integrationId, 'integration_key');
    expect(findBlock(payments, 'datadog_integration_pagerduty_service_object', 'service_name', 'payments-checkout-api-business-hours').service_key).toBe(key);
    expect(Object.values(payments.output ?? {}).filter((o) => o.value === key)).toEqual([expect.objectContaining({ sensitive: true })]);
  });

  it('creates paging monitors only after the Datadog service object they notify', () => {
    const payments = stack('payments');
    const objectNamed = (name: string) =>
      `datadog_integration_pagerduty_service_object.${blocksOf(payments, 'datadog_integration_pagerduty_service_object').find(([, b]) => b.service_name === name)![0]}`;
    expect(findBlock(payments, 'datadog_monitor', 'name', '[SEV0] Checkout API health check failing').depends_on).toEqual([
      objectNamed('payments-checkout-api'),
    ]);
    expect(findBlock(payments, 'datadog_monitor', 'name', '[SEV1] Checkout API 5xx error rate').depends_on).toEqual([
      objectNamed('payments-checkout-api-business-hours'),
    ]);
    expect(findBlock(payments, 'datadog_monitor', 'name', '[SEV2] Checkout API p99 latency high')).not.toHaveProperty('depends_on');
  });
});
