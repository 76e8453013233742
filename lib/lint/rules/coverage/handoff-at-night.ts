import { formatInstant, handoffs } from '../../../model/coverage';
import { localHour } from '../../../model/turns';
import type { LintRule } from '../../types';
import { checkEachRotation, readingsPhrase, rotationLabel } from './shared';

/** Local hours counted as night for handoffs: 22:00 to 07:00. */
export const NIGHT = { fromHour: 22, toHour: 7 } as const;

const atNight = (ms: number, zone: string) => {
  const hour = localHour(ms, zone);
  return hour >= NIGHT.fromHour || hour < NIGHT.toHour;
};

/**
 * Handoffs belong at a fixed local daytime hour (domain rules, §2). Evaluated under both turn
 * readings: under fixed-seconds a 07:30 handoff becomes 06:30 after a daylight-saving change.
 */
export const handoffAtNight: LintRule = {
  id: 'rotation-handoff-at-night',
  defaultLevel: 'warn',
  scope: 'team',
  description: 'On-call duty should not change hands at night (22:00-07:00) in the rotation\'s time zone.',
  check: (context) =>
    checkEachRotation(
      context,
      (rendered, rotation) => {
        const night = handoffs(rendered).filter((h) => atNight(h.at, rotation.timeZone));
        return night.length > 0 ? { first: { start: night[0].at, end: night[0].at }, count: night.length, detail: `"${night[0].from}" to "${night[0].to}"` } : undefined;
      },
      (team, rotation, { offence, readings }) => {
        const instant = formatInstant(offence.first.start, rotation.timeZone);
        return {
          teamId: team.id,
          file: team.file,
          path: ['rotations', rotation.id, 'handoff'],
          message: `${rotationLabel(team, rotation)}: hands off at night local time (${offence.detail} at ${instant}); ${offence.count} night handoff(s) in the next ${context.windowDays} days (${readingsPhrase(readings)}). Move the handoff to daytime, e.g. 10:00`,
          instants: [instant],
        };
      },
    ),
};
