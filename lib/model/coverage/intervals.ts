/**
 * Interval arithmetic over instants (epoch milliseconds). Every set is kept normalized: sorted by
 * start, half-open [start, end), non-empty, disjoint and non-adjacent. Coverage verdicts are
 * computed with these operations over the exact edges of turns and restrictions, never by sampling.
 */
export interface Interval {
  /** Inclusive, epoch milliseconds. */
  start: number;
  /** Exclusive, epoch milliseconds. */
  end: number;
}

export type IntervalSet = readonly Interval[];

export const EMPTY: IntervalSet = Object.freeze([]);

/** Sorts, drops empty intervals and merges overlapping or touching ones. */
export function normalize(intervals: Iterable<Interval>): IntervalSet {
  const sorted = [...intervals].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

export function union(...sets: IntervalSet[]): IntervalSet {
  return normalize(sets.flat());
}

/** Linear sweep over two normalized sets. */
export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i].start, b[j].start);
    const end = Math.min(a[i].end, b[j].end);
    if (end > start) result.push({ start, end });
    if (a[i].end < b[j].end) i++;
    else j++;
  }
  return result;
}

/** Instants in `a` that are not in `b`. */
export function difference(a: IntervalSet, b: IntervalSet): IntervalSet {
  const result: Interval[] = [];
  let j = 0;
  for (const interval of a) {
    let cursor = interval.start;
    while (j < b.length && b[j].end <= cursor) j++;
    let k = j;
    while (k < b.length && b[k].start < interval.end) {
      if (b[k].start > cursor) result.push({ start: cursor, end: b[k].start });
      cursor = Math.max(cursor, b[k].end);
      k++;
    }
    if (cursor < interval.end) result.push({ start: cursor, end: interval.end });
  }
  return result;
}

/** The parts of `window` not covered by `set`: the gaps. */
export const gaps = (set: IntervalSet, window: Interval): IntervalSet => difference([window], set);

export const clip = (set: IntervalSet, window: Interval): IntervalSet => intersect(set, [window]);

export const totalMs = (set: IntervalSet): number => set.reduce((sum, i) => sum + (i.end - i.start), 0);

export function contains(set: IntervalSet, instant: number): boolean {
  let low = 0;
  let high = set.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (set[middle].end <= instant) low = middle + 1;
    else if (set[middle].start > instant) high = middle - 1;
    else return true;
  }
  return false;
}

/** True when `set` covers every instant of `window`. */
export const covers = (set: IntervalSet, window: Interval): boolean => gaps(set, window).length === 0;
