import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parse } from 'yaml';
import { checkReferences } from '../../lib/config/checks/references';
import { checkTimes } from '../../lib/config/checks/times';
import { loadConfig, type LoadedConfig } from '../../lib/config/load';
import { organizationSchema, teamSchema } from '../../lib/config/schema';
import { runChangeLint, runLint } from '../../lib/lint/run';
import { COVERAGE_RULES } from '../../lib/lint/rules/coverage';
import { ROSTER_ENDED_GRACE_DAYS, rosterEnded } from '../../lib/lint/rules/coverage/roster-ended';
import type { Finding } from '../../lib/lint/types';
import { buildModel } from '../../lib/model/build';
import { renderRotation, TURN_READINGS } from '../../lib/model/coverage';
import type { OrgModel, RotationModel } from '../../lib/model/types';
import { ORGANIZATION, orgModel, primarySecondaryTeam, utc } from '../model/fixtures';

type Rotation = Record<string, unknown>;
type Team = ReturnType<typeof primarySecondaryTeam>;

const SEVEN = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

/**
 * Weekly primary (Monday 10:00 New York) with a derived secondary and three rosters: the second
 * takes over mid-turn (Wednesday) and drops c, so its layer is anchored at the Monday before with
 * the list rotated to continue with whoever was on call; the third comes after the March
 * daylight-saving change and drops e.
 */
function rosterTeam(rotation: Rotation = {}): Team {
  const team = primarySecondaryTeam(SEVEN);
  team.rotations.primary = {
    start: '2026-01-05',
    handoff: { day: 'monday', time: '10:00' },
    rosters: [
      { effectiveFrom: '2026-01-05T10:00', members: ['a', 'b', 'c', 'd', 'e'] },
      { effectiveFrom: '2026-02-04T15:00', members: ['a', 'b', 'd', 'e', 'f'] },
      { effectiveFrom: '2026-03-16T10:00', members: ['a', 'b', 'd', 'f', 'g'] },
    ],
    ...rotation,
  } as never;
  return team;
}

const lintRosters = (team: Team, from: DateTime, organization: Record<string, unknown> = {}) =>
  runLint(orgModel({ payments: team }, organization), { from, rules: [rosterEnded] });

/** The team with the finding's suggestion pasted over the rotation's keys, as the message says. */
function applySuggestion(team: Team, finding: Finding): Team {
  const pasted = parse(finding.suggestion!) as Rotation;
  return { ...team, rotations: { ...team.rotations, primary: { ...(team.rotations.primary as Rotation), ...pasted } } } as Team;
}

const rotation = (model: OrgModel, id: string): RotationModel => model.teams[0].rotations.find((r) => r.id === id)!;

/** Semantic checks about rotations (times, references) over one in-memory team file. */
function rotationDiagnostics(team: Team) {
  const loaded: LoadedConfig = {
    root: '/nonexistent',
    organization: { file: 'config/organization.yaml', config: organizationSchema.parse(ORGANIZATION) },
    teams: [{ id: 'payments', file: 'config/teams/payments.yaml', config: teamSchema.parse(team) }],
  };
  return [...checkTimes(loaded), ...checkReferences(loaded)].filter((d) => d.level === 'error');
}

/**
 * Who is on call, primary and derived secondary, from `start` for a year under both turn readings
 * must be identical in both models, and the kept layers must be exactly the original's.
 */
function expectSameTurns(original: OrgModel, rewritten: OrgModel, start: number, endedCount: number) {
  expect(rotation(rewritten, 'primary').layers).toEqual(rotation(original, 'primary').layers.slice(endedCount));
  const window = { start, end: DateTime.fromMillis(start).plus({ years: 1 }).toMillis() };
  for (const id of ['primary', 'secondary']) {
    for (const reading of TURN_READINGS) {
      const before = renderRotation(rotation(original, id), window, reading);
      const after = renderRotation(rotation(rewritten, id), window, reading);
      expect(after.segments.length).toBeGreaterThan(50);
      expect(after.segments).toEqual(before.segments);
    }
  }
}

describe('roster-ended', () => {
  it('reports the ended roster with when it ended and why, and suggests an exact rewrite', () => {
    const [finding] = lintRosters(rosterTeam(), utc('2026-02-10T00:00Z'));
    expect(finding).toMatchObject({
      ruleId: 'roster-ended',
      level: 'warn',
      teamId: 'payments',
      file: 'config/teams/payments.yaml',
      path: ['rotations', 'primary', 'rosters'],
    });
    expect(finding.message).toContain('team Payments (payments), rotation "primary": 1 roster ended');
    expect(finding.message).toContain('rosters[0] [a, b, c, d, e] ended Wed 2026-02-04 15:00 America/New_York (2026-02-04 20:00 UTC)');
    expect(finding.message).toContain('PagerDuty no longer reads a layer once its end is past');
    expect(finding.message).toContain('derived rotation "secondary"');
    expect(finding.message).toContain('set `start` to 2026-02-02 (a monday');
    expect(finding.message).toContain('Replace `start` and `rosters` of rotations.primary with the suggested config.');
    expect(finding.instants).toEqual(['Wed 2026-02-04 15:00 America/New_York (2026-02-04 20:00 UTC)']);
    // Turns from 2026-01-05: a, b, c, d, then e from Monday 2026-02-02, still on call when the
    // second roster takes over, so its list continues from e.
    expect(finding.suggestion).toBe(
      [
        "start: '2026-02-02'",
        'rosters:',
        "  - { effectiveFrom: '2026-02-04T15:00', members: [e, f, a, b, d] }",
        "  - { effectiveFrom: '2026-03-16T10:00', members: [a, b, d, f, g] }",
      ].join('\n'),
    );
  });

  it('rewrites to exactly the same turns, primary and derived secondary, under both turn readings', () => {
    const team = rosterTeam();
    const [finding] = lintRosters(team, utc('2026-02-10T00:00Z'));
    const rewritten = applySuggestion(team, finding);
    expect(rotationDiagnostics(rewritten)).toEqual([]);
    // The same check does reject a start off the handoff weekday.
    expect(rotationDiagnostics(rosterTeam({ start: '2026-02-03' })).map((d) => d.code)).toEqual(['start-weekday-mismatch']);
    expectSameTurns(
      orgModel({ payments: team }),
      orgModel({ payments: rewritten }),
      DateTime.fromISO('2026-02-04T15:00', { zone: 'America/New_York' }).toMillis(),
      1,
    );
    expect(lintRosters(rewritten, utc('2026-02-10T00:00Z'))).toEqual([]);
  });

  it('lists every ended roster when several have, and keeps only the last', () => {
    const team = rosterTeam();
    const [finding] = lintRosters(team, utc('2026-03-20T00:00Z'));
    expect(finding.message).toContain('2 rosters ended: rosters[0] [a, b, c, d, e] ended Wed 2026-02-04 15:00');
    expect(finding.message).toContain('rosters[1] [a, b, d, e, f] ended Mon 2026-03-16 10:00 America/New_York (2026-03-16 14:00 UTC)');
    expect(finding.instants).toHaveLength(2);
    const rewritten = applySuggestion(team, finding);
    expect((rewritten.rotations.primary as Rotation).rosters).toHaveLength(1);
    expect(rotationDiagnostics(rewritten)).toEqual([]);
    expectSameTurns(
      orgModel({ payments: team }),
      orgModel({ payments: rewritten }),
      DateTime.fromISO('2026-03-16T10:00', { zone: 'America/New_York' }).toMillis(),
      2,
    );
  });

  it('moves the handoff too when the first remaining turn does not start at the configured handoff time', () => {
    // 12-hour turns from 10:00: a turn starts at 22:00 on 2026-01-07, when the new roster takes over.
    const team = rosterTeam({
      turnLength: '12h',
      timeZone: 'Europe/Berlin',
      rosters: [
        { effectiveFrom: '2026-01-05T10:00', members: ['a', 'b', 'c', 'd', 'e'] },
        { effectiveFrom: '2026-01-07T23:00', members: ['b', 'c', 'd', 'e', 'f'] },
      ],
    });
    const [finding] = lintRosters(team, utc('2026-01-12T00:00Z'));
    expect(finding.suggestion).toContain("start: '2026-01-07'\nhandoff: { day: wednesday, time: '22:00' }");
    expect(finding.message).toContain('Replace `start`, `handoff` and `rosters` of rotations.primary with the suggested config');
    const rewritten = applySuggestion(team, finding);
    expect(rotationDiagnostics(rewritten)).toEqual([]);
    expectSameTurns(
      orgModel({ payments: team }),
      orgModel({ payments: rewritten }),
      DateTime.fromISO('2026-01-07T23:00', { zone: 'Europe/Berlin' }).toMillis(),
      1,
    );
  });

  it('is not a roster change the review would flag: the rewrite moves nobody', () => {
    const team = rosterTeam();
    const from = utc('2026-02-10T00:00Z');
    const [finding] = lintRosters(team, from);
    const base = orgModel({ payments: team });
    const head = orgModel({ payments: applySuggestion(team, finding) });
    expect(runChangeLint(base, head, { from, windowDays: 365 })).toEqual([]);
  });

  it('says so, without a suggestion, when the first remaining turn began at a handoff moved by a daylight-saving jump', () => {
    // Sunday 02:30 handoffs: on 2026-03-08 02:30 does not exist in New York, so that turn starts at
    // 03:30, and no start date with one handoff time reproduces both it and the turns after it.
    const team = rosterTeam({
      start: '2026-03-01',
      handoff: { day: 'sunday', time: '02:30' },
      rosters: [
        { effectiveFrom: '2026-03-01T02:30', members: ['a', 'b', 'c', 'd', 'e'] },
        { effectiveFrom: '2026-03-10T12:00', members: ['a', 'b', 'c', 'd', 'e', 'f'] },
        { effectiveFrom: '2026-04-05T02:30', members: ['a', 'b', 'c', 'd', 'f'] },
      ],
    });
    const [finding] = lintRosters(team, utc('2026-03-20T00:00Z'));
    expect(finding.suggestion).toBeUndefined();
    expect(finding.message).toContain(
      'No `start` reproduces the remaining turns exactly (the first remaining turn began Sun 2026-03-08 03:30 America/New_York',
    );
  });
});

describe('roster-ended does not fire', () => {
  it('while every roster is current or upcoming, including one taking over exactly after the window start', () => {
    expect(lintRosters(rosterTeam(), utc('2026-02-04T19:59Z'))).toEqual([]);
  });

  it('at the instant the successor takes over', () => {
    expect(lintRosters(rosterTeam(), utc('2026-02-04T20:00Z'))).toHaveLength(1);
  });

  it('for rotations with members or a single roster, nor for derived rotations on their own', () => {
    const single = rosterTeam({ rosters: [{ effectiveFrom: '2026-01-05T10:00', members: SEVEN }] });
    expect(lintRosters(single, utc('2027-06-01T00:00Z'))).toEqual([]);
    expect(lintRosters(primarySecondaryTeam(SEVEN), utc('2027-06-01T00:00Z'))).toEqual([]);
    // Only the primary is reported for a history both schedules share.
    expect(lintRosters(rosterTeam(), utc('2026-03-20T00:00Z')).map((f) => f.path)).toEqual([['rotations', 'primary', 'rosters']]);
  });

  it('on the bundled example, which has no roster history', () => {
    const { config } = loadConfig({ root: join(__dirname, '..', '..', 'examples', 'example-corp') });
    const model = buildModel(config!);
    for (const from of [DateTime.utc(), utc('2030-01-01T00:00Z')]) expect(runLint(model, { from, rules: [rosterEnded] })).toEqual([]);
  });
});

describe('roster-ended level', () => {
  // The newest ended roster ended Mon 2026-03-16 10:00 New York (14:00 UTC, after the March change).
  const ended = DateTime.fromISO('2026-03-16T10:00', { zone: 'America/New_York' });
  const levelAt = (from: DateTime, organization: Record<string, unknown> = {}) => lintRosters(rosterTeam(), from.toUTC(), organization).map((f) => f.level);

  it(`is a warning for ${ROSTER_ENDED_GRACE_DAYS} days after the newest ended roster ended, then an error`, () => {
    expect(levelAt(ended)).toEqual(['warn']);
    expect(levelAt(ended.plus({ days: ROSTER_ENDED_GRACE_DAYS }).minus({ minutes: 1 }))).toEqual(['warn']);
    expect(levelAt(ended.plus({ days: ROSTER_ENDED_GRACE_DAYS }))).toEqual(['error']);
    expect(levelAt(ended.plus({ days: 200 }))).toEqual(['error']);
  });

  it('follows the newest ended roster, not the oldest', () => {
    // rosters[0] ended 2026-02-04, long before; rosters[1] ended only 3 days ago.
    expect(levelAt(ended.plus({ days: 3 }))).toEqual(['warn']);
  });

  it('yields to the level the organization sets for the rule', () => {
    const late = ended.plus({ days: 60 });
    expect(levelAt(late, { lint: { rules: { 'roster-ended': 'warn' } } })).toEqual(['warn']);
    expect(levelAt(ended, { lint: { rules: { 'roster-ended': 'error' } } })).toEqual(['error']);
    expect(levelAt(late, { lint: { rules: { 'roster-ended': 'off' } } })).toEqual([]);
  });

  it('is registered with the coverage rules, warn by default', () => {
    expect(COVERAGE_RULES).toContain(rosterEnded);
    expect(rosterEnded.defaultLevel).toBe('warn');
  });
});
