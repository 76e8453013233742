import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Lazy, TerraformOutput, Token, type TerraformStack } from 'cdktf';
import { generatorMarkerIn, isCdktfTokenNumber } from '../../lib/config/checks/config-text';
import type { OrgModel } from '../../lib/model/types';
import { buildApp } from '../../lib/stacks/app';
import { isPlainCondition, LiveTemplateError } from '../../lib/stacks/literal-text';
import { escapeTemplate, firstLiveSequence, templateLiteralText } from '../../lib/util/terraform-template';
import { loadModel, readStacks, synthesize, type StackJson } from './helpers';

/**
 * Issue 12, item 1: config text reaches cdk.tf.json literally, so `terraform plan` in CI never
 * evaluates it (a description of `${file("/proc/self/environ")}` would print the CI secrets).
 * Tested at the construct layer, with the model edited directly: validation is not what stops it.
 */
const COMPLETE = join(__dirname, '..', 'fixtures', 'complete');

/** What Terraform makes of a JSON string; throws when something in it would be evaluated. */
function terraformLiteral(template: string): string {
  const text = templateLiteralText(template);
  if (text === undefined) throw new Error(`Terraform would evaluate ${JSON.stringify(template)}`);
  return text;
}

/** Every string of a stack (keys included), with its path; cdktf's `//` metadata left out. */
function strings(json: unknown, path: string[] = []): { path: string[]; value: string }[] {
  if (typeof json === 'string') return [{ path, value: json }];
  if (Array.isArray(json)) return json.flatMap((item, index) => strings(item, [...path, String(index)]));
  if (json && typeof json === 'object') {
    return Object.entries(json)
      .filter(([key]) => key !== '//')
      .flatMap(([key, item]) => [{ path: [...path, key], value: key }, ...strings(item, [...path, key])]);
  }
  return [];
}

/** `${pagerduty_team.team.id}`-style: a whole-string reference, the only live strings allowed. */
/**
 * The user lookups' role postconditions (lib/constructs/users.ts teamRoleCondition): the only
 * construct-written expressions, made of `self.role`, fixed role names and `contains`.
 */
const isRoleCondition = (path: string[], value: string) =>
  path
    .slice(-4)
    .join('.')
    .match(/^lifecycle\.postcondition\.\d+\.condition$/) !== null &&
  /^\$\{(\(self\.role == "[a-z_]+"\)|!contains\(\[("[a-z_]+"(, )?)*\], self\.role\))\}$/.test(value);
const isWholeReference = (value: string) => /^\$\{(data\.)?[a-z_]+\.[\w-]+(\.[\w-]+)+\}$/.test(value) || value === '${terraform.workspace}';

/** The model with `payload` appended to every free-text field constructs write out. */
function withPayload(model: OrgModel, payload: string): OrgModel {
  const TEXT = new Set(['name', 'description', 'title', 'message', 'query', 'url']);
  const visit = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key && TEXT.has(key) ? `${value}${payload}` : value;
    if (Array.isArray(value)) return value.map((item) => visit(item));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]));
    return value;
  };
  return visit(model) as OrgModel;
}

/** `resource_type.attribute` (or `data.type.attribute`, `output.attribute`) of a string's path. */
function field(path: string[]): string {
  const [kind, type, , ...rest] = path;
  const attribute = rest.filter((segment) => !/^\d+$/.test(segment)).join('.');
  if (kind === 'output') return `output.${path.slice(2).join('.')}`;
  if (kind === 'terraform') return path.filter((segment) => !/^\d+$/.test(segment)).join('.');
  return `${kind === 'data' ? 'data.' : ''}${type}.${attribute}`;
}

describe('text from config is written literally', () => {
  // No "/" (escalation policy names refuse it) and no leading or trailing space (names are trimmed).
  const PAYLOAD = ' ${jsonencode(var.x)} %{ if true }y%{ endif } $${kept} %%{kept} ${';

  let stacks: Record<string, StackJson>;
  beforeAll(() => {
    stacks = synthesize(withPayload(loadModel(COMPLETE), PAYLOAD)).json;
  });

  test('no string in any stack is evaluated by Terraform, except whole references, which stay live', () => {
    const live = Object.values(stacks).flatMap((stack) =>
      strings(stack).filter(({ path, value }) => firstLiveSequence(value) !== -1 && !isWholeReference(value) && !isRoleCondition(path, value)),
    );
    expect(live).toEqual([]);
    const policy = Object.values(stacks['team-search'].resource!.pagerduty_escalation_policy)[0] as { teams: string[] };
    expect(policy.teams).toEqual([expect.stringMatching(/^\$\{pagerduty_team\.[\w-]+\.id\}$/)]);
  });

  test('every text field carries the payload exactly as configured', () => {
    const carrying = new Set<string>();
    for (const stack of Object.values(stacks)) {
      for (const { path, value } of strings(stack)) {
        if (isWholeReference(value) || isRoleCondition(path, value)) continue;
        if (terraformLiteral(value).includes(PAYLOAD)) carrying.add(field(path));
      }
    }
    expect([...carrying].sort()).toEqual([
      'datadog_monitor.escalation_message',
      'datadog_monitor.message',
      'datadog_monitor.name',
      'datadog_monitor.query',
      'output.description',
      'pagerduty_alert_grouping_setting.description',
      'pagerduty_alert_grouping_setting.name',
      'pagerduty_escalation_policy.description',
      'pagerduty_escalation_policy.name',
      'pagerduty_schedule.description',
      'pagerduty_schedule.layer.name',
      'pagerduty_schedule.name',
      'pagerduty_service.description',
      'pagerduty_service.name',
      'pagerduty_team.description',
      'pagerduty_team.name',
    ]);
  });

  test('managed users, cross-stack references and backend settings', () => {
    const model = loadModel(COMPLETE);
    const hostile = withPayload(
      {
        ...model,
        pagerduty: { ...model.pagerduty, users: 'managed' },
        backend: { type: 's3', bucket: 'state${x}', region: 'eu-west-1', keyPrefix: 'k%{y}', encrypt: true },
      },
      PAYLOAD,
    );
    const { json } = synthesize(hostile);
    const user = Object.values(json.organization.resource!.pagerduty_user)[0] as { name: string };
    expect(terraformLiteral(user.name)).toMatch(new RegExp(`${PAYLOAD.replace(/[$%{}()|.^*+?[\]\\]/g, '\\$&')}$`));
    for (const stack of Object.values(json)) {
      const s3 = stack.terraform!.backend!.s3 as { bucket: string; key: string };
      expect(terraformLiteral(s3.bucket)).toBe('state${x}');
      expect(terraformLiteral(s3.key)).toMatch(/^k%\{y\}\//);
    }
    const membership = Object.values(json['team-search'].resource!.pagerduty_team_membership)[0] as { user_id: string };
    expect(membership.user_id).toMatch(/^\$\{data\.terraform_remote_state\.[\w-]+\.outputs\.[\w-]+\}$/);
  });

  test('property: any text appears in the plan exactly as configured', () => {
    const base = loadModel(COMPLETE);
    const piece = fc.oneof(
      fc.constantFrom('${', '%{', '$', '%', '{', '}', '$${', '%%{', '$$', '"', '\\', '\n', 'file("/etc/passwd")', '~}'),
      fc.string({ maxLength: 6 }),
    );
    // cdktf token markers are refused by validation (tested in the bad-input corpus).
    const text = fc
      .array(piece, { maxLength: 8 })
      .map((parts) => parts.join('').trim())
      .filter((s) => s.length > 0 && !s.includes('TfToken['));
    fc.assert(
      fc.property(text, text, (description, query) => {
        const [team] = base.teams;
        const service = team.services[0];
        const model: OrgModel = {
          ...base,
          teams: [{ ...team, description, services: [{ ...service, description, monitors: service.monitors.map((m) => ({ ...m, query })) }] }],
        };
        const stack = synthesize(model).json[`team-${team.id}`];
        expect(terraformLiteral((Object.values(stack.resource!.pagerduty_team)[0] as { description: string }).description)).toBe(description);
        const main = (Object.values(stack.resource!.pagerduty_service) as { name: string; description: string }[]).find((s) => s.name === service.name)!;
        expect(terraformLiteral(main.description)).toBe(description);
        for (const monitor of Object.values(stack.resource!.datadog_monitor) as { query: string }[]) expect(terraformLiteral(monitor.query)).toBe(query);
      }),
      { seed: 12, numRuns: 20 },
    );
  });
});

describe('the guard on synthesized stacks', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** Builds the complete example's app, lets `smuggle` add to its team stack, and synthesizes. */
  function synthWith(smuggle: (stack: TerraformStack) => void): { synth: () => void; written: () => StackJson } {
    const outdir = mkdtempSync(join(tmpdir(), 'literal-guard-'));
    dirs.push(outdir);
    const app = buildApp(loadModel(COMPLETE), { outdir });
    smuggle(app.node.findChild('team-search') as TerraformStack);
    return { synth: () => app.synth(), written: () => readStacks(outdir).json['team-search'] };
  }

  // A construct that hides text in a token of its own bypasses the escaping; the guard stops it.
  test.each([
    ['a function call', '${file("/proc/self/environ")}'],
    ['a directive', '%{ for k, v in var.x }${v}%{ endfor }'],
    ['a reference inside text', 'team ${pagerduty_team.team.id}'],
    ['a reference to something the stack does not declare', '${pagerduty_service_integration.other.integration_key}'],
  ])('refuses %s', (_, value) => {
    const { synth } = synthWith((stack) => new TerraformOutput(stack, 'smuggled', { value: Lazy.stringValue({ produce: () => value }) }));
    expect(synth).toThrow(LiveTemplateError);
    expect(synth).toThrow(/output\.smuggled\.value would be evaluated by Terraform/);
  });

  test('text written as construct props is escaped, not refused', () => {
    const { synth, written } = synthWith(
      (stack) => new TerraformOutput(stack, 'plain', { value: '${file("/proc/self/environ")}', description: '%{ if true }x%{ endif }' }),
    );
    expect(synth).not.toThrow();
    expect(written().output!.plain).toEqual({ value: '$${file("/proc/self/environ")}', description: '%%{ if true }x%%{ endif }' });
  });
});

describe('escapeTemplate and firstLiveSequence', () => {
  test.each([
    ['${x}', '$${x}'],
    ['%{ if a }', '%%{ if a }'],
    ['$${x}', '$$${x}'],
    ['${${', '$${$${'],
    ['a $ b % c { d }', 'a $ b % c { d }'],
  ])('%j is written as %j', (text, written) => {
    expect(escapeTemplate(text)).toBe(written);
    expect(firstLiveSequence(written)).toBe(-1);
    expect(terraformLiteral(written)).toBe(text);
  });

  test.each([
    ['${x}', 0],
    ['a %{ if }', 2],
    ['$$${x}', -1],
    ['$ ${x}', 2],
    ['$$$${x}', -1],
    ['%%{x} ${y}', 6],
  ])('%j is live at %d', (template, at) => {
    expect(firstLiveSequence(template)).toBe(at);
  });

  test('property: escaping then reading back as Terraform gives the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('$', '%', '{', '}', 'a', '\\') }), (text) => terraformLiteral(escapeTemplate(text)) === text),
      { seed: 12, numRuns: 500 },
    );
  });
});

describe('cdktf token encodings that config text must not spell (lib/config/checks/config-text.ts)', () => {
  // The validator cannot load cdktf (layering), so it re-implements the encoding; this pins it to cdktf's.
  const reference = Lazy.stringValue({ produce: () => 'x' });
  test('recognises the numbers and markers cdktf really makes', () => {
    const number = Token.asNumber(reference);
    expect(isCdktfTokenNumber(number)).toBe(true);
    expect(generatorMarkerIn(`threshold ${number}`)).toBe(String(number));
    expect(generatorMarkerIn(`a ${reference} b`)).toMatch(/^\$\{TfToken\[/);
    expect(generatorMarkerIn(`a ${Token.asList(reference)[0]} b`)).toMatch(/^#\{TfToken\[/);
  });

  test.each([0, 1, -1, 1e308, -1e308, 8.1e298, Number.MAX_VALUE, -Number.MAX_VALUE])('%d is an ordinary number', (value) => {
    expect(isCdktfTokenNumber(value)).toBe(false);
  });

  test('ordinary text and numbers written with exponents are not markers', () => {
    expect(generatorMarkerIn('avg(last_5m):avg:x{*} > 1e5 and ${var.x} and {TfToken}')).toBeUndefined();
  });
});

describe('construct-written conditions', () => {
  const declared = new Set(['data.pagerduty_user.ada']);
  test.each(['${(self.role == "admin")}', '${!contains(["owner", "admin"], self.role)}', '${data.pagerduty_user.ada.role == "user"}'])(
    '%s may stay live',
    (condition) => expect(isPlainCondition(condition, declared)).toBe(true),
  );

  test.each([
    '${file("/proc/self/environ") == ""}',
    '${!contains([env], self.role)}',
    '${self.role == "${file(\\"x\\")}"}',
    '${data.pagerduty_user.other.role == "user"}',
    '${self.role == "a" }${file("x")}',
    '${templatefile("x", {})}',
  ])('%s is refused', (condition) => expect(isPlainCondition(condition, declared)).toBe(false));
});
