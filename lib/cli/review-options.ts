import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { ROOT_OPTION, type OptionSpec } from './args';
import { parseFromOption } from './from-option';
import { printDiagnostics, UsageError, type CommandIO } from './io';
import { compareWithBase, type CompareOptions, type Comparison } from '../review/compare';

/** Flags `review` and `affected` share, with the same meaning in both. */
export const COMPARISON_OPTIONS = {
  base: {
    type: 'string',
    description: 'Git ref to compare with (branch, tag, SHA; required). The empty tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904 means "nothing before".',
  },
  root: ROOT_OPTION,
  out: { type: 'string', description: 'Write the result to this file instead of standard output' },
} as const satisfies Record<string, OptionSpec>;

export const FORMAT_DETAILS = 'The base is read with git (no checkout, no network): fetch it first in CI. The working tree is the head.';

export function requiredBase(command: string, values: Record<string, unknown>): string {
  const base = values.base;
  if (typeof base !== 'string' || base.length === 0) throw new UsageError(`${command}: --base <git-ref> is required (e.g. --base origin/main)`);
  return base;
}

export function chosenFormat<T extends string>(command: string, value: unknown, allowed: readonly T[]): T {
  if (value === undefined) return allowed[0];
  if (!allowed.includes(value as T)) throw new UsageError(`${command}: --format must be one of ${allowed.join(', ')} (found "${String(value)}")`);
  return value as T;
}

/** `--from 2026-03-02` (a date, read as UTC midnight), default today (UTC midnight). */
export function fromDate(command: string, value: unknown, now: DateTime = DateTime.utc()): DateTime {
  return (parseFromOption(command, value, { now }) ?? now).toUTC().startOf('day');
}

/**
 * Runs the comparison; when the working tree's config is invalid prints its diagnostics and
 * returns undefined (the command exits 1, as validate would).
 */
export function compareOrReport(command: string, io: CommandIO, options: CompareOptions): Comparison | undefined {
  const comparison = compareWithBase(options);
  if (!comparison.head.model) {
    printDiagnostics(io, comparison.head.diagnostics);
    io.err(`${command}: the working tree's config is invalid; fix it first (npm run validate).`);
    return undefined;
  }
  return comparison;
}

/** Prints to stdout, or writes `--out` (relative to the current directory) and says so on stderr. */
export function emit(io: CommandIO, out: unknown, text: string, summary: string): void {
  if (typeof out === 'string' && out.length > 0) {
    const file = resolve(io.cwd, out);
    writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
    io.err(`${summary}; wrote ${out}`);
  } else if (text.length > 0) {
    io.out(text.replace(/\n$/, ''));
  }
}
