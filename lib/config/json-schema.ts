import { z } from 'zod';
import { organizationSchema, teamSchema } from './schema';
import { PAGERDUTY_TIME_ZONES } from './schema/pagerduty-time-zones';

/** A JSON Schema document as plain data. */
export type JsonSchema = { [key: string]: unknown };

export interface GeneratedSchema {
  /** Path relative to the repository root. */
  file: string;
  schema: JsonSchema;
}

/** Where the editor schemas live; the example YAMLs point here with a yaml-language-server comment. */
export const SCHEMA_DIR = 'schema';

const TIME_ZONE_DEF = 'PagerDutyTimeZone';

/**
 * JSON Schemas of both config file kinds, generated from the zod schemas (the single source).
 * `io: 'input'` describes what people write: fields with defaults are optional. Draft-07 because
 * that is the draft the VS Code YAML extension ships with (redhat-developer/vscode-yaml README,
 * "Associating schemas"; newer drafts are only partly supported: yaml-language-server #856).
 */
export function generateJsonSchemas(): GeneratedSchema[] {
  return [
    { file: `${SCHEMA_DIR}/organization.schema.json`, schema: toEditorSchema(organizationSchema, 'oncall-as-code organization (config/organization.yaml)') },
    { file: `${SCHEMA_DIR}/team.schema.json`, schema: toEditorSchema(teamSchema, 'oncall-as-code team (config/teams/<team-id>.yaml)') },
  ];
}

/** File text exactly as committed: stable key order from the zod shapes, two-space indent, final newline. */
export const renderJsonSchema = (schema: JsonSchema) => `${JSON.stringify(schema, null, 2)}\n`;

function toEditorSchema(schema: z.ZodType, title: string): JsonSchema {
  const generated = z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'throw' }) as JsonSchema;
  let usesTimeZone = false;
  const body = simplify(generated, () => (usesTimeZone = true)) as JsonSchema;
  const { $schema, ...rest } = body;
  return {
    $schema,
    title,
    ...rest,
    ...(usesTimeZone
      ? {
          definitions: {
            [TIME_ZONE_DEF]: {
              type: 'string',
              enum: [...PAGERDUTY_TIME_ZONES],
              description: 'Time zone names PagerDuty accepts (a fixed list, narrower than IANA).',
            },
          },
        }
      : {}),
  };
}

/**
 * Cleans zod's output for humans and editors: the 135-name time zone enum (repeated at every
 * use) becomes one shared definition, and the ±2^53 bounds zod adds to every integer go away.
 */
function simplify(node: unknown, onTimeZone: () => void): unknown {
  if (Array.isArray(node)) return node.map((item) => simplify(item, onTimeZone));
  if (node === null || typeof node !== 'object') return node;
  const object = node as JsonSchema;
  if (isTimeZoneEnum(object)) {
    onTimeZone();
    // Draft-07 ignores keywords beside $ref, so the description stays on a wrapper.
    const { type: _type, enum: _enum, ...rest } = object;
    return { ...rest, allOf: [{ $ref: `#/definitions/${TIME_ZONE_DEF}` }] };
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(object)) {
    if ((key === 'maximum' && value === Number.MAX_SAFE_INTEGER) || (key === 'minimum' && value === Number.MIN_SAFE_INTEGER)) continue;
    out[key] = simplify(value, onTimeZone);
  }
  return out;
}

function isTimeZoneEnum(node: JsonSchema): boolean {
  const values = node.enum;
  return Array.isArray(values) && values.length === PAGERDUTY_TIME_ZONES.length && values.every((value, index) => value === PAGERDUTY_TIME_ZONES[index]);
}
