import { DateTime } from 'luxon';
import { numberedStepLines, placeholderLines, sectionHasContent, type Runbook } from './runbook';
import { SECTIONS } from './sections';

/** One thing wrong with a runbook file, located for the reader. */
export interface RunbookProblem {
  message: string;
  /** 1-based line in the runbook. */
  line?: number;
  /** Heading of the section concerned, when there is one. */
  section?: string;
}

const accepted = (spec: (typeof SECTIONS)[number]) =>
  [spec.heading, ...spec.synonyms.map((s) => s[0].toUpperCase() + s.slice(1))].map((h) => `"${h}"`).join(', ');

/** Missing or empty metadata and required sections (lint rule runbook-sections). */
export function structureProblems(runbook: Runbook): RunbookProblem[] {
  if (runbook.readProblem) return [{ message: runbook.readProblem }];
  const problems: RunbookProblem[] = [];
  const frontMatter = runbook.document.frontMatter;
  if (frontMatter?.problem) problems.push({ message: frontMatter.problem, line: frontMatter.line });
  if (!runbook.title) problems.push({ message: 'no title: the first heading should be "# <alert name> - <service> runbook"', line: 1 });
  if (!runbook.owner?.value) problems.push({ message: 'no owner: add "owner: <team id>" to the front matter', line: 1 });
  if (!runbook.lastUpdated?.value) problems.push({ message: 'no last-updated date: add "lastUpdated: YYYY-MM-DD" to the front matter', line: 1 });
  else if (!parseCalendarDate(runbook.lastUpdated.value)) {
    problems.push({ message: `lastUpdated "${runbook.lastUpdated.value}" is not a calendar date in the form YYYY-MM-DD`, line: runbook.lastUpdated.line });
  }
  for (const spec of SECTIONS.filter((s) => s.required)) {
    const section = runbook.sections.get(spec.id);
    if (!section) problems.push({ message: `no ${spec.heading} section (accepted headings: ${accepted(spec)})`, section: spec.heading });
    else if (!sectionHasContent(runbook, section))
      problems.push({ message: `the ${section.heading.plainText} section is empty`, line: section.heading.line, section: section.heading.plainText });
  }
  return problems;
}

/** Sections that must be numbered procedures (lint rule runbook-numbered-steps). */
export function stepProblems(runbook: Runbook): RunbookProblem[] {
  const problems: RunbookProblem[] = [];
  for (const spec of SECTIONS.filter((s) => s.numberedSteps)) {
    const section = runbook.sections.get(spec.id);
    if (!section || !sectionHasContent(runbook, section)) continue; // reported as missing or empty
    if (numberedStepLines(runbook, section).length === 0) {
      problems.push({
        message: `the ${section.heading.plainText} section has no numbered steps; write it as "1. ...", "2. ..." so responders can say where they are`,
        line: section.heading.line,
        section: section.heading.plainText,
      });
    }
  }
  return problems;
}

/**
 * Complete = readable, every required section present and filled, steps numbered and no
 * placeholder left. Age and drift are not part of it: a correct old runbook is still usable.
 */
export function isCompleteRunbook(runbook: Runbook): boolean {
  return structureProblems(runbook).length === 0 && stepProblems(runbook).length === 0 && placeholderLines(runbook).length === 0;
}

/** Why a runbook is not complete, in a few words for the index; undefined when it is. */
export function incompleteReason(runbook: Runbook): string | undefined {
  if (runbook.readProblem) return 'unreadable';
  const missing = structureProblems(runbook).length + stepProblems(runbook).length;
  const placeholders = placeholderLines(runbook).length;
  const parts = [
    missing > 0 ? `${missing} structural problem${missing === 1 ? '' : 's'}` : '',
    placeholders > 0 ? `${placeholders} placeholder${placeholders === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** A strict YYYY-MM-DD calendar date (2026-02-30 is refused), as a UTC midnight. */
export function parseCalendarDate(value: string): DateTime | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  // Runbooks share few distinct dates and several rules ask per runbook; DateTime is immutable.
  if (calendarDates.has(value)) return calendarDates.get(value);
  const date = DateTime.fromISO(value, { zone: 'utc' });
  if (calendarDates.size >= 10_000) calendarDates.clear();
  calendarDates.set(value, date.isValid ? date : undefined);
  return date.isValid ? date : undefined;
}

const calendarDates = new Map<string, DateTime | undefined>();
