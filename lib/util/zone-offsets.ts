import { IANAZone } from 'luxon';

/**
 * UTC offsets of IANA zones, memoized: coverage analysis and the config checks ask for the offset
 * at every handoff, roster change and restriction window, and luxon's own zone arithmetic goes
 * through Intl each time. Pure functions of (zone, instant); no luxon DateTime is created.
 */

/**
 * The instant a naive local time (as produced by `naiveMillis`) denotes in `zone`. A local time
 * skipped by a spring-forward jump moves forward by the jump; an ambiguous one (fall back) takes
 * the first occurrence. The algorithm follows luxon's fixOffset, re-implemented over cached
 * offsets because coverage analysis does it for every handoff and restriction window of a year;
 * note that luxon's own `fromISO` takes the second occurrence of a repeated hour in some zones
 * (America/New_York: 01:30 on the fall-back day is -05:00), see __tests__/util/zone-offsets.test.ts.
 */
export function instantOfNaive(naive: number, zone: string): number {
  const o = offsetMinutes(zone, naive);
  let guess = naive - o * 60_000;
  const o2 = offsetMinutes(zone, guess);
  if (o === o2) return guess;
  guess -= (o2 - o) * 60_000;
  const o3 = offsetMinutes(zone, guess);
  if (o2 === o3) return guess;
  return naive - Math.min(o2, o3) * 60_000;
}

/** Offsets are memoized per quarter hour; a quarter hour holding a transition is never memoized. */
const OFFSET_BUCKET_MS = 15 * 60_000;
/** Marks a quarter hour whose offset changes inside it: ask the zone for the exact instant. */
const CHANGES_INSIDE = Number.NaN;
const offsetCache = new Map<string, Map<number, number>>();

/**
 * UTC offset of `zone` at instant `ts`, in minutes. Memoized per quarter hour when the offset is
 * the same at both ends of it; most transitions are on quarter hours, but not all (St. John's
 * changed at 00:01 local in 2011), and those quarter hours are answered exactly, instant by instant.
 */
export function offsetMinutes(zone: string, ts: number): number {
  let perZone = offsetCache.get(zone);
  if (!perZone) {
    perZone = new Map();
    offsetCache.set(zone, perZone);
  }
  const bucket = Math.floor(ts / OFFSET_BUCKET_MS);
  let offset = perZone.get(bucket);
  if (offset === undefined) {
    const iana = IANAZone.create(zone);
    const start = bucket * OFFSET_BUCKET_MS;
    const atStart = iana.offset(start);
    offset = atStart === iana.offset(start + OFFSET_BUCKET_MS - 1) ? atStart : CHANGES_INSIDE;
    perZone.set(bucket, offset);
  }
  return Number.isNaN(offset) ? IANAZone.create(zone).offset(ts) : offset;
}
