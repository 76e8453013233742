import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { generateJsonSchemas, renderJsonSchema } from '../../config/json-schema';
import { renderConfigReference, type ExampleFile } from '../../config/reference-doc';
import { PAGERDUTY_TIME_ZONES } from '../../config/schema/pagerduty-time-zones';
import { parseCommandArgs, ROOT_OPTION, rootOf, type CommandSpec } from '../args';
import { writeFileAtomically } from '../../util/atomic-write';
import { EXIT, green, red } from '../io';
import { LINT_RULES_DOC, renderRuleTableMarkdown } from '../../lint/rule-table';

/** The annotated example embedded in the reference; the test suite validates it. */
export const COMPLETE_EXAMPLE_DIR = '__tests__/fixtures/complete';
export const CONFIG_REFERENCE_FILE = 'docs/config-reference.md';

export interface GeneratedFile {
  /** Path relative to the repository root. */
  file: string;
  text: string;
}

/** Everything generated from code (the zod schemas, the lint rules), as it should be committed. */
export function generatedFiles(root: string): GeneratedFile[] {
  const schemas = generateJsonSchemas();
  return [
    ...schemas.map(({ file, schema }) => ({ file, text: renderJsonSchema(schema) })),
    { file: CONFIG_REFERENCE_FILE, text: renderConfigReference(schemas, readCompleteExample(root), PAGERDUTY_TIME_ZONES) },
    { file: LINT_RULES_DOC, text: renderRuleTableMarkdown() },
  ];
}

function readCompleteExample(root: string): ExampleFile[] {
  const organization = posix.join('config', 'organization.yaml');
  const teams = readdirSync(join(root, COMPLETE_EXAMPLE_DIR, 'config', 'teams'))
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => posix.join('config', 'teams', name));
  return [organization, ...teams].map((file) => ({ file, text: readFileSync(join(root, COMPLETE_EXAMPLE_DIR, file), 'utf8') }));
}

/** Files whose committed text differs from what the schemas produce now. */
export function staleFiles(root: string, files = generatedFiles(root)): string[] {
  return files.filter(({ file, text }) => readOrUndefined(join(root, file)) !== text).map(({ file }) => file);
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export const schemaCommand: CommandSpec = {
  name: 'schema',
  summary: 'Write the editor JSON Schemas (schema/*.schema.json) and docs/config-reference.md from the zod schemas.',
  usage: 'schema [--check] [--root DIR]',
  options: {
    check: { type: 'boolean', description: 'Write nothing; exit 1 when a committed file is out of date' },
    root: ROOT_OPTION,
  },
  details: 'Run after changing lib/config/schema: CI fails while the committed files are stale.',
  async run(argv, io) {
    const { values } = parseCommandArgs(schemaCommand, argv, io.env);
    const root = rootOf(values, io);
    const files = generatedFiles(root);
    const stale = staleFiles(root, files);
    if (values.check) {
      if (stale.length === 0) {
        io.out(green(io, `schema: ${files.length} generated files are up to date.`));
        return EXIT.ok;
      }
      for (const file of stale) io.err(red(io, `${file}  out of date with lib/config/schema`));
      io.err('schema: run `npm run schema` and commit the result.');
      return EXIT.invalid;
    }
    for (const { file, text } of files) if (stale.includes(file)) writeFileAtomically(join(root, file), text);
    io.out(green(io, stale.length === 0 ? `schema: ${files.length} generated files were already up to date.` : `schema: wrote ${stale.join(', ')}.`));
    return EXIT.ok;
  },
};
