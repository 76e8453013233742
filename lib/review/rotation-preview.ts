import { DateTime } from 'luxon';
import { renderRotation } from '../model/coverage';
import type { RotationModel, TeamModel } from '../model/types';
import type { RotationPreview, Turn } from './types';

/**
 * Who holds each turn of every rotation in [from, from + days). Coverage windows (restrictions)
 * do not split turns here: they are shown as the rotation's hours, which keeps a 4-week chart
 * readable (a follow-the-sun region would otherwise be 28 bars).
 */
export function previewRotations(team: TeamModel, from: DateTime, days: number): RotationPreview[] {
  const end = from.plus({ days });
  const names = new Map(team.members.map((m) => [m.id, m.name]));
  return team.rotations.map((rotation) => ({
    id: rotation.id,
    name: rotation.name,
    timeZone: rotation.timeZone,
    hours: hoursText(rotation),
    turns: turnsInWindow(rotation, from, end).map((turn) => ({ ...turn, memberName: names.get(turn.member) ?? turn.member })),
  }));
}

/**
 * Turns as the exact coverage model renders them (lib/model/coverage), under the wall-clock
 * reading config is written in; merged where the same person continues across a roster change.
 */
function turnsInWindow(rotation: RotationModel, from: DateTime, to: DateTime): Omit<Turn, 'memberName'>[] {
  const rendered = renderRotation(rotation, { start: from.toMillis(), end: to.toMillis() }, 'wall-clock');
  return rendered.turns.map((turn) => ({ member: turn.memberId, start: iso(turn.start), end: iso(turn.end) }));
}

const iso = (millis: number) => DateTime.fromMillis(millis, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm'Z'");

const DAY_ABBREVIATIONS: Record<string, string> = {
  monday: 'Mon',
  tuesday: 'Tue',
  wednesday: 'Wed',
  thursday: 'Thu',
  friday: 'Fri',
  saturday: 'Sat',
  sunday: 'Sun',
};

function hoursText(rotation: RotationModel): string {
  if (rotation.coverage.length === 0) return '24/7';
  return rotation.coverage.map((window) => `${daysText(window.days)} ${window.from}-${window.to}`).join(', ') + ` ${rotation.timeZone}`;
}

/** "Mon-Fri", "daily", or a comma list for irregular sets. */
export function daysText(days: readonly string[]): string {
  const order = Object.keys(DAY_ABBREVIATIONS);
  const indices = [...new Set(days)].map((d) => order.indexOf(d)).sort((a, b) => a - b);
  if (indices.length === 7) return 'daily';
  const contiguous = indices.length > 2 && indices.every((value, i) => i === 0 || value === indices[i - 1] + 1);
  if (contiguous) return `${DAY_ABBREVIATIONS[order[indices[0]]]}-${DAY_ABBREVIATIONS[order[indices[indices.length - 1]]]}`;
  return indices.map((i) => DAY_ABBREVIATIONS[order[i]]).join(',');
}
