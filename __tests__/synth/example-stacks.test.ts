import type { OrgModel } from '../../lib/model/types';
import { blocksOf, findBlock, loadModel, REPO_ROOT, referenceTo, synthesize, type StackJson, type Synthesized } from './helpers';

let model: OrgModel;
let out: Synthesized;
const stack = (team: string): StackJson => out.json[`team-${team}`];

beforeAll(() => {
  model = loadModel(REPO_ROOT);
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
        pagerduty: { source: 'PagerDuty/pagerduty', version: '3.30.8' },
      });
    }
  });

  it('keeps each stack\'s local state apart, relative to the stack working directory', () => {
    for (const [name, json] of Object.entries(out.json)) {
      expect(json.terraform?.backend).toEqual({ local: { path: `../../../state/${name}.tfstate` } });
    }
  });
});

describe('monitors carry the severity end to end', () => {
  const allMonitors = () =>
    model.teams.flatMap((team) => team.services.flatMap((service) => service.monitors.map((monitor) => ({ team, service, monitor }))));

  it('covers paging and non-paging severities in the example', () => {
    const severities = new Set(allMonitors().map(({ monitor }) => `${monitor.severity.id}:${monitor.severity.paging}`));
    expect(severities).toEqual(new Set(['SEV0:true', 'SEV1:true', 'SEV2:false', 'SEV3:false']));
  });

  it.each(['data', 'payments', 'platform'])('routes every monitor of team %s as its severity says', (teamId) => {
    for (const { team, service, monitor } of allMonitors().filter((m) => m.team.id === teamId)) {
      const body = findBlock(stack(team.id), 'datadog_monitor', 'name', monitor.title);
      const message = body.message as string;
      const handle = `@pagerduty-${team.id}-${service.id}`;
      const severity = monitor.severity;

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
        // Outside those blocks the handle never appears (warnings must not page).
        expect(message.replace(/\{\{#is_(alert|recovery|no_data)\}\}[^{]*\{\{\/is_\1\}\}/g, '')).not.toContain('@pagerduty');
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
    expect(findBlock(stack('payments'), 'datadog_monitor', 'name', '[SEV2] Checkout API p99 latency high').monitor_thresholds).toEqual({ critical: '2', warning: '1.2' });
    expect(findBlock(stack('platform'), 'datadog_monitor', 'name', '[SEV2] Edge TLS certificate expiring').monitor_thresholds).toEqual({ critical: '1', ok: '1', warning: '1' });
  });
});

describe('PagerDuty schedules and escalation', () => {
  const scheduleOf = (team: string, name: string) => findBlock(stack(team), 'pagerduty_schedule', 'name', name);

  it.each(['data', 'payments', 'platform'])('lists team %s\'s escalation levels in order with their delays and targets', (teamId) => {
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
    const targets = (policy.rule as { escalation_delay_in_minutes: number; target: { type: string }[] }[]).map((r) => [r.escalation_delay_in_minutes, r.target.map((t) => t.type)]);
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

  it('turns follow-the-sun coverage into daily restrictions in each region\'s own zone', () => {
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
    expect(layer.restriction).toEqual([1, 2, 3, 4, 5].map((day) => ({ type: 'weekly_restriction', start_time_of_day: '09:00:00', duration_seconds: 8.5 * 3600, start_day_of_week: day })));
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
    expect(blocksOf(stack('payments'), 'pagerduty_team_membership').map(([, b]) => b.role)).toEqual(expect.arrayContaining(['manager', 'responder', 'observer']));
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

  it('lets urgency follow the severity the orchestration sets', () => {
    for (const json of Object.values(out.json)) {
      for (const [, service] of blocksOf(json, 'pagerduty_service')) {
        expect(service.incident_urgency_rule).toEqual({ type: 'constant', urgency: 'severity_based' });
        expect(service).not.toHaveProperty('support_hours');
        expect(service).not.toHaveProperty('scheduled_actions');
      }
    }
  });

  it('routes [SEV0] to critical/P1 always and [SEV1] to critical/P2 only inside support hours', () => {
    const payments = stack('payments');
    const priorities = Object.fromEntries(blocksOf(payments, 'pagerduty_priority', 'data').map(([id, body]) => [body.name, `\${data.pagerduty_priority.${id}.id}`]));
    expect(Object.keys(priorities).sort()).toEqual(['P1', 'P2']);
    const [serviceId] = blocksOf(payments, 'pagerduty_service').find(([, body]) => body.name === 'Checkout API')!;
    const orchestration = findBlock(payments, 'pagerduty_event_orchestration_service', 'service', referenceTo('pagerduty_service', serviceId));
    const hours = 'now in Mon,Tue,Wed,Thu,Fri 09:00:00 to 18:00:00 America/New_York';
    expect(orchestration.enable_event_orchestration_for_service).toBe(true);
    expect(orchestration.set).toEqual([
      {
        id: 'start',
        rule: [
          { label: 'SEV0: high urgency', condition: [{ expression: "event.summary matches part '[SEV0]'" }], actions: { severity: 'critical', priority: priorities.P1 } },
          { label: 'SEV1: high urgency inside support hours', condition: [{ expression: `event.summary matches part '[SEV1]' and ${hours}` }], actions: { severity: 'critical', priority: priorities.P2 } },
          { label: 'SEV1: low urgency outside support hours', condition: [{ expression: "event.summary matches part '[SEV1]'" }], actions: { severity: 'warning', priority: priorities.P2 } },
          { label: 'unclassified (SEV1): high urgency inside support hours', condition: [{ expression: hours }], actions: { severity: 'critical', priority: priorities.P2 } },
        ],
      },
    ]);
    expect(orchestration.catch_all).toEqual({ actions: { severity: 'warning', priority: priorities.P2 } });
  });

  it('uses each service\'s own support-hours zone in its rules', () => {
    const platform = stack('platform');
    const [serviceId] = blocksOf(platform, 'pagerduty_service').find(([, body]) => body.name === 'Kubernetes clusters')!;
    const orchestration = findBlock(platform, 'pagerduty_event_orchestration_service', 'service', referenceTo('pagerduty_service', serviceId));
    const expressions = ((orchestration.set as { rule: { condition: { expression: string }[] }[] }[])[0].rule).map((r) => r.condition[0].expression);
    expect(expressions).toContain("event.summary matches part '[SEV1]' and now in Mon,Tue,Wed,Thu,Fri 09:00:00 to 17:00:00 Europe/Berlin");
  });

  it('pages unclassified events at high urgency on a service without support hours', () => {
    const platform = stack('platform');
    const [serviceId] = blocksOf(platform, 'pagerduty_service').find(([, body]) => body.name === 'Edge ingress')!;
    const orchestration = findBlock(platform, 'pagerduty_event_orchestration_service', 'service', referenceTo('pagerduty_service', serviceId));
    expect((orchestration.catch_all as { actions: { severity: string } }).actions.severity).toBe('critical');
  });

  it('configures alert grouping through pagerduty_alert_grouping_setting', () => {
    const grouping = (team: string, name: string) => findBlock(stack(team), 'pagerduty_alert_grouping_setting', 'name', `${name} alert grouping`);
    expect(grouping('payments', 'Card processor')).toMatchObject({ type: 'time', config: { timeout: 600 } });
    expect(grouping('payments', 'Checkout API')).toMatchObject({ type: 'intelligent', config: {} });
    expect(grouping('platform', 'Kubernetes clusters')).toMatchObject({ type: 'content_based', config: { aggregate: 'all', fields: ['source', 'summary'], time_window: 900 } });
    for (const json of Object.values(out.json)) {
      for (const [, service] of blocksOf(json, 'pagerduty_service')) expect(Object.keys(service).filter((k) => k.startsWith('alert_grouping'))).toEqual([]);
    }
  });

  it('links each service to Datadog through its integration key, kept in a sensitive output', () => {
    for (const team of model.teams) {
      const json = stack(team.id);
      for (const service of team.services) {
        const [serviceId] = blocksOf(json, 'pagerduty_service').find(([, body]) => body.name === service.name)!;
        const [integrationId, integration] = blocksOf(json, 'pagerduty_service_integration').find(([, body]) => body.service === referenceTo('pagerduty_service', serviceId))!;
        expect(integration).toEqual({ name: 'Datadog', service: referenceTo('pagerduty_service', serviceId), vendor: 'PAM4FGS' });
        const key = referenceTo('pagerduty_service_integration', integrationId, 'integration_key');
        expect(findBlock(json, 'datadog_integration_pagerduty_service_object', 'service_name', `${team.id}-${service.id}`)).toEqual({ service_name: `${team.id}-${service.id}`, service_key: key });
        const outputs = Object.values(json.output ?? {}).filter((o) => o.value === key);
        expect(outputs).toEqual([expect.objectContaining({ sensitive: true })]);
      }
    }
  });

  it('creates paging monitors only after the Datadog service object they notify', () => {
    const payments = stack('payments');
    const [objectId] = blocksOf(payments, 'datadog_integration_pagerduty_service_object').find(([, b]) => b.service_name === 'payments-checkout-api')!;
    expect(findBlock(payments, 'datadog_monitor', 'name', '[SEV0] Checkout API health check failing').depends_on).toEqual([`datadog_integration_pagerduty_service_object.${objectId}`]);
    expect(findBlock(payments, 'datadog_monitor', 'name', '[SEV2] Checkout API p99 latency high')).not.toHaveProperty('depends_on');
  });
});
