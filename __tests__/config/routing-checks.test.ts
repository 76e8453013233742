import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCommand } from '../../lib/cli/commands/validate';
import { EXIT } from '../../lib/cli/io';
import { evaluationWindowMinutes } from '../../lib/config/checks/no-data-window';
import { severityTokenIn, unbalancedSection } from '../../lib/config/checks/monitor-text';
import { pagerdutyHandleIn } from '../../lib/config/checks/paging-handles';
import { priorityPrefixClashes } from '../../lib/config/checks/priority-prefix';
import { formatDiagnostic, formatPath, type Diagnostic } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { datadogServiceNames } from '../../lib/config/names';
import type { SeverityConfig } from '../../lib/config/schema';
import { buildModel } from '../../lib/model/build';
import { captureIO, edit, EXAMPLE, MINIMAL, REPO_ROOT, scratch } from './support';

/**
 * Config checks for the routing problems of the 2026-11-25 SRE review (findings 2, 3, 7, 8, 9,
 * 10, 12, 13, 15): each is a mutation of the minimal organization, asserting the code, level,
 * location and what the message tells the reader.
 */
const ORG = 'config/organization.yaml';
const TEAM = 'config/teams/shop.yaml';
const RUNBOOK_LINE = '        runbook: shop/checkout-errors.md\n';

const dirs = scratch();
afterAll(() => dirs.cleanup());

type Edit = [file: string, from: string, to: string];

function load(edits: Edit[], files: Record<string, string> = {}) {
  const root = dirs.copy(MINIMAL);
  for (const [file, from, to] of edits) edit(root, file, from, to);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
  return { root, ...loadConfig({ root }) };
}

const withCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);
const located = (d: Diagnostic) => ({ level: d.level, file: d.file, path: formatPath(d.path), line: d.line });
const withMessage = (message: string) => [RUNBOOK_LINE, `${RUNBOOK_LINE}        message: ${JSON.stringify(message)}\n`] as const;

describe('finding 2: @pagerduty handles only through the severity model', () => {
  test("a handle in a non-paging severity's notify list is an error at that list item", () => {
    const result = load([[ORG, '    notify: [team-chat]\n', "    notify: [team-chat, '@pagerduty-shop-checkout']\n"]]);
    const [found] = withCode(result.diagnostics, 'pagerduty-handle-forbidden');
    expect(located(found)).toEqual({ level: 'error', file: ORG, path: 'severities[1].notify[1]', line: 16 });
    expect(found.message).toContain('severity "SEV2" notifies @pagerduty-shop-checkout');
    expect(found.message).toContain('set paging: true if this level should page');
    expect(found.found).toBe('"@pagerduty-shop-checkout"');
    expect(result.config).toBeUndefined();
  });

  test('on a paging severity the advice is to remove it', () => {
    const result = load([[ORG, '    renotifyMinutes: 10\n', "    renotifyMinutes: 10\n    notify: ['@PagerDuty-Resolve']\n"]]);
    const [found] = withCode(result.diagnostics, 'pagerduty-handle-forbidden');
    expect(found.path).toEqual(['severities', 0, 'notify', 0]);
    expect(found.message).toContain('remove it: this level already pages');
  });

  test('a PagerDuty chat handle is an error at chatHandle', () => {
    const result = load([[TEAM, "chatHandle: '@slack-shop'", "chatHandle: '@pagerduty-shop-checkout'"]]);
    expect(withCode(result.diagnostics, 'pagerduty-handle-forbidden').map(located)).toEqual([{ level: 'error', file: TEAM, path: 'chatHandle', line: 5 }]);
  });

  test('a handle anywhere in the free-text message is an error, also inside a conditional', () => {
    const [from, to] = withMessage('Dashboard: https://x.example {{#is_alert}}@pagerduty-acknowledge{{/is_alert}}');
    const result = load([[TEAM, from, to]]);
    const [found] = withCode(result.diagnostics, 'pagerduty-handle-forbidden');
    expect(located(found)).toEqual({ level: 'error', file: TEAM, path: 'services.checkout.monitors.errors.message', line: 34 });
    expect(found.message).toContain('names @pagerduty-acknowledge');
  });

  test.each([
    ['@pagerduty-payments-checkout-api', '@pagerduty-payments-checkout-api'],
    ['page @pagerduty-resolve.', '@pagerduty-resolve'],
    ['@pagerduty', '@pagerduty'],
    ['@PAGERDUTY-x', '@PAGERDUTY-x'],
    ['mail ops@pagerduty.com', undefined],
    ['@pagerdutyish', undefined],
    ['@slack-pagerduty-news', undefined],
    ['@pagerduty@example.com', undefined],
  ])('pagerdutyHandleIn(%j) is %j', (text, expected) => {
    expect(pagerdutyHandleIn(text)).toBe(expected);
  });
});

describe('finding 3: Datadog PagerDuty service object names are unique across the organization', () => {
  const team = (id: string, service: string) =>
    `name: ${id} team\ndescription: Another team.\ntimeZone: Europe/Berlin\nmembers:\n  dan: { name: Dan Park, email: dan@example.com, role: responder }\nescalation:\n  levels:\n    - targets: [{ user: dan }]\nservices:\n  ${service}:\n    name: ${id} ${service}\n    description: A service.\n`;

  test('team "shop-checkout" service "api" collides with team "shop" service "checkout-api"; the error names both', () => {
    const result = load([[TEAM, '  checkout:\n', '  checkout-api:\n']], { 'config/teams/shop-checkout.yaml': team('shop-checkout', 'api') });
    const found = withCode(result.diagnostics, 'datadog-service-name-duplicate');
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('error');
    expect(found[0].message).toContain('team "shop" service "checkout-api" and team "shop-checkout" service "api" (config/teams/shop-checkout.yaml)');
    expect(found[0].message).toContain('"shop-checkout-api"');
  });

  test('the -business-hours variant is claimed by every service, so it collides too', () => {
    const result = load([], { 'config/teams/shop-checkout.yaml': team('shop-checkout', 'business-hours') });
    const [found] = withCode(result.diagnostics, 'datadog-service-name-duplicate');
    // Teams are checked in file order ("shop-checkout.yaml" sorts first), so it is reported on "shop".
    expect(found.message).toContain('"shop-checkout-business-hours"');
    expect(found.message).toContain('team "shop" service "checkout" and team "shop-checkout" service "business-hours"');
    expect({ file: found.file, path: found.path }).toEqual({ file: TEAM, path: ['services', 'checkout'] });
  });

  test("inside one team, a service named like another's business-hours variant collides", () => {
    const result = load([[TEAM, 'services:\n', 'services:\n  checkout-business-hours:\n    name: Checkout BH\n    description: Clash.\n']]);
    expect(withCode(result.diagnostics, 'datadog-service-name-duplicate')).toHaveLength(1);
  });

  test("distinct names pass, and the names match the model's datadogServiceName", () => {
    const result = load([], { 'config/teams/web.yaml': team('web', 'checkout') });
    expect(withCode(result.diagnostics, 'datadog-service-name-duplicate')).toEqual([]);
    const model = buildModel(result.config!);
    for (const t of model.teams) for (const s of t.services) expect(datadogServiceNames(t.id, s.id)[0]).toBe(s.datadogServiceName);
  });
});

describe('finding 7: acknowledgementTimeoutMinutes on severities', () => {
  const timeout = (edits: Edit[]) => {
    const result = load(edits);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    return buildModel(result.config!).teams[0].services[0].acknowledgementTimeoutSeconds;
  };
  const severityField = (value: string): Edit => [ORG, '    renotifyMinutes: 10\n', `    renotifyMinutes: 10\n    acknowledgementTimeoutMinutes: ${value}\n`];

  test('without it, the service falls back to the shortest renotifyMinutes (as before)', () => {
    expect(timeout([])).toBe(600);
  });

  test('the severity value wins over renotifyMinutes', () => {
    expect(timeout([severityField('45')])).toBe(2700);
  });

  test('null on the severity means never re-trigger, not "fall back"', () => {
    expect(timeout([severityField('null')])).toBeNull();
  });

  test("the shortest value among the service's paging severities that set it", () => {
    const secondPaging: Edit = [
      ORG,
      '    paging: false\n    datadogPriority: 3\n    renotifyMinutes: 0\n',
      '    paging: true\n    urgency: low\n    datadogPriority: 3\n    ackTargetMinutes: 30\n    renotifyMinutes: 5\n    acknowledgementTimeoutMinutes: 20\n',
    ];
    const secondMonitor: Edit = [
      TEAM,
      RUNBOOK_LINE,
      `${RUNBOOK_LINE}      slow:\n        name: Checkout slow\n        type: query alert\n        query: avg(last_5m):avg:checkout.latency{env:prod} > 2\n        thresholds: { critical: 2 }\n        severity: SEV2\n        runbook: shop/checkout-errors.md\n`,
    ];
    // SEV1 says never (null), SEV2 says 20: the shortest real timeout wins.
    expect(timeout([severityField('null'), secondPaging, secondMonitor])).toBe(1200);
    // SEV1 says 45, SEV2 says 20.
    expect(timeout([severityField('45'), secondPaging, secondMonitor])).toBe(1200);
    // Only SEV2 sets it: SEV1's renotifyMinutes (10) and SEV2's (5) are not used.
    expect(timeout([secondPaging, secondMonitor])).toBe(1200);
  });

  test("the service's own acknowledgementTimeoutMinutes still wins", () => {
    expect(
      timeout([severityField('45'), [TEAM, '    description: Takes payments.\n', '    description: Takes payments.\n    acknowledgementTimeoutMinutes: 90\n']]),
    ).toBe(5400);
  });

  test('zero or negative values are refused by the schema', () => {
    const result = load([severityField('0')]);
    expect(result.diagnostics.map(located)).toContainEqual({ level: 'error', file: ORG, path: 'severities[0].acknowledgementTimeoutMinutes', line: 11 });
  });

  test('the bundled example sets 30 min for SEV0 and 60 min for SEV1', () => {
    const text = readFileSync(join(EXAMPLE, 'config', 'organization.yaml'), 'utf8');
    expect(text).toMatch(/- id: SEV0[\s\S]*?acknowledgementTimeoutMinutes: 30\n[\s\S]*?- id: SEV1[\s\S]*?acknowledgementTimeoutMinutes: 60\n/);
  });
});

describe('finding 8: monitor names carry no [<severity id>] token', () => {
  test("another severity's token, in any case, is an error at the name", () => {
    const result = load([[TEAM, 'name: Checkout error rate', 'name: Checkout [sev2] error rate']]);
    const [found] = withCode(result.diagnostics, 'monitor-name-severity-token');
    expect(located(found)).toEqual({ level: 'error', file: TEAM, path: 'services.checkout.monitors.errors.name', line: 28 });
    expect(found.message).toContain('contains "[sev2]", the token of severity SEV2');
    expect(found.message).toContain('but the monitor is SEV1');
  });

  test('its own token is refused too, with the reason that the tool adds it', () => {
    const result = load([[TEAM, 'name: Checkout error rate', "name: '[SEV1] Checkout error rate'"]]);
    const [found] = withCode(result.diagnostics, 'monitor-name-severity-token');
    expect(found.message).toContain('the tool puts "[SEV1]" in front of every name itself');
  });

  test('brackets that are not a severity token pass', () => {
    expect(withCode(load([[TEAM, 'name: Checkout error rate', 'name: Checkout [EU] error rate']]).diagnostics, 'monitor-name-severity-token')).toEqual([]);
  });

  test('severityTokenIn finds the first token, ignoring case', () => {
    expect(severityTokenIn('a [Sev2] b [SEV1]', ['SEV1', 'SEV2'])).toEqual({ id: 'SEV2', written: '[Sev2]' });
    expect(severityTokenIn('SEV1 without brackets', ['SEV1'])).toBeUndefined();
  });
});

describe('finding 9: a Datadog priority that spells another severity id', () => {
  const pSeverities: Edit[] = [
    [ORG, '  - id: SEV1\n', '  - id: P1\n'],
    [
      ORG,
      '  - id: SEV2\n    description: Degraded but usable.\n    paging: false\n',
      '  - id: P2\n    description: Degraded but usable.\n    paging: true\n    urgency: low\n    ackTargetMinutes: 30\n',
    ],
    [ORG, '    notify: [team-chat]\n', ''],
    [TEAM, 'severity: SEV1', 'severity: P1'],
  ];

  test('P2 with datadogPriority 1 is an error at its datadogPriority (before synth could exit 3)', () => {
    const result = load([...pSeverities, [ORG, '    datadogPriority: 3\n', '    datadogPriority: 1\n']]);
    const [found] = withCode(result.diagnostics, 'severity-priority-prefix-clash');
    expect(located(found)).toEqual({ level: 'error', file: ORG, path: 'severities[1].datadogPriority', line: 16 });
    expect(found.message).toContain('severity "P2" has Datadog priority 1, so Datadog starts its alert titles with "[P1]"');
    expect(found.message).toContain('give "P2" datadogPriority 2');
    expect(result.config).toBeUndefined();
  });

  test('matching priorities (P1 at 1, P2 at 2) pass', () => {
    const result = load([...pSeverities, [ORG, '    datadogPriority: 3\n', '    datadogPriority: 2\n']]);
    expect(result.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  const severity = (id: string, datadogPriority: number, paging = true) => ({ id, datadogPriority, paging }) as SeverityConfig;

  test('the clash is found whatever the order and the case of the ids', () => {
    expect(priorityPrefixClashes([severity('p2', 1), severity('P1', 1)]).map((c) => [c.source.id, c.target.id])).toEqual([['p2', 'P1']]);
    // A SEV-style severity at Datadog priority 1 next to a paging "P1" clashes as well.
    expect(priorityPrefixClashes([severity('P1', 1), severity('URGENT', 1)]).map((c) => [c.source.id, c.target.id])).toEqual([['URGENT', 'P1']]);
  });

  test('non-paging severities never reach PagerDuty, so they neither clash nor are clashed with', () => {
    expect(priorityPrefixClashes([severity('P1', 2), severity('P2', 2, false)])).toEqual([]);
    expect(priorityPrefixClashes([severity('P1', 1, false), severity('P2', 1)])).toEqual([]);
  });
});

describe('finding 10: no-data window shorter than twice the evaluation window', () => {
  const noData = (value: string): Edit => [TEAM, RUNBOOK_LINE, `${RUNBOOK_LINE}        noData: ${value}\n`];

  test('afterMinutes below 2x the query window is a warning with the suggested minimum; the config still loads', () => {
    const result = load([noData('{ notify: true, afterMinutes: 5 }')]);
    const [found] = withCode(result.diagnostics, 'monitor-no-data-window-short');
    expect(located(found)).toEqual({ level: 'warning', file: TEAM, path: 'services.checkout.monitors.errors.noData.afterMinutes', line: 34 });
    expect(found.message).toContain("shorter than twice the query's 5 min evaluation window");
    expect(found.message).toContain('set afterMinutes: 10');
    expect(result.config).toBeDefined();
  });

  test('the omitted afterMinutes counts as the default 10', () => {
    const result = load([[TEAM, 'sum(last_5m)', 'sum(last_15m)'], noData('{ notify: true }')]);
    const [found] = withCode(result.diagnostics, 'monitor-no-data-window-short');
    expect(formatPath(found.path)).toBe('services.checkout.monitors.errors.noData');
    expect(found.message).toContain('(10 min, the default)');
    expect(found.expected).toBe('afterMinutes of at least 30');
  });

  test('exactly 2x passes, and nothing is said while notify is false', () => {
    expect(withCode(load([noData('{ notify: true, afterMinutes: 10 }')]).diagnostics, 'monitor-no-data-window-short')).toEqual([]);
    expect(withCode(load([noData('{ notify: false }')]).diagnostics, 'monitor-no-data-window-short')).toEqual([]);
  });

  test('the suggestion never exceeds the 1440 min schema maximum', () => {
    const result = load([[TEAM, 'sum(last_5m)', 'sum(last_1d)'], noData('{ notify: true, afterMinutes: 60 }')]);
    expect(withCode(result.diagnostics, 'monitor-no-data-window-short')[0].message).toContain('set afterMinutes: 1440');
  });

  test.each([
    ['avg(last_10m):avg:x{*} > 1', 10],
    ['sum(last_1h):sum:x{*}.as_count() > 1', 60],
    ['pct_change(avg(last_5m),last_30m):avg:x{*} > 50', 30],
    ['logs("status:error").index("*").rollup("count").last("15m") > 3', 15],
    ['"http.can_connect".over("*").by("host").last(3).count_by_status()', undefined],
  ])('evaluationWindowMinutes(%j) is %j', (query, minutes) => {
    expect(evaluationWindowMinutes(query)).toBe(minutes);
  });
});

describe('finding 12: balanced {{#...}} / {{^...}} / {{/...}} sections in the message', () => {
  test('an unclosed section is an error at the message', () => {
    const [from, to] = withMessage('{{#is_warning}}@slack-x{{/is_warning}} {{#is_alert}}');
    const result = load([[TEAM, from, to]]);
    const [found] = withCode(result.diagnostics, 'monitor-message-sections-unbalanced');
    expect(located(found)).toEqual({ level: 'error', file: TEAM, path: 'services.checkout.monitors.errors.message', line: 34 });
    expect(found.message).toContain('opens {{#is_alert}} and never closes it');
  });

  test.each([
    ['{{#is_alert}}a{{/is_alert}} {{^is_warning}}b{{/is_warning}}', undefined],
    ['{{#is_match "env" "prod"}}prod{{/is_match}} {{ value }}', undefined],
    ['{{#is_alert}}{{#is_match "a" "b"}}x{{/is_match}}{{/is_alert}}', undefined],
    ['{{^is_alert}}quiet', 'opens {{^is_alert}} and never closes it'],
    ['x {{/is_alert}}', 'closes {{/is_alert}} without opening it'],
    ['{{#is_alert}}{{#is_warning}}x{{/is_alert}}{{/is_warning}}', 'closes {{#is_warning}} with {{/is_alert}}'],
    ['{{#is_alert x', 'has a section tag without its closing "}}"'],
  ])('unbalancedSection(%j)', (text, problem) => {
    expect(unbalancedSection(text)?.problem).toBe(problem);
  });
});

describe('finding 13: observers are not on call', () => {
  test('an observer in a rotation (members or rosters) is an error at the list item', () => {
    const result = load([[TEAM, 'role: responder }\n  cai', 'role: observer }\n  cai']]);
    expect(withCode(result.diagnostics, 'observer-on-call').map(located)).toEqual([
      { level: 'error', file: TEAM, path: 'rotations.primary.members[1]', line: 12 },
    ]);
    const rosters = load([
      [TEAM, 'role: responder }\n  cai', 'role: observer }\n  cai'],
      [
        TEAM,
        '    members: [ana, ben, cai]\n',
        "    rosters:\n      - { effectiveFrom: '2026-01-05T10:00', members: [ana, cai] }\n      - { effectiveFrom: '2026-03-02T10:00', members: [ana, ben, cai] }\n",
      ],
    ]);
    expect(withCode(rosters.diagnostics, 'observer-on-call').map((d) => formatPath(d.path))).toEqual(['rotations.primary.rosters[1].members[1]']);
  });

  test('an observer as an escalation user target is an error naming the level', () => {
    const result = load([[TEAM, 'email: cai@example.com, role: manager', 'email: cai@example.com, role: observer']]);
    const paths = withCode(result.diagnostics, 'observer-on-call').map((d) => formatPath(d.path));
    expect(paths).toEqual(['rotations.primary.members[2]', 'escalation.levels[1].targets[1].user']);
    expect(withCode(result.diagnostics, 'observer-on-call')[1].message).toContain('an escalation target on level 2');
  });

  test('an observer who is only a member (e.g. a stakeholder) is fine', () => {
    const result = load([[TEAM, '  cai: { name: Cai Wu', '  obi: { name: Obi Ek, email: obi@example.com, role: observer }\n  cai: { name: Cai Wu']]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('finding 15: email case in lookup mode', () => {
  const upper: Edit = [TEAM, 'ben@example.com', 'Ben.Ode@example.com'];

  test('capital letters give a warning at the email; the config still loads', () => {
    const result = load([upper]);
    const [found] = withCode(result.diagnostics, 'member-email-case');
    expect(located(found)).toEqual({ level: 'warning', file: TEAM, path: 'members.ben.email', line: 8 });
    expect(found.message).toBe('the PagerDuty user lookup by email is case-sensitive (provider issue #442): make sure it matches PagerDuty exactly');
    expect(result.config).toBeDefined();
  });

  test('managed users are created as written, so nothing is said', () => {
    const result = load([upper, [ORG, 'runbooks:\n', 'pagerduty: { users: managed }\nrunbooks:\n']]);
    expect(withCode(result.diagnostics, 'member-email-case')).toEqual([]);
  });
});

describe('docs/failure-modes.md shows the warnings as printed', () => {
  test.each([
    ['monitor-no-data-window-short', [[TEAM, RUNBOOK_LINE, `${RUNBOOK_LINE}        noData: { notify: true, afterMinutes: 5 }\n`]] as Edit[]],
    ['member-email-case', [[TEAM, 'ben@example.com', 'Ben.Ode@example.com']] as Edit[]],
  ])('%s', async (code, edits) => {
    const { root, diagnostics } = load(edits);
    const [found] = withCode(diagnostics, code);
    const io = captureIO(root);
    expect(await validateCommand.run(['--root', root], io)).toBe(EXIT.ok);
    const printed = io.stderr.find((line) => line === formatDiagnostic(found));
    expect(printed).toBeDefined();
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'failure-modes.md'), 'utf8');
    expect(doc).toContain(`| \`${code}\` | \`${printed}\` |`);
  });
});

describe('the business-hours sibling service claims its PagerDuty name', () => {
  const supportHours = [ORG, '    urgency: high\n', '    urgency: support-hours\n'] as Edit;

  test('a service named like the sibling of a support-hours service is a duplicate', () => {
    const result = load([
      supportHours,
      [TEAM, '    description: Takes payments.\n', "    description: Takes payments.\n    supportHours: { days: [monday], from: '09:00', to: '17:00' }\n"],
      [TEAM, 'services:\n', 'services:\n  other:\n    name: Checkout (business hours)\n    description: Clashes with the sibling.\n'],
    ]);
    const found = withCode(result.diagnostics, 'service-name-duplicate');
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('"Checkout (business hours)"');
    expect(result.config).toBeUndefined();
  });

  test('without a support-hours severity the name is free', () => {
    const result = load([[TEAM, 'services:\n', 'services:\n  other:\n    name: Checkout (business hours)\n    description: No sibling exists.\n']]);
    expect(withCode(result.diagnostics, 'service-name-duplicate')).toEqual([]);
  });
});
