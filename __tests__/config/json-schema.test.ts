import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { teamYaml } from '../../lib/cli/commands/new-team';
import { generatedFiles, staleFiles } from '../../lib/cli/commands/schema';
import { generateJsonSchemas, type JsonSchema } from '../../lib/config/json-schema';
import { loadConfig } from '../../lib/config/load';
import { COMPLETE, EXAMPLE, REPO_ROOT } from './support';

const byFile = Object.fromEntries(generateJsonSchemas().map(({ file, schema }) => [file, schema]));
const team = byFile['schema/team.schema.json'];
const organization = byFile['schema/organization.schema.json'];
const at = (schema: JsonSchema, ...keys: string[]) => keys.reduce<JsonSchema>((node, key) => node[key] as JsonSchema, schema);

test('the committed JSON Schemas and docs/config-reference.md are up to date (run `npm run schema`)', () => {
  expect(staleFiles(REPO_ROOT)).toEqual([]);
});

test('generation is deterministic', () => {
  expect(generatedFiles(REPO_ROOT)).toEqual(generatedFiles(REPO_ROOT));
});

test('every mapping rejects unknown keys, as the loader does', () => {
  const objects: string[] = [];
  const walk = (node: unknown, where: string) => {
    if (!node || typeof node !== 'object') return;
    const schema = node as JsonSchema;
    if (schema.type === 'object' && schema.properties) objects.push(`${where}:${String(schema.additionalProperties)}`);
    for (const [key, child] of Object.entries(schema)) walk(child, `${where}/${key}`);
  };
  walk(team, 'team');
  walk(organization, 'organization');
  expect(objects.length).toBeGreaterThan(20);
  expect(objects.filter((entry) => !entry.endsWith(':false'))).toEqual([]);
});

test('id-keyed maps carry the id pattern on their keys', () => {
  for (const map of ['members', 'rotations', 'services']) {
    expect(at(team, 'properties', map, 'propertyNames')).toMatchObject({ pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$', maxLength: 40 });
  }
  expect(at(team, 'properties', 'services', 'additionalProperties', 'properties', 'monitors', 'propertyNames')).toMatchObject({
    pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$',
  });
});

test('fields with defaults are optional (input shape) and show the default', () => {
  const defaults = at(organization, 'properties', 'defaults');
  expect(organization.required).toEqual(['name', 'severities', 'runbooks']);
  expect(defaults.required).toBeUndefined();
  expect(at(defaults, 'properties', 'turnLength').default).toBe('1w');
  expect(at(team, 'properties', 'rotations').default).toEqual({});
});

test('time zones are one shared definition with the PagerDuty list', () => {
  expect(at(team, 'definitions', 'PagerDutyTimeZone', 'enum')).toContain('Etc/UTC');
  expect(at(team, 'definitions', 'PagerDutyTimeZone', 'enum')).not.toContain('UTC');
  expect(at(team, 'properties', 'timeZone')).toMatchObject({ allOf: [{ $ref: '#/definitions/PagerDutyTimeZone' }] });
  expect(JSON.stringify(team).match(/"Asia\/Tokyo"/g)).toHaveLength(1);
});

test('the example YAMLs and the new-team scaffold point editors at the committed schemas', () => {
  const schemaOf = (text: string) => /^# yaml-language-server: \$schema=(\S+)$/.exec(text.split('\n')[0])?.[1];
  const pointsAtSchema = (file: string, text: string, schema: string) => {
    const target = schemaOf(text);
    expect(target).toBeDefined();
    expect(resolve(dirname(file), target!)).toBe(join(REPO_ROOT, 'schema', schema));
  };
  const example = join(EXAMPLE, 'config');
  pointsAtSchema(join(example, 'organization.yaml'), readFileSync(join(example, 'organization.yaml'), 'utf8'), 'organization.schema.json');
  for (const id of ['payments', 'platform', 'data']) {
    const file = join(example, 'teams', `${id}.yaml`);
    pointsAtSchema(file, readFileSync(file, 'utf8'), 'team.schema.json');
  }
  const organization = loadConfig({ root: EXAMPLE }).config!.organization.config;
  const scaffold = teamYaml({ id: 'search', name: 'Search', zone: 'Etc/UTC', organization, today: DateTime.utc() });
  const written = 'config/teams/search.yaml'; // where new-team writes it (a path only: nothing is read there)
  pointsAtSchema(resolve(REPO_ROOT, written), scaffold, 'team.schema.json');
});

test('the complete example in the reference sets every field at least once', () => {
  const text = ['config/organization.yaml', 'config/teams/search.yaml'].map((file) => readFileSync(join(COMPLETE, file), 'utf8')).join('\n');
  const fields = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const schema = node as JsonSchema;
    if (schema.properties) Object.keys(schema.properties as object).forEach((key) => fields.add(key));
    Object.values(schema).forEach(walk);
  };
  walk(team);
  walk(organization);
  fields.delete('$schema');
  const missing = [...fields].filter((field) => !new RegExp(`(^|[\\s{,#])${field.replace('$', '\\$')}:`, 'm').test(text));
  expect(missing).toEqual([]);
});
