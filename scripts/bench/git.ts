import { execFileSync } from 'node:child_process';

/**
 * Makes the synthetic organization a git repository with one base commit, so the review
 * benchmark can compare `--base HEAD` with a changed working tree. Identity and signing are
 * set per command: the user's global git configuration must not matter. `gc.auto=0`: 1,000 teams
 * are 13,000 loose objects, over git's automatic gc threshold (6,700), and the `git gc` that
 * `commit` would start in the background competed with the first measured command (cold
 * validate at 1,000 teams: 3.6-3.8 s instead of 2.4 s).
 */
export function commitBase(root: string): void {
  const git = (...args: string[]) =>
    execFileSync(
      'git',
      [
        '-c',
        'user.name=oncall bench',
        '-c',
        'user.email=bench@example.com',
        '-c',
        'commit.gpgsign=false',
        '-c',
        'init.defaultBranch=main',
        '-c',
        'gc.auto=0',
        ...args,
      ],
      {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
      },
    );
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
}
