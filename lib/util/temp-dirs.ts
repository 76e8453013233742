/**
 * Scratch folders in the system temp directory (review's synthesized stacks, base snapshots),
 * named with the PID of their process so that a later run removes those of killed runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadProcessFolders } from './process-alive';

/** The kinds makeTempDir names; only these are ever swept (other tools' `oncall-*` folders, e.g. the bench's `oncall-bench-<teams>-`, are not ours to judge). */
export type TempKind = 'synth' | 'base';
const TEMP_PATTERN = /^oncall-(synth|base)-(\d+)-[A-Za-z0-9]{6}$/;
let tempSwept = false;

/**
 * mkdtemp in the system temp folder, named `oncall-<kind>-<pid>-XXXXXX`, so that a later run can
 * tell a killed process's folder from a live one's. The first call in a process also removes such
 * folders of dead processes (removeDeadTempDirs).
 */
export function makeTempDir(kind: TempKind): string {
  if (!tempSwept) {
    tempSwept = true;
    try {
      removeDeadTempDirs();
    } catch {
      // Cleaning up after others must never stop this run.
    }
  }
  return mkdtempSync(join(tmpdir(), `oncall-${kind}-${process.pid}-`));
}

/**
 * Removes `oncall-<kind>-<pid>-XXXXXX` folders in `dir` whose process is dead. Only real folders
 * owned by this user (`options.uid`, for tests): a shared /tmp holds other users' folders (whose
 * PIDs may live in another PID namespace), and those are none of our business. Folders without a
 * PID in the name (from older versions) cannot be judged and stay.
 */
export function removeDeadTempDirs(dir = tmpdir(), options: { uid?: number } = {}): string[] {
  const uid = options.uid ?? process.getuid?.();
  const removed: string[] = [];
  for (const { path, stats } of deadProcessFolders(dir, TEMP_PATTERN)) {
    if (uid !== undefined && stats.uid !== uid) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}
