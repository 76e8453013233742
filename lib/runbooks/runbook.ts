import { parseMarkdown, type Heading, type MarkdownDocument } from './markdown';
import { sectionsForHeading, type SectionId } from './sections';
import { readRegularFile } from '../util/regular-file';

/**
 * The marker the scaffold writes wherever a human still has to fill something in. Lint
 * reports every occurrence as unfinished (warn) and the index counts such runbooks as
 * incomplete.
 */
export const PLACEHOLDER_MARKER = 'TODO(runbook):';

/** Runbooks are prose; anything bigger is a mistake (a log dump, a binary) and is not parsed. */
const MAX_RUNBOOK_BYTES = 512 * 1024;

export interface Located<T> {
  value: T;
  /** 1-based line in the runbook file. */
  line: number;
}

export interface RunbookSection {
  id: SectionId;
  heading: Heading;
  /** 0-based line indices: the body runs from `bodyStart` up to, not including, `bodyEnd`. */
  bodyStart: number;
  bodyEnd: number;
}

export interface Runbook {
  /** Relative to the runbooks directory, forward slashes: what monitors link. */
  path: string;
  /** Relative to the repository root: what findings point at. */
  file: string;
  absolute: string;
  /** Why the file could not be read; every other field is then empty. */
  readProblem?: string;
  document: MarkdownDocument;
  title?: Located<string>;
  owner?: Located<string>;
  /** As written; `lastUpdatedDate` says whether it is a valid calendar date. */
  lastUpdated?: Located<string>;
  severity?: Located<string>;
  /** First heading found for each section. */
  sections: Map<SectionId, RunbookSection>;
}

/** Front-matter keys (and "Key: value" lines under the title) accepted for each field. */
const METADATA_KEYS = {
  owner: ['owner', 'team'],
  lastUpdated: ['lastupdated', 'last_updated', 'last-updated', 'last updated', 'updated'],
  severity: ['severity'],
} as const;
type MetadataField = keyof typeof METADATA_KEYS;

export function readRunbook(absolute: string, path: string, file: string): Runbook {
  let text: string;
  try {
    // One open, fstat, read and close per runbook (lint reads 12,000 at 1,000 teams), and never
    // anything but a regular file: a runbook that is a FIFO or a link to /dev/zero would hang lint.
    const read = readRegularFile(absolute, MAX_RUNBOOK_BYTES);
    if (read.kind === 'not-regular') return unreadable(absolute, path, file, `the file is ${read.what}; runbooks are regular Markdown files`);
    if (read.kind === 'too-large')
      return unreadable(
        absolute,
        path,
        file,
        `the file is over ${MAX_RUNBOOK_BYTES / 1024} KiB; runbooks are at most ${MAX_RUNBOOK_BYTES / 1024} KiB of Markdown`,
      );
    const buffer = read.bytes;
    if (buffer.includes(0)) return unreadable(absolute, path, file, 'the file is binary, not Markdown text');
    text = buffer.toString('utf8');
  } catch (error) {
    return unreadable(absolute, path, file, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return interpretRunbook(parseMarkdown(text), { absolute, path, file });
}

/** Reads metadata and sections from parsed Markdown (exported for tests that work on strings). */
export function interpretRunbook(document: MarkdownDocument, where: Pick<Runbook, 'absolute' | 'path' | 'file'>): Runbook {
  const title = document.headings.find((h) => h.level === 1);
  const runbook: Runbook = { ...where, document, sections: findSections(document) };
  if (title) runbook.title = { value: title.plainText, line: title.line };
  const firstSection = document.headings.find((h) => h.level >= 2)?.line ?? document.lines.length + 1;
  for (const field of Object.keys(METADATA_KEYS) as MetadataField[]) {
    const value = frontMatterValue(document, field) ?? preambleValue(document, field, firstSection);
    if (value) runbook[field] = value;
  }
  return runbook;
}

function unreadable(absolute: string, path: string, file: string, readProblem: string): Runbook {
  return { absolute, path, file, readProblem, document: parseMarkdown(''), sections: new Map() };
}

/** A section's body ends at the next heading of the same or a higher level. */
function findSections(document: MarkdownDocument): Map<SectionId, RunbookSection> {
  const sections = new Map<SectionId, RunbookSection>();
  document.headings.forEach((heading, index) => {
    if (heading.level < 2) return;
    const next = document.headings.slice(index + 1).find((h) => h.level <= heading.level);
    const bodyEnd = next ? next.line - 1 : document.lines.length;
    for (const id of sectionsForHeading(heading.plainText)) {
      if (!sections.has(id)) sections.set(id, { id, heading, bodyStart: heading.line, bodyEnd });
    }
  });
  return sections;
}

function frontMatterValue(document: MarkdownDocument, field: MetadataField): Located<string> | undefined {
  const frontMatter = document.frontMatter;
  if (!frontMatter) return undefined;
  for (const [key, raw] of Object.entries(frontMatter.fields)) {
    if (!(METADATA_KEYS[field] as readonly string[]).includes(key.toLowerCase())) continue;
    const value = raw instanceof Date ? raw.toISOString().slice(0, 10) : typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
    return { value, line: frontMatter.keyLines[key] ?? frontMatter.line };
  }
  return undefined;
}

/** "**Owner:** payments" style lines between the title and the first section. */
function preambleValue(document: MarkdownDocument, field: MetadataField, firstSectionLine: number): Located<string> | undefined {
  for (let index = document.bodyStart; index < firstSectionLine - 1; index++) {
    if (document.literalLines.has(index)) continue;
    const match = /^\s*(?:[-*]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z _-]*?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.+?)\s*$/.exec(document.lines[index]);
    if (!match || !(METADATA_KEYS[field] as readonly string[]).includes(match[1].trim().toLowerCase())) continue;
    return { value: match[2].replace(/^[`*_]+|[`*_]+$/g, '').trim(), line: index + 1 };
  }
  return undefined;
}

/** The section's body lines that are not blank, with their 0-based indices. */
export function sectionBodyLines(runbook: Runbook, section: RunbookSection): { text: string; index: number }[] {
  const lines: { text: string; index: number }[] = [];
  for (let index = section.bodyStart; index < section.bodyEnd; index++) {
    const text = runbook.document.lines[index];
    if (text.trim() !== '') lines.push({ text, index });
  }
  return lines;
}

/** Whether the section says anything: text other than blank lines and HTML comments. */
export function sectionHasContent(runbook: Runbook, section: RunbookSection): boolean {
  // Fast path, the usual case: a non-blank line before any comment opens is content.
  for (let index = section.bodyStart; index < section.bodyEnd; index++) {
    const text = runbook.document.lines[index];
    if (text.includes('<!--')) break;
    if (text.trim() !== '') return true;
  }
  const body = sectionBodyLines(runbook, section)
    .map(({ text }) => text)
    .join('\n')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  return body.trim() !== '';
}

/** 1-based lines where items of numbered lists ("1. ...", "2) ...") start in the section (never inside code blocks). */
export function numberedStepLines(runbook: Runbook, section: RunbookSection): number[] {
  // The body's 0-based indices bodyStart..bodyEnd-1 are its 1-based lines bodyStart+1..bodyEnd.
  return runbook.document.numberedItemLines.filter((line) => line > section.bodyStart && line <= section.bodyEnd);
}

/** The section's body as written (blank lines dropped): what quoting checks search. */
export function sectionText(runbook: Runbook, section: RunbookSection): string {
  return sectionBodyLines(runbook, section)
    .map(({ text }) => text)
    .join('\n');
}

/**
 * 1-based lines holding the placeholder marker, anywhere in the file (comments included), or the
 * REPLACE-ME word: a runbook scaffolded from an unfinished team file copies its placeholder names
 * and emails, which stay wrong here after the team file is filled in.
 */
export function placeholderLines(runbook: Runbook): number[] {
  const found: number[] = [];
  runbook.document.lines.forEach((line, index) => (line.includes(PLACEHOLDER_MARKER) || TEAM_PLACEHOLDER.test(line)) && found.push(index + 1));
  return found;
}

/** The word `new-team` writes into team files (lib/config/checks/placeholders.ts), in any case. */
const TEAM_PLACEHOLDER = /replace-me/i;
