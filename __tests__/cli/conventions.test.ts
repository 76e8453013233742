import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpText, parseCommandArgs } from '../../lib/cli/args';
import { lintCommand } from '../../lib/cli/commands/lint';
import { synthCommand } from '../../lib/cli/commands/synth';
import { validateCommand } from '../../lib/cli/commands/validate';
import { EXIT, UsageError } from '../../lib/cli/io';
import { COMMANDS } from '../../lib/cli/registry';
import { captureIO, edit, MINIMAL, REPO_ROOT, scratch } from '../config/support';

/**
 * Issue 14: commands behave like terraform, kubectl and cdk (usage errors with hints, did you
 * mean, --help and --version everywhere), and one finding format across validate, lint and synth.
 */
const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; scripts: Record<string, string> };
const BIN = join(REPO_ROOT, 'node_modules', '.bin');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(REPO_ROOT, 'bin/run.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, npm_lifecycle_event: '' } });

/** Scripts that are a third-party tool answering --help itself (jest after the type check). */
const TOOL_SCRIPTS: Record<string, RegExp> = { test: /&& jest$/ };

describe('every npm script answers --help', () => {
  const scripts = Object.entries(PACKAGE.scripts).filter(([name]) => !(name in TOOL_SCRIPTS));

  it.each(scripts)('npm run %s -- --help prints usage and exits 0', (_name, script) => {
    // What npm runs: the script with the arguments after `--` appended, node_modules/.bin on PATH.
    const run = spawnSync('sh', ['-c', `${script} --help`], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH}` },
      timeout: 60_000,
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/usage|Version/i);
    expect(run.stdout).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  it.each(Object.entries(TOOL_SCRIPTS))('%s ends in a tool that has its own --help', (name, shape) => {
    expect(PACKAGE.scripts[name]).toMatch(shape);
  });
});

describe('usage names commands that exist', () => {
  it.each(Object.keys(COMMANDS))('%s has an npm script of its own name, which its help names', (name) => {
    expect(PACKAGE.scripts[name]).toBe(`node bin/run.js ${name}`);
    expect(helpText(COMMANDS[name].load()).split('\n')[0]).toMatch(new RegExp(`^Usage: npm run ${name} -- `));
  });

  it('the command list names the npm form and the launcher, both runnable', () => {
    const listed = cli('--help');
    expect(listed.stdout).toContain('Usage: npm run <command> -- [options]   (or: node bin/run.js <command> [options])');
    expect(existsSync(join(REPO_ROOT, 'bin/run.js'))).toBe(true);
  });
});

describe('--version', () => {
  it.each([['--version'], ['synth', '--version'], ['lint', '--version']])('%s prints the package version', (...args) => {
    const run = cli(...args);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`${PACKAGE.name} ${PACKAGE.version}`);
  });
});

describe('did you mean', () => {
  it('suggests the command closest to an unknown one, exit 2', () => {
    const run = cli('sinth');
    expect(run.status).toBe(EXIT.usage);
    expect(run.stderr).toContain('unknown command "sinth"; did you mean "synth"?');
  });

  it('suggests the flag closest to an unknown one, and lists the flags when none is close', () => {
    expect(() => parseCommandArgs(synthCommand, ['--stak', 'team-a'], {})).toThrow('synth: unknown option --stak; did you mean --stack?');
    expect(() => parseCommandArgs(validateCommand, ['--zzzzzz'], {})).toThrow('validate: unknown option --zzzzzz (options: --root)');
    const run = cli('lint', '--formt', 'json');
    expect(run.status).toBe(EXIT.usage);
    expect(run.stderr).toContain('did you mean --format?');
  });
});

describe('unexpected positional arguments', () => {
  it('are usage errors naming what the command takes', () => {
    expect(() => parseCommandArgs(synthCommand, ['team-data'], {})).toThrow(UsageError);
    expect(() => parseCommandArgs(synthCommand, ['team-data'], {})).toThrow('synth: unexpected argument "team-data" (synth takes no arguments)');
    expect(() => parseCommandArgs(COMMANDS.oncall.load(), ['payments', 'extra'], {})).toThrow('oncall: unexpected argument "extra" (oncall takes <team>)');
    expect(parseCommandArgs(COMMANDS.oncall.load(), ['payments'], {}).positionals).toEqual(['payments']);
  });

  it('under npm, say that npm took the flag and show the command with --', () => {
    // `npm run synth --stack team-data`: npm sets npm_config_stack=true and passes "team-data".
    const env = { npm_lifecycle_event: 'synth', npm_config_stack: 'true' };
    expect(() => parseCommandArgs(synthCommand, ['team-data'], env)).toThrow(
      'synth: unexpected argument "team-data" (synth takes no arguments); npm took --stack for itself: put `--` before the command\'s options, e.g. npm run synth -- --stack team-data',
    );
    expect(() => parseCommandArgs(synthCommand, ['x'], { npm_lifecycle_event: 'synth' })).toThrow('npm passes options to the command only after `--`');
  });

  it('npm run synth --stack team-data fails with exit 2 instead of synthesizing everything', () => {
    const run = spawnSync('npm', ['run', '-s', 'synth', '--stack', 'team-data'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(run.status).toBe(EXIT.usage);
    expect(run.stderr).toContain('npm run synth -- --stack team-data');
  });
});

describe('one finding format', () => {
  const dirs = scratch();
  afterAll(() => dirs.cleanup());

  /** The minimal organization with one config warning (a placeholder name); its stub runbook gives lint findings. */
  function orgWithConfigWarning(): string {
    const root = dirs.copy(MINIMAL);
    edit(root, 'config/teams/shop.yaml', 'ana: { name: Ana Lima', "ana: { name: 'REPLACE-ME Engineer'");
    const team = readFileSync(join(root, 'config/teams/shop.yaml'), 'utf8');
    expect(team).toContain('REPLACE-ME');
    return root;
  }

  const placeholderLine = (lines: string[]) => lines.find((line) => line.includes('members.ana.name'));
  const findingLines = (lines: string[]) => lines.filter((line) => / \[[a-z0-9-]+\]$/.test(line));

  it('validate, lint and synth print a config diagnostic identically, and lint and synth a finding identically', async () => {
    const root = orgWithConfigWarning();
    const validated = captureIO(root);
    const linted = captureIO(root);
    const synthesized = captureIO(root);
    await validateCommand.run(['--root', root], validated);
    await lintCommand.run(['--root', root], linted);
    await synthCommand.run(['--root', root, '--out', join(root, 'cdktf.out')], synthesized);

    const diagnostic = placeholderLine(validated.stderr);
    expect(diagnostic).toMatch(/^config\/teams\/shop\.yaml:7:\d+ {2}members\.ana\.name {2}warning: /);
    expect(placeholderLine(linted.stderr)).toBe(diagnostic);
    expect(placeholderLine(synthesized.stderr)).toBe(diagnostic);

    const lintFindings = findingLines(linted.stdout);
    expect(lintFindings.length).toBeGreaterThan(0);
    for (const line of lintFindings) expect(line).toMatch(/^(config\/[^ ]+\.yaml|runbooks\/[^ ]+\.md)(:\d+:\d+)? {2}\S+ {2}/);
    expect(findingLines(synthesized.stderr)).toEqual(lintFindings);
  });

  it('lint findings on config carry line and column in JSON too', async () => {
    const root = orgWithConfigWarning();
    const io = captureIO(root);
    await lintCommand.run(['--root', root, '--format', 'json'], io);
    const report = JSON.parse(io.stdout.join('\n')) as {
      findings: { file?: string; line?: number; column?: number }[];
      warnings: number;
      diagnostics: { level: string }[];
    };
    const onConfig = report.findings.filter((f) => f.file?.endsWith('.yaml'));
    expect(onConfig.length).toBeGreaterThan(0);
    for (const finding of onConfig) expect(finding).toEqual(expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) }));
  });

  it("lint's warning count is every warning it printed, config diagnostics included", async () => {
    const root = orgWithConfigWarning();
    const io = captureIO(root);
    await lintCommand.run(['--root', root], io);
    const printed = [...io.stdout, ...io.stderr].filter((line) => /^\S+ {2}\S+ {2}warning: /.test(line)).length;
    expect(printed).toBeGreaterThan(0);
    expect(io.stdout.at(-1)).toMatch(new RegExp(`^lint: \\d+ error\\(s\\), ${printed} warning\\(s\\)`));
  });
});
