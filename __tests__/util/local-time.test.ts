import fc from 'fast-check';
import { DateTime } from 'luxon';
import { PAGERDUTY_TIME_ZONES } from '../../lib/config/schema/pagerduty-time-zones';
import { localDateTimeText, rfc3339 } from '../../lib/util/local-time';

/** The hand-written formats must give exactly luxon's text, in every zone PagerDuty accepts. */
describe('local time formats', () => {
  const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) });
  const zones = fc.constantFrom(...PAGERDUTY_TIME_ZONES);

  it("matches luxon's yyyy-MM-dd'T'HH:mm and yyyy-MM-dd'T'HH:mm:ssZZ", () => {
    fc.assert(
      fc.property(instants, zones, (ms, zone) => {
        const t = DateTime.fromMillis(ms, { zone });
        expect(localDateTimeText(t)).toBe(t.toFormat("yyyy-MM-dd'T'HH:mm"));
        expect(rfc3339(t)).toBe(t.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ"));
      }),
      { numRuns: 2000, seed: 20261125 },
    );
  });

  it('writes half-hour, negative and zero offsets and daylight-saving edges', () => {
    expect(rfc3339(DateTime.fromISO('2026-03-08T01:59:59', { zone: 'America/New_York' }))).toBe('2026-03-08T01:59:59-05:00');
    expect(rfc3339(DateTime.fromISO('2026-03-08T03:00:00', { zone: 'America/New_York' }))).toBe('2026-03-08T03:00:00-04:00');
    expect(rfc3339(DateTime.fromISO('2026-07-01T09:00:00', { zone: 'Asia/Kolkata' }))).toBe('2026-07-01T09:00:00+05:30');
    expect(rfc3339(DateTime.fromISO('2026-07-01T09:00:00', { zone: 'America/St_Johns' }))).toBe('2026-07-01T09:00:00-02:30');
    expect(rfc3339(DateTime.fromISO('2026-07-01T09:00:00', { zone: 'Etc/UTC' }))).toBe('2026-07-01T09:00:00+00:00');
    expect(localDateTimeText(DateTime.fromISO('0999-01-02T03:04', { zone: 'Etc/UTC' }))).toBe('0999-01-02T03:04');
  });
});
