import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/**
 * Whether a process with this PID exists. Signal 0 checks without sending anything: ESRCH means
 * no such process; EPERM means it exists but belongs to another user, which is alive too. A PID
 * can be reused after a crash, so "alive" can be a stranger: callers then only leave things
 * alone, which is the safe side.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false; // 0 and negatives address process groups
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export interface DeadProcessFolder {
  path: string;
  /** The name's match: group 1 the kind, group 2 the PID. */
  match: RegExpExecArray;
  stats: Stats;
}

/**
 * The real folders (never links or files) in `dir` whose name matches `pattern` (group 2: a PID)
 * and whose process is dead: what a killed run left. The PID is judged first: a live run's
 * folder may vanish at any moment. A missing `dir` has none.
 */
export function deadProcessFolders(dir: string, pattern: RegExp): DeadProcessFolder[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: DeadProcessFolder[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || isProcessAlive(Number(match[2]))) continue;
    const path = join(dir, name);
    const stats = lstatSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory()) found.push({ path, match, stats });
  }
  return found;
}
