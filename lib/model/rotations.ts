import { DateTime } from 'luxon';
import type { HoursWindowConfig, OrganizationConfig, RotationConfig, TeamConfig } from '../config/schema';
import { durationSeconds, WEEKDAYS } from '../config/schema/values';
import { scheduleName } from '../config/names';
import { windowMinutes } from '../config/checks/times';
import { localDateTimeText, rfc3339 } from '../util/local-time';
import { mod, turnIndexAt, turnStart } from './turns';
import type { LayerModel, RestrictionModel, RotationModel } from './types';

interface Roster {
  from: DateTime;
  members: string[];
}

/** Resolves every rotation of a (validated) team, derived ones after the ones they derive from. */
export function buildRotations(team: TeamConfig, organization: OrganizationConfig): RotationModel[] {
  const built = new Map<string, RotationModel>();
  const ids = Object.keys(team.rotations).sort();
  for (const id of ids) if (!team.rotations[id].derivedFrom) built.set(id, buildRotation(team, id, team.rotations[id], organization));
  for (const id of ids) {
    const derivedFrom = team.rotations[id].derivedFrom;
    if (derivedFrom) built.set(id, deriveRotation(team, id, built.get(derivedFrom.rotation)!, derivedFrom.offsetTurns));
  }
  return ids.map((id) => built.get(id)!);
}

function buildRotation(team: TeamConfig, id: string, rotation: RotationConfig, organization: OrganizationConfig): RotationModel {
  const timeZone = rotation.timeZone ?? team.timeZone;
  const turnLength = rotation.turnLength ?? organization.defaults.turnLength;
  const time = rotation.handoff?.time ?? organization.defaults.handoff.time;
  const anchor = DateTime.fromISO(`${rotation.start}T${time}`, { zone: timeZone });
  const day = rotation.handoff?.day ?? WEEKDAYS[anchor.weekday - 1];
  const rosters: Roster[] = rotation.rosters
    ? rotation.rosters.map((r) => ({ from: DateTime.fromISO(r.effectiveFrom, { zone: timeZone }), members: r.members }))
    : [{ from: anchor, members: rotation.members ?? [] }];
  const coverage = rotation.coverage ?? [];
  return {
    id,
    name: scheduleName(team, id),
    description: rotation.description ?? `${team.name} on-call rotation "${id}". Managed by oncall-as-code; edit config/teams, not the PagerDuty UI.`,
    timeZone,
    turnLength,
    turnSeconds: durationSeconds(turnLength),
    handoff: { day, time },
    coverage,
    restrictions: restrictionsFor(coverage),
    layers: layersFor(anchor, turnLength, rosters),
    written: {
      field: rotation.rosters ? 'rosters' : 'members',
      rosters: rosters.map((roster) => ({ effectiveFrom: localDateTimeText(roster.from), members: [...roster.members] })),
    },
  };
}

/**
 * One layer per roster. A later roster continues the order: the turn in progress at its
 * `effectiveFrom` goes to whoever the previous roster had for it, or, if that person left, to the
 * next person of the previous order who is still in the new roster; the turns after it follow the
 * new roster's order from that person. So adding or removing a person never changes who is on call
 * before the change, nor reshuffles who is next.
 *
 * A later layer's rotation_virtual_start is the (wall-clock) handoff that starts the turn in
 * progress at `effectiveFrom`, and its member list is the roster rotated to begin with the person
 * on call then. Anchoring at the most recent handoff rather than at the rotation's first start keeps
 * the two turn readings (see TurnReading) from disagreeing about who is on call at the change: they
 * can only differ if a daylight-saving change falls inside that one turn, and not at all when
 * `effectiveFrom` is itself a handoff (the recommended choice).
 */
export function layersFor(anchor: DateTime, turnLength: string, rosters: Roster[]): LayerModel[] {
  const layers: LayerModel[] = [];
  let previous: { members: string[]; virtualStart: DateTime } | undefined;
  rosters.forEach((roster, index) => {
    let virtualStart = anchor;
    let members = roster.members;
    if (previous) {
      const n = turnIndexAt(anchor, turnLength, roster.from);
      virtualStart = turnStart(anchor, turnLength, n);
      const onCall = turnIndexAt(previous.virtualStart, turnLength, virtualStart);
      const successor = firstStillPresent(previous.members, onCall, roster.members);
      // Nobody of the old roster stays: the new order simply starts at the change.
      const position = successor === undefined ? 0 : roster.members.indexOf(successor);
      members = rotateLeft(roster.members, position);
    }
    const next = rosters[index + 1];
    layers.push({
      start: rfc3339(roster.from),
      end: next ? rfc3339(next.from) : undefined,
      rotationVirtualStart: rfc3339(virtualStart),
      members,
    });
    previous = { members, virtualStart };
  });
  return layers;
}

/** Walking the old order from whoever has turn `turn`, the first person the new roster still has. */
function firstStillPresent(oldMembers: string[], turn: number, newMembers: string[]): string | undefined {
  for (let j = 0; j < oldMembers.length; j++) {
    const candidate = oldMembers[mod(turn + j, oldMembers.length)];
    if (newMembers.includes(candidate)) return candidate;
  }
  return undefined;
}

/** [a, b, c] rotated left by 1 is [b, c, a]; negative counts rotate right. */
export function rotateLeft<T>(items: readonly T[], count: number): T[] {
  if (items.length === 0) return [];
  const shift = mod(count, items.length);
  return [...items.slice(shift), ...items.slice(0, shift)];
}

/**
 * A shadow rotation: same layers, same rotation_virtual_start, same turn length and restrictions,
 * each layer's member list rotated right by `offset` so that turn k goes to whoever had turn
 * k - offset in the base rotation. Sharing the base's turn grid exactly (rather than shifting the
 * virtual start by `offset` turns) is what makes "never on both at once" hold under either turn
 * reading: both schedules hand off at the very same instants whatever PagerDuty does across DST.
 */
function deriveRotation(team: TeamConfig, id: string, base: RotationModel, offsetTurns: number): RotationModel {
  const config = team.rotations[id];
  // A derived rotation has no roster of its own: `written` stays with the rotation it follows.
  const { written: _ownedByBase, ...shared } = base;
  return {
    ...shared,
    id,
    name: scheduleName(team, id),
    description:
      config.description ??
      `${team.name} rotation "${id}": "${base.id}" shifted ${offsetTurns} turn(s), so nobody is on both at once. Managed by oncall-as-code.`,
    layers: base.layers.map((layer) => ({ ...layer, members: rotateLeft(layer.members, -offsetTurns) })),
    derivedFrom: { rotation: base.id, offsetTurns },
  };
}

/** Coverage windows as PagerDuty restrictions: daily when every day is listed, else weekly per day. */
export function restrictionsFor(coverage: HoursWindowConfig[]): RestrictionModel[] {
  const restrictions: RestrictionModel[] = [];
  for (const window of coverage) {
    const durationSeconds = windowMinutes(window.from, window.to) * 60;
    const startTimeOfDay = `${window.from}:00`;
    if (new Set(window.days).size === 7) {
      restrictions.push({ type: 'daily_restriction', startTimeOfDay, durationSeconds });
    } else {
      for (const day of [...new Set(window.days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b))) {
        restrictions.push({ type: 'weekly_restriction', startTimeOfDay, durationSeconds, startDayOfWeek: WEEKDAYS.indexOf(day) + 1 });
      }
    }
  }
  return restrictions;
}
