import { DateTime, type DurationLikeObject } from 'luxon';
import { DURATION_PATTERN } from '../config/schema';

/**
 * Turn arithmetic in a rotation's zone. Turns of whole days or weeks step in local calendar days
 * so handoffs stay at the configured local time across daylight-saving changes (the
 * "wall-clock" reading of PagerDuty's turn length); hour-based turns step in elapsed hours.
 */
export function turnStep(turnLength: string): DurationLikeObject {
  const match = DURATION_PATTERN.exec(turnLength);
  if (!match) throw new Error(`not a turn length: ${turnLength}`);
  const n = Number(match[1]);
  return match[2] === 'h' ? { hours: n } : { days: match[2] === 'w' ? 7 * n : n };
}

export function turnStart(anchor: DateTime, turnLength: string, k: number): DateTime {
  const step = turnStep(turnLength);
  return step.hours !== undefined ? anchor.plus({ hours: step.hours * k }) : anchor.plus({ days: (step.days ?? 0) * k });
}

/** Index k of the turn containing `t`: turnStart(k) <= t < turnStart(k + 1). */
export function turnIndexAt(anchor: DateTime, turnLength: string, t: DateTime): number {
  const step = turnStep(turnLength);
  const approxMs = step.hours !== undefined ? step.hours * 3_600_000 : (step.days ?? 0) * 86_400_000;
  let k = Math.floor((t.toMillis() - anchor.toMillis()) / approxMs);
  while (turnStart(anchor, turnLength, k).toMillis() > t.toMillis()) k--;
  while (turnStart(anchor, turnLength, k + 1).toMillis() <= t.toMillis()) k++;
  return k;
}

/** RFC 3339 with the zone's own offset at that instant, whole seconds (PagerDuty wants whole minutes). */
export function rfc3339(t: DateTime): string {
  return t.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

export const mod = (n: number, m: number) => ((n % m) + m) % m;
