import type { LintRule } from '../../types';
import { checkEachRotation, firstOffence, readingsPhrase, rotationLabel } from './shared';

/**
 * The same person on call two turns in a row gets no rest between turns (one-person rosters, a
 * roster change that leaves one person, ...). Derived rotations are checked through their base.
 */
export const consecutiveTurns: LintRule = {
  id: 'rotation-consecutive-turns',
  defaultLevel: 'warn',
  scope: 'team',
  description: 'The same person should never be on call for two consecutive turns of a rotation.',
  check: (context) =>
    checkEachRotation(
      context,
      ({ turns }) => {
        const repeats = turns.flatMap((turn, i) => (i > 0 && turns[i - 1].memberId === turn.memberId && turns[i - 1].end === turn.start ? [i] : []));
        if (repeats.length === 0) return undefined;
        const [previous, current] = [turns[repeats[0] - 1], turns[repeats[0]]];
        return { first: { start: previous.start, end: current.end }, count: repeats.length, detail: current.memberId };
      },
      (team, rotation, { offence, readings }) => {
        const { text, instants } = firstOffence(offence.first, rotation.timeZone);
        return {
          teamId: team.id,
          file: team.file,
          path: ['rotations', rotation.id],
          message: `${rotationLabel(team, rotation)}: "${offence.detail}" is on call for two consecutive turns, ${text}; ${offence.count} such handoff(s) in the next ${context.windowDays} days (${readingsPhrase(readings)})`,
          instants,
        };
      },
    ),
};
