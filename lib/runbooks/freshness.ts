import type { DateTime } from 'luxon';
import type { Runbook } from './runbook';
import { parseCalendarDate, type RunbookProblem } from './structure';

/**
 * The zone furthest ahead (UTC+14, Kiribati): a date that has not begun there has not begun
 * anywhere, so whoever wrote "today" in their own zone is never told it is in the future.
 */
const EARLIEST_ZONE = 'UTC+14';

/** lastUpdated after today: a typo, or a date written to dodge the age check (error). */
export function futureDateProblem(runbook: Runbook, now: DateTime): RunbookProblem | undefined {
  const written = runbook.lastUpdated;
  const date = written && parseCalendarDate(written.value);
  if (!written || !date) return undefined;
  const today = now.setZone(EARLIEST_ZONE).toISODate()!;
  if (written.value <= today) return undefined;
  return { message: `lastUpdated ${written.value} is in the future (today is ${now.setZone('utc').toISODate()} UTC)`, line: written.line };
}

/** Days since lastUpdated, counted in whole UTC days; undefined without a valid date. */
export function runbookAgeDays(runbook: Runbook, now: DateTime): number | undefined {
  const date = runbook.lastUpdated && parseCalendarDate(runbook.lastUpdated.value);
  if (!date) return undefined;
  return Math.floor(now.setZone('utc').startOf('day').diff(date, 'days').days);
}

/** Not reviewed for longer than the organization allows (warn). */
export function ageProblem(runbook: Runbook, now: DateTime, maxAgeDays: number): RunbookProblem | undefined {
  const age = runbookAgeDays(runbook, now);
  if (age === undefined || age <= maxAgeDays) return undefined;
  return {
    message: `last updated ${runbook.lastUpdated!.value}, ${age} days ago (runbooks.maxAgeDays is ${maxAgeDays}): walk through it against the current system and bump lastUpdated`,
    line: runbook.lastUpdated!.line,
  };
}
