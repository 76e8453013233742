import type { z } from 'zod';
import { describeValue, type Diagnostic } from './diagnostics';
import { didYouMean } from './did-you-mean';
import { PAGERDUTY_TIME_ZONES } from './schema/pagerduty-time-zones';
import { timeZoneHint } from './time-zone-hint';

type Path = (string | number)[];

/** Turns zod issues into diagnostics that say what was expected and what was found. */
export function schemaIssuesToDiagnostics(file: string, schema: z.ZodType, data: unknown, issues: readonly z.core.$ZodIssue[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const found = valueAt(data, path);
    const base = { level: 'error' as const, file, code: `schema-${issue.code.replace(/_/g, '-')}` };
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = objectKeysAt(schema, path);
        for (const key of issue.keys) {
          const suggestion = didYouMean(key, known);
          diagnostics.push({
            ...base,
            path: [...path, key],
            message: `unknown key "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
            expected: known.length > 0 && known.length <= 12 ? `one of ${known.join(', ')}` : undefined,
            found: `"${key}"`,
          });
        }
        break;
      }
      case 'invalid_type':
        diagnostics.push({
          ...base,
          path,
          message: found === undefined ? 'required setting is missing' : 'wrong type',
          expected: TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`,
          found: describeValue(found),
        });
        break;
      case 'invalid_value': {
        const values = issue.values.map(String);
        const timeZones = values.length === PAGERDUTY_TIME_ZONES.length && values.every((value, index) => value === PAGERDUTY_TIME_ZONES[index]);
        const hint =
          typeof found !== 'string'
            ? undefined
            : timeZones
              ? timeZoneHint(found)
              : didYouMean(found, values)?.replace(/^.*$/, (match) => `did you mean "${match}"?`);
        diagnostics.push({
          ...base,
          path,
          message: `${values.length > 12 ? issue.message : 'not an allowed value'}${hint ? `; ${hint}` : ''}`,
          expected: values.length <= 12 ? `one of ${values.join(', ')}` : undefined,
          found: describeValue(found),
        });
        break;
      }
      case 'invalid_key': {
        // A record key that breaks the id rule: the inner issue says which rule, the key is what was found.
        const key = path[path.length - 1];
        diagnostics.push({
          ...base,
          path,
          message: cleanMessage(issue.issues[0]?.message ?? 'invalid key'),
          expected: 'a lowercase kebab-case id',
          found: JSON.stringify(String(key)),
        });
        break;
      }
      case 'invalid_union': {
        const discriminator = (issue as { note?: string }).note;
        diagnostics.push({
          ...base,
          path,
          message: discriminator ?? unionMessage(issue),
          found: describeValue(found),
        });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const bound = issue.code === 'too_small' ? 'at least' : 'at most';
        const limit = `${bound} ${String(issue.code === 'too_small' ? issue.minimum : issue.maximum)}`;
        const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' entries' : '';
        diagnostics.push({ ...base, path, message: boundMessage(issue), expected: `${limit}${unit}`, found: describeValue(found) });
        break;
      }
      default:
        diagnostics.push({ ...base, path, message: cleanMessage(issue.message), found: describeValue(found) });
    }
  }
  return withoutMissingKeysExplainedByTypos(diagnostics);
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  record: 'a mapping',
  map: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** zod's default bound messages ("Too big: expected number to be <=5") rewritten; custom ones kept. */
function boundMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  if (!/^Too (big|small)/.test(issue.message)) return cleanMessage(issue.message);
  const big = issue.code === 'too_big';
  switch (issue.origin) {
    case 'string':
      return big ? 'text is too long' : Number(issue.minimum) <= 1 ? 'must not be empty' : 'text is too short';
    case 'array':
    case 'set':
      return big ? 'too many entries' : Number(issue.minimum) <= 1 ? 'list must not be empty' : 'too few entries';
    default:
      return big ? 'number is too large' : 'number is too small';
  }
}

/**
 * "escalations: unknown key; did you mean escalation?" already says what to do; the matching
 * "escalation: required setting is missing" would only repeat it, so it is dropped.
 */
function withoutMissingKeysExplainedByTypos(diagnostics: Diagnostic[]): Diagnostic[] {
  const suggested = new Set<string>();
  for (const d of diagnostics) {
    const match = d.code === 'schema-unrecognized-keys' ? /did you mean "([^"]+)"/.exec(d.message) : null;
    if (match) suggested.add(JSON.stringify([...d.path.slice(0, -1), match[1]]));
  }
  return diagnostics.filter((d) => !(d.code === 'schema-invalid-type' && d.message === 'required setting is missing' && suggested.has(JSON.stringify(d.path))));
}

function unionMessage(issue: z.core.$ZodIssueInvalidUnion): string {
  const keys = new Set<string>();
  for (const branch of issue.errors) for (const sub of branch) if (sub.code === 'unrecognized_keys') sub.keys.forEach((k) => keys.add(k));
  if (keys.size > 0) return `none of the allowed forms matches (unexpected ${[...keys].map((k) => `"${k}"`).join(', ')})`;
  return 'none of the allowed forms matches';
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input: /, '');
}

export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let value: unknown = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The keys a strict object accepts at `path`, for "did you mean" hints. */
function objectKeysAt(schema: z.ZodType, path: Path): string[] {
  const keys = new Set<string>();
  const visit = (node: z.core.$ZodType, rest: Path): unknown => {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
        return visit(def.innerType as z.core.$ZodType, rest);
      case 'pipe':
        return visit(def.in as z.core.$ZodType, rest);
      case 'union':
        return (def.options as z.core.$ZodType[]).forEach((option) => visit(option, rest));
      case 'array':
        return rest.length > 0 && visit(def.element as z.core.$ZodType, rest.slice(1));
      case 'record':
        return rest.length > 0 && visit(def.valueType as z.core.$ZodType, rest.slice(1));
      case 'object': {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        if (rest.length === 0)
          Object.keys(shape)
            .filter((k) => k !== '$schema')
            .forEach((k) => keys.add(k));
        else if (shape[String(rest[0])]) visit(shape[String(rest[0])], rest.slice(1));
        return;
      }
      default:
        return;
    }
  };
  visit(schema as unknown as z.core.$ZodType, path);
  return [...keys].sort();
}
