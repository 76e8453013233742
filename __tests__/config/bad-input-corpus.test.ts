import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthCommand } from '../../lib/cli/commands/synth';
import { validateCommand } from '../../lib/cli/commands/validate';
import { EXIT } from '../../lib/cli/io';
import { formatDiagnostic } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { applySetup, BAD_CORPUS, captureIO, REPO_ROOT, scratch, OUTSIDE_SECRET, STACK_FRAME, type CaseSetup } from './support';

/**
 * The bad-input corpus (issue 7): each folder under __tests__/fixtures/bad is a small config tree
 * (the minimal valid organization with one mutation) plus expected.json naming the message, the
 * file and the line the user must be sent to. `npm run validate -- --root <case>` reproduces one.
 */
interface ExpectedFailure {
  description: string;
  substring: string;
  file: string;
  /** null only when the file itself is missing, so there is no line to point at. */
  line: number | null;
  setup?: CaseSetup;
}

const cases = readdirSync(BAD_CORPUS)
  .sort()
  .map((name) => ({ name, expected: JSON.parse(readFileSync(join(BAD_CORPUS, name, 'expected.json'), 'utf8')) as ExpectedFailure }));

const dirs = scratch();
afterAll(() => dirs.cleanup());

function prepare(name: string, setup: CaseSetup | undefined): string {
  const root = dirs.copy(join(BAD_CORPUS, name));
  applySetup(root, setup);
  return root;
}

test('the corpus has at least 40 cases, each with a distinct description', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
  expect(new Set(cases.map((c) => c.expected.description)).size).toBe(cases.length);
});

test('docs/failure-modes.md shows every case with its current message', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'failure-modes.md'), 'utf8');
  const unescape = (row: string) => row.replace(/\\\|/g, '|');
  const stale = cases.filter(({ name, expected }) => {
    const row = doc.split('\n').find((line) => line.includes(`| \`${name}\` |`));
    return !row || !unescape(row).includes(expected.substring) || !row.includes(expected.file);
  });
  expect(stale.map((c) => c.name)).toEqual([]);
});

describe.each(cases)('$name', ({ name, expected }) => {
  test('validate exits 1 and prints the message at the expected file and line, without a stack trace', async () => {
    const root = prepare(name, expected.setup);
    const io = captureIO(root);
    const started = Date.now();
    const code = await validateCommand.run(['--root', root], io);
    // Hostile input (alias bombs, huge files) must be refused quickly, not after a long parse.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(code).toBe(EXIT.invalid);
    const location = expected.line === null ? `${expected.file}  ` : `${expected.file}:${expected.line}:`;
    const matching = io.stderr.filter((line) => line.startsWith(location) && line.includes(expected.substring));
    expect({ case: name, matching: matching.length > 0 ? 'found' : io.stderr }).toEqual({ case: name, matching: 'found' });
    expect(io.stderr[io.stderr.length - 1]).toMatch(/^validate: \d+ error\(s\); nothing was synthesized\.$/);
    expect(io.stdout).toEqual([]);
    expect(io.text()).not.toMatch(STACK_FRAME);
    expect(io.text()).not.toMatch(/\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/);
    // A file a link leads to outside the repository is never read, so never quoted.
    expect(io.text()).not.toContain(OUTSIDE_SECRET.slice(-20));
  });

  test('synth exits 1, prints the same message and leaves no output, partial or temporary', async () => {
    const root = prepare(name, expected.setup);
    const io = captureIO(root);
    expect(await synthCommand.run(['--root', root], io)).toBe(EXIT.invalid);
    expect(io.stderr.some((line) => line.includes(expected.substring))).toBe(true);
    expect(io.text()).not.toMatch(STACK_FRAME);
    expect(existsSync(join(root, 'cdktf.out'))).toBe(false);
    expect(readdirSync(root).filter((entry) => entry.includes('cdktf.out'))).toEqual([]);
  });

  test('loadConfig returns no config and a located error diagnostic', () => {
    const root = prepare(name, expected.setup);
    const result = loadConfig({ root });
    expect(result.config).toBeUndefined();
    const match = result.diagnostics.find(
      (d) => d.level === 'error' && d.file === expected.file && d.message.length > 0 && formatDiagnostic(d).includes(expected.substring),
    );
    expect(match).toBeDefined();
    expect(match!.line ?? null).toBe(expected.line);
    if (expected.line !== null) expect(match!.column).toBeGreaterThanOrEqual(1);
    expect(match!.code).toEqual(expect.any(String));
  });
});
