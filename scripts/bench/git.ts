import { execFileSync } from 'node:child_process';

/**
 * Makes the synthetic organization a git repository with one base commit, so the review
 * benchmark can compare `--base HEAD` with a changed working tree. Identity and signing are
 * set per command: the user's global git configuration must not matter.
 */
export function commitBase(root: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=oncall bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
}
