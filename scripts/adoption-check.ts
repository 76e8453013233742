// The "Adopt it for your organization" guide (docs/adopting.md), done to a temporary copy of this
// repository: replace the example with two teams made by new-team, see the gate refuse them
// unfinished, fill them in, accept the new snapshots and run the README's test command there.
// `.ci/run` runs it after the tests; it exits 1 at the first step that does not do what the guide says.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fillInRunbook, fillInTeamFile, type FilledTeam } from './adoption/fill-in';
import { TOOL_ROOT } from '../lib/util/tool-root';

const HELP = [
  'Usage: npm run adoption-check -- [--keep]',
  '',
  'Does what docs/adopting.md tells a new organization to do, to a temporary copy of this',
  'repository (tracked and untracked files, not ignored ones; node_modules linked), and checks',
  'that every step behaves as the guide says.',
  '',
  'Options:',
  '  --keep                    Keep the temporary copy (always kept when a step fails)',
  '  --help                    Show this help',
].join('\n');

/** The two teams the guide's step 2 creates (the same commands, other ids). */
const TEAMS: readonly (FilledTeam & { zone: string })[] = [
  { id: 'search', name: 'Search', zone: 'Europe/Berlin' },
  { id: 'ledger', name: 'Ledger', zone: 'America/New_York' },
];
const SNAPSHOTS = '__tests__/organization/__stacks__';

interface StepResult {
  status: number;
  output: string;
}

class StepFailed extends Error {}

let keep = false;
try {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  keep = values.keep === true;
} catch (error) {
  console.error(`adoption-check: ${(error as Error).message}\nRun with --help for usage.`);
  process.exit(2);
}

const source = TOOL_ROOT;
const copy = mkdtempSync(join(tmpdir(), 'oncall-adoption-'));
const started = Date.now();

function run(title: string, command: string, args: readonly string[], expected: number, env: NodeJS.ProcessEnv): StepResult {
  const begun = Date.now();
  const result = spawnSync(command, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new StepFailed(`${title}: could not run ${command}: ${result.error.message}`);
  const output = `${result.stdout}${result.stderr}`;
  const verdict = result.status === expected ? (expected === 0 ? 'ok  ' : `ok (exit ${expected}, as expected)`) : `FAIL (exit ${result.status})`;
  console.log(`  ${verdict}  ${title} (${((Date.now() - begun) / 1000).toFixed(1)} s)`);
  return { status: result.status ?? 1, output };
}

function expectStatus(result: StepResult, status: number, title: string): StepResult {
  if (result.status !== status) throw new StepFailed(`${title}: expected exit ${status}, got ${result.status}. Its output:\n${result.output.trimEnd()}`);
  return result;
}

const step = (title: string, command: string, args: readonly string[], status = 0, env: NodeJS.ProcessEnv = {}) =>
  expectStatus(run(title, command, args, status, env), status, title);

const git = (...args: string[]) => ['-c', 'user.name=Adoption check', '-c', 'user.email=adoption-check@example.org', '-c', 'commit.gpgsign=false', ...args];

/** The repository as a fork starts: the files git knows (tracked and untracked, not ignored), node_modules linked. */
function copyRepository(): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: source, encoding: 'utf8' });
  if (listed.status !== 0) throw new StepFailed(`copy: ${source} is not a git work tree (git ls-files: ${listed.stderr.trim()})`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(source, file);
    if (!existsSync(from)) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(from, join(copy, file), { verbatimSymlinks: true, preserveTimestamps: true });
  }
  if (!lstatSync(join(source, 'node_modules'), { throwIfNoEntry: false })?.isDirectory())
    throw new StepFailed('copy: node_modules is missing: run npm ci first');
  symlinkSync(join(source, 'node_modules'), join(copy, 'node_modules'), 'dir');
  console.log(`  ok    copied the repository to ${copy}`);
}

function listFiles(folder: string): string[] {
  return readdirSync(join(copy, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(copy.length + 1))
    .sort();
}

function expectEqual(actual: readonly string[], expected: readonly string[], what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new StepFailed(`${what}: expected [${expected.join(', ')}], found [${actual.join(', ')}]`);
}

function rewrite(file: string, transform: (text: string) => string): void {
  writeFileSync(join(copy, file), transform(readFileSync(join(copy, file), 'utf8')));
}

function adopt(): void {
  console.log('1. Fork the repository');
  copyRepository();
  step('git init', 'git', git('init', '-q', '-b', 'main'));
  step('git add -A', 'git', git('add', '-A'));
  step('git commit -m Fork', 'git', git('commit', '-q', '-m', 'Fork'));

  console.log('2. Replace the example with your teams');
  step('git rm -r -q config/teams runbooks', 'git', git('rm', '-r', '-q', 'config/teams', 'runbooks'));
  for (const team of TEAMS) {
    const created = step(`npm run new-team -- ${team.id} --name ${team.name} --zone ${team.zone}`, 'npm', [
      'run',
      '--silent',
      'new-team',
      '--',
      team.id,
      '--name',
      team.name,
      '--zone',
      team.zone,
    ]);
    if (!created.output.includes('npm run check')) throw new StepFailed(`new-team ${team.id}: its next steps do not name npm run check:\n${created.output}`);
  }
  expectEqual(listFiles('config/teams'), TEAMS.map((team) => `config/teams/${team.id}.yaml`).sort(), 'config/teams after new-team');

  const unfinished = step('npm run check (unfinished: must refuse)', 'npm', ['run', '--silent', 'check'], 1);
  for (const team of TEAMS) {
    if (!new RegExp(`config/teams/${team.id}\\.yaml:\\d+:\\d+ .*REPLACE-ME`).test(unfinished.output))
      throw new StepFailed(
        `npm run check on an unfinished team names no REPLACE-ME in config/teams/${team.id}.yaml with line and column:\n${unfinished.output}`,
      );
    if (!new RegExp(`runbooks/${team.id}/[^\\s:]+\\.md:\\d+`).test(unfinished.output))
      throw new StepFailed(`npm run check on an unfinished team names no runbook of ${team.id} with its line:\n${unfinished.output}`);
  }

  for (const team of TEAMS) {
    rewrite(`config/teams/${team.id}.yaml`, (text) => fillInTeamFile(text, team));
    for (const runbook of listFiles(`runbooks/${team.id}`)) rewrite(runbook, (text) => fillInRunbook(text, team));
  }
  console.log('  ok    filled in every REPLACE-ME and TODO(runbook)');
  step('npm run check (filled in)', 'npm', ['run', '--silent', 'check']);

  // Steps 3 (backend) and 4 (CI secrets) need a real account: the local backend stays.
  console.log('5. Accept the first snapshots');
  step('npm test -- -u __tests__/organization', 'npm', ['test', '--silent', '--', '-u', '__tests__/organization'], 0, { CI: 'true' });
  expectEqual(
    listFiles(SNAPSHOTS),
    TEAMS.map((team) => `${SNAPSHOTS}/team-${team.id}.snap.json`).sort(),
    `${SNAPSHOTS} after -u (the example's removed, one per new stack)`,
  );
  const synth = step('npm run synth', 'npm', ['run', '--silent', 'synth']);
  for (const team of TEAMS) {
    const synthesized = readFileSync(join(copy, 'cdktf.out/stacks', `team-${team.id}`, 'cdk.tf.json'), 'utf8');
    if (!synthesized.includes(`"${team.name}"`)) throw new StepFailed(`synth: team-${team.id} does not contain the team's name:\n${synth.output}`);
  }
  step('npm test (what CI runs)', 'npm', ['test', '--silent'], 0, { CI: 'true' });
  step(`git add -A config runbooks ${SNAPSHOTS}`, 'git', git('add', '-A', 'config', 'runbooks', SNAPSHOTS));
  step('git commit -m "Our teams"', 'git', git('commit', '-q', '-m', 'Our teams'));
  const left = step('git status (nothing else changed)', 'git', ['status', '--porcelain']).output.trim();
  if (left) throw new StepFailed(`the guide's steps left changes outside config/, runbooks/ and the snapshots:\n${left}`);
}

try {
  adopt();
  console.log(`Adoption check passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (keep) console.log(`The copy is kept at ${copy}.`);
  else rmSync(copy, { recursive: true, force: true });
} catch (error) {
  if (!(error instanceof StepFailed)) throw error;
  console.error(`\nAdoption check failed: ${error.message}\nThe copy is kept at ${copy}.`);
  process.exit(1);
}
