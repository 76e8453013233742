import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { newTeamCommand } from '../../lib/cli/commands/new-team';
import { validateCommand } from '../../lib/cli/commands/validate';
import { runCommand, TempRepo } from './git-repo';

describe('new-team', () => {
  const repo = new TempRepo();
  afterAll(() => repo.dispose());
  const run = (...argv: string[]) => runCommand(newTeamCommand, [...argv, '--root', repo.root], repo.root);

  it('refuses an id that exists, writing nothing', async () => {
    const result = await run('payments');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('new-team: team "payments" exists (config/teams/payments.yaml); nothing was written.');
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it.each([
    [['Bad_Id'], /team id "Bad_Id" must be lowercase kebab-case/],
    [['search', '--zone', 'UTC'], /PagerDuty does not accept time zone "UTC"; did you mean "Etc\/UTC"\?/],
    [['search', '--name', 'Search & Rescue'], /--name "Search & Rescue": .*must not contain/],
    [[], /expected one team id, got 0 arguments/],
  ])('rejects %j as a usage error', async (argv, message) => {
    await expect(run(...argv)).rejects.toThrow(message);
    expect(existsSync(join(repo.root, 'config/teams/search.yaml'))).toBe(false);
  });

  it('defaults the name from the id and the zone to Etc/UTC; the result validates and refuses a second run', async () => {
    const result = await run('data-platform');
    expect(result.code).toBe(0);
    const team = parse(repo.read('config/teams/data-platform.yaml'));
    expect(team).toMatchObject({ name: 'Data Platform', timeZone: 'Etc/UTC' });
    expect(team.rotations.primary.members).toHaveLength(5);
    expect(team.services.api.monitors['error-rate'].runbook).toBe('data-platform/error-rate.md');
    expect(repo.read('runbooks/data-platform/error-rate.md')).toMatch(/^---\nowner: data-platform\n/);
    expect((await runCommand(validateCommand, ['--root', repo.root], repo.root)).code).toBe(0);
    expect((await run('data-platform')).code).toBe(2);
  });

  it('will not scaffold into a config that is already invalid', async () => {
    rmSync(join(repo.root, 'runbooks/data-platform'), { recursive: true });
    const result = await run('search');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no such file: runbooks\/data-platform\/error-rate\.md[\s\S]*new-team: the existing config is invalid/);
    expect(existsSync(join(repo.root, 'config/teams/search.yaml'))).toBe(false);
  });
});
