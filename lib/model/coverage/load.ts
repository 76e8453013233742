import type { TurnReading } from '../turns';
import type { TeamModel } from '../types';
import { difference, intersect, totalMs, union, type Interval, type IntervalSet } from './intervals';
import { restrictionOccurrences } from './restrictions';
import { renderRotation, type RenderedRotation } from './schedule';

/** Working hours for the after-hours figure: Monday to Friday, 09:00-17:00 in the person's zone. */
export const WORKING_HOURS = { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00', hours: 8 } as const;

export interface PersonLoad {
  memberId: string;
  /** Zone the after-hours figure is computed in. */
  timeZone: string;
  /** On call for any of the team's rotations (overlaps counted once). */
  onCallMs: number;
  /** The part of onCallMs outside WORKING_HOURS. */
  afterHoursMs: number;
  /** Per rotation id: this person's share of the rotation's on-call time, 0..1. */
  shares: Record<string, number>;
}

/**
 * On-call load of each member of a team over a window: how long they are on call, how much of that
 * is outside working hours, and which share of each rotation they carry. A person's zone is their
 * own (member timeZone), else the zone of the rotations they are in when that is a single one (a
 * follow-the-sun region), else the team's.
 */
export function teamLoad(team: TeamModel, window: Interval, reading: TurnReading, rendered?: ReadonlyMap<string, RenderedRotation>): PersonLoad[] {
  const rotations = rendered ?? new Map(team.rotations.map((r) => [r.id, renderRotation(r, window, reading)]));
  const workingHoursByZone = new Map<string, IntervalSet>();
  const workingHours = (zone: string) => {
    if (!workingHoursByZone.has(zone)) {
      const weekly = WORKING_HOURS.days.map((day) => ({ type: 'weekly_restriction' as const, startTimeOfDay: `${WORKING_HOURS.from}:00`, durationSeconds: WORKING_HOURS.hours * 3600, startDayOfWeek: day }));
      workingHoursByZone.set(zone, restrictionOccurrences(weekly, zone, window, 'wall-clock'));
    }
    return workingHoursByZone.get(zone)!;
  };
  return team.members.map((member) => {
    const memberRotations = team.rotations.filter((r) => rotations.get(r.id)?.byMember.has(member.id) || r.layers.some((l) => l.members.includes(member.id)));
    const zones = [...new Set(memberRotations.map((r) => r.timeZone))];
    const timeZone = member.timeZone ?? (zones.length === 1 ? zones[0] : team.timeZone);
    const onCall = union(...memberRotations.map((r) => rotations.get(r.id)!.byMember.get(member.id) ?? []));
    const shares: Record<string, number> = {};
    for (const rotation of memberRotations) {
      const total = totalMs(rotations.get(rotation.id)!.coverage);
      shares[rotation.id] = total === 0 ? 0 : totalMs(rotations.get(rotation.id)!.byMember.get(member.id) ?? []) / total;
    }
    const inWindow = intersect(onCall, [window]);
    return { memberId: member.id, timeZone, onCallMs: totalMs(inWindow), afterHoursMs: totalMs(difference(inWindow, workingHours(timeZone))), shares };
  });
}
