/**
 * `npm run bench [-- --sizes 10,100 --repeat 3 --profile --update-docs --check]`
 *
 * Generates synthetic organizations (scripts/bench/generate.ts) in temporary directories and
 * measures, each as its own process, wall time and peak RSS of validate, lint, full synth,
 * single-team synth and review of a one-team change; prints Markdown tables, checks the issue-8
 * targets and writes JSON to bench-results/. See docs/performance.md.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, arch, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyOneTeamChange, exampleOrganizationYaml, generateOrganization } from './bench/generate';
import { commitBase } from './bench/git';
import { measure, rssMethod, TIMED_OUT, type RssMethod } from './bench/measure';
import type { Phase } from './bench/phases';
import { formatProfileSummary, readCpuProfile, summarizeProfile, type ProfileSummary } from './bench/profile';
import {
  renderReport,
  replaceBenchSection,
  commandTable,
  targetTable,
  startupTable,
  machineLine,
  phaseTable,
  type BenchReport,
  type StartupResult,
} from './bench/report';
import { COMMAND_IDS, evaluateTargets, median, type CommandId, type CommandResult, type SizeResult } from './bench/targets';
import { TOOL_ROOT } from '../lib/util/tool-root';

const ROOT = TOOL_ROOT;

const USAGE = `Usage: npm run bench -- [options]

  --sizes LIST        team counts to generate, comma-separated (default 10,100,1000)
  --repeat N          runs per command; the table shows the median (default 1)
  --commands LIST     subset of ${COMMAND_IDS.join(',')} (default: all that exist)
  --phases            also time the phases of a synth in one process (scripts/bench/phases.ts)
  --profile           also CPU-profile validate, lint and synth at the largest size (node --cpu-prof)
  --no-startup        skip the start-up comparison (compiled tool, its launcher, tsx, npm)
  --update-docs       write docs/bench-latest.json and the table in docs/performance.md
  --check             exit 1 when a target is missed
  --timeout SECONDS   stop a command that runs longer and report it as timed out (default 600)
  --keep              keep the generated organizations (paths are printed)
  --generate DIR      only generate an organization of the largest size into DIR (a git repo with
                      the one-team change), for profiling by hand; measures nothing
  --help              this text`;

interface Options {
  sizes: number[];
  repeat: number;
  commands: CommandId[];
  profile: boolean;
  phases: boolean;
  startup: boolean;
  updateDocs: boolean;
  check: boolean;
  keep: boolean;
  timeoutSeconds: number;
  generate?: string;
}

function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      repeat: { type: 'string' },
      commands: { type: 'string' },
      profile: { type: 'boolean' },
      phases: { type: 'boolean' },
      'no-startup': { type: 'boolean' },
      'update-docs': { type: 'boolean' },
      check: { type: 'boolean' },
      keep: { type: 'boolean' },
      generate: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const list = (value: string | undefined, fallback: string) =>
    (value ?? fallback)
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const sizes = list(values.sizes, '10,100,1000').map((item) => {
    const teams = Number(item.replace(/_/g, ''));
    if (!Number.isInteger(teams) || teams < 1 || teams > 10000) throw new Error(`--sizes: "${item}" is not a team count between 1 and 10000`);
    return teams;
  });
  const repeat = Number(values.repeat ?? 1);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 50) throw new Error(`--repeat: "${values.repeat}" is not a whole number between 1 and 50`);
  const commands = list(values.commands, COMMAND_IDS.join(',')).map((item) => {
    if (!COMMAND_IDS.includes(item as CommandId)) throw new Error(`--commands: unknown command "${item}" (one of ${COMMAND_IDS.join(', ')})`);
    return item as CommandId;
  });
  const timeoutSeconds = Number(values.timeout ?? 600);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) throw new Error(`--timeout: "${values.timeout}" is not a whole number of seconds`);
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    repeat,
    commands,
    profile: Boolean(values.profile),
    phases: Boolean(values.phases),
    startup: !values['no-startup'],
    updateDocs: Boolean(values['update-docs']),
    check: Boolean(values.check),
    keep: Boolean(values.keep),
    timeoutSeconds,
    generate: values.generate === undefined ? undefined : resolve(values.generate),
  };
}

/** What the npm scripts run (`node bin/run.js <command>`), so the benchmark measures what users run. */
const LAUNCHER = [process.execPath, join(ROOT, 'bin', 'run.js')];

/** Command-line arguments of each benchmarked command, given the first team's id. */
function commandArgs(command: CommandId, firstTeam: string): string[] {
  switch (command) {
    case 'validate':
    case 'validate-warm':
      return ['validate'];
    case 'lint':
      return ['lint'];
    case 'synth':
      return ['synth'];
    case 'synth-team':
      return ['synth', '--stack', `team-${firstTeam}`];
    case 'review':
      return ['review', '--base', 'HEAD'];
    case 'affected':
      return ['affected', '--base', 'HEAD'];
    case 'plain-cdktf':
      throw new Error('plain-cdktf is not a command of the tool (commandArgv)');
  }
}

/** The process a benchmark command runs: the tool's CLI, or for the baseline plain cdktf on what synth wrote. */
function commandArgv(command: CommandId, root: string, logDir: string, firstTeam: string): string[] {
  if (command !== 'plain-cdktf') return [...LAUNCHER, ...commandArgs(command, firstTeam)];
  return [process.execPath, join(ROOT, 'dist', 'scripts', 'bench', 'plain-cdktf.js'), join(root, 'cdktf.out'), join(logDir, 'plain-cdktf.out')];
}

/** A command can be benchmarked once its module exists (other work may not have landed yet). */
function commandModuleExists(command: CommandId): boolean {
  if (command === 'plain-cdktf') return true;
  const name = command === 'synth-team' ? 'synth' : command === 'validate-warm' ? 'validate' : command;
  return existsSync(join(ROOT, 'lib', 'cli', 'commands', `${name}.ts`));
}

const CHILD_ENV = { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true', NO_COLOR: '1' };

/**
 * Each size gets its own config parse cache (lib/config/yaml-cache.ts), emptied before every
 * validate run: validate is measured cold, and lint, synth and review after it warm, as in a CI
 * job that runs them in that order on a fresh checkout. validate-warm runs last, on the filled
 * cache: a CI job that restores the cache (.github/workflows/pull-request.yml).
 */
const configCacheOf = (logDir: string) => join(logDir, 'config-cache');

/** A command that did not complete: what was measured until then, and why. */
const failedRun = (wallMs: number[], result: { peakRssMb: number; exitCode: number }, note: string): CommandResult => ({
  wallMs,
  medianMs: 0,
  minMs: 0,
  cpuMs: 0,
  peakRssMb: result.peakRssMb,
  exitCode: result.exitCode,
  ok: false,
  note,
});

function runCommand(options: Options, method: RssMethod, root: string, logDir: string, command: CommandId, firstTeam: string): CommandResult {
  if (!commandModuleExists(command)) return { wallMs: [], medianMs: 0, minMs: 0, cpuMs: 0, peakRssMb: 0, exitCode: -1, ok: false, note: 'not built yet' };
  const argv = commandArgv(command, root, logDir, firstTeam);
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  let peakRssMb = 0;
  for (let run = 1; run <= options.repeat; run++) {
    if (command === 'validate') rmSync(configCacheOf(logDir), { recursive: true, force: true });
    if (command === 'plain-cdktf') rmSync(join(logDir, 'plain-cdktf.out'), { recursive: true, force: true });
    const env = { ...CHILD_ENV, ONCALL_CONFIG_CACHE: configCacheOf(logDir) };
    const result = measure({ argv, cwd: root, env, logPrefix: join(logDir, `${command}-${run}`), timeoutSeconds: options.timeoutSeconds }, method);
    if (result.exitCode === TIMED_OUT) {
      process.stderr.write(`  ${command} did not finish within ${options.timeoutSeconds} s\n`);
      return failedRun(wallMs, result, `timed out (> ${options.timeoutSeconds} s)`);
    }
    if (result.exitCode !== 0) {
      process.stderr.write(`  ${command} exited ${result.exitCode}:\n${result.tail.replace(/^/gm, '    ')}\n`);
      return failedRun(wallMs, result, `failed (exit ${result.exitCode})`);
    }
    wallMs.push(result.wallMs);
    cpuMs.push(result.cpuMs);
    peakRssMb = Math.max(peakRssMb, result.peakRssMb);
  }
  return { wallMs, medianMs: median(wallMs), minMs: Math.min(...wallMs), cpuMs: median(cpuMs), peakRssMb, exitCode: 0, ok: true };
}

function profileCommands(options: Options, root: string, logDir: string, firstTeam: string): Record<string, ProfileSummary> {
  const summaries: Record<string, ProfileSummary> = {};
  for (const command of ['validate', 'lint', 'synth'] as CommandId[]) {
    if (!options.commands.includes(command) || !commandModuleExists(command)) continue;
    const dir = join(logDir, `profile-${command}`);
    mkdirSync(dir, { recursive: true });
    const argv = [process.execPath, '--cpu-prof', '--cpu-prof-dir', dir, join(ROOT, 'bin', 'run.js'), ...commandArgs(command, firstTeam)];
    const result = measure({ argv, cwd: root, env: { ...CHILD_ENV, ONCALL_CONFIG_CACHE: configCacheOf(logDir) }, logPrefix: join(dir, 'run') }, 'node-probe');
    const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
    if (result.exitCode !== 0 || !file) {
      process.stderr.write(`  profile of ${command} failed (exit ${result.exitCode})\n`);
      continue;
    }
    summaries[command] = summarizeProfile(readCpuProfile(join(dir, file)), ROOT);
    process.stdout.write(`\n${formatProfileSummary(`profile ${command}`, summaries[command])}\n`);
  }
  return summaries;
}

/** The in-process phase split of a full synth (scripts/bench/phases.ts), in its own process. */
function measurePhases(method: RssMethod, root: string, logDir: string): Phase[] {
  const logPrefix = join(logDir, 'phases');
  const argv = [process.execPath, join(ROOT, 'dist', 'scripts', 'bench', 'phases.js'), root];
  const result = measure({ argv, cwd: root, env: { ...CHILD_ENV, ONCALL_CONFIG_CACHE: configCacheOf(logDir) }, logPrefix }, method);
  if (result.exitCode !== 0) throw new Error(`phase timing failed (exit ${result.exitCode}):\n${result.tail}`);
  return (JSON.parse(readFileSync(`${logPrefix}.out.txt`, 'utf8')) as { phases: Phase[] }).phases;
}

function startupComparison(method: RssMethod, root: string, logDir: string, repeat: number): StartupResult[] {
  const runs = Math.max(3, repeat);
  const variants: { label: string; argv: string[]; cwd: string }[] = [
    { label: 'node only (no code)', argv: [process.execPath, '-e', '0'], cwd: root },
    { label: 'tsx (a loader, no build)', argv: [join(ROOT, 'node_modules', '.bin', 'tsx'), join(ROOT, 'bin', 'oncall.ts'), 'validate'], cwd: root },
    { label: 'compiled (dist/)', argv: [process.execPath, join(ROOT, 'dist', 'bin', 'oncall.js'), 'validate'], cwd: root },
    { label: 'node bin/run.js (build check + dist/)', argv: [...LAUNCHER, 'validate'], cwd: root },
    { label: 'npm run (adds npm itself)', argv: ['npm', 'run', '--silent', 'validate', '--', '--root', root], cwd: ROOT },
  ];
  return variants.map(({ label, argv, cwd }, index) => {
    const walls: number[] = [];
    let rss = 0;
    for (let run = 0; run < runs; run++) {
      // Parse cache off: the launchers are compared on the same work every run.
      const result = measure({ argv, cwd, env: { ...CHILD_ENV, ONCALL_CONFIG_CACHE: 'off' }, logPrefix: join(logDir, `startup-${index}-${run}`) }, method);
      if (result.exitCode !== 0) throw new Error(`start-up run "${argv.join(' ')}" exited ${result.exitCode}:\n${result.tail}`);
      walls.push(result.wallMs);
      rss = Math.max(rss, result.peakRssMb);
    }
    const shown = argv.map((part) => part.replace(`${ROOT}/`, '').replace(process.execPath, 'node').replace(root, '<org>'));
    return { label, argv: shown.join(' '), medianMs: median(walls), peakRssMb: rss };
  });
}

/** Generates the organization, commits it as the review base and applies the one-team change. */
function prepareOrganization(root: string, teams: number, runbookDate: string, organizationYaml: string) {
  mkdirSync(root, { recursive: true });
  const generated = generateOrganization({ root, teams, runbookDate, organizationYaml });
  writeFileSync(join(root, '.gitignore'), '.bench-logs/\ncdktf.out/\n');
  commitBase(root);
  applyOneTeamChange(root, generated.teamIds[0]);
  return generated;
}

function main(argv: string[]): number {
  const options = parseOptions(argv);
  if (!options) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const organizationYaml = exampleOrganizationYaml();
  // Runbooks were "last updated" a week ago: valid today, inside any sensible maximum age.
  const runbookDate = new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10);
  if (options.generate) {
    if (existsSync(options.generate) && readdirSync(options.generate).length > 0) throw new Error(`--generate: ${options.generate} is not empty`);
    const teams = options.sizes[options.sizes.length - 1];
    const generated = prepareOrganization(options.generate, teams, runbookDate, organizationYaml);
    process.stdout.write(
      `generated ${teams} teams (${generated.files} files) in ${options.generate}; try: cd ${options.generate} && node ${join(ROOT, 'bin', 'run.js')} lint\n`,
    );
    return 0;
  }
  const method = rssMethod();
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      totalMemoryMb: Math.round(totalmem() / 1024 / 1024),
      node: process.version,
      platform: `${platform()} ${release()} ${arch()}`,
      loadBefore: loadavg()[0],
    },
    launcher: LAUNCHER.map((part) => part.replace(`${ROOT}/`, '').replace(process.execPath, 'node')).join(' '),
    rssMethod: method === 'gnu-time' ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS probe',
    repeat: options.repeat,
    generation: [],
    sizes: [],
    targets: [],
  };
  process.stdout.write(`Machine: ${machineLine(report)}\n`);

  const largest = options.sizes[options.sizes.length - 1];
  for (const teams of options.sizes) {
    const root = mkdtempSync(join(tmpdir(), `oncall-bench-${teams}-`));
    const logDir = join(root, '.bench-logs');
    mkdirSync(logDir);
    const started = process.hrtime.bigint();
    const generated = prepareOrganization(root, teams, runbookDate, organizationYaml);
    const generateMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
    report.generation.push({ teams, files: generated.files, ms: generateMs });
    process.stdout.write(`\n${teams} teams: generated ${generated.files} files in ${generateMs} ms at ${root}\n`);

    if (options.startup && teams === options.sizes[0]) {
      report.startup = startupComparison(method, root, logDir, options.repeat);
      process.stdout.write(`${startupTable(report.startup)}\n`);
    }
    const size: SizeResult = { teams, commands: {} };
    for (const command of COMMAND_IDS.filter((id) => options.commands.includes(id))) {
      // in COMMAND_IDS order: validate-warm after the others
      const result = runCommand(options, method, root, logDir, command, generated.teamIds[0]);
      size.commands[command] = result;
      process.stdout.write(
        `  ${command.padEnd(11)} ${result.ok ? `${(result.medianMs / 1000).toFixed(2)} s (min ${(result.minMs / 1000).toFixed(2)} s, cpu ${(result.cpuMs / 1000).toFixed(2)} s), ${result.peakRssMb} MB` : result.note}\n`,
      );
    }
    report.sizes.push(size);
    if (options.phases) {
      const phases = measurePhases(method, root, logDir);
      (report.phases ??= []).push({ teams, phases });
      for (const phase of phases) process.stdout.write(`    ${String(phase.ms).padStart(7)} ms ${String(phase.rssMb).padStart(5)} MB  ${phase.name}\n`);
    }
    if (options.profile && teams === largest) report.profiles = profileCommands(options, root, logDir, generated.teamIds[0]);
    if (options.keep) process.stdout.write(`  kept ${root} (logs in .bench-logs/)\n`);
    else rmSync(root, { recursive: true, force: true });
  }

  report.machine.loadAfter = loadavg()[0];
  report.targets = evaluateTargets(report.sizes);
  process.stdout.write(`\n${renderReport(report)}\n`);

  const resultsDir = join(ROOT, 'bench-results');
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const file = join(resultsDir, `bench-${report.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(resultsDir, 'latest.json'), json);
  process.stdout.write(`\nwrote ${file.replace(`${ROOT}/`, '')}\n`);
  if (options.updateDocs) {
    writeFileSync(join(ROOT, 'docs', 'bench-latest.json'), json);
    const doc = join(ROOT, 'docs', 'performance.md');
    const tables = [`Machine: ${machineLine(report)}`, '', commandTable(report), '', targetTable(report.targets)];
    if (report.startup) tables.push('', startupTable(report.startup));
    if (report.phases) tables.push('', phaseTable(report.phases));
    writeFileSync(doc, replaceBenchSection(readFileSync(doc, 'utf8'), tables.join('\n')));
    process.stdout.write('updated docs/bench-latest.json and docs/performance.md\n');
  }
  const failedRuns = report.sizes.some((size) => Object.values(size.commands).some((result) => result && !result.ok && result.note !== 'not built yet'));
  const missed = report.targets.filter((target) => target.verdict === 'fail');
  if (missed.length > 0) process.stdout.write(`missed targets: ${missed.map((target) => target.id).join(', ')}\n`);
  return failedRuns || (options.check && missed.length > 0) ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exitCode = 2;
}
