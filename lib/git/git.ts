import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A git invocation failed; the message carries git's own stderr (it says what is wrong). */
export class GitError extends Error {}

/**
 * Runs git in `cwd` and returns stdout. Never touches the network or the index: callers only
 * read objects. `input` is piped to stdin; binary output (archives) comes back as a Buffer.
 */
export function git(cwd: string, args: string[], options: { binary: true }): Buffer;
export function git(cwd: string, args: string[], options?: { binary?: false }): string;
export function git(cwd: string, args: string[], options: { binary?: boolean } = {}): string | Buffer {
  try {
    const output = execFileSync('git', args, {
      cwd,
      maxBuffer: 512 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Never prompt (credentials, pagers) inside a CI job or a test.
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' },
    });
    return options.binary ? output : output.toString('utf8');
  } catch (error) {
    const failure = error as { stderr?: Buffer; code?: string; message: string };
    // Spawning in a missing directory fails with ENOENT as well: tell the two apart.
    if (failure.code === 'ENOENT')
      throw new GitError(existsSync(cwd) ? 'git is not installed or not on PATH' : `cannot run git in ${cwd}: the folder does not exist`);
    const stderr = failure.stderr?.toString('utf8').trim();
    throw new GitError(`git ${args.join(' ')}: ${stderr || failure.message}`);
  }
}
