import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { lintCommand } from '../../lib/cli/commands/lint';
import { oncallCommand } from '../../lib/cli/commands/oncall';
import { validateCommand } from '../../lib/cli/commands/validate';
import { parseFromOption } from '../../lib/cli/from-option';
import { EXIT, UsageError } from '../../lib/cli/io';
import { excerpt, MAX_EXCERPT_LENGTH } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { MAX_ALIASES_PER_FILE, parseYaml } from '../../lib/config/yaml-source';
import { fromDate } from '../../lib/cli/review-options';
import { readRunbook } from '../../lib/runbooks/runbook';
import { readRegularFile } from '../../lib/util/regular-file';
import { captureIO, MINIMAL, REPO_ROOT, scratch } from './support';

/**
 * Issue 12, items 4, 5, 6 and 8: files a pull request can make special (FIFOs, devices, links
 * out of the repository), alias floods, far-away dates and a deleted working directory. Each of
 * these hung, grew without bound, quoted a foreign file or printed a stack trace before.
 */
const TEAM = 'config/teams/shop.yaml';
const SECRET = 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const fixtures = scratch();
afterAll(() => fixtures.cleanup());

/** mkfifo from coreutils (Node has no API for it); FIFOs cannot be committed as fixtures. */
function makeFifo(path: string): void {
  const made = spawnSync('mkfifo', [path]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
}

function replaceTeamFile(root: string, make: (path: string) => void): void {
  unlinkSync(join(root, TEAM));
  make(join(root, TEAM));
}

const codesOf = (root: string) => loadConfig({ root }).diagnostics.map((d) => `${d.file} ${d.code}`);

describe('only regular files are read (item 4)', () => {
  it.each([
    ['a FIFO', (path: string) => makeFifo(path), 'a FIFO (named pipe)'],
    ['a symbolic link to /dev/zero', (path: string) => symlinkSync('/dev/zero', path), undefined],
    ['a folder named like a team file', (path: string) => mkdirSync(path), 'a folder'],
  ])('a team file that is %s is refused without reading it', (_name, make, what) => {
    const root = fixtures.copy(MINIMAL);
    replaceTeamFile(root, make);
    const { config, diagnostics } = loadConfig({ root });
    expect(config).toBeUndefined();
    const refusal = diagnostics.find((d) => d.file === TEAM)!;
    // /dev/zero lies outside the repository, so containment refuses it before the type check.
    expect(['file-not-regular', 'file-outside-repository']).toContain(refusal.code);
    if (what) expect(refusal).toMatchObject({ code: 'file-not-regular', found: what, line: 1 });
  });

  it('a symbolic link inside the repository to a FIFO is refused as not regular', () => {
    const root = fixtures.copy(MINIMAL);
    makeFifo(join(root, 'config', 'pipe'));
    replaceTeamFile(root, (path) => symlinkSync('../pipe', path));
    expect(codesOf(root)).toContain(`${TEAM} file-not-regular`);
  });

  it('an organization file that is a FIFO is refused and the command exits 1', async () => {
    const root = fixtures.copy(MINIMAL);
    unlinkSync(join(root, 'config/organization.yaml'));
    makeFifo(join(root, 'config/organization.yaml'));
    const io = captureIO(root);
    expect(await validateCommand.run([], io)).toBe(EXIT.invalid);
    expect(io.text()).toMatch(/config\/organization\.yaml:1:1 .*config files are regular files.*found a FIFO \(named pipe\)/);
  });

  it('reads at most limit + 1 bytes whatever the size says', () => {
    // /proc files report size 0 but have content; a file grows between fstat and read.
    const dir = fixtures.empty();
    const file = join(dir, 'big.yaml');
    writeFileSync(file, 'x'.repeat(5000));
    expect(readRegularFile(file, 4096)).toEqual({ kind: 'too-large', size: 5000 });
    expect(readRegularFile(file, 5000)).toMatchObject({ kind: 'bytes' });
    const proc = readRegularFile('/proc/self/status', 16);
    expect(proc.kind).toBe('too-large');
    expect(readRegularFile('/dev/null', 10)).toEqual({ kind: 'not-regular', what: 'a character device' });
  });

  it('a runbook that is a FIFO is reported unreadable instead of hanging lint', () => {
    const dir = fixtures.empty();
    const fifo = join(dir, 'hang.md');
    makeFifo(fifo);
    expect(readRunbook(fifo, 'hang.md', 'runbooks/hang.md').readProblem).toMatch(/FIFO \(named pipe\); runbooks are regular Markdown files/);
    expect(readRunbook('/dev/zero', 'zero.md', 'runbooks/zero.md').readProblem).toMatch(/character device/);
  });

  it('a runbook referenced by config that is a FIFO does not hang validate', () => {
    const root = fixtures.copy(MINIMAL);
    const runbook = join(root, 'runbooks/shop/checkout-errors.md');
    unlinkSync(runbook);
    makeFifo(runbook);
    const codes = codesOf(root);
    expect(codes.some((c) => c.startsWith(TEAM))).toBe(true);
  });
});

describe('config files stay inside the repository and messages quote only excerpts (item 5)', () => {
  function linkOutside(content: string): { root: string; outside: string } {
    const root = fixtures.copy(MINIMAL);
    const outside = join(fixtures.empty(), 'credentials');
    writeFileSync(outside, content);
    replaceTeamFile(root, (path) => symlinkSync(outside, path));
    return { root, outside };
  }

  it('a team file linked to a file outside the repository is refused, its content never shown', async () => {
    // YAML reads this credentials line as one string: before, "wrong type" quoted it.
    const { root } = linkOutside(`${SECRET}\n`);
    const io = captureIO(root);
    expect(await validateCommand.run([], io)).toBe(EXIT.invalid);
    expect(io.text()).toContain('symbolic link that leads outside the repository');
    expect(io.text()).not.toContain('wJalrXUtnFEMI');
    expect(io.text()).not.toContain('aws_secret');
  });

  it('also when the link target is valid config, and when the config folder itself is linked out', () => {
    const valid = readFileSync(join(MINIMAL, TEAM), 'utf8');
    expect(codesOf(linkOutside(valid).root)).toContain(`${TEAM} file-outside-repository`);

    const root = fixtures.copy(MINIMAL);
    const elsewhere = join(fixtures.empty(), 'teams');
    renameSync(join(root, 'config/teams'), elsewhere);
    symlinkSync(elsewhere, join(root, 'config/teams'));
    expect(codesOf(root)).toContain(`${TEAM} file-outside-repository`);
  });

  it('a link that stays inside the repository is followed', () => {
    const root = fixtures.copy(MINIMAL);
    renameSync(join(root, TEAM), join(root, 'config/shop-source.yaml'));
    symlinkSync('../shop-source.yaml', join(root, TEAM));
    const { config, diagnostics } = loadConfig({ root });
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    expect(config?.teams.map((t) => t.id)).toEqual(['shop']);
  });

  it('a long wrong value is quoted as a short excerpt in every diagnostic', () => {
    const root = fixtures.copy(MINIMAL);
    const long = `${'x'.repeat(200)}-tail-that-must-not-appear`;
    const text = readFileSync(join(root, TEAM), 'utf8');
    writeFileSync(join(root, TEAM), text.replace(/timeZone: .*/, `timeZone: "${long}"`));
    const diagnostics = loadConfig({ root }).diagnostics;
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(Array.from(d.found ?? '').length).toBeLessThanOrEqual(MAX_EXCERPT_LENGTH);
      expect(d.found ?? '').not.toContain('tail-that-must-not-appear');
    }
  });

  it('excerpt cuts on characters, never inside a surrogate pair', () => {
    expect(excerpt('short')).toBe('short');
    const emoji = '\u{1F600}'.repeat(100);
    const cut = excerpt(emoji);
    expect(Array.from(cut)).toHaveLength(MAX_EXCERPT_LENGTH);
    expect(cut.endsWith('...')).toBe(true);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut)).toBe(false);
  });
});

describe('alias floods are refused by counting, not resolving (item 6)', () => {
  it('refuses 20,000 aliases to one anchor with yaml-alias-count at the first alias over the limit', () => {
    const text = `a: &x v\nl:\n${'  - *x\n'.repeat(20_000)}`;
    const { diagnostics } = parseYaml('config/teams/flood.yaml', text);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'yaml-alias-count',
        line: 3 + MAX_ALIASES_PER_FILE,
        found: '20000 aliases',
        expected: `at most ${MAX_ALIASES_PER_FILE} aliases (*name) in one file`,
      }),
    ]);
  });

  it('a flood of aliases to anchors that do not exist is refused the same way (no lookup of each)', () => {
    const text = `l:\n${'  - *missing\n'.repeat(5_000)}`;
    expect(parseYaml('f.yaml', text).diagnostics.map((d) => d.code)).toEqual(['yaml-alias-count']);
  });

  it('a few aliases are still fine', () => {
    const text = `a: &x v\nl:\n${'  - *x\n'.repeat(20)}`;
    const parsed = parseYaml('f.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect((parsed.data as { l: string[] }).l).toEqual(Array(20).fill('v'));
  });
});

describe('--from is a date within reach (item 8)', () => {
  const now = DateTime.fromISO('2026-12-05T12:00:00Z', { zone: 'utc' });

  it.each(['+275760-09-13', '-271821-04-20', '9999-12-31', '1900-01-01', '2100-01-01T00:00Z'])('refuses %s with a usage error naming the range', (value) => {
    expect(() => parseFromOption('lint', value, { now })).toThrow(UsageError);
    expect(() => parseFromOption('lint', value, { now })).toThrow(/--from must lie between 1996-01-01 and 2056-12-31/);
    expect(() => fromDate('review', value, now)).toThrow(UsageError);
  });

  it('accepts dates within thirty years, in the zone given', () => {
    expect(parseFromOption('lint', '2050-06-01', { now })?.toISO()).toBe('2050-06-01T00:00:00.000Z');
    expect(parseFromOption('oncall', '2027-07-08T09:00', { now, zone: 'America/New_York' })?.toISO()).toBe('2027-07-08T09:00:00.000-04:00');
    expect(parseFromOption('lint', undefined, { now })).toBeUndefined();
  });

  it('quotes at most an excerpt of a nonsense value', () => {
    expect(() => parseFromOption('lint', 'y'.repeat(500), { now })).toThrow(/not "y{37}\.\.\."$/);
  });

  it.each([
    ['lint', lintCommand, ['--from', '+275760-09-13']],
    ['oncall', oncallCommand, ['shop', '--from', '+275760-09-13']],
  ] as const)('%s refuses a far --from before loading anything', async (_name, command, argv) => {
    await expect(command.run([...argv], captureIO(MINIMAL))).rejects.toThrow(/--from must lie between/);
  });
});

describe('a deleted working directory (item 8)', () => {
  it('gives one line and exit 2, no stack trace', () => {
    const gone = mkdtempSync(join(tmpdir(), 'oncall-gone-'));
    // The shell is already in the folder when it is removed: spawn there, remove it, then run.
    const script = `cd ${JSON.stringify(gone)} && rmdir ${JSON.stringify(gone)} && exec ${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO_ROOT, 'bin/run.js'))} validate`;
    const run = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(run.status).toBe(EXIT.usage);
    expect(run.stderr.trim().split('\n')).toEqual([
      'oncall: the current directory no longer exists (deleted or moved); cd into the repository and run the command again',
    ]);
    expect(() => rmdirSync(gone)).toThrow(/ENOENT/);
  });
});
