/**
 * A lock file beside synth's output folder (`.<out>.lock`, holding the holder's PID), so concurrent
 * synths into one output take turns for recovery and the swap instead of renaming over each other.
 */
import { closeSync, lstatSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isProcessAlive } from './process-alive';

/** The lock file serializing swaps into `out` (`.<out>.lock`). */
export const lockPath = (out: string) => {
  const target = resolve(out);
  return join(dirname(target), `.${basename(target)}.lock`);
};

export interface LockOptions {
  /** How long to wait for a live holder before giving up (default 60 s). */
  timeoutMs?: number;
  /** How often to look again (default 100 ms). */
  pollMs?: number;
  /** Called once when the lock is held by another live process and this one starts waiting. */
  onWait?: (holder: number | undefined) => void;
}

export class OutputLockedError extends Error {}

/** A lock file without a PID this old is taken to be from a process killed between creating and writing it. */
const EMPTY_LOCK_STALE_MS = 10_000;

/**
 * Runs `action` holding `.<out>.lock`. The lock file is created with O_EXCL ('wx'), so exactly one
 * caller creates it (also among callers in one process), and holds its PID. A lock whose PID is
 * dead is stale (its holder was killed) and is removed, then creation retried. A live holder is
 * waited for by polling, up to `timeoutMs`, then the error names the PID. An empty or unreadable
 * lock file is waited for too, since its creator may be between creating and writing it, unless
 * it is older than 10 s.
 */
export async function withOutputLock<T>(out: string, action: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = lockPath(out);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  try {
    mkdirSync(dirname(lock), { recursive: true });
  } catch (error) {
    // A file where the parent folder should be: opening the lock below says ENOTDIR.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let waiting = false;
  for (;;) {
    if (tryCreateLock(lock)) break;
    const holder = lockHolder(lock);
    if (holder !== undefined ? !isProcessAlive(holder) : isOldEmptyLock(lock)) {
      removeStaleLock(lock, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new OutputLockedError(
        holder === undefined
          ? `${lock} exists but holds no process id; if no synth is running, remove it`
          : `${out} is locked by process ${holder} (${lock}); waited ${Math.round(timeoutMs / 1000)} s for it to finish`,
      );
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(holder);
    }
    await new Promise((wake) => setTimeout(wake, pollMs));
  }
  try {
    return await action();
  } finally {
    // Ours: nobody judges a live holder's lock stale.
    if (lockHolder(lock) === process.pid) {
      try {
        unlinkSync(lock);
      } catch {
        // Never thrown from here (it would hide the action's own outcome): a lock left behind names
        // this PID, and the next run takes it over once this process has exited.
      }
    }
  }
}

function tryCreateLock(lock: string): boolean {
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The PID in the lock file; undefined when it is gone, empty or not a PID. */
function lockHolder(lock: string): number | undefined {
  try {
    const text = readFileSync(lock, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

function isOldEmptyLock(lock: string): boolean {
  try {
    const stats = lstatSync(lock);
    return stats.isFile() && Date.now() - stats.mtimeMs > EMPTY_LOCK_STALE_MS;
  } catch {
    return false; // gone: the next attempt creates it
  }
}

/**
 * Removes a dead holder's lock. Two waiters can find the same stale lock; the second must not
 * remove the fresh lock the first has created meanwhile, so the file is read again just before
 * removal and left alone unless it still names the dead PID (or, for a lock without a PID, is
 * still old and empty). A narrow window remains between that read and the unlink; it needs two
 * waiters and a crash at once.
 */
function removeStaleLock(lock: string, deadPid: number | undefined): void {
  if (lockHolder(lock) !== deadPid) return;
  if (deadPid === undefined && !isOldEmptyLock(lock)) return;
  try {
    unlinkSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
