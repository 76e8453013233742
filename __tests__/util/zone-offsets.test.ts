import fc from 'fast-check';
import { DateTime } from 'luxon';
import { calendarDateMs, localInstant } from '../../lib/config/checks/times';
import { PAGERDUTY_TIME_ZONES } from '../../lib/config/schema/pagerduty-time-zones';
import { localDateTimeText } from '../../lib/util/local-time';

/**
 * The config checks decide "does this local time exist in the zone" with memoized offsets
 * (lib/util/zone-offsets.ts) instead of a luxon DateTime per rotation. They must agree with luxon
 * everywhere, above all around daylight-saving jumps.
 */
const pad = (n: number) => String(n).padStart(2, '0');

/** Whether luxon says the local time exists in the zone (the check the config used to make). */
function luxonSaysExists(date: string, time: string, zone: string): boolean {
  const value = DateTime.fromISO(`${date}T${time}`, { zone });
  return value.isValid && localDateTimeText(value) === `${date}T${time}`;
}

/**
 * localInstant agrees with luxon on whether the time exists, and its instant is that local time
 * in the zone. In a repeated hour (fall back) it is the first occurrence; luxon itself takes the
 * second in some zones (America/New_York), so the instant is compared by its local reading.
 */
function expectAgreement(date: string, time: string, zone: string) {
  const instant = localInstant(date, time, zone);
  expect({ zone, date, time, exists: instant !== undefined }).toEqual({ zone, date, time, exists: luxonSaysExists(date, time, zone) });
  if (instant !== undefined) expect(localDateTimeText(DateTime.fromMillis(instant, { zone }))).toBe(`${date}T${time}`);
}

describe('local instants in PagerDuty zones', () => {
  const zones = fc.constantFrom(...PAGERDUTY_TIME_ZONES);
  const dates = fc
    .tuple(fc.integer({ min: 2000, max: 2060 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`);
  const times = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59)).map(([h, m]) => `${pad(h)}:${pad(m)}`);

  it('agree with luxon on any date, time and zone', () => {
    fc.assert(
      fc.property(dates, times, zones, (date, time, zone) => expectAgreement(date, time, zone)),
      { numRuns: 3000, seed: 1125 },
    );
  });

  it('agree with luxon on every quarter hour around real daylight-saving jumps', () => {
    const jumps: [string, string][] = [
      ['America/New_York', '2026-03-08'],
      ['America/New_York', '2026-11-01'],
      ['Europe/Berlin', '2026-03-29'],
      ['Europe/Berlin', '2026-10-25'],
      ['Australia/Sydney', '2026-04-05'],
      ['Australia/Sydney', '2026-10-04'],
      ['Australia/Lord_Howe', '2026-04-05'],
      ['America/St_Johns', '2026-03-08'],
    ];
    for (const [zone, date] of jumps) {
      for (let minutes = 0; minutes < 1440; minutes += 15) {
        const time = `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
        expectAgreement(date, time, zone);
      }
    }
    expect(localInstant('2026-03-08', '02:30', 'America/New_York')).toBeUndefined(); // skipped
    expect(localInstant('2026-11-01', '01:30', 'America/New_York')).toBe(DateTime.fromISO('2026-11-01T01:30-04:00').toMillis()); // first of two
  });

  it('agree with luxon minute by minute where a zone changed offset off a quarter hour', () => {
    // St. John's moved its 2011 spring change to 00:01 local (03:31 UTC).
    for (let minutes = 0; minutes < 180; minutes++) {
      expectAgreement('2011-03-13', `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`, 'America/St_Johns');
    }
    expect(localInstant('2011-03-13', '00:01', 'America/St_Johns')).toBeUndefined();
    expect(localInstant('2011-03-13', '01:01', 'America/St_Johns')).toBeDefined();
  });

  it('know which calendar dates exist', () => {
    expect(calendarDateMs('2028-02-29')).toBe(Date.UTC(2028, 1, 29));
    expect(calendarDateMs('2026-02-29')).toBeUndefined();
    expect(calendarDateMs('2026-04-31')).toBeUndefined();
    expect(calendarDateMs('0050-01-01')).toBe(DateTime.fromISO('0050-01-01', { zone: 'utc' }).toMillis());
  });
});
