import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { makeTempDir } from '../util/temp-dirs';
import { git, GitError } from './git';
import { DEFAULT_RUNBOOKS_DIRECTORY, runbooksDirectoryIn } from '../config/schema/values';

/** The object id of git's empty tree: a base "before the repository had anything". */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface RefSnapshot {
  /** What the caller asked for (`origin/main`, a SHA, `HEAD~1`). */
  ref: string;
  /** The commit it resolves to, or the tree id when the ref names a tree (e.g. the empty tree). */
  objectId: string;
  /** Directory standing in for the repository root at that ref: holds `config/` and the runbooks. */
  root: string;
  /** False when the ref predates the config folder (a new repository): everything is "added". */
  configExists: boolean;
  /** Deletes the temporary directory. */
  dispose(): void;
}

export interface SnapshotOptions {
  /** Repository root holding `config/` (may be a sub-folder of the git work tree). */
  root: string;
  ref: string;
  configDir?: string;
}

/**
 * Writes the config and runbook folders as they are at `ref` into a temporary directory, reading
 * git objects only (`ls-tree` + `cat-file --batch`): no checkout, no index or work-tree change,
 * no network, and `export-ignore` attributes cannot hide files the way `git archive` would.
 */
export function snapshotAtRef({ root, ref, configDir = 'config' }: SnapshotOptions): RefSnapshot {
  const { toplevel, prefix } = repositoryOf(root);
  const objectId = resolveRef(toplevel, ref);
  // oncall-base-<pid>-XXXXXX: a killed review's snapshot is removed by a later run (lib/util/temp-dirs.ts).
  const directory = makeTempDir('base');
  const snapshotRoot = join(directory, prefix);
  mkdirSync(snapshotRoot, { recursive: true });
  const dispose = () => rmSync(directory, { recursive: true, force: true });
  try {
    const configPath = posix.join(prefix, configDir);
    const configFiles = writeTree(toplevel, objectId, configPath, directory);
    const configExists = configFiles > 0;
    if (configExists) writeTree(toplevel, objectId, posix.join(prefix, runbooksDirectory(join(snapshotRoot, configDir))), directory);
    return { ref, objectId, root: snapshotRoot, configExists, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * The git work tree holding `root` and root's path inside it. A folder that does not exist or is
 * outside any repository gets its own message (git alone would report a missing folder as "git
 * is not installed", since spawning in a missing directory fails the same way).
 */
function repositoryOf(root: string): { toplevel: string; prefix: string } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new GitError(`--root ${root} does not exist`);
  }
  if (!isDirectory) throw new GitError(`--root ${root} is not a directory`);
  let toplevel: string;
  try {
    toplevel = git(root, ['rev-parse', '--show-toplevel']).trim();
  } catch (error) {
    if (/not a git repository/i.test((error as Error).message)) {
      throw new GitError(`--root ${root} is not inside a git repository: the base is read from git history, so run this in a clone of the config repository`);
    }
    throw error;
  }
  return { toplevel, prefix: git(root, ['rev-parse', '--show-prefix']).trim() };
}

/** A commit SHA for commit-ish refs, else the tree id; a clear error for names git does not know. */
function resolveRef(toplevel: string, ref: string): string {
  if (ref.startsWith('-')) throw new GitError(`base ref "${ref}" looks like an option, not a git ref`);
  for (const suffix of ['^{commit}', '^{tree}']) {
    try {
      return git(toplevel, ['rev-parse', '--verify', '--quiet', `${ref}${suffix}`]).trim();
    } catch {
      // try the next reading of the ref
    }
  }
  throw new GitError(
    `base ref "${ref}" is not a commit or tree in ${toplevel}. In CI, fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin <branch>); use ${EMPTY_TREE} (the empty tree) to review everything as new.`,
  );
}

/** The runbooks directory the base's organization.yaml names (default `runbooks`). */
function runbooksDirectory(configRoot: string): string {
  try {
    return runbooksDirectoryIn(parseYaml(readFileSync(join(configRoot, 'organization.yaml'), 'utf8')));
  } catch {
    // A base without a readable organization.yaml still loads; the loader reports what is wrong.
    return DEFAULT_RUNBOOKS_DIRECTORY;
  }
}

interface TreeEntry {
  type: string;
  objectId: string;
  path: string;
}

/** Writes every blob under `path` at `objectId` below `into`; returns how many files it wrote. */
function writeTree(toplevel: string, objectId: string, path: string, into: string): number {
  const listing = git(toplevel, ['ls-tree', '-r', '-z', '--full-tree', objectId, '--', path]);
  const entries: TreeEntry[] = listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, entryPath] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
      const [, type, id] = meta.split(' ');
      return { type, objectId: id, path: entryPath };
    })
    // Submodules (commit entries) have no content here; symlinks are written as their target text.
    .filter((entry) => entry.type === 'blob');
  if (entries.length === 0) return 0;
  const contents = readBlobs(
    toplevel,
    entries.map((e) => e.objectId),
  );
  entries.forEach((entry, index) => {
    const target = join(into, ...entry.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents[index]);
  });
  return entries.length;
}

/** One `git cat-file --batch` for all blobs: output is `<id> blob <size>\n<content>\n` per object. */
function readBlobs(toplevel: string, objectIds: string[]): Buffer[] {
  let output: Buffer;
  try {
    output = execFileSync('git', ['cat-file', '--batch'], { cwd: toplevel, input: `${objectIds.join('\n')}\n`, maxBuffer: 512 * 1024 * 1024 });
  } catch (error) {
    throw new GitError(`git cat-file --batch: ${(error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message}`);
  }
  const blobs: Buffer[] = [];
  let offset = 0;
  for (const id of objectIds) {
    const headerEnd = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, headerEnd).toString('utf8');
    const [headerId, type, size] = header.split(' ');
    if (headerId !== id || type !== 'blob') throw new GitError(`git cat-file --batch: unexpected "${header}" for ${id}`);
    const start = headerEnd + 1;
    blobs.push(output.subarray(start, start + Number(size)));
    offset = start + Number(size) + 1;
  }
  return blobs;
}
