import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics';
import { filesKnownInside, listMarkdownFiles } from '../runbook-files';
import { error, warning, type SemanticCheck } from './types';

export interface RunbookReference {
  /** Path relative to the runbooks directory, without anchor. */
  path: string;
  anchor?: string;
}

export function parseRunbookReference(value: string): RunbookReference {
  const hash = value.indexOf('#');
  return hash === -1 ? { path: value } : { path: value.slice(0, hash), anchor: value.slice(hash + 1) || undefined };
}

/**
 * Resolves a runbook reference to an absolute file inside the runbooks directory, or explains
 * why it cannot: absolute paths, `..` escapes and symlinks leading out of the repository are
 * refused (the path becomes a public URL and is read by lint).
 */
export function resolveRunbookFile(
  root: string,
  runbooksDir: string,
  reference: string,
  realRoot?: () => string,
  /** Files a listing found inside the repository (filesKnownInside): a reference to one needs no system call. */
  knownFiles?: ReadonlySet<string>,
): { file?: string; problem?: string } {
  const { path } = parseRunbookReference(reference);
  if (path === '') return { problem: 'the runbook path is empty' };
  if (isAbsolute(path) || /^[a-z]:/i.test(path) || path.startsWith('/')) return { problem: 'the runbook path must be relative to the runbooks folder' };
  if (path.includes('\\')) return { problem: 'the runbook path must use forward slashes' };
  const base = resolve(root, runbooksDir);
  const target = resolve(base, path);
  if (target !== base && !target.startsWith(base + sep)) return { problem: 'the runbook path leads outside the runbooks folder' };
  if (knownFiles?.has(target)) return { file: target };
  // One system call answers both "does it exist" and "where does it really lead": the native
  // realpath (the JavaScript one lstat()s every path component), failing exactly when existsSync would.
  let real: string;
  try {
    real = realpathSync.native(target);
  } catch {
    return { problem: `no such file: ${join(runbooksDir, path)}` };
  }
  const fromRoot = relative(realRoot ? realRoot() : realpathSync.native(root), real);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return { problem: 'the runbook is a link to a file outside the repository' };
  if (!statSync(real).isFile()) return { problem: 'the runbook path is not a file' };
  if (!/\.md$/i.test(path)) return { problem: 'runbooks are Markdown files (.md)' };
  return { file: target };
}

/** Every paging monitor links a runbook that exists inside the repository (domain.md §4). */
export const checkRunbookPaths: SemanticCheck = ({ root, organization, teams }) => {
  const found: Diagnostic[] = [];
  const paging = new Map(organization.config.severities.map((s) => [s.id, s.paging]));
  const runbooksDir = organization.config.runbooks.directory;
  // The root's realpath is taken once per check, not once per monitor (a measurable share of validate at 1,000 teams).
  let realRoot: string | undefined;
  const rootOnce = () => (realRoot ??= realpathSync.native(root));
  // One listing of the runbooks folder instead of two system calls per monitor (filesKnownInside).
  let known: ReadonlySet<string> | undefined;
  const knownFiles = () => {
    const base = resolve(root, runbooksDir);
    return (known ??= filesKnownInside(base, listMarkdownFiles(base), rootOnce));
  };
  for (const { file, config } of teams) {
    for (const [serviceId, service] of Object.entries(config.services)) {
      for (const [monitorId, monitor] of Object.entries(service.monitors)) {
        const path = ['services', serviceId, 'monitors', monitorId];
        if (!monitor.runbook) {
          if (paging.get(monitor.severity)) {
            found.push(
              error(
                file,
                path,
                'runbook-missing',
                `monitor "${monitorId}" pages (${monitor.severity}) but links no runbook`,
                'runbook: <path under runbooks/>',
                'nothing',
              ),
            );
          } else if (paging.has(monitor.severity)) {
            found.push(
              warning(
                file,
                path,
                'runbook-missing',
                `monitor "${monitorId}" links no runbook; an alert without a runbook is a defect`,
                'runbook: <path under runbooks/>',
                'nothing',
              ),
            );
          }
          continue;
        }
        const { problem } = resolveRunbookFile(root, runbooksDir, monitor.runbook, rootOnce, knownFiles());
        if (problem)
          found.push(error(file, [...path, 'runbook'], 'runbook-path', problem, `a Markdown file under ${runbooksDir}/`, JSON.stringify(monitor.runbook)));
      }
    }
  }
  return found;
};
