import fc from 'fast-check';
import { contains, covers, difference, gaps, intersect, normalize, totalMs, union, type Interval, type IntervalSet } from '../../lib/model/coverage';

const PROPERTY = { seed: 20260105, numRuns: 300 };

/** Small integer intervals so that membership can be checked point by point. */
const interval = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))
  .map(([start, length]): Interval => ({ start, end: start + length }));
const intervalSet = fc.array(interval, { maxLength: 8 }).map((list) => normalize(list));
const isNormalized = (set: IntervalSet) => set.every((i, k) => i.end > i.start && (k === 0 || set[k - 1].end < i.start));
const points = (set: IntervalSet) => new Set(Array.from({ length: 90 }, (_, p) => p).filter((p) => contains(set, p)));

describe('interval arithmetic', () => {
  it('normalizes: sorts, merges overlapping and touching intervals, drops empty ones', () => {
    expect(
      normalize([
        { start: 5, end: 7 },
        { start: 1, end: 3 },
        { start: 3, end: 4 },
        { start: 6, end: 9 },
        { start: 10, end: 10 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 9 },
    ]);
  });

  it('computes union, intersection, difference and gaps of concrete sets', () => {
    const a = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ];
    const b = [{ start: 5, end: 25 }];
    expect(union(a, b)).toEqual([{ start: 0, end: 30 }]);
    expect(intersect(a, b)).toEqual([
      { start: 5, end: 10 },
      { start: 20, end: 25 },
    ]);
    expect(difference(a, b)).toEqual([
      { start: 0, end: 5 },
      { start: 25, end: 30 },
    ]);
    expect(gaps(a, { start: 0, end: 40 })).toEqual([
      { start: 10, end: 20 },
      { start: 30, end: 40 },
    ]);
    expect(covers(a, { start: 2, end: 8 })).toBe(true);
    expect(covers(a, { start: 8, end: 22 })).toBe(false);
    expect(totalMs(a)).toBe(20);
  });

  it('agrees point by point with set semantics (property)', () => {
    fc.assert(
      fc.property(intervalSet, intervalSet, (a, b) => {
        const [pa, pb] = [points(a), points(b)];
        const u = union(a, b);
        const i = intersect(a, b);
        const d = difference(a, b);
        expect([u, i, d].every(isNormalized)).toBe(true);
        expect(points(u)).toEqual(new Set([...pa, ...pb]));
        expect(points(i)).toEqual(new Set([...pa].filter((p) => pb.has(p))));
        expect(points(d)).toEqual(new Set([...pa].filter((p) => !pb.has(p))));
      }),
      PROPERTY,
    );
  });

  it('keeps measures consistent: |A ∪ B| + |A ∩ B| = |A| + |B|, A = (A \\ B) ∪ (A ∩ B) (property)', () => {
    fc.assert(
      fc.property(intervalSet, intervalSet, (a, b) => {
        expect(totalMs(union(a, b)) + totalMs(intersect(a, b))).toBe(totalMs(a) + totalMs(b));
        expect(union(difference(a, b), intersect(a, b))).toEqual(a);
        expect(intersect(difference(a, b), b)).toEqual([]);
        expect(intersect(a, b)).toEqual(intersect(b, a));
      }),
      PROPERTY,
    );
  });
});
