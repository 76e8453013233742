import { DateTime } from 'luxon';
import { renderRotation, TurnGrid, type Interval, type Turn } from './coverage';
import { layersFor } from './rotations';
import type { OrgModel, RotationModel, TeamModel, WrittenRosters } from './types';

/**
 * Roster changes that reshuffle who is on call, found by comparing the model at a base ref with the
 * working tree's. PagerDuty recomputes every turn of a layer from its rotation_virtual_start when
 * the layer's users change, so editing `members` in place (or the members of a roster already in
 * effect, or `start`/`turnLength`) moves turns people already planned around. The safe way is a new
 * roster with an `effectiveFrom` (docs/rotations.md, "Changing a roster"); only a comparison with
 * the base can tell the two apart, which is why this is not a plain lint rule over one model.
 *
 * Pure: two models and an instant in, the offending rotations out (with a ready-to-paste fix).
 */

export type RosterChangeKind =
  /** `members`, or a roster already in effect at `from`, was edited. */
  | 'edited-in-place'
  /** A new roster was added, but its `effectiveFrom` is not after `from`: turns already running move. */
  | 'effective-in-past'
  /** No roster in effect changed, but `start` or `turnLength` moved the turn grid. */
  | 'turn-grid';

export interface HolderChange {
  /** Start of the first affected turn (not before `from`), epoch ms. */
  at: number;
  /** Member ids; undefined means nobody. */
  before?: string;
  after?: string;
}

export interface RosterChange {
  team: TeamModel;
  rotation: RotationModel;
  kind: RosterChangeKind;
  /** Where in the team file the change is (for the finding's path). */
  path: (string | number)[];
  /** The roster in effect at `from` on each side, as written (edited-in-place / effective-in-past). */
  membersBefore?: string[];
  membersAfter?: string[];
  /** The new roster's `effectiveFrom` (effective-in-past only), epoch ms. */
  effectiveFrom?: number;
  /** First turn whose holder differs, and how many turns in the window do. */
  firstChange: HolderChange;
  changedTurns: number;
  /** The next handoff at or after `from` on the working tree's turn grid, epoch ms. */
  nextHandoff: number;
  /**
   * A `rosters:` block (YAML) that keeps the base's rosters until `nextHandoff` and starts the new
   * list there. Absent when no roster history can express the change (the turn grid moved).
   */
  suggestion?: string;
  /** When there is no suggestion: what moved the turn grid, e.g. "turnLength 1w -> 2w". */
  gridChanges?: string[];
  /** Ids of rotations derived from this one: they move with it. */
  followers: string[];
}

export interface RosterChangeOptions {
  /** Turns that start before this instant are history; the comparison looks from here on. */
  from: DateTime;
  /** How far ahead to compare (the lint window). */
  windowDays: number;
}

/** Every rotation (not derived; derived ones follow their base) whose turns move without an effective instant. */
export function findRosterChanges(base: OrgModel, head: OrgModel, options: RosterChangeOptions): RosterChange[] {
  const changes: RosterChange[] = [];
  for (const team of head.teams) {
    const baseTeam = base.teams.find((t) => t.id === team.id);
    if (!baseTeam) continue;
    for (const rotation of team.rotations) {
      const before = baseTeam.rotations.find((r) => r.id === rotation.id);
      // Added or removed rotations, and derived ones (which follow their base), reshuffle nothing of their own.
      if (!before || before.derivedFrom || rotation.derivedFrom) continue;
      const change = rosterChange(team, before, rotation, options);
      if (change) changes.push(change);
    }
  }
  return changes;
}

function rosterChange(team: TeamModel, before: RotationModel, after: RotationModel, options: RosterChangeOptions): RosterChange | undefined {
  const from = options.from.toMillis();
  const window = { start: from, end: options.from.plus({ days: options.windowDays }).toMillis() };
  const writtenBefore = writtenRosters(before);
  const writtenAfter = writtenRosters(after);
  const divergence = firstRosterDifference(writtenBefore, writtenAfter, before.timeZone, after.timeZone);
  const nextHandoff = handoffAtOrAfter(after, from);
  const propose = () => proposeRosters(before, after, writtenBefore, writtenAfter, nextHandoff, window);
  let proposal: ReturnType<typeof proposeRosters>;
  let differences: ReturnType<typeof holderDifferences>;
  if (divergence > from) {
    // The rosters first differ in the future (or never): until then both sides must agree on every
    // turn; from then on, other holders are the point of the change.
    differences = holderDifferences(before, after, { start: from, end: Math.min(divergence, window.end) }, divergence);
    if (differences.count === 0) return undefined;
    proposal = propose();
  } else {
    // A roster that differs is already in effect: compare with the same change done right (the
    // base's history until the next handoff, the new list from there), or, if that cannot be
    // written down, with the base itself.
    proposal = propose();
    differences = holderDifferences(proposal?.ideal ?? before, after, window, Number.POSITIVE_INFINITY);
    if (differences.count === 0) return undefined;
  }

  const kind = classify(divergence, from, writtenBefore, writtenAfter, after.timeZone);
  const atFrom = (written: WrittenRosters, zone: string) => rosterAt(written, zone, from)?.members;
  return {
    team,
    rotation: after,
    kind,
    path: changePath(kind, after, writtenAfter, divergence),
    ...(kind !== 'turn-grid' ? { membersBefore: atFrom(writtenBefore, before.timeZone), membersAfter: atFrom(writtenAfter, after.timeZone) } : {}),
    ...(kind === 'effective-in-past' ? { effectiveFrom: divergence } : {}),
    firstChange: differences.changes[0],
    changedTurns: differences.count,
    nextHandoff,
    ...(proposal?.valid ? { suggestion: rostersYaml(proposal.rosters) } : { gridChanges: gridChanges(before, after) }),
    followers: team.rotations.filter((r) => r.derivedFrom?.rotation === after.id).map((r) => r.id),
  };
}

/** The model's record of what config wrote; rebuilt from the layers if a model lacks it. */
function writtenRosters(rotation: RotationModel): WrittenRosters {
  if (rotation.written) return rotation.written;
  const local = (iso: string) => DateTime.fromISO(iso, { setZone: true }).setZone(rotation.timeZone).toFormat("yyyy-MM-dd'T'HH:mm");
  return {
    field: rotation.layers.length > 1 ? 'rosters' : 'members',
    rosters: rotation.layers.map((layer) => ({ effectiveFrom: local(layer.start), members: layer.members })),
  };
}

const instantOf = (effectiveFrom: string, zone: string) => DateTime.fromISO(effectiveFrom, { zone }).toMillis();

function rosterAt(written: WrittenRosters, zone: string, at: number): { index: number; effectiveFrom: string; members: string[] } | undefined {
  let found: { index: number; effectiveFrom: string; members: string[] } | undefined;
  written.rosters.forEach((roster, index) => {
    if (instantOf(roster.effectiveFrom, zone) <= at) found = { index, ...roster };
  });
  return found;
}

/**
 * The first instant at which both sides have a roster in effect and the two lists differ (+Infinity
 * if never). Moving when a rotation first starts is not a roster change; the turn comparison still
 * sees it if it changes who is on call.
 */
function firstRosterDifference(before: WrittenRosters, after: WrittenRosters, zoneBefore: string, zoneAfter: string): number {
  const instants = [
    ...before.rosters.map((r) => instantOf(r.effectiveFrom, zoneBefore)),
    ...after.rosters.map((r) => instantOf(r.effectiveFrom, zoneAfter)),
  ].sort((a, b) => a - b);
  for (const at of instants) {
    const [was, is] = [rosterAt(before, zoneBefore, at), rosterAt(after, zoneAfter, at)];
    if (was && is && was.members.join(',') !== is.members.join(',')) return at;
  }
  return Number.POSITIVE_INFINITY;
}

function classify(divergence: number, from: number, before: WrittenRosters, after: WrittenRosters, zone: string): RosterChangeKind {
  if (divergence > from) return 'turn-grid';
  // A roster the base did not have (appended after its last) is new; any other was edited.
  return rosterAt(after, zone, divergence)!.index >= before.rosters.length ? 'effective-in-past' : 'edited-in-place';
}

function changePath(kind: RosterChangeKind, rotation: RotationModel, written: WrittenRosters, divergence: number): (string | number)[] {
  const path = ['rotations', rotation.id];
  if (kind === 'turn-grid') return path;
  if (written.field === 'members') return [...path, 'members'];
  const index = rosterAt(written, rotation.timeZone, divergence)!.index;
  return [...path, 'rosters', index, kind === 'edited-in-place' ? 'members' : 'effectiveFrom'];
}

/**
 * Turns whose holder differs between the two rotations within `window`. Each turn of either side
 * that overlaps the window is probed at its middle (of the part before `cut`, where the change
 * legitimately starts), so a handoff that merely moves by less than half a turn (a new handoff
 * time) is not a reshuffle, while a different person for the same stretch of time is.
 */
export function holderDifferences(before: RotationModel, after: RotationModel, window: Interval, cut: number): { changes: HolderChange[]; count: number } {
  if (window.end <= window.start) return { changes: [], count: 0 };
  const turnsBefore = turnsAround(before, window);
  const turnsAfter = turnsAround(after, window);
  const changes = new Map<string, HolderChange>();
  const changedTurns = new Set<number>();
  for (const turn of [...turnsBefore, ...turnsAfter]) {
    if (turn.end <= window.start || turn.start >= window.end) continue;
    const probe = turn.start + (Math.min(turn.end, cut) - turn.start) / 2;
    const [was, is] = [turnAt(turnsBefore, probe), turnAt(turnsAfter, probe)];
    if (was?.memberId === is?.memberId) continue;
    const turnStart = Math.max(was?.start ?? is!.start, window.start);
    changedTurns.add(turnStart);
    changes.set(`${turnStart}`, { at: turnStart, ...(was ? { before: was.memberId } : {}), ...(is ? { after: is.memberId } : {}) });
  }
  return { changes: [...changes.values()].sort((a, b) => a.at - b.at), count: changedTurns.size };
}

/** Whole turns overlapping `window` (rendered with a margin so none is clipped at its edges). */
function turnsAround(rotation: RotationModel, window: Interval): Turn[] {
  const margin = rotation.turnSeconds * 1000 + 2 * 3_600_000;
  return renderRotation(rotation, { start: window.start - margin, end: window.end + margin }, 'wall-clock').turns;
}

function turnAt(turns: readonly Turn[], at: number): Turn | undefined {
  let [low, high] = [0, turns.length - 1];
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (turns[middle].end <= at) low = middle + 1;
    else if (turns[middle].start > at) high = middle - 1;
    else return turns[middle];
  }
  return undefined;
}

/** The first turn boundary at or after `at` on the rotation's grid (wall-clock, the reading config is written in). */
export function handoffAtOrAfter(rotation: RotationModel, at: number): number {
  const grid = new TurnGrid(rotation.layers[0].rotationVirtualStart, rotation.turnSeconds, rotation.timeZone, 'wall-clock');
  const k = grid.indexAt(at);
  return grid.boundary(k) === at ? at : grid.boundary(k + 1);
}

/**
 * The change done right: the base's rosters that took effect before the handoff, then the working
 * tree's list from the handoff on (and any later rosters the working tree adds). `ideal` is that
 * history on the base's turn grid; it is a valid suggestion only if the working tree's grid gives
 * exactly the same turns with it, i.e. only roster lists changed (a moved handoff time is fine, a
 * moved `start` or a new `turnLength` is not).
 */
function proposeRosters(
  before: RotationModel,
  after: RotationModel,
  writtenBefore: WrittenRosters,
  writtenAfter: WrittenRosters,
  handoff: number,
  window: Interval,
): { rosters: WrittenRosters['rosters']; ideal: RotationModel; valid: boolean } | undefined {
  const zone = after.timeZone;
  const local = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
  const current = rosterAt(writtenAfter, zone, handoff);
  const kept = writtenBefore.rosters.filter((roster) => instantOf(roster.effectiveFrom, before.timeZone) < handoff);
  if (!current || kept.length === 0) return undefined;
  const later = writtenAfter.rosters.filter((roster) => instantOf(roster.effectiveFrom, zone) > handoff);
  const rosters = [
    ...kept.map((roster) => ({ effectiveFrom: local(instantOf(roster.effectiveFrom, before.timeZone)), members: roster.members })),
    { effectiveFrom: local(handoff), members: current.members },
    ...later,
  ];
  const withRosters = (rotation: RotationModel): RotationModel => {
    const anchor = DateTime.fromISO(rotation.layers[0].rotationVirtualStart, { setZone: true }).setZone(rotation.timeZone);
    const history = rosters.map((roster) => ({ from: DateTime.fromISO(roster.effectiveFrom, { zone: rotation.timeZone }), members: roster.members }));
    return { ...rotation, layers: layersFor(anchor, rotation.turnLength, history) };
  };
  const ideal = withRosters(before);
  return { rosters, ideal, valid: holderDifferences(ideal, withRosters(after), window, Number.POSITIVE_INFINITY).count === 0 };
}

/** The grid settings that differ, in config words ("first handoff" is `start` at the handoff time). */
function gridChanges(before: RotationModel, after: RotationModel): string[] {
  const firstHandoff = (rotation: RotationModel) =>
    DateTime.fromISO(rotation.layers[0].rotationVirtualStart, { setZone: true }).setZone(rotation.timeZone).toFormat('ccc yyyy-MM-dd HH:mm', { locale: 'en' }) +
    ` ${rotation.timeZone}`;
  const changes: string[] = [];
  if (before.turnLength !== after.turnLength) changes.push(`turnLength ${before.turnLength} -> ${after.turnLength}`);
  if (firstHandoff(before) !== firstHandoff(after)) changes.push(`first handoff (start) ${firstHandoff(before)} -> ${firstHandoff(after)}`);
  return changes;
}

/** Flow-style entries, as docs/rotations.md writes them, so the block reads like the rest of the file. */
export function rostersYaml(rosters: readonly { effectiveFrom: string; members: readonly string[] }[]): string {
  const lines = rosters.map((roster) => `  - { effectiveFrom: '${roster.effectiveFrom}', members: [${roster.members.map(yamlScalar).join(', ')}] }`);
  return ['rosters:', ...lines].join('\n');
}

/** Member ids are kebab-case; quote the few that YAML would read as something other than a string. */
const yamlScalar = (value: string) =>
  /^(?:y|n|yes|no|on|off|true|false|null)$/i.test(value) || !/^[a-z][a-z0-9-]*$/.test(value) ? `'${value.replace(/'/g, "''")}'` : value;
