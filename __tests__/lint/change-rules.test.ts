import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { runChangeLint, runLint, UNKNOWN_RULE_ID } from '../../lib/lint/run';
import { CHANGE_RULES, RULES } from '../../lib/lint/rules';
import { COVERAGE_RULES } from '../../lib/lint/rules/coverage';
import { findRosterChanges, holderDifferences } from '../../lib/model/roster-changes';
import type { OrgModel, RotationModel } from '../../lib/model/types';
import { members, orgModel, primarySecondaryTeam, utc } from '../model/fixtures';

/**
 * The change rule over in-memory models (the git plumbing is covered in __tests__/review). The
 * fixture rotation: weekly, Monday 10:00 America/New_York from 2026-01-05, secondary derived one
 * turn behind. From 2026-03-02T00:00Z (Sun 19:00 New York) the next handoff is Mon 2026-03-02
 * 10:00 New York (15:00 UTC), turn 8 since the start.
 */
const FROM = utc('2026-03-02T00:00Z');
const RULE = 'roster-change-without-effective-instant';
const PEOPLE = ['a', 'b', 'c', 'd', 'e'];
const START = { start: '2026-01-05', handoff: { day: 'monday', time: '10:00' } };

const teamWith = (primary: Record<string, unknown>, people = [...PEOPLE, 'f']) => {
  const team = primarySecondaryTeam(people);
  team.members = members(...people);
  (team.rotations as Record<string, unknown>).primary = primary;
  return team;
};
const model = (primary: Record<string, unknown>, organization: Record<string, unknown> = {}) => orgModel({ payments: teamWith(primary) }, organization);
const BASE = model({ members: PEOPLE, ...START });
const changes = (head: OrgModel, base = BASE, from = FROM) => findRosterChanges(base, head, { from, windowDays: 365 });
const primaryOf = (org: OrgModel) => org.teams[0].rotations.find((r) => r.id === 'primary')!;

/** The model with a suggested rosters block pasted in place of the primary's roster fields. */
function withSuggestion(primary: Record<string, unknown>, suggestion: string): OrgModel {
  const { members: _members, rosters: _rosters, ...rest } = primary;
  return model({ ...rest, ...(parseYaml(suggestion) as Record<string, unknown>) });
}

describe('roster-change-without-effective-instant', () => {
  it('is registered as a change rule, not a plain rule, with a default level and description', () => {
    expect(CHANGE_RULES.map((r) => [r.id, r.defaultLevel])).toEqual([[RULE, 'warn']]);
    expect(RULES.map((r) => r.id)).not.toContain(RULE);
    expect(CHANGE_RULES[0].description.length).toBeGreaterThan(10);
  });

  it('flags members edited in place, and reports once although the derived secondary moves too', () => {
    const [change, ...rest] = changes(model({ members: [...PEOPLE, 'f'], ...START }));
    expect(rest).toEqual([]);
    expect(change).toMatchObject({
      kind: 'edited-in-place',
      path: ['rotations', 'primary', 'members'],
      membersBefore: PEOPLE,
      membersAfter: [...PEOPLE, 'f'],
      followers: ['secondary'],
    });
    expect(change.rotation.id).toBe('primary');
    expect(change.nextHandoff).toBe(utc('2026-03-02T15:00Z').toMillis());
    // Turn 7 (in progress): c with five people, b with six.
    expect(change.firstChange).toEqual({ at: FROM.toMillis(), before: 'c', after: 'b' });
  });

  it('does not flag a new roster with a future effectiveFrom, nor a converted history whose first entry predates the start', () => {
    const rosters = [
      { effectiveFrom: '2026-01-01T00:00', members: PEOPLE },
      { effectiveFrom: '2026-03-09T10:00', members: [...PEOPLE, 'f'] },
    ];
    expect(changes(model({ rosters, ...START }))).toEqual([]);
  });

  it('does not flag editing a roster that is not in effect yet', () => {
    const base = model({
      rosters: [
        { effectiveFrom: '2026-01-05T10:00', members: PEOPLE },
        { effectiveFrom: '2026-04-06T10:00', members: [...PEOPLE, 'f'] },
      ],
      ...START,
    });
    const head = model({
      rosters: [
        { effectiveFrom: '2026-01-05T10:00', members: PEOPLE },
        { effectiveFrom: '2026-04-06T10:00', members: ['a', 'b', 'c', 'f', 'd', 'e'] },
      ],
      ...START,
    });
    expect(changes(head, base)).toEqual([]);
  });

  it('flags the members of a roster already in effect, by its path', () => {
    // Base: from 2026-02-16 (b's turn) b, c, d, f, a. Dropping c there instead makes it b, d, f, a:
    // the turn in progress at --from (2026-02-23) goes to d instead of c.
    const history = (second: string[]) => ({
      rosters: [
        { effectiveFrom: '2026-01-05T10:00', members: PEOPLE },
        { effectiveFrom: '2026-02-16T10:00', members: second },
      ],
      ...START,
    });
    const [base, head] = [model(history(['a', 'b', 'c', 'd', 'f'])), model(history(['a', 'b', 'd', 'f']))];
    const [change] = changes(head, base);
    expect(change).toMatchObject({
      kind: 'edited-in-place',
      path: ['rotations', 'primary', 'rosters', 1, 'members'],
      firstChange: { at: FROM.toMillis(), before: 'c', after: 'd' },
    });
    const [finding] = runChangeLint(base, head, { from: FROM });
    expect(finding.message).toContain('the members of rosters[1], already in effect, edited in place (removed c)');
    // The suggestion keeps both old entries as written and starts the new list at the next handoff.
    expect(finding.suggestion!.split('\n')).toEqual([
      'rosters:',
      "  - { effectiveFrom: '2026-01-05T10:00', members: [a, b, c, d, e] }",
      "  - { effectiveFrom: '2026-02-16T10:00', members: [a, b, c, d, f] }",
      "  - { effectiveFrom: '2026-03-02T10:00', members: [a, b, d, f] }",
    ]);
    // Adding e after d, by contrast, only changes turns after the next handoff, as a new roster there would.
    expect(changes(model(history(['a', 'b', 'c', 'd', 'e', 'f'])), base)).toEqual([]);
  });

  it('flags a new roster whose effectiveFrom has passed when it moves turns, and suggests the next handoff instead', () => {
    // From 2026-02-16 (b's turn) without c: d, e, a ... instead of c, d, e.
    const late = {
      rosters: [
        { effectiveFrom: '2026-01-05T10:00', members: PEOPLE },
        { effectiveFrom: '2026-02-16T10:00', members: ['a', 'b', 'd', 'e'] },
      ],
      ...START,
    };
    const [change] = changes(model(late));
    expect(change).toMatchObject({
      kind: 'effective-in-past',
      path: ['rotations', 'primary', 'rosters', 1, 'effectiveFrom'],
      effectiveFrom: utc('2026-02-16T15:00Z').toMillis(),
    });
    const [finding] = runChangeLint(BASE, model(late), { from: FROM });
    expect(finding.message).toContain(
      'the new roster (rosters[1]: removed c) takes effect at Mon 2026-02-16 10:00 America/New_York (2026-02-16 15:00 UTC), which is not in the future',
    );
    expect(finding.message).toContain('move its effectiveFrom there');
    expect(finding.suggestion).toContain("- { effectiveFrom: '2026-03-02T10:00', members: [a, b, d, e] }");
    expect(changes(withSuggestion(late, finding.suggestion!))).toEqual([]);
  });

  it('does not flag a passed effectiveFrom that gives exactly the turns the next handoff would', () => {
    // Appending f after e on 2026-02-23 (c's turn): c, d, e, f ... exactly as from 2026-03-02.
    const late = {
      rosters: [
        { effectiveFrom: '2026-01-05T10:00', members: PEOPLE },
        { effectiveFrom: '2026-02-23T10:00', members: [...PEOPLE, 'f'] },
      ],
      ...START,
    };
    expect(changes(model(late))).toEqual([]);
  });

  it('flags a moved start or a new turn length without a suggestion, naming what moved', () => {
    const [moved] = runChangeLint(BASE, model({ members: PEOPLE, ...START, start: '2026-01-12' }), { from: FROM });
    expect(moved.path).toEqual(['rotations', 'primary']);
    expect(moved.suggestion).toBeUndefined();
    expect(moved.message).toContain(
      'the turn grid changed (first handoff (start) Mon 2026-01-05 10:00 America/New_York -> Mon 2026-01-12 10:00 America/New_York)',
    );
    expect(moved.message).toContain('A roster history cannot express that');
    const [longer] = runChangeLint(BASE, model({ members: PEOPLE, ...START, turnLength: '2w' }), { from: FROM });
    expect(longer.message).toContain('turnLength 1w -> 2w');
  });

  it('does not flag a new handoff time or day, a name, or coverage windows; does flag an edit of a business-hours rotation', () => {
    expect(changes(model({ members: PEOPLE, start: '2026-01-05', handoff: { day: 'monday', time: '09:00' } }))).toEqual([]);
    expect(changes(model({ members: PEOPLE, start: '2026-01-06', handoff: { day: 'tuesday', time: '10:00' } }))).toEqual([]);
    expect(changes(model({ members: PEOPLE, ...START, name: 'Renamed' }))).toEqual([]);
    const hours = { coverage: [{ days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], from: '09:00', to: '17:00' }] };
    expect(changes(model({ members: PEOPLE, ...START, ...hours }))).toEqual([]);
    const business = model({ members: PEOPLE, ...START, ...hours });
    expect(changes(model({ members: ['a', 'b', 'c', 'd'], ...START, ...hours }), business).map((c) => c.kind)).toEqual(['edited-in-place']);
  });

  it('puts the next handoff at the configured local time across a daylight-saving change', () => {
    // New York springs forward on Sun 2026-03-08: Monday 10:00 is 14:00 UTC from then on.
    const [change] = changes(model({ members: [...PEOPLE, 'f'], ...START }), BASE, utc('2026-03-08T12:00Z'));
    expect(change.nextHandoff).toBe(utc('2026-03-09T14:00Z').toMillis());
    expect(change.suggestion).toContain("effectiveFrom: '2026-03-09T10:00'");
  });

  it('ignores added and removed rotations and teams', () => {
    const team = teamWith({ members: PEOPLE, ...START });
    (team.rotations as Record<string, unknown>).extra = { members: ['a', 'b', 'c', 'd', 'e'], ...START };
    expect(changes(orgModel({ payments: team, other: teamWith({ members: PEOPLE, ...START }) }))).toEqual([]);
  });

  it('property: for any in-place edit, pasting the suggestion clears the finding and keeps every turn before the handoff', () => {
    const edit = fc.record({
      size: fc.integer({ min: 3, max: 7 }),
      add: fc.integer({ min: 0, max: 2 }),
      remove: fc.integer({ min: 0, max: 2 }),
      shuffle: fc.boolean(),
      fromDays: fc.integer({ min: 0, max: 200 }),
      fromHour: fc.integer({ min: 0, max: 23 }),
    });
    const pool = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    fc.assert(
      fc.property(edit, ({ size, add, remove, shuffle, fromDays, fromHour }) => {
        const old = pool.slice(0, size);
        let next = [...old.slice(remove), ...pool.slice(size, size + add)];
        if (shuffle) next = [...next.slice(1), next[0]].reverse();
        const org = (primary: Record<string, unknown>) => orgModel({ payments: { ...teamWith(primary, pool) } });
        const base = org({ members: old, ...START });
        const head = org({ members: next, ...START });
        const from = utc('2026-02-01T00:00Z').plus({ days: fromDays, hours: fromHour });
        const found = findRosterChanges(base, head, { from, windowDays: 120 });
        if (found.length === 0) return; // e.g. a list that happens to give the same turns
        const [change] = found;
        expect(change.suggestion).toBeDefined();
        const fixed = orgModel({ payments: teamWith({ ...START, ...(parseYaml(change.suggestion!) as object) }, pool) });
        expect(findRosterChanges(base, fixed, { from, windowDays: 120 })).toEqual([]);
        const untilHandoff = { start: from.toMillis(), end: change.nextHandoff };
        expect(holderDifferences(primaryOf(base), primaryOf(fixed), untilHandoff, change.nextHandoff).count).toBe(0);
      }),
      { numRuns: 40, seed: 20260302 },
    );
  });
});

describe('runLint with a base', () => {
  const head = model({ members: [...PEOPLE, 'f'], ...START });

  it('adds change findings after the plain rules, only when given a base', () => {
    expect(runLint(head, { from: FROM, rules: COVERAGE_RULES }).map((f) => f.ruleId)).not.toContain(RULE);
    const findings = runLint(head, { from: FROM, rules: COVERAGE_RULES, base: BASE });
    expect(findings.map((f) => [f.ruleId, f.level])).toEqual([[RULE, 'warn']]);
    expect(runChangeLint(BASE, head, { from: FROM })).toEqual(findings);
  });

  it('applies the org level (error, off) and accepts the id in lint.rules even without a base', () => {
    const raised = model({ members: [...PEOPLE, 'f'], ...START }, { lint: { rules: { [RULE]: 'error' } } });
    expect(runChangeLint(BASE, raised, { from: FROM }).map((f) => f.level)).toEqual(['error']);
    const silenced = model({ members: [...PEOPLE, 'f'], ...START }, { lint: { rules: { [RULE]: 'off' } } });
    expect(runLint(silenced, { from: FROM, rules: COVERAGE_RULES, base: BASE })).toEqual([]);
    const typo = model({ members: PEOPLE, ...START }, { lint: { rules: { 'roster-change-without-effective-instand': 'off' } } });
    const [unknown] = runLint(typo, { from: FROM, rules: COVERAGE_RULES });
    expect(unknown.ruleId).toBe(UNKNOWN_RULE_ID);
    expect(unknown.message).toContain(`did you mean "${RULE}"?`);
  });
});

describe('the model keeps rosters as written', () => {
  it('records members as one roster at the first handoff, and rosters verbatim; derived rotations have none', () => {
    const written = (rotation: RotationModel) => rotation.written;
    expect(written(primaryOf(BASE))).toEqual({ field: 'members', rosters: [{ effectiveFrom: '2026-01-05T10:00', members: PEOPLE }] });
    const rosters = [
      { effectiveFrom: '2026-01-05T10:00', members: PEOPLE },
      { effectiveFrom: '2026-02-16T10:00', members: ['c', 'a', 'b', 'd'] },
    ];
    const history = primaryOf(model({ rosters, ...START }));
    expect(written(history)).toEqual({ field: 'rosters', rosters });
    // The layer holds the same cycle rotated to continue the order (b had 2026-02-16's turn).
    expect(history.layers[1].members).toEqual(['b', 'd', 'c', 'a']);
    expect(BASE.teams[0].rotations.find((r) => r.id === 'secondary')!.written).toBeUndefined();
  });
});
