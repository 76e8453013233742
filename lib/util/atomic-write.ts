import { mkdirSync, rename, renameSync, unlink, writeFile, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

/** Folders this process already created: the parse cache writes many files into one. */
const createdDirs = new Set<string>();

/**
 * Write-then-rename in the target's own folder: a reader (or an interrupted run) sees the old
 * file or the whole new one, never half of it.
 */
export function writeFileAtomically(path: string, text: string): void {
  ensureFolderOf(path);
  const temporary = `${path}.${process.pid}.${threadId}.tmp`; // threads of one process share its pid
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

let backgroundWrites = 0;
const pendingWrites = new Set<Promise<void>>();

/**
 * writeFileAtomically off the calling thread: libuv's thread pool writes and renames while the
 * caller goes on, and Node does not exit before they are done. For caches, where losing an entry
 * costs nothing: a failed write is dropped (its temporary file removed). Only for a thread that
 * ends normally: a terminated worker thread would leave its pending writes half done.
 */
export function writeFileAtomicallyInBackground(path: string, text: string): Promise<void> {
  ensureFolderOf(path);
  const temporary = `${path}.${process.pid}.${++backgroundWrites}.tmp`;
  const written = new Promise<void>((resolve) => {
    writeFile(temporary, text, (writeError) => {
      if (writeError) return void unlink(temporary, () => resolve());
      rename(temporary, path, (renameError) => (renameError ? unlink(temporary, () => resolve()) : resolve()));
    });
  });
  pendingWrites.add(written);
  void written.then(() => pendingWrites.delete(written));
  return written;
}

/** Resolves when every background write started so far is done (tests, and callers that read back). */
export async function backgroundWritesDone(): Promise<void> {
  while (pendingWrites.size > 0) await Promise.all([...pendingWrites]);
}

function ensureFolderOf(path: string): void {
  const dir = dirname(path);
  if (!createdDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    createdDirs.add(dir);
  }
}
