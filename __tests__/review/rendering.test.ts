import { DateTime } from 'luxon';
import { withoutInstants } from '../../lib/review/build-review';
import { renderGantt } from '../../lib/review/gantt';
import { diffLines } from '../../lib/review/line-diff';
import { holderChanges } from '../../lib/review/markdown';
import { fromDate } from '../../lib/cli/review-options';
import type { Turn } from '../../lib/review/types';

describe('diffLines', () => {
  it('keeps common lines and puts removals before additions in a changed run', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'c', 'd'])).toEqual([
      { op: ' ', text: 'a' },
      { op: '-', text: 'b' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'c' },
      { op: '+', text: 'd' },
    ]);
    expect(diffLines([], ['n'])).toEqual([{ op: '+', text: 'n' }]);
  });
});

describe('renderGantt', () => {
  it('writes one section per rotation and keeps Mermaid separators out of names', () => {
    const gantt = renderGantt('Team: ops #1', [
      {
        id: 'emea',
        name: 'EMEA; region',
        timeZone: 'Europe/Berlin',
        hours: 'daily 07:00-19:00 Europe/Berlin',
        turns: [{ member: 'a', memberName: 'Ann: Lee', start: '2026-03-02T09:00Z', end: '2026-03-09T09:00Z' }],
      },
    ]);
    expect(gantt.split('\n')).toEqual([
      'gantt',
      '  title Team ops 1 (times UTC)',
      '  dateFormat YYYY-MM-DDTHH:mm',
      '  axisFormat %b %d',
      '  todayMarker off',
      '  section EMEA region (daily 07\u223600-19\u223600 Europe/Berlin)',
      '    Ann Lee : 2026-03-02T09:00, 2026-03-09T09:00',
    ]);
  });
});

describe('holderChanges', () => {
  const turn = (memberName: string, start: string, end: string): Turn => ({ member: memberName, memberName, start, end });
  it('lists the periods in which someone else holds the rotation, merged', () => {
    const before = [turn('A', '2026-03-02T00:00Z', '2026-03-09T15:00Z'), turn('B', '2026-03-09T15:00Z', '2026-03-16T15:00Z')];
    const after = [turn('A', '2026-03-02T00:00Z', '2026-03-09T14:00Z'), turn('B', '2026-03-09T14:00Z', '2026-03-16T14:00Z')];
    expect(holderChanges(before, after)).toEqual([
      { start: '2026-03-09T14:00Z', end: '2026-03-09T15:00Z', before: 'A', after: 'B' },
      { start: '2026-03-16T14:00Z', end: '2026-03-16T15:00Z', before: 'B', after: 'nobody' },
    ]);
  });
});

describe('lint finding identity', () => {
  it('ignores the instants a finding quotes', () => {
    const a = 'gap first from Mon 2026-03-23 09:00 America/New_York (2026-03-23 13:00 UTC) to 2026-03-30';
    const b = 'gap first from Mon 2026-03-23 10:00 America/New_York (2026-03-23 14:00 UTC) to 2026-03-31';
    expect(withoutInstants(a)).toBe(withoutInstants(b));
    expect(withoutInstants('team "x" has 3 members')).toBe('team "x" has 3 members');
  });
});

describe('--from', () => {
  it('is a UTC day; default today', () => {
    expect(fromDate('review', '2026-03-02').toISO()).toBe('2026-03-02T00:00:00.000Z');
    expect(fromDate('review', undefined, DateTime.fromISO('2026-05-05T17:30:00Z', { zone: 'utc' })).toISODate()).toBe('2026-05-05');
    expect(() => fromDate('review', 'next monday')).toThrow(/--from must be an ISO 8601 date/);
  });
});
