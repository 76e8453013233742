import fc from 'fast-check';
import { DateTime } from 'luxon';
import { covers, intersect, renderRotation, TURN_READINGS, type RenderedRotation } from '../../lib/model/coverage';
import { rotateLeft } from '../../lib/model/rotations';
import { members, ms, orgModel, primarySecondaryTeam } from './fixtures';

const onCallAt = (rendered: RenderedRotation, iso: string) => rendered.segments.find((s) => s.start <= ms(iso) && ms(iso) < s.end)?.memberId;
const YEAR = { start: ms('2026-01-05T15:00Z'), end: ms('2027-01-04T15:00Z') };

function rotationWith(rotation: Record<string, unknown>, people = ['a', 'b', 'c', 'd', 'e', 'f']) {
  const team = { ...primarySecondaryTeam(people), rotations: { primary: rotation }, escalation: { levels: [{ targets: [{ rotation: 'primary' }] }] } };
  return orgModel({ team }).teams[0].rotations[0];
}

const weekly = (rosters: { effectiveFrom: string; members: string[] }[]) =>
  rotationWith({ rosters, start: '2026-01-05', handoff: { day: 'monday', time: '10:00' } });
const BASE = ['a', 'b', 'c', 'd', 'e'];
/** Mondays 10:00 New York from 2026-01-05 (EST, UTC-5): turn k is BASE[k % 5] without changes. */
const turnInstant = (k: number) => DateTime.fromISO('2026-01-05T10:00', { zone: 'America/New_York' }).plus({ weeks: k }).plus({ hours: 1 }).toUTC().toISO()!;

describe('roster changes continue the order', () => {
  const unchanged = renderRotation(weekly([{ effectiveFrom: '2026-01-05T10:00', members: BASE }]), YEAR, 'wall-clock');

  it('adding a person at a handoff changes nobody before it and keeps who is next', () => {
    const rotation = weekly([
      { effectiveFrom: '2026-01-05T10:00', members: BASE },
      { effectiveFrom: '2026-02-02T10:00', members: [...BASE, 'f'] },
    ]);
    const rendered = renderRotation(rotation, YEAR, 'wall-clock');
    expect([0, 1, 2, 3].map((k) => onCallAt(rendered, turnInstant(k)))).toEqual(['a', 'b', 'c', 'd']);
    expect([4, 5, 6, 7, 8, 9, 10].map((k) => onCallAt(rendered, turnInstant(k)))).toEqual(['e', 'f', 'a', 'b', 'c', 'd', 'e']);
    expect(rotation.layers[1].rotationVirtualStart).toBe('2026-02-02T10:00:00-05:00');
    expect(rendered.segments.filter((s) => s.end <= ms('2026-02-02T15:00Z'))).toEqual(unchanged.segments.filter((s) => s.end <= ms('2026-02-02T15:00Z')));
  });

  it('removing someone who is not on call skips them without reshuffling the rest', () => {
    const rendered = renderRotation(
      weekly([
        { effectiveFrom: '2026-01-05T10:00', members: BASE },
        { effectiveFrom: '2026-02-02T10:00', members: ['a', 'b', 'd', 'e'] },
      ]),
      YEAR,
      'wall-clock',
    );
    expect([3, 4, 5, 6, 7, 8].map((k) => onCallAt(rendered, turnInstant(k)))).toEqual(['d', 'e', 'a', 'b', 'd', 'e']);
  });

  it('removing the person on call mid-turn hands the rest of the turn to the next person', () => {
    const rendered = renderRotation(
      weekly([
        { effectiveFrom: '2026-01-05T10:00', members: BASE },
        { effectiveFrom: '2026-01-21T12:00', members: ['a', 'b', 'd', 'e'] },
      ]),
      YEAR,
      'wall-clock',
    );
    expect(onCallAt(rendered, '2026-01-21T16:59Z')).toBe('c');
    expect(onCallAt(rendered, '2026-01-21T17:00Z')).toBe('d');
    expect([3, 4, 5].map((k) => onCallAt(rendered, turnInstant(k)))).toEqual(['e', 'a', 'b']);
  });

  it('a change mid-turn that keeps the person on call is invisible: one turn, same person', () => {
    const rendered = renderRotation(
      weekly([
        { effectiveFrom: '2026-01-05T10:00', members: BASE },
        { effectiveFrom: '2026-01-21T12:00', members: ['f', ...BASE] },
      ]),
      YEAR,
      'wall-clock',
    );
    const turn = rendered.turns.find((t) => t.start <= ms('2026-01-21T17:00Z') && ms('2026-01-21T17:00Z') < t.end)!;
    expect(turn).toMatchObject({ memberId: 'c', start: ms('2026-01-19T15:00Z'), end: ms('2026-01-26T15:00Z') });
    // f was put first in the list, i.e. right after e: the order continues c, d, e, f, a.
    expect([3, 4, 5, 6].map((k) => onCallAt(rendered, turnInstant(k)))).toEqual(['d', 'e', 'f', 'a']);
  });

  it('rotates lists without losing anyone', () => {
    expect(rotateLeft(['a', 'b', 'c'], 1)).toEqual(['b', 'c', 'a']);
    expect(rotateLeft(['a', 'b', 'c'], -1)).toEqual(['c', 'a', 'b']);
    expect(rotateLeft([], 3)).toEqual([]);
  });
});

describe('derived secondary', () => {
  it("shares the primary turn grid and is last turn's primary", () => {
    const [primary, secondary] = orgModel({ payments: primarySecondaryTeam(['a', 'b', 'c', 'd', 'e']) }).teams[0].rotations;
    expect(secondary.layers.map((l) => l.rotationVirtualStart)).toEqual(primary.layers.map((l) => l.rotationVirtualStart));
    expect(secondary.layers[0].members).toEqual(['e', 'a', 'b', 'c', 'd']);
    const [p, s] = [renderRotation(primary, YEAR, 'wall-clock'), renderRotation(secondary, YEAR, 'wall-clock')];
    expect(onCallAt(s, turnInstant(3))).toBe(onCallAt(p, turnInstant(2)));
  });
});

/** Random rotations: zones with and without DST (and a half-hour offset), turn lengths, handoffs, roster changes. */
const ZONES = ['America/Los_Angeles', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'America/New_York', 'Etc/UTC'];
const TURNS = ['8h', '12h', '1d', '3d', '1w', '2w'];
const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const randomRotation = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    turnLength: fc.constantFrom(...TURNS),
    hour: fc.integer({ min: 4, max: 23 }),
    minute: fc.constantFrom(0, 30),
    startDay: fc.integer({ min: 0, max: 400 }),
    size: fc.integer({ min: 2, max: 8 }),
    offset: fc.integer({ min: 1, max: 7 }),
    change: fc.option(
      fc.record({
        afterDays: fc.integer({ min: 1, max: 200 }),
        hour: fc.integer({ min: 4, max: 23 }),
        size: fc.integer({ min: 2, max: 8 }),
        shift: fc.integer({ min: 0, max: 7 }),
      }),
    ),
  })
  .filter((r) => r.offset % r.size !== 0 && (!r.change || r.offset % r.change.size !== 0));

type RandomRotation = typeof randomRotation extends fc.Arbitrary<infer T> ? T : never;

function teamFor(r: RandomRotation) {
  const start = DateTime.fromISO('2025-06-01', { zone: r.zone }).plus({ days: r.startDay });
  const time = `${String(r.hour).padStart(2, '0')}:${r.minute === 0 ? '00' : '30'}`;
  const first = PEOPLE.slice(0, r.size);
  const rosters = [{ effectiveFrom: `${start.toISODate()}T${time}`, members: first }];
  if (r.change) {
    const second = rotateLeft(PEOPLE, r.change.shift).slice(0, r.change.size);
    rosters.push({ effectiveFrom: `${start.plus({ days: r.change.afterDays }).toISODate()}T${String(r.change.hour).padStart(2, '0')}:00`, members: second });
  }
  const team = {
    name: 'Random',
    description: 'Random team.',
    timeZone: r.zone,
    members: members(...PEOPLE),
    rotations: {
      primary: { rosters, start: start.toISODate(), turnLength: r.turnLength, handoff: { time } },
      secondary: { derivedFrom: { rotation: 'primary', offsetTurns: r.offset } },
    },
    escalation: { levels: [{ targets: [{ rotation: 'primary' }] }, { targets: [{ rotation: 'secondary' }] }] },
  };
  const [primary, secondary] = orgModel({ random: team }).teams[0].rotations;
  const window = { start: start.plus({ days: 1 }).toMillis(), end: start.plus({ days: 300 }).toMillis() };
  return { primary, secondary, window };
}

describe('properties of generated rotations (fast-check, fixed seed)', () => {
  const RUNS = { seed: 4242, numRuns: 60 };

  it('primary and derived secondary never have the same person at the same instant, under both readings', () => {
    fc.assert(
      fc.property(randomRotation, (r) => {
        const { primary, secondary, window } = teamFor(r);
        for (const reading of TURN_READINGS) {
          const [p, s] = [renderRotation(primary, window, reading), renderRotation(secondary, window, reading)];
          for (const [person, set] of p.byMember)
            expect({ person, reading, overlap: intersect(set, s.byMember.get(person) ?? []) }).toEqual({ person, reading, overlap: [] });
        }
      }),
      RUNS,
    );
  });

  it('a 24/7 rotation covers 100% of the window, under both readings', () => {
    fc.assert(
      fc.property(randomRotation, (r) => {
        const { primary, secondary, window } = teamFor(r);
        for (const reading of TURN_READINGS) {
          expect(covers(renderRotation(primary, window, reading).coverage, window)).toBe(true);
          expect(covers(renderRotation(secondary, window, reading).coverage, window)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('segments of a rendered rotation are sorted and disjoint, and add up to its coverage', () => {
    fc.assert(
      fc.property(randomRotation, (r) => {
        const { primary, window } = teamFor(r);
        const rendered = renderRotation(primary, window, 'fixed-seconds');
        rendered.segments.forEach((s, i) => expect(i === 0 || rendered.segments[i - 1].end <= s.start).toBe(true));
        expect(rendered.segments.reduce((sum, s) => sum + s.end - s.start, 0)).toBe(window.end - window.start);
      }),
      RUNS,
    );
  });
});
