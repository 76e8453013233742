import fc from 'fast-check';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { buildModel } from '../../lib/model/build';
import { covers, handoffs, renderRotation, TURN_READINGS, union } from '../../lib/model/coverage';
import { instantOfNaive } from '../../lib/util/zone-offsets';
import { members, orgModel } from './fixtures';

/** 2026 daylight-saving transitions (local dates) of the zones the issue names; Kolkata has none (UTC+05:30). */
const TRANSITIONS: Record<string, string[]> = {
  'America/Los_Angeles': ['2026-03-08', '2026-11-01'],
  'Europe/Berlin': ['2026-03-29', '2026-10-25'],
  'Australia/Sydney': ['2026-04-05', '2026-10-04'],
  'Asia/Kolkata': [],
};
const ZONES = Object.keys(TRANSITIONS);

function dailyRotation(zone: string, time: string, turnLength = '1d') {
  const people = ['a', 'b', 'c', 'd', 'e'];
  const team = {
    name: 'Zone team',
    description: 'A team.',
    timeZone: zone,
    members: members(...people),
    rotations: { primary: { members: people, start: '2026-01-04', turnLength, handoff: { day: 'sunday', time } } },
    escalation: { levels: [{ targets: [{ rotation: 'primary' }] }] },
  };
  return orgModel({ zone: team }).teams[0].rotations[0];
}

const YEAR_2026 = { start: Date.parse('2026-01-05T00:00Z'), end: Date.parse('2027-01-01T00:00Z') };
const localTime = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('HH:mm');

describe.each(ZONES)('daylight-saving transitions in %s', (zone) => {
  it('daily handoffs stay at the configured local time all year (wall-clock reading)', () => {
    const rendered = renderRotation(dailyRotation(zone, '09:30'), YEAR_2026, 'wall-clock');
    const times = new Set(handoffs(rendered).map((h) => localTime(h.at, zone)));
    expect([...times]).toEqual(['09:30']);
  });

  it('weekly handoffs on the transition Sunday itself stay at 10:00 local', () => {
    const rendered = renderRotation(dailyRotation(zone, '10:00', '1w'), YEAR_2026, 'wall-clock');
    const all = handoffs(rendered);
    expect(new Set(all.map((h) => localTime(h.at, zone)))).toEqual(new Set(['10:00']));
    for (const day of TRANSITIONS[zone]) expect(all.some((h) => DateTime.fromMillis(h.at, { zone }).toISODate() === day)).toBe(true);
  });

  it('turns spanning a transition are 23 h or 25 h long under wall-clock, exactly 24 h under fixed-seconds', () => {
    const lengths = (reading: 'wall-clock' | 'fixed-seconds') =>
      new Set(
        renderRotation(dailyRotation(zone, '09:30'), YEAR_2026, reading)
          .turns.slice(1, -1)
          .map((t) => (t.end - t.start) / 3_600_000),
      );
    expect(lengths('wall-clock')).toEqual(new Set(TRANSITIONS[zone].length > 0 ? [23, 24, 25] : [24]));
    expect(lengths('fixed-seconds')).toEqual(new Set([24]));
  });

  it('under fixed-seconds the handoff drifts by at most the DST delta, never into the night', () => {
    const rendered = renderRotation(dailyRotation(zone, '10:00'), YEAR_2026, 'fixed-seconds');
    const times = new Set(handoffs(rendered).map((h) => localTime(h.at, zone)));
    expect([...times].every((t) => ['09:00', '10:00', '11:00'].includes(t))).toBe(true);
    if (TRANSITIONS[zone].length === 0) expect([...times]).toEqual(['10:00']);
  });

  it('a 24/7 rotation has no gap on the transition days under either reading', () => {
    for (const day of TRANSITIONS[zone]) {
      const start = DateTime.fromISO(day, { zone }).minus({ days: 1 });
      const window = { start: start.toMillis(), end: start.plus({ days: 3 }).toMillis() };
      for (const reading of TURN_READINGS) expect(covers(renderRotation(dailyRotation(zone, '10:00'), window, reading).coverage, window)).toBe(true);
    }
  });
});

describe('the example follow-the-sun team (config/teams/platform.yaml)', () => {
  const loaded = loadConfig({ root: join(__dirname, '..', '..', 'examples', 'example-corp') });
  const model = buildModel(loaded.config!);
  const platform = model.teams.find((t) => t.id === 'platform')!;
  const regions = platform.rotations.filter((r) => platform.followTheSun!.includes(r.id));
  const transitionDays = Object.entries(TRANSITIONS).flatMap(([zone, days]) => days.map((day) => ({ zone, day })));

  it.each(transitionDays)('has no gap on the transition day $day ($zone), under both readings', ({ zone, day }) => {
    const start = DateTime.fromISO(day, { zone }).minus({ days: 1 });
    const window = { start: start.toMillis(), end: start.plus({ days: 3 }).toMillis() };
    for (const reading of TURN_READINGS) {
      const union24 = union(...regions.map((r) => renderRotation(r, window, reading).coverage));
      expect(covers(union24, window)).toBe(true);
    }
  });

  it('each region is on call 07:00-19:00 in its own zone on its transition days', () => {
    for (const region of regions) {
      for (const day of TRANSITIONS[region.timeZone] ?? []) {
        const dayStart = DateTime.fromISO(day, { zone: region.timeZone });
        const rendered = renderRotation(region, { start: dayStart.toMillis(), end: dayStart.plus({ days: 1 }).toMillis() }, 'wall-clock');
        const spans = rendered.coverage.map((i) => `${localTime(i.start, region.timeZone)}-${localTime(i.end, region.timeZone)}`);
        expect(spans).toEqual(['07:00-19:00']);
      }
    }
  });

  it('covers 24 hours every day of a whole year, under both readings', () => {
    const window = { start: Date.parse('2026-01-06T00:00Z'), end: Date.parse('2027-01-06T00:00Z') };
    for (const reading of TURN_READINGS) expect(covers(union(...regions.map((r) => renderRotation(r, window, reading).coverage)), window)).toBe(true);
  });
});

describe('local time resolution', () => {
  it('matches luxon for every naive time, including skipped and repeated ones (property)', () => {
    const naive = fc
      .integer({ min: Date.parse('2025-01-01T00:00Z') / 60_000, max: Date.parse('2028-01-01T00:00Z') / 60_000 })
      .map((minutes) => minutes * 60_000);
    fc.assert(
      fc.property(naive, fc.constantFrom(...ZONES, 'America/New_York', 'Europe/London', 'Etc/UTC'), (n, zone) => {
        expect(instantOfNaive(n, zone)).toBe(DateTime.fromMillis(n, { zone: 'utc' }).setZone(zone, { keepLocalTime: true }).toMillis());
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('moves a local time skipped by spring-forward to after the jump', () => {
    expect(DateTime.fromMillis(instantOfNaive(Date.parse('2026-03-08T02:30Z'), 'America/Los_Angeles'), { zone: 'America/Los_Angeles' }).toFormat('HH:mm')).toBe(
      '03:30',
    );
  });
});
