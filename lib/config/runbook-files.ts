import { readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

/**
 * Which files under the runbooks folder are runbooks. File names that are documentation about
 * runbooks are not: the generated index and per-folder READMEs. Folders starting with "." or "_"
 * (templates, drafts) are skipped too.
 */
const isRunbookFileName = (name: string) => /\.md$/i.test(name) && name.toLowerCase() !== 'readme.md';
const isSkippedFolder = (name: string) => name.startsWith('.') || name.startsWith('_') || name === 'node_modules';

/** Markdown runbook files below a folder, without following symbolic links (no loops, no escapes). */
export function listMarkdownFiles(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const absolute = join(folder, entry.name);
    if (entry.isDirectory()) return isSkippedFolder(entry.name) ? [] : listMarkdownFiles(absolute);
    return entry.isFile() && isRunbookFileName(entry.name) ? [absolute] : [];
  });
}

/**
 * The listed runbook files as a set, when the runbooks folder (`base`, which may itself be a
 * symbolic link) lies inside the repository; empty otherwise. Listed files are regular files (not
 * symbolic links) reached without following a link below the folder, so a reference to one of
 * them exists, is Markdown and stays inside the repository: no system call is needed to check it.
 * Anything not in the set gets the full check (resolveRunbookFile).
 */
export function filesKnownInside(base: string, listed: readonly string[], realRoot: () => string): ReadonlySet<string> {
  try {
    const fromRoot = relative(realRoot(), realpathSync.native(base));
    return !fromRoot.startsWith('..') && !isAbsolute(fromRoot) ? new Set(listed) : new Set();
  } catch {
    return new Set();
  }
}
