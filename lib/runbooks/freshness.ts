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
  const today = earliestToday(now);
  if (written.value <= today) return undefined;
  return { message: `lastUpdated ${written.value} is in the future (today is ${now.setZone('utc').toISODate()} UTC)`, line: written.line };
}

/** Days since lastUpdated, counted in whole UTC days; undefined without a valid date. */
export function runbookAgeDays(runbook: Runbook, now: DateTime): number | undefined {
  const date = runbook.lastUpdated && parseCalendarDate(runbook.lastUpdated.value);
  if (!date) return undefined;
  // Both are UTC midnights (no DST in UTC), so whole days are plain millisecond arithmetic.
  return Math.floor((utcMidnightMs(now) - date.toMillis()) / 86_400_000);
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

/** Start of `now`'s UTC day in epoch ms; every runbook of a lint run asks with the same `now`. */
let lastMidnight: { now: DateTime; ms: number } | undefined;
function utcMidnightMs(now: DateTime): number {
  if (lastMidnight?.now !== now) lastMidnight = { now, ms: now.setZone('utc').startOf('day').toMillis() };
  return lastMidnight.ms;
}

/** Today's date in the zone furthest ahead, once per `now` (asked for every runbook). */
let lastToday: { now: DateTime; date: string } | undefined;
function earliestToday(now: DateTime): string {
  if (lastToday?.now !== now) lastToday = { now, date: now.setZone(EARLIEST_ZONE).toISODate()! };
  return lastToday.date;
}
