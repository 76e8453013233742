import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCommand } from '../../lib/cli/commands/check';
import { lintCommand } from '../../lib/cli/commands/lint';
import { newRunbookCommand } from '../../lib/cli/commands/new-runbook';
import { newTeamCommand } from '../../lib/cli/commands/new-team';
import { synthCommand } from '../../lib/cli/commands/synth';
import { validateCommand } from '../../lib/cli/commands/validate';
import { EXIT } from '../../lib/cli/io';
import { placeholderComments } from '../../lib/config/checks/placeholders';
import { fillInRunbook, fillInTeamFile } from '../../scripts/adoption/fill-in';
import { captureIO, edit, EXAMPLE, scratch } from './support';

const dirs = scratch();
afterAll(() => dirs.cleanup());

const SEARCH = { id: 'search', name: 'Search' };
const TEAM_FILE = 'config/teams/search.yaml';
const RUNBOOK = 'runbooks/search/error-rate.md';

async function run(command: { run(argv: string[], io: ReturnType<typeof captureIO>): Promise<number> }, root: string, ...args: string[]) {
  const io = captureIO(root);
  const code = await command.run([...args, '--root', root], io);
  return { code, text: io.text() };
}

const read = (root: string, file: string) => readFileSync(join(root, file), 'utf8');
const fill = (root: string, file: string, filler: (text: string, team: typeof SEARCH) => string) =>
  writeFileSync(join(root, file), filler(read(root, file), SEARCH));

/** The example organization plus a team just made with new-team, nothing filled in yet. */
async function scaffolded(): Promise<string> {
  const root = dirs.copy(EXAMPLE);
  expect((await run(newTeamCommand, root, 'search', '--name', 'Search')).code).toBe(EXIT.ok);
  return root;
}

describe('placeholderComments', () => {
  const text = [
    '# header: replace every REPLACE-ME value (grep -n REPLACE-ME this-file)',
    'name: Search',
    "chatHandle: '@slack-search-alerts'    # REPLACE-ME: where non-paging severities notify",
    'services:',
    '  api:',
    '    monitors:',
    '      error-rate:',
    '        # REPLACE-ME: the query',
    "        query: 'avg(last_5m):avg:x{*} > 1'",
    "description: 'a # REPLACE-ME inside quotes is a value, reported as one'",
  ].join('\n');

  it('reports a comment opening with the word at the key it trails or, alone on its line, at the next key', () => {
    const found = placeholderComments(TEAM_FILE, text);
    expect(found.map((d) => [d.line, d.column, d.path.join('.'), d.level, d.code])).toEqual([
      [3, 39, 'chatHandle', 'warning', 'placeholder-comment'],
      [8, 9, 'services.api.monitors.error-rate.query', 'warning', 'placeholder-comment'],
      [10, 17, 'description', 'warning', 'placeholder-comment'],
    ]);
    expect(found[0].message).toContain('"REPLACE-ME: where non-paging severities notify"');
  });

  it('ignores comments that only mention the word, and files without it', () => {
    expect(placeholderComments(TEAM_FILE, text.split('\n').slice(0, 2).join('\n'))).toEqual([]);
    expect(placeholderComments(TEAM_FILE, 'name: Search # replaced already\n')).toEqual([]);
  });

  it('cuts a long comment to an excerpt', () => {
    const [found] = placeholderComments(TEAM_FILE, `name: Search # REPLACE-ME ${'x'.repeat(500)}\n`);
    expect(found.message.length).toBeLessThan(200);
  });
});

describe('the CI gate refuses unfinished onboarding', () => {
  it('keeps a fresh scaffold valid for validate and a local synth, with every placeholder a located warning', async () => {
    const root = await scaffolded();
    const validated = await run(validateCommand, root);
    expect(validated.code).toBe(EXIT.ok);
    expect(validated.text).toMatch(/config\/teams\/search\.yaml:10:\d+ {2}chatHandle {2}warning: placeholder from `npm run new-team` still marked here/);
    expect(validated.text).toMatch(/config\/teams\/search\.yaml:\d+:\d+ {2}services\.api\.monitors\.error-rate\.query {2}warning: placeholder/);
    expect((await run(synthCommand, root, '--out', join(dirs.empty(), 'cdktf.out'))).code).toBe(EXIT.ok);
  });

  it('fails npm run check with file:line for every placeholder, then passes once they are filled in, with no other step', async () => {
    const root = await scaffolded();
    const refused = await run(checkCommand, root);
    expect(refused.code).toBe(EXIT.invalid);
    expect(refused.text).toMatch(
      /^config\/teams\/search\.yaml:16:\d+ {2}members\.lead\.email {2}placeholder from `npm run new-team` still here.*\(CI refuses unfinished onboarding\)/m,
    );
    expect(refused.text).toMatch(/^config\/teams\/search\.yaml:10:\d+ {2}chatHandle {2}placeholder from/m);
    expect(refused.text).toMatch(/^runbooks\/search\/error-rate\.md:\d+:1 {2}\(file\) {2}\d+ unfinished placeholders .*\[runbook-unfinished\]$/m);
    expect(refused.text).toMatch(/check: failed: lint --strict$/m);

    fill(root, TEAM_FILE, fillInTeamFile);
    fill(root, RUNBOOK, fillInRunbook);
    const passed = await run(checkCommand, root);
    expect(passed.text).toMatch(/check: lint --strict and schema --check pass/);
    expect(passed.code).toBe(EXIT.ok);
  });

  it('refuses a placeholder marked only in a comment', async () => {
    const root = await scaffolded();
    fill(root, RUNBOOK, fillInRunbook);
    const filled = fillInTeamFile(read(root, TEAM_FILE), SEARCH);
    writeFileSync(
      join(root, TEAM_FILE),
      filled.replace("chatHandle: '@slack-search-alerts'", "chatHandle: '@slack-search-alerts'  # REPLACE-ME: the real channel"),
    );
    const refused = await run(checkCommand, root);
    expect(refused.code).toBe(EXIT.invalid);
    expect(refused.text).toMatch(
      /^config\/teams\/search\.yaml:10:\d+ {2}chatHandle {2}placeholder from `npm run new-team` still marked here \("REPLACE-ME: the real channel"\)/m,
    );
  });

  it('refuses TODO(runbook) markers from new-runbook even when the organization turned the rule off', async () => {
    const root = dirs.copy(EXAMPLE);
    rmSync(join(root, 'runbooks/payments/settlement-lag.md'));
    expect((await run(newRunbookCommand, root, 'payments', 'settlement-lag')).code).toBe(EXIT.ok);
    writeFileSync(join(root, 'config/organization.yaml'), `${read(root, 'config/organization.yaml')}\nlint:\n  rules: { runbook-unfinished: off }\n`);
    expect((await run(lintCommand, root)).code).toBe(EXIT.ok);
    const strict = await run(lintCommand, root, '--strict');
    expect(strict.code).toBe(EXIT.invalid);
    expect(strict.text).toMatch(/^runbooks\/payments\/settlement-lag\.md:\d+:1 .*\(CI refuses unfinished onboarding\) \[runbook-unfinished\]$/m);
    fill(root, 'runbooks/payments/settlement-lag.md', fillInRunbook);
    expect((await run(checkCommand, root)).code).toBe(EXIT.ok);
  });

  it('refuses them in synth --require-remote-state, even with --allow-lint-errors, and writes nothing', async () => {
    const root = await scaffolded();
    edit(
      root,
      'config/organization.yaml',
      'backend:\n  type: local\n  directory: state',
      'backend:\n  type: s3\n  bucket: acme-tf\n  region: eu-west-1\n  keyPrefix: oncall\n  encrypt: true',
    );
    const out = join(dirs.empty(), 'cdktf.out');
    const config = await run(synthCommand, root, '--out', out, '--require-remote-state');
    expect(config.code).toBe(EXIT.invalid);
    expect(config.text).toMatch(/^config\/teams\/search\.yaml:16:\d+ {2}members\.lead\.email {2}placeholder/m);
    expect(config.text).toMatch(/nothing was written/);

    fill(root, TEAM_FILE, fillInTeamFile);
    const runbook = await run(synthCommand, root, '--out', out, '--require-remote-state', '--allow-lint-errors');
    expect(runbook.code).toBe(EXIT.invalid);
    expect(runbook.text).toMatch(/runbooks\/search\/error-rate\.md:\d+:1 .*\[runbook-unfinished\]/);
    fill(root, RUNBOOK, fillInRunbook);
    expect((await run(synthCommand, root, '--out', out, '--require-remote-state')).code).toBe(EXIT.ok);
  });

  it('lets new-team start an organization with no teams yet', async () => {
    const root = dirs.copy(EXAMPLE);
    rmSync(join(root, 'config', 'teams'), { recursive: true });
    rmSync(join(root, 'runbooks'), { recursive: true });
    const created = await run(newTeamCommand, root, 'search', '--name', 'Search');
    expect(created.code).toBe(EXIT.ok);
    expect(created.text).toMatch(/3\. npm run check {3}\(what CI runs/);
    fill(root, TEAM_FILE, fillInTeamFile);
    fill(root, RUNBOOK, fillInRunbook);
    expect((await run(checkCommand, root)).code).toBe(EXIT.ok);
  });
});
