import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import type { CommandIO } from '../../lib/cli/io';
import { loadConfig } from '../../lib/config/load';
import { RUNBOOK_RULES } from '../../lib/lint/rules/runbooks';
import type { Finding } from '../../lib/lint/types';
import { buildModel } from '../../lib/model/build';
import type { OrgModel } from '../../lib/model/types';

export const REPO_ROOT = join(__dirname, '..', '..');
/** The bundled example organization the tool's tests run on (never the repository's own config/). */
export const EXAMPLE = join(REPO_ROOT, 'examples', 'example-corp');

/** Lint "now" for every runbook test: a few weeks after the example runbooks were written. */
export const NOW = DateTime.fromISO('2026-11-25T12:00:00Z', { zone: 'utc' });

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away copy of the bundled example (config/ and runbooks/) that a test may mutate. */
export function copyExample(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbooks-test-'));
  made.push(root);
  cpSync(join(EXAMPLE, 'config'), join(root, 'config'), { recursive: true });
  cpSync(join(EXAMPLE, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  return root;
}

/** A throw-away copy of a fixture organization under __tests__/fixtures/ that a test may mutate. */
export function copyFixture(name: string): string {
  const root = mkdtempSync(join(tmpdir(), 'runbooks-test-'));
  made.push(root);
  cpSync(join(REPO_ROOT, '__tests__', 'fixtures', name), root, { recursive: true });
  return root;
}

export const readText = (root: string, file: string) => readFileSync(join(root, file), 'utf8');

export function writeText(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}

/** Replaces text in a file, failing loudly when the text is not there (the example changed). */
export function edit(root: string, file: string, from: string | RegExp, to: string): void {
  const text = readText(root, file);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit: ${String(from)} not found in ${file}`);
  writeText(root, file, next);
}

/** Applies `change` to the body of one `## heading` section of a Markdown file. */
export function editSection(root: string, file: string, heading: string, change: (body: string) => string): void {
  const text = readText(root, file);
  const pattern = new RegExp(`(^## ${heading}\\n)([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm');
  if (!pattern.test(text)) throw new Error(`editSection: no "## ${heading}" in ${file}`);
  writeText(
    root,
    file,
    text.replace(pattern, (_, head: string, body: string) => head + change(body)),
  );
}

export function modelOf(root: string): OrgModel {
  const result = loadConfig({ root });
  if (!result.config) throw new Error(`config invalid:\n${result.diagnostics.map((d) => `${d.file} ${d.message}`).join('\n')}`);
  return buildModel(result.config);
}

/** Runs the runbook rules (all, or one by id) with their default levels. */
export function lintRunbooks(root: string, options: { rule?: string; now?: DateTime } = {}): Finding[] {
  const context = { model: modelOf(root), from: options.now ?? NOW, windowDays: 365 };
  return RUNBOOK_RULES.filter((rule) => !options.rule || rule.id === options.rule).flatMap((rule) =>
    rule.check(context).map((finding) => ({ ...finding, ruleId: rule.id, level: rule.defaultLevel })),
  );
}

export function captureIO(cwd: string): CommandIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: false, cwd, env: {} };
}
