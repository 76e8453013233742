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
