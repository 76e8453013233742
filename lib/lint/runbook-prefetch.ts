import { join, posix, resolve } from 'node:path';
import { listMarkdownFiles } from '../config/runbook-files';
import { MAX_CONFIG_FILE_BYTES, parseYamlCached } from '../config/yaml-source';
import { readRegularText } from '../util/regular-file';
import type { OrgModel } from '../model/types';
import { normalizedRunbooksDirectory, runbookPathOf, useParsedRunbooks } from '../runbooks/catalog';
import { readRunbook, type Runbook } from '../runbooks/runbook';
import { runbooksDirectoryIn } from '../config/schema/values';

/**
 * Reading and parsing every runbook is most of lint's runbook rules (12,000 files at 1,000 teams).
 * The lint thread that runs those rules (lib/lint/threads.ts) has nothing to do until the caller has
 * loaded the config and built the model, so it reads and parses the runbooks in that time.
 *
 * It knows the runbooks folder before the model does only by reading organization.yaml itself:
 * the parsed runbooks are used only when that folder and the repository root are the model's,
 * and each only where the catalog gives its file the same path (useParsedRunbooks), so the
 * catalog is the same either way (__tests__/perf/lint-threads.test.ts).
 */
export interface ParsedRunbooks {
  root: string;
  directory: string;
  runbooks: Map<string, Runbook>;
}

/** Reads and parses the runbooks under the folder organization.yaml names; undefined when that cannot be read. */
export function parseRunbooksAhead(root: string, configDir: string): ParsedRunbooks | undefined {
  try {
    const absoluteRoot = resolve(root);
    const directory = normalizedRunbooksDirectory(runbooksDirectoryOf(absoluteRoot, configDir));
    const base = join(absoluteRoot, directory);
    const runbooks = new Map<string, Runbook>();
    for (const absolute of listMarkdownFiles(base)) {
      const path = runbookPathOf(base, absolute);
      runbooks.set(absolute, readRunbook(absolute, path, posix.join(directory, path)));
    }
    return { root: absoluteRoot, directory, runbooks };
  } catch {
    return undefined; // the catalog reads the files itself
  }
}

/** Makes the model's catalog use runbooks parsed ahead when they are of its root and folder; whether it did. */
export function useRunbooksParsedAhead(model: OrgModel, parsed: ParsedRunbooks | undefined): boolean {
  if (!parsed || parsed.root !== model.runbooks.root || parsed.directory !== normalizedRunbooksDirectory(model.runbooks.directory)) return false;
  useParsedRunbooks(model, parsed.runbooks);
  return true;
}

/** runbooks.directory from organization.yaml as written, or the schema's default. */
function runbooksDirectoryOf(root: string, configDir: string): string {
  const file = join(configDir, 'organization.yaml');
  return runbooksDirectoryIn(parseYamlCached(file, readRegularText(join(root, file), MAX_CONFIG_FILE_BYTES)).data);
}
