import { DateTime } from 'luxon';
import { instantOfNaive, offsetMinutes } from '../util/zone-offsets';
import { durationSeconds } from '../config/schema/values';

/**
 * Turn arithmetic in a rotation's zone. `turnStart`/`turnIndexAt` use the wall-clock reading (see
 * TurnReading below): turns step in local calendar time, so handoffs stay at the configured local
 * time across daylight-saving changes. That is the reading config is written in (a handoff is
 * "Monday 10:00 local"), so roster changes and derived rotations are placed on that grid.
 */
export function turnStart(anchor: DateTime, turnLength: string, k: number): DateTime {
  const zone = anchor.zoneName ?? 'Etc/UTC';
  return DateTime.fromMillis(turnBoundaryMs(anchor, durationSeconds(turnLength), k, 'wall-clock', zone), { zone });
}

/** Index k of the turn containing `t`: turnStart(k) <= t < turnStart(k + 1). */
export function turnIndexAt(anchor: DateTime, turnLength: string, t: DateTime): number {
  return turnIndexAtMs(anchor, durationSeconds(turnLength), t.toMillis(), 'wall-clock', anchor.zoneName ?? 'Etc/UTC');
}

export const mod = (n: number, m: number) => ((n % m) + m) % m;

/**
 * How PagerDuty advances `rotation_turn_length_seconds` across a daylight-saving change. Its
 * documentation does not say, so every coverage verdict is computed under both readings:
 * - `wall-clock`: a turn is the length in local time of the schedule's zone (a 1w turn handing off
 *   Monday 10:00 hands off Monday 10:00 local all year; the turn spanning the change is 1 h shorter
 *   or longer in elapsed time);
 * - `fixed-seconds`: a turn is exactly that many elapsed seconds (the local handoff time moves by
 *   the DST delta after each change).
 */
export type TurnReading = 'wall-clock' | 'fixed-seconds';
export const TURN_READINGS: readonly TurnReading[] = ['wall-clock', 'fixed-seconds'];

/** Local wall-clock time of `t` as if it were UTC: naive arithmetic on the calendar. */
export const naiveMillis = (t: DateTime): number => t.toMillis() + t.offset * 60_000;

/** Local hour (0-23) of instant `ms` in `zone`, from the memoized offsets (hot in lint rules). */
export function localHour(ms: number, zone: string): number {
  const localMs = ms + offsetMinutes(zone, ms) * 60_000;
  return Math.floor(mod(localMs, 86_400_000) / 3_600_000);
}

/** Start of turn k (epoch ms) of a grid anchored at `virtualStart`, under a turn reading. */
export function turnBoundaryMs(virtualStart: DateTime, turnSeconds: number, k: number, reading: TurnReading, zone: string): number {
  if (reading === 'fixed-seconds') return virtualStart.toMillis() + k * turnSeconds * 1000;
  return instantOfNaive(naiveMillis(virtualStart.setZone(zone)) + k * turnSeconds * 1000, zone);
}

/** Index k of the turn containing instant `t` (epoch ms) under a reading. */
export function turnIndexAtMs(virtualStart: DateTime, turnSeconds: number, t: number, reading: TurnReading, zone: string): number {
  let k = Math.floor((t - virtualStart.toMillis()) / (turnSeconds * 1000));
  while (turnBoundaryMs(virtualStart, turnSeconds, k, reading, zone) > t) k--;
  while (turnBoundaryMs(virtualStart, turnSeconds, k + 1, reading, zone) <= t) k++;
  return k;
}
