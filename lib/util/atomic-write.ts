import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Folders this process already created: the parse cache writes many files into one. */
const createdDirs = new Set<string>();

/**
 * Write-then-rename in the target's own folder: a reader (or an interrupted run) sees the old
 * file or the whole new one, never half of it.
 */
export function writeFileAtomically(path: string, text: string): void {
  const dir = dirname(path);
  if (!createdDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    createdDirs.add(dir);
  }
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
