/**
 * Property-based fuzzing of the config loader, validator and model builder (issue 7).
 *
 * The property: for any input tree, `loadConfig` returns either error diagnostics (each with a
 * file and a message) or a config that `buildModel` turns into a model, within a time bound.
 * It never throws, hangs or crashes. Two input families:
 *  - random mutations of the bundled example (delete keys, change types, swap values, insert
 *    garbage, and raw text damage such as tabs, cut lines and stray characters);
 *  - generated organizations built from small pools of plausible and hostile values.
 * A third property plants hostile text (Terraform `${`/`%{`, Datadog `@handles` and `{{...}}`,
 * cdktf token markers, control and bidirectional characters) into every kind of text field of a
 * valid organization: each tree is refused with an error, or synthesized with the text appearing
 * literally in the Terraform JSON, nothing evaluated but whole references, and no handle in any
 * monitor but the ones the severity model adds.
 *
 * `npm run fuzz` runs long with a random seed (printed, so a failure can be replayed with
 * `npm run fuzz -- --seed N`); the test suite runs the same properties with a fixed seed.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { loadConfig } from '../lib/config/load';
import { normalize } from '../lib/constructs/monitor-message';
import { PAGERDUTY_TIME_ZONES } from '../lib/config/schema/pagerduty-time-zones';
import { buildModel } from '../lib/model/build';
import { buildApp } from '../lib/stacks/app';
import { firstLiveSequence, templateLiteralText } from '../lib/util/terraform-template';
import { isPlainCondition } from '../lib/stacks/literal-text';
import { TOOL_ROOT } from '../lib/util/tool-root';

/** One run of loader + model must finish well within this (a hang shows up as a failure). */
export const RUN_TIME_LIMIT_MS = 3000;

export interface ConfigTree {
  /** Path relative to the repository root -> file text. */
  files: Record<string, string>;
}

/** Writes a tree into a scratch repository, runs the loader and model, and checks the property. */
export class FuzzHarness {
  /** One scratch repository reused by every run: config/ is rewritten, runbooks/ persists. */
  private readonly root: string;
  private readonly runbooks: string;

  constructor(private readonly repoRoot: string) {
    this.root = mkdtempSync(join(tmpdir(), 'oncall-fuzz-'));
    // Copied once, with any file the example links but another part of the project has not
    // written yet stubbed, so mutations of the example start from a valid tree.
    this.runbooks = join(this.root, 'runbooks');
    if (existsSync(join(repoRoot, 'runbooks'))) cpSync(join(repoRoot, 'runbooks'), this.runbooks, { recursive: true });
    mkdirSync(this.runbooks, { recursive: true });
  }

  /** The bundled example as parsed data, with the runbooks it links present. */
  exampleTree(): ConfigTree {
    const files: Record<string, string> = {};
    const configDir = join(this.repoRoot, 'config');
    files['config/organization.yaml'] = readFileSync(join(configDir, 'organization.yaml'), 'utf8');
    for (const name of readdirSync(join(configDir, 'teams')).sort()) files[`config/teams/${name}`] = readFileSync(join(configDir, 'teams', name), 'utf8');
    for (const text of Object.values(files)) {
      for (const match of text.matchAll(/runbook:\s*([\w./-]+\.md)/g)) {
        const file = join(this.runbooks, match[1]);
        if (!existsSync(file)) {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, '# Stub runbook for fuzzing\n');
        }
      }
    }
    return { files };
  }

  /** Throws (with the input) when the property does not hold. */
  check(tree: ConfigTree): void {
    this.load(tree);
  }

  /**
   * The hostile-text property: `tree` is refused with an error, or it synthesizes and every
   * planted text (by the field it was planted in) appears literally in the Terraform JSON.
   * Returns whether the tree was synthesized (false: refused).
   */
  checkLiteral(planted: PlantedTree): boolean {
    // The user lookups' role postconditions (lib/constructs/users.ts): `self.role`, fixed role names, `contains`.
    const isRoleCondition = (value: string) => isPlainCondition(value, new Set()) && value.includes('self.role');
    const model = this.load(planted.tree);
    if (!model) return false; // refused, with an error diagnostic (checked by load)
    const outdir = join(this.root, 'cdktf.out');
    rmSync(outdir, { recursive: true, force: true });
    buildApp(model, { outdir }).synth();
    const texts: string[] = [];
    const monitors: { name: string; message: string }[] = [];
    for (const stack of readdirSync(join(outdir, 'stacks'))) {
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Json;
      for (const value of stringsOf(json)) {
        if (firstLiveSequence(value) !== -1 && !/^\$\{(data\.)?[a-z_]+\.[\w-]+(\.[\w-]+)+\}$/.test(value) && !isRoleCondition(value))
          throw new Error(`Terraform would evaluate ${JSON.stringify(value)}`);
        texts.push(templateLiteralText(value) ?? value);
      }
      const resources = (json as { resource?: Record<string, Record<string, { name: string; message: string }>> }).resource ?? {};
      for (const monitor of Object.values(resources.datadog_monitor ?? {}))
        monitors.push({ name: templateLiteralText(monitor.name)!, message: templateLiteralText(monitor.message)! });
    }
    for (const [field, text] of Object.entries(planted.texts)) {
      const expected = field === 'message' ? normalize(text) : text.trim();
      if (expected && !texts.some((emitted) => emitted.includes(expected)))
        throw new Error(`${field} ${JSON.stringify(text)} does not appear literally in the Terraform JSON`);
    }
    for (const monitor of monitors) {
      if (/@\S|\{\{|\}\}/.test(monitor.name)) throw new Error(`monitor name ${JSON.stringify(monitor.name)} holds a Datadog handle or template`);
      for (const [handle] of monitor.message.matchAll(/(?<![\w.@+-])@[^\s{]+/g)) {
        if (!SEVERITY_HANDLES.includes(handle)) throw new Error(`monitor message names ${handle}, which no severity adds: ${JSON.stringify(monitor.message)}`);
      }
    }
    return true;
  }

  /** Loader + model under the fuzz property; the model when the config is valid. */
  private load(tree: ConfigTree): ReturnType<typeof buildModel> | undefined {
    const root = this.root;
    rmSync(join(root, 'config'), { recursive: true, force: true });
    mkdirSync(join(root, 'config', 'teams'), { recursive: true });
    for (const [file, text] of Object.entries(tree.files)) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
    }
    const started = Date.now();
    const result = loadConfig({ root });
    let model: ReturnType<typeof buildModel> | undefined;
    if (result.config) {
      model = buildModel(result.config);
      if (model.teams.length !== result.config.teams.length) throw new Error('model lost a team');
    } else if (!result.diagnostics.some((d) => d.level === 'error')) {
      throw new Error('no config and no error diagnostic');
    }
    for (const d of result.diagnostics) {
      if (!d.file || !d.message || (d.line !== undefined && (!Number.isInteger(d.line) || d.line < 1)))
        throw new Error(`malformed diagnostic ${JSON.stringify(d)}`);
    }
    const elapsed = Date.now() - started;
    if (elapsed > RUN_TIME_LIMIT_MS) throw new Error(`took ${elapsed} ms`);
    return model;
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Mutations of an existing tree

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every string in a JSON value, keys included. */
function stringsOf(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [key, ...stringsOf(item)]);
  return [];
}
type Path = (string | number)[];

/**
 * Text written to be evaluated or to notify: Terraform interpolation and directives (and their
 * escapes), Datadog handles and templates, cdktf token markers and token numbers, control and
 * bidirectional characters.
 */
export const HOSTILE_PIECES = [
  '${file("/proc/self/environ")}',
  '${',
  '%{ if true }x%{ endif }',
  '%{',
  '$${',
  '%%{',
  '$',
  '%',
  '}',
  '@pagerduty-other-team',
  '@slack-everyone',
  '@{{team.name}}',
  '@',
  '{{#is_alert}}',
  '{{value}}',
  '{{',
  '}}',
  '${TfToken[TOKEN.1]}',
  '#{TfToken[TOKEN.2]}',
  '-8.10956221259138e+298',
  '\u0000',
  '\u0085',
  '\u009b',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u200b',
  '\n',
  '"',
  '\\',
];

/** Garbage that has broken parsers before: control characters, unicode look-alikes, YAML syntax, huge numbers. */
const garbage = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(...HOSTILE_PIECES),
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\u0000',
    '\u202e',
    'Ѕhop',
    '24:00',
    '25:61',
    '-1w',
    '0h',
    '9999w',
    'UTC',
    'Asia/Dubai',
    '../../etc/passwd',
    '/etc/passwd',
    '*alias',
    '&anchor',
    '{',
    '[',
    '- item',
    'constructor',
    '__proto__',
    'toString',
    'SEV9',
    'null',
    '~',
    'yes',
    '1e309',
    '{{#is_alert}}',
  ),
);

const scalar: fc.Arbitrary<Json> = fc.oneof(garbage, fc.integer({ min: -1000, max: 100000 }), fc.double(), fc.boolean(), fc.constant(null));
const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }) },
);

function allPaths(value: Json, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...allPaths(item, [...prefix, index])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...allPaths(item, [...prefix, key]));
  return paths;
}

function getAt(value: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], value);
}

function setAt(value: Json, path: Path, next: Json | undefined): Json {
  if (path.length === 0) return next ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number], rest, next);
    return copy;
  }
  const copy = { ...(value as Record<string, Json>) };
  if (rest.length === 0 && next === undefined) delete copy[head as string];
  else copy[head as string] = setAt(copy[head as string], rest, next);
  return copy;
}

/** A structural mutation: picks a node by index (modulo the number of nodes) and changes it. */
type StructuralMutation = { kind: 'delete' | 'replace' | 'swap' | 'rename' | 'duplicate'; target: number; other: number; value: Json };

const structuralMutation: fc.Arbitrary<StructuralMutation> = fc.record({
  kind: fc.constantFrom('delete', 'replace', 'swap', 'rename', 'duplicate'),
  target: fc.nat(),
  other: fc.nat(),
  value: anyValue,
});

function applyStructural(data: Json, mutation: StructuralMutation): Json {
  const paths = allPaths(data).filter((path) => path.length > 0);
  if (paths.length === 0) return mutation.value;
  const path = paths[mutation.target % paths.length];
  switch (mutation.kind) {
    case 'delete':
      return setAt(data, path, undefined);
    case 'replace':
      return setAt(data, path, mutation.value);
    case 'swap': {
      const other = paths[mutation.other % paths.length];
      const [a, b] = [getAt(data, path), getAt(data, other)];
      // Swapping a node with its own ancestor or descendant has no meaning; replace instead.
      if (isPrefix(path, other) || isPrefix(other, path)) return setAt(data, path, b === undefined ? null : structuredClone(b));
      return setAt(setAt(data, path, b), other, a);
    }
    case 'rename': {
      const parentPath = path.slice(0, -1);
      const parent = getAt(data, parentPath);
      if (!parent || typeof parent !== 'object' || Array.isArray(parent)) return setAt(data, path, mutation.value);
      const key = String(path[path.length - 1]);
      const renamed = typeof mutation.value === 'string' && mutation.value !== '' ? mutation.value : `${key}x`;
      const entries = Object.entries(parent).map(([k, v]) => [k === key ? renamed : k, v] as const);
      return setAt(data, parentPath, Object.fromEntries(entries));
    }
    case 'duplicate': {
      const parentPath = path.slice(0, -1);
      const parent = getAt(data, parentPath);
      if (Array.isArray(parent)) return setAt(data, parentPath, [...parent, structuredClone(getAt(data, path))]);
      return setAt(data, path, structuredClone(getAt(data, paths[mutation.other % paths.length])));
    }
  }
}

const isPrefix = (a: Path, b: Path) => a.length <= b.length && a.every((segment, index) => segment === b[index]);

/** Raw text damage that a structural mutation cannot express. */
type TextMutation = { kind: 'insert' | 'cut-line' | 'duplicate-line' | 'tab-indent' | 'truncate'; position: number; text: string };

const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constantFrom('insert', 'cut-line', 'duplicate-line', 'tab-indent', 'truncate'),
  position: fc.nat(),
  text: fc.oneof(garbage, fc.constantFrom(': ', '\n  - ', '"', "'", '#', '&a ', '*a', '---\n', '? ', '!!binary ', '!!str ', '<<: *a')),
});

function applyText(text: string, mutation: TextMutation): string {
  const lines = text.split('\n');
  const lineIndex = mutation.position % Math.max(lines.length, 1);
  switch (mutation.kind) {
    case 'insert': {
      const at = mutation.position % (text.length + 1);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'cut-line':
      return lines.filter((_, index) => index !== lineIndex).join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, lineIndex + 1), lines[lineIndex], ...lines.slice(lineIndex + 1)].join('\n');
    case 'tab-indent':
      return lines.map((line, index) => (index === lineIndex ? line.replace(/^ +/, '\t') : line)).join('\n');
    case 'truncate':
      return text.slice(0, mutation.position % (text.length + 1));
  }
}

/** Mutations of a tree: structural ones on parsed files, text ones on raw files. */
export function mutatedTree(base: ConfigTree): fc.Arbitrary<ConfigTree> {
  const names = Object.keys(base.files);
  const step = fc.oneof(
    { weight: 3, arbitrary: fc.record({ file: fc.constantFrom(...names), structural: structuralMutation }) },
    { weight: 1, arbitrary: fc.record({ file: fc.constantFrom(...names), text: textMutation }) },
  );
  return fc.array(step, { minLength: 1, maxLength: 4 }).map((steps) => {
    const files = { ...base.files };
    for (const s of steps) {
      if ('structural' in s) {
        let data: Json;
        try {
          data = parse(files[s.file], { logLevel: 'silent' }) as Json;
        } catch {
          continue; // already damaged by a text mutation: leave it damaged
        }
        files[s.file] = stringify(applyStructural(data, s.structural));
      } else {
        files[s.file] = applyText(files[s.file], s.text);
      }
    }
    return { files };
  });
}

// ---------------------------------------------------------------------------------------------
// Generated organizations

/** Mostly valid values with some hostile ones, so that generated trees often pass and reach buildModel. */
const mostly = <T>(valid: fc.Arbitrary<T>, hostile: fc.Arbitrary<T>) => fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: hostile });

const idPool = mostly(fc.constantFrom('ana', 'ben', 'cai', 'dee', 'primary', 'secondary'), fc.constantFrom('constructor', 'a', 'x-1', 'Ana'));
const timeZonePool = mostly(fc.constantFrom(...PAGERDUTY_TIME_ZONES), fc.constantFrom('UTC', 'Asia/Dubai', 'America/Toronto', 'CST'));
const timePool = mostly(
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30, 59)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.constantFrom('24:00', '25:61', '9:00', '12:60'),
);
const datePool = mostly(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-02-30', '2026-13-01', '26-01-01'),
);
const weekdayPool = mostly(fc.constantFrom('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'), fc.constantFrom('Monday', 'funday'));
const turnPool = mostly(
  fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom('h', 'd', 'w')).map(([n, u]) => `${n}${u}`),
  fc.constantFrom('0w', '-1w', '366d', '1x'),
);
const severityPool = mostly(fc.constantFrom('SEV1', 'SEV2'), fc.constantFrom('SEV9', 'sev1'));
const queryPool = mostly(
  fc.constantFrom('avg(last_5m):avg:system.load.1{*} > 4', 'avg(last_5m):avg:system.load.1{*} > 2'),
  fc.constantFrom('avg(last_5m:avg:system.load.1{*} > 4', 'avg(last_5m):avg:system.load.1{*}', '   '),
);

/** Members first, so that rotations and escalation targets mostly refer to people who exist. */
const generatedTeam = fc
  .dictionary(
    idPool,
    fc.record({
      name: fc.constantFrom('Ana Lima', 'Ben Ode'),
      email: mostly(fc.constant(''), fc.constantFrom('not-an-email', 'a@example.com')),
      role: mostly(fc.constantFrom('manager', 'responder', 'observer'), fc.constant('admin')),
    }),
    { minKeys: 1, maxKeys: 4 },
  )
  .map((members) => Object.fromEntries(Object.entries(members).map(([id, member]) => [id, { ...member, email: member.email || `${id}@example.com` }])))
  .chain((members) => {
    const memberId = mostly(fc.constantFrom(...Object.keys(members)), idPool);
    return fc.record({
      name: mostly(
        fc.constantFrom('Shop', 'Search', 'Web', 'Data', 'Platform'),
        fc.oneof(fc.constantFrom('Ѕhop', 'A'.repeat(120), 'Shop ', 'R&D'), fc.string({ minLength: 1, maxLength: 20 })),
      ),
      description: fc.constant('Generated team.'),
      timeZone: timeZonePool,
      members: fc.constant(members),
      rotations: fc.record(
        {
          primary: fc.record(
            {
              members: fc.uniqueArray(memberId, { minLength: 1, maxLength: 4 }),
              start: datePool,
              turnLength: turnPool,
              handoff: fc.record({ day: weekdayPool, time: timePool }, { requiredKeys: ['time'] }),
              coverage: fc.array(fc.record({ days: fc.uniqueArray(weekdayPool, { minLength: 1, maxLength: 3 }), from: timePool, to: timePool }), {
                minLength: 1,
                maxLength: 2,
              }),
            },
            { requiredKeys: ['members', 'start'] },
          ),
          secondary: fc.record({
            derivedFrom: fc.record({
              rotation: mostly(fc.constant('primary'), idPool),
              offsetTurns: mostly(fc.integer({ min: 1, max: 5 }), fc.integer({ min: -1, max: 0 })),
            }),
          }),
        },
        { requiredKeys: ['primary'] },
      ),
      escalation: fc.record({
        repeats: fc.option(mostly(fc.integer({ min: 0, max: 9 }), fc.constantFrom(-1, 10)), { nil: undefined }),
        levels: fc.array(
          fc.record({
            targets: fc.uniqueArray(fc.oneof(fc.record({ rotation: mostly(fc.constantFrom('primary', 'secondary'), idPool) }), fc.record({ user: memberId })), {
              minLength: 1,
              maxLength: 3,
              selector: (t) => JSON.stringify(t),
            }),
            delayMinutes: fc.option(mostly(fc.integer({ min: 1, max: 60 }), fc.constant(0)), { nil: undefined }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      services: fc.dictionary(
        idPool,
        fc.record({
          name: fc.constantFrom('Checkout', 'Search API', 'Checkout'),
          description: fc.constant('Generated service.'),
          supportHours: fc.option(fc.record({ days: fc.array(weekdayPool, { minLength: 1, maxLength: 2 }), from: timePool, to: timePool }), { nil: undefined }),
          monitors: fc.dictionary(
            idPool,
            fc.record(
              {
                name: fc.constantFrom('High load', 'Errors'),
                type: fc.constantFrom('metric alert', 'service check', 'query alert'),
                query: queryPool,
                thresholds: fc.option(fc.record({ critical: fc.constantFrom(4, 2, 0) }), { nil: undefined, freq: 8 }),
                severity: severityPool,
                runbook: fc.option(mostly(fc.constant('fuzz/runbook.md'), fc.constantFrom('../../etc/passwd', '/etc/passwd', 'fuzz/missing.md')), {
                  nil: undefined,
                  freq: 8,
                }),
              },
              { requiredKeys: ['name', 'type', 'query', 'severity'] },
            ),
            { maxKeys: 2 },
          ),
        }),
        { maxKeys: 2 },
      ),
    });
  });

const generatedOrganization = fc.record({
  name: fc.constant('Fuzz Org'),
  severities: fc.constant([
    { id: 'SEV1', description: 'Pages.', paging: true, urgency: 'high', datadogPriority: 1, ackTargetMinutes: 5, renotifyMinutes: 10 },
    { id: 'SEV2', description: 'Chat only.', paging: false, datadogPriority: 3, renotifyMinutes: 0, notify: ['team-chat'] },
  ]),
  unclassifiedSeverity: fc.option(mostly(fc.constant('SEV1'), severityPool), { nil: undefined }),
  runbooks: fc.constant({ baseUrl: 'https://example.com/runbooks/' }),
  defaults: fc.option(fc.record({ turnLength: turnPool, handoff: fc.record({ day: weekdayPool, time: timePool }) }), { nil: undefined }),
});

/** Whole organizations: one organization file and one to three team files with fuzzed names. */
export const generatedTree: fc.Arbitrary<ConfigTree> = fc
  .record({
    organization: generatedOrganization,
    teams: fc.dictionary(mostly(fc.constantFrom('shop', 'search', 'web-2', 'x'), fc.constantFrom('Shop', 'web_2')), generatedTeam, { minKeys: 1, maxKeys: 3 }),
  })
  .map(({ organization, teams }) => ({
    files: {
      'config/organization.yaml': stringify(organization),
      'runbooks/fuzz/runbook.md': '# Fuzz runbook\n',
      ...Object.fromEntries(Object.entries(teams).map(([id, team]) => [`config/teams/${id}.yaml`, stringify(team)])),
    },
  }));

// ---------------------------------------------------------------------------------------------
// Hostile text planted into a valid organization

/** A tree and the text planted in it, by field. */
export interface PlantedTree {
  tree: ConfigTree;
  texts: Record<string, string>;
}

/** The only handles a monitor of the planted organization may name: what its severities add. */
const SEVERITY_HANDLES = ['@pagerduty-shop-checkout', '@slack-fuzz-alerts'];

const hostileText = fc
  .array(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PIECES) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }), {
    minLength: 1,
    maxLength: 5,
  })
  .map((pieces) => pieces.join(''));

/** Plain text for every field; one of them gets the hostile text (between plain words, so names keep their shape). */
const PLAIN = {
  teamName: 'Shop',
  teamDescription: 'The shop.',
  serviceName: 'Checkout',
  serviceDescription: 'Takes payments.',
  monitorName: 'Errors',
  message: 'See the dashboard.',
  rotationName: 'Shop primary',
  queryTag: 'prod',
};

export const plantedTree: fc.Arbitrary<PlantedTree> = fc
  .record({ field: fc.constantFrom(...(Object.keys(PLAIN) as (keyof typeof PLAIN)[])), text: hostileText })
  .map(({ field, text }) => {
    const texts = { ...PLAIN, [field]: field === 'queryTag' ? text : `Fuzz ${text} end` };
    const organization = {
      name: 'Fuzz Org',
      severities: [
        { id: 'SEV1', description: 'Pages.', paging: true, urgency: 'high', datadogPriority: 1, ackTargetMinutes: 5, renotifyMinutes: 10 },
        { id: 'SEV2', description: 'Chat only.', paging: false, datadogPriority: 3, renotifyMinutes: 0, notify: ['@slack-fuzz-alerts'] },
      ],
      unclassifiedSeverity: 'SEV1',
      runbooks: { baseUrl: 'https://example.com/runbooks/' },
    };
    const query = `avg(last_5m):avg:system.load.1{env:${texts.queryTag}} > 4`;
    const team = {
      name: texts.teamName,
      description: texts.teamDescription,
      timeZone: 'Etc/UTC',
      members: {
        ana: { name: 'Ana Lima', email: 'ana@example.com', role: 'responder' },
        ben: { name: 'Ben Ode', email: 'ben@example.com', role: 'responder' },
      },
      rotations: { primary: { name: texts.rotationName, members: ['ana', 'ben'], start: '2026-01-05' } },
      escalation: { levels: [{ targets: [{ rotation: 'primary' }] }] },
      services: {
        checkout: {
          name: texts.serviceName,
          description: texts.serviceDescription,
          monitors: {
            errors: {
              name: texts.monitorName,
              type: 'query alert',
              query,
              thresholds: { critical: 4 },
              severity: 'SEV1',
              runbook: 'fuzz/runbook.md',
              message: texts.message,
            },
          },
        },
      },
    };
    const { queryTag: _tag, ...planted } = texts;
    return {
      tree: {
        files: {
          'config/organization.yaml': stringify(organization),
          'config/teams/shop.yaml': stringify(team),
          'runbooks/fuzz/runbook.md': '# Fuzz runbook\n',
        },
      },
      texts: { ...planted, query },
    };
  });

// ---------------------------------------------------------------------------------------------
// Command line: `npm run fuzz -- [--runs N] [--seed N]`

const FUZZ_HELP = [
  'Usage: npm run fuzz -- [--runs N] [--seed N]',
  '',
  'Property-based fuzzing of config loading and synth: mutations of the bundled example, generated',
  'organizations, and hostile text that must come out literal or be refused.',
  '',
  'Options:',
  '  --runs N                  Runs per property (default 2000)',
  '  --seed N                  Replay a failing run with its seed (printed on every run)',
  '  --help                    Show this help',
  '',
  'Exit codes: 0 every property held, 1 a property failed, 2 usage error.',
].join('\n');

/** The options, or the exit code when there is nothing to fuzz (help shown, usage error printed). */
function fuzzOptions(): { seed: number; numRuns: number } | number {
  let values;
  try {
    ({ values } = parseArgs({
      options: { runs: { type: 'string', default: '2000' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`fuzz: ${(error as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${FUZZ_HELP}\n`);
    return 0;
  }
  const numRuns = Number(values.runs);
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(numRuns) || numRuns < 1 || !Number.isInteger(seed)) {
    process.stderr.write(
      `fuzz: --runs must be a positive whole number and --seed a whole number (found --runs ${values.runs}${values.seed !== undefined ? `, --seed ${values.seed}` : ''})\n`,
    );
    return 2;
  }
  return { seed, numRuns };
}

function main(): void {
  const options = fuzzOptions();
  if (typeof options === 'number') {
    process.exitCode = options;
    return;
  }
  const { seed, numRuns } = options;
  process.stdout.write(`fuzz: seed ${seed}, ${numRuns} runs per property (replay with: npm run fuzz -- --seed ${seed})\n`);
  const harness = new FuzzHarness(join(TOOL_ROOT, 'examples', 'example-corp'));
  try {
    const example = harness.exampleTree();
    harness.check(example);
    const properties = [
      ['mutations of the bundled example', fc.property(mutatedTree(example), (tree) => harness.check(tree))],
      ['generated organizations', fc.property(generatedTree, (tree) => harness.check(tree))],
      ['hostile text, literal or refused', fc.property(plantedTree, (planted) => void harness.checkLiteral(planted))],
    ] as const;
    for (const [name, property] of properties) {
      const started = Date.now();
      fc.assert(property as fc.IProperty<unknown>, { seed, numRuns });
      process.stdout.write(`fuzz: ${name}: ${numRuns} runs passed in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    }
  } catch (error) {
    process.stderr.write(`fuzz: FAILED with seed ${seed}\n${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    harness.dispose();
  }
}

if (require.main === module) main();
