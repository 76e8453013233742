import { gaps } from '../../../model/coverage';
import type { LintRule } from '../../types';
import { coverageFor, firstOffence, plural, readingsPhrase, targetsPhrase, teamLabel, underBothReadings } from './shared';

/** Nobody reachable at level 1 means an alert waits a full escalation delay (or forever) for a human. */
export const firstLevelGap: LintRule = {
  id: 'escalation-first-level-gap',
  defaultLevel: 'error',
  scope: 'team',
  description: 'The first escalation level must reach someone at every instant of the window.',
  check(context) {
    const coverage = coverageFor(context);
    return context.model.teams.flatMap((team) => {
      const result = underBothReadings(coverage, team, (analysis) => {
        const missing = gaps(analysis.levels[0].coverage, analysis.window);
        return missing.length > 0 ? { first: missing[0], count: missing.length } : undefined;
      });
      if (!result) return [];
      const level = team.escalation.levels[0];
      const { text, instants } = firstOffence(result.offence.first, team.timeZone);
      return [
        {
          teamId: team.id,
          file: team.file,
          path: ['escalation', 'levels', 0],
          message: `${teamLabel(team)}: escalation level 1 ("${level.name}", ${targetsPhrase(level.targets)}) has nobody on call ${text}; ${plural(result.offence.count, 'gap')} in the next ${context.windowDays} days (${readingsPhrase(result.readings)})`,
          instants,
        },
      ];
    });
  },
};
