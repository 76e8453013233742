import { showInvisible } from './invisible-characters';

/** A problem found in config, with enough location to fix it without reading code. */
export interface Diagnostic {
  level: 'error' | 'warning';
  /** File path relative to the repository root, e.g. config/teams/payments.yaml */
  file: string;
  /** Path inside the file, e.g. ['rotations', 'primary', 'members', 2] */
  path: readonly (string | number)[];
  message: string;
  expected?: string;
  found?: string;
  /** 1-based; filled in from the YAML source when the path can be located. */
  line?: number;
  column?: number;
  /** Stable identifier of the check that produced it (for docs and tests). */
  code?: string;
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(file)';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** Where a problem is and how bad: what every printed problem (config diagnostic or lint finding) starts with. */
export interface ProblemLocation {
  level: 'error' | 'warning';
  file?: string;
  line?: number;
  column?: number;
  path?: readonly (string | number)[];
}

/**
 * The one line format of every problem validate, lint and synth print:
 * `file:line:col  path  [warning: ]text`. Editors and CI annotations jump to `file:line:col`.
 */
export function formatProblem(where: ProblemLocation, text: string): string {
  const file = where.file ?? '(organization)';
  const position = where.line ? `${file}:${where.line}:${where.column ?? 1}` : file;
  const prefix = where.level === 'warning' ? 'warning: ' : '';
  // Quoted config text may hold the very characters being refused (U+202E would reorder this line).
  return showInvisible(`${position}  ${formatPath(where.path ?? [])}  ${prefix}${text}`);
}

export function formatDiagnostic(d: Diagnostic): string {
  const detail = [d.expected !== undefined ? `expected ${d.expected}` : '', d.found !== undefined ? `found ${d.found}` : ''].filter(Boolean).join(', ');
  return formatProblem(d, `${d.message}${detail ? ` (${detail})` : ''}`);
}

/** Renders a config value for a "found ..." clause: short, single-line, type visible. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  const shown = excerpt(typeof value === 'string' ? JSON.stringify(value) : String(value));
  return typeof value === 'string' ? shown : `${typeof value} ${shown}`;
}

/** Longest quoted value a message carries: enough to recognise it, too short to publish a file. */
export const MAX_EXCERPT_LENGTH = 60;

/** `text` cut to MAX_EXCERPT_LENGTH characters (code points, so no half surrogate) with "...". */
export function excerpt(text: string): string {
  const characters = Array.from(text);
  return characters.length > MAX_EXCERPT_LENGTH ? `${characters.slice(0, MAX_EXCERPT_LENGTH - 3).join('')}...` : text;
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.message.localeCompare(b.message),
  );
}

export const hasErrors = (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.level === 'error');
