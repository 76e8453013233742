import { DateTime } from 'luxon';
import { instantOfNaive } from '../../util/zone-offsets';
import { naiveMillis, type TurnReading } from '../turns';
import type { RestrictionModel } from '../types';
import { normalize, type Interval, type IntervalSet } from './intervals';

const DAY_MS = 86_400_000;

/**
 * Every occurrence of a layer's restrictions that touches `window`, as one interval set. PagerDuty
 * semantics relied on: restrictions are read in the schedule's time zone ("Restrictions respect the
 * time_zone parameter", PagerDuty REST API ScheduleLayer); a daily restriction recurs every local day
 * at start_time_of_day, a weekly one on start_day_of_week (ISO 1 = Monday); a restriction lasts
 * duration_seconds. Whether that duration is elapsed or local wall-clock time across a DST change is
 * the same unknown as for turn lengths, so it follows the same `reading`.
 * An empty restriction list means "no restriction" and is handled by the caller (24/7 turns).
 */
export function restrictionOccurrences(restrictions: readonly RestrictionModel[], zone: string, window: Interval, reading: TurnReading): IntervalSet {
  if (restrictions.length === 0) return [];
  const longest = Math.max(...restrictions.map((r) => r.durationSeconds)) * 1000;
  // Naive (local calendar) midnights from far enough back that an occurrence started earlier can
  // still reach into the window, to the local day the window ends in.
  const firstDay = startOfNaiveDay(naiveMillis(DateTime.fromMillis(window.start, { zone }))) - Math.ceil(longest / DAY_MS + 1) * DAY_MS;
  const lastDay = startOfNaiveDay(naiveMillis(DateTime.fromMillis(window.end, { zone })));
  const occurrences: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const isoWeekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    for (const restriction of restrictions) {
      if (restriction.type === 'weekly_restriction' && restriction.startDayOfWeek !== isoWeekday) continue;
      const naiveStart = day + secondsOfDay(restriction.startTimeOfDay) * 1000;
      const start = instantOfNaive(naiveStart, zone);
      const end = reading === 'fixed-seconds' ? start + restriction.durationSeconds * 1000 : instantOfNaive(naiveStart + restriction.durationSeconds * 1000, zone);
      if (end > window.start && start < window.end) occurrences.push({ start, end });
    }
  }
  return normalize(occurrences);
}

const startOfNaiveDay = (naive: number) => Math.floor(naive / DAY_MS) * DAY_MS;

/** "HH:MM:SS" (or "HH:MM") to seconds after local midnight. */
export function secondsOfDay(time: string): number {
  const [h, m, s] = time.split(':').map(Number);
  return h * 3600 + m * 60 + (s || 0);
}
