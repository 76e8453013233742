import { DateTime } from 'luxon';
import { durationSeconds, WEEKDAYS, type HoursWindowConfig, type OrganizationConfig, type RotationConfig, type TeamConfig } from '../config/schema';
import { scheduleName } from '../config/names';
import { windowMinutes } from '../config/checks/times';
import { mod, rfc3339, turnIndexAt, turnStart } from './turns';
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
  };
}

/**
 * One layer per roster. A later roster continues the order: the turn in progress at its
 * `effectiveFrom` goes to whoever the previous roster had for it, or, if that person left, to the
 * next person of the previous order who is still in the new roster. So adding or removing a
 * person never reshuffles who is on call before the change, nor who is next.
 */
export function layersFor(anchor: DateTime, turnLength: string, rosters: Roster[]): LayerModel[] {
  const layers: LayerModel[] = [];
  let previous: { members: string[]; k: number } | undefined;
  rosters.forEach((roster, index) => {
    let k = 0;
    if (previous) {
      const n = turnIndexAt(anchor, turnLength, roster.from);
      k = n;
      for (let j = 0; j < previous.members.length; j++) {
        const candidate = previous.members[mod(n - previous.k + j, previous.members.length)];
        const position = roster.members.indexOf(candidate);
        if (position !== -1) {
          k = n - position;
          break;
        }
      }
    }
    const next = rosters[index + 1];
    layers.push({
      start: rfc3339(roster.from),
      end: next ? rfc3339(next.from) : undefined,
      rotationVirtualStart: rfc3339(turnStart(anchor, turnLength, k)),
      members: roster.members,
    });
    previous = { members: roster.members, k };
  });
  return layers;
}

/** A shadow rotation: same layers and members, each turn going to whoever had it `offset` turns earlier. */
function deriveRotation(team: TeamConfig, id: string, base: RotationModel, offsetTurns: number): RotationModel {
  const config = team.rotations[id];
  return {
    ...base,
    id,
    name: scheduleName(team, id),
    description: config.description ?? `${team.name} rotation "${id}": "${base.id}" shifted ${offsetTurns} turn(s), so nobody is on both at once. Managed by oncall-as-code.`,
    layers: base.layers.map((layer) => {
      const virtualStart = DateTime.fromISO(layer.rotationVirtualStart, { setZone: true }).setZone(base.timeZone);
      return { ...layer, rotationVirtualStart: rfc3339(turnStart(virtualStart, base.turnLength, offsetTurns)) };
    }),
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
