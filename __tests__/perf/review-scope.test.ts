import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandSpec } from '../../lib/cli/args';
import { snapshotAtRef } from '../../lib/git/tree-at-ref';
import { teamsToCompare } from '../../lib/review/change-scope';
import { runCommand, TempRepo } from '../review/git-repo';

/**
 * review and affected synthesize and lint only the teams whose inputs differ between base and
 * working tree (lib/review/change-scope.ts). Their output must be exactly what comparing every
 * team gives: each scenario runs both with the real scope and with the scope forced to "all".
 */
const FROM = '2026-03-02';

function commands(compareAll: boolean): { review: CommandSpec; affected: CommandSpec } {
  let loaded!: { review: CommandSpec; affected: CommandSpec };
  jest.isolateModules(() => {
    if (compareAll) jest.doMock('../../lib/review/change-scope', () => ({ teamsToCompare: () => undefined }));
    loaded = { review: require('../../lib/cli/commands/review').reviewCommand, affected: require('../../lib/cli/commands/affected').affectedCommand };
    jest.dontMock('../../lib/review/change-scope');
  });
  return loaded;
}

async function outputs(repo: TempRepo, compareAll: boolean): Promise<string[]> {
  const { review, affected } = commands(compareAll);
  const runs = [
    await runCommand(review, ['--base', 'HEAD', '--root', repo.root, '--from', FROM, '--format', 'json'], repo.root),
    await runCommand(review, ['--base', 'HEAD', '--root', repo.root, '--from', FROM], repo.root),
    await runCommand(affected, ['--base', 'HEAD', '--root', repo.root, '--format', 'json'], repo.root),
  ];
  for (const run of runs) expect(run.code).toBe(0);
  return runs.map((run) => `${run.code}\n${run.stdout}\n${run.stderr}`);
}

const edit = (file: string, from: RegExp | string, to: string) => {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
};

describe('review of a change compares only the teams it touches', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  const teamFile = (id: string) => join(repo.root, 'config', 'teams', `${id}.yaml`);

  it('gives the same review and affected output for a one-team change', async () => {
    edit(teamFile('payments'), "time: '10:00'", "time: '23:00'");
    expect((await outputs(repo, false)).join('\n')).toBe((await outputs(repo, true)).join('\n'));
  });

  it('gives the same output when a team is removed too', async () => {
    rmSync(teamFile('data'));
    expect((await outputs(repo, false)).join('\n')).toBe((await outputs(repo, true)).join('\n'));
  });

  it('gives the same output when a runbook is edited too (every team is compared then)', async () => {
    const runbook = join(
      repo.root,
      'runbooks',
      'platform',
      readdirSync(join(repo.root, 'runbooks', 'platform')).find((name) => name.endsWith('.md'))!,
    );
    edit(runbook, /\n## /, '\nTODO(runbook): check this\n\n## ');
    expect((await outputs(repo, false)).join('\n')).toBe((await outputs(repo, true)).join('\n'));
  });
});

describe('teamsToCompare', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());

  const model = (root: string) => {
    const { loadConfig } = require('../../lib/config/load') as typeof import('../../lib/config/load');
    const { buildModel } = require('../../lib/model/build') as typeof import('../../lib/model/build');
    return buildModel(loadConfig({ root }).config!);
  };

  it('names only the teams whose model differs', () => {
    const base = model(repo.root);
    edit(join(repo.root, 'config', 'teams', 'data.yaml'), 'Event pipeline', 'The event pipeline');
    expect([...teamsToCompare(base, model(repo.root))!]).toEqual(['data']);
  });

  it('compares every team when an organization-level setting or a runbook differs', () => {
    const snapshot = snapshotAtRef({ root: repo.root, ref: 'HEAD' });
    try {
      checkOrganizationLevelChanges(model(snapshot.root));
    } finally {
      snapshot.dispose();
    }
  });

  function checkOrganizationLevelChanges(base: ReturnType<typeof model>): void {
    expect(teamsToCompare(base, { ...base, runbooks: { ...base.runbooks, maxAgeDays: base.runbooks.maxAgeDays + 1 } })).toBeUndefined();
    expect(teamsToCompare(base, { ...base, pagerduty: { ...base.pagerduty, users: 'managed' } })).toBeUndefined();
    const runbooks = join(repo.root, 'runbooks', 'data');
    edit(
      join(
        runbooks,
        readdirSync(runbooks).find((name) => name.endsWith('.md'))!,
      ),
      /\n## /,
      '\nEdited.\n\n## ',
    );
    expect(teamsToCompare(base, model(repo.root))).toBeUndefined();
  }
});
