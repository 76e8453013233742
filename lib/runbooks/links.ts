import { realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { didYouMean } from '../config/did-you-mean';
import { parseMarkdown, type MarkdownDocument } from './markdown';
import type { Runbook } from './runbook';
import type { RunbookProblem } from './structure';
import { readRegularText } from '../util/regular-file';

/** A linked Markdown document read for its anchors: larger ones are treated as unreadable. */
const MAX_LINKED_DOCUMENT_BYTES = 1024 * 1024;

/**
 * Checks the links a runbook makes inside the repository: relative paths (and `/`-rooted
 * ones, which GitHub resolves from the repository root) must name an existing file or folder
 * inside the repository, and a `#fragment` on a Markdown file must be one of its heading
 * anchors. Links to other sites are not fetched (lint runs offline), except links under the
 * organization's runbook base URL, which are this repository's runbooks by another name.
 */
export interface LinkCheckOptions {
  /** Absolute repository root. */
  root: string;
  /** Runbooks directory relative to the root. */
  directory: string;
  /** org runbooks.baseUrl. */
  baseUrl: string;
  /** Parsed Markdown files by absolute path, shared across runbooks to read each once. */
  documents?: Map<string, MarkdownDocument | undefined>;
  /** Regular files known to exist inside the repository (the runbook catalog's knownFiles): no system call for links to them. */
  knownFiles?: ReadonlySet<string>;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

export function linkProblems(runbook: Runbook, options: LinkCheckOptions): RunbookProblem[] {
  const documents = options.documents ?? new Map();
  documents.set(resolve(runbook.absolute), runbook.document);
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const problems: RunbookProblem[] = [];
  for (const link of runbook.document.links) {
    let target = link.target;
    let from = dirname(runbook.absolute);
    if (target.startsWith(base)) {
      target = target.slice(base.length);
      from = join(options.root, options.directory);
    } else if (EXTERNAL.test(target)) continue;
    const problem = checkTarget(target, from, runbook, options.root, documents, options.knownFiles);
    if (problem) problems.push({ message: `link "${link.target}": ${problem}`, line: link.line });
  }
  return problems;
}

function checkTarget(
  target: string,
  from: string,
  runbook: Runbook,
  root: string,
  documents: Map<string, MarkdownDocument | undefined>,
  knownFiles?: ReadonlySet<string>,
): string | undefined {
  if (target.trim() === '') return 'the link target is empty';
  const hash = target.indexOf('#');
  const rawPath = (hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
  const anchor = hash === -1 ? undefined : target.slice(hash + 1);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return 'the path is not valid percent-encoding';
  }
  const absolute = path === '' ? resolve(runbook.absolute) : path.startsWith('/') ? resolve(root, `.${path}`) : resolve(from, path);
  const fromRoot = relative(resolve(root), absolute);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return 'the target is outside the repository; link to a URL instead';
  const shown = fromRoot.split(sep).join('/') || '.';
  const known = knownFiles?.has(absolute) ?? false;
  if (!known) {
    const realTarget = realPathOrUndefined(absolute);
    if (realTarget === undefined) return `${shown} does not exist`;
    const real = relative(realRoot(root, documents), realTarget);
    if (real.startsWith('..') || isAbsolute(real)) return `${shown} is a symbolic link to a file outside the repository`;
  }
  if (anchor === undefined || anchor === '' || !/\.md$/i.test(absolute) || !(known || statSync(absolute).isFile())) return undefined;
  const document = markdownAt(absolute, documents);
  if (!document) return undefined;
  return anchorProblem(document, anchor, shown);
}

/**
 * The link's real path, or undefined when it names nothing (what existsSync would say false to):
 * one realpath(3) call, where existsSync plus Node's JavaScript realpathSync made one system call
 * per path component (about 0.15 s of a 12,000-runbook lint).
 */
function realPathOrUndefined(absolute: string): string | undefined {
  try {
    return realpathSync.native(absolute);
  } catch {
    return undefined;
  }
}

/** realpath of the root, once per lint run (keyed by the run's shared documents map): every link asks. */
const realRoots = new WeakMap<Map<string, MarkdownDocument | undefined>, { root: string; real: string }>();
function realRoot(root: string, documents: Map<string, MarkdownDocument | undefined>): string {
  let known = realRoots.get(documents);
  if (known?.root !== root) {
    known = { root, real: realpathSync.native(root) }; // the same realpath as the targets' (case on case-insensitive file systems)
    realRoots.set(documents, known);
  }
  return known.real;
}

/** Why `#anchor` names no heading of the document, or undefined when it does. */
export function anchorProblem(document: MarkdownDocument, anchor: string, shownFile: string): string | undefined {
  let wanted: string;
  try {
    wanted = decodeURIComponent(anchor).toLowerCase();
  } catch {
    wanted = anchor.toLowerCase();
  }
  const slugs = document.headings.map((h) => h.slug);
  if (slugs.includes(wanted)) return undefined;
  const suggestion = didYouMean(wanted, slugs);
  return `${shownFile} has no heading with anchor #${anchor}${suggestion ? ` (did you mean #${suggestion}?)` : slugs.length === 0 ? ' (it has no headings)' : ''}`;
}

function markdownAt(absolute: string, documents: Map<string, MarkdownDocument | undefined>): MarkdownDocument | undefined {
  const key = resolve(absolute);
  if (!documents.has(key)) {
    try {
      documents.set(key, parseMarkdown(readRegularText(key, MAX_LINKED_DOCUMENT_BYTES)));
    } catch {
      documents.set(key, undefined);
    }
  }
  return documents.get(key);
}
