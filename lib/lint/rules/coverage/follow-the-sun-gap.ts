import { DateTime } from 'luxon';
import { gaps, totalMs, union, formatHours } from '../../../model/coverage';
import type { LintRule } from '../../types';
import { coverageFor, firstOffence, readingsPhrase, teamLabel, underBothReadings } from './shared';

/**
 * The regions of a follow-the-sun team (team.followTheSun) must together cover all 24 hours of
 * every day, across each region's own daylight-saving dates.
 */
export const followTheSunGap: LintRule = {
  id: 'follow-the-sun-gap',
  defaultLevel: 'error',
  scope: 'team',
  description: 'The rotations listed in followTheSun must together cover 24 hours of every day.',
  check(context) {
    const coverage = coverageFor(context);
    return context.model.teams
      .filter((team) => team.followTheSun && team.followTheSun.length > 0)
      .flatMap((team) => {
        const regions = team.followTheSun!;
        const result = underBothReadings(coverage, team, (analysis) => {
          const missing = gaps(union(...regions.map((id) => analysis.rotations.get(id)!.coverage)), analysis.window);
          if (missing.length === 0) return undefined;
          const day = DateTime.fromMillis(missing[0].start, { zone: 'utc' }).toFormat('yyyy-MM-dd');
          return { first: missing[0], count: missing.length, detail: `${formatHours(totalMs([missing[0]]))} h uncovered starting on ${day} (UTC)` };
        });
        if (!result) return [];
        const { text, instants } = firstOffence(result.offence.first, team.timeZone);
        return [
          {
            teamId: team.id,
            file: team.file,
            path: ['followTheSun'],
            message: `${teamLabel(team)}: follow-the-sun rotations ${regions.map((r) => `"${r}"`).join(', ')} leave nobody on call ${text} (${result.offence.detail}; ${result.offence.count} gap(s) in the next ${context.windowDays} days, ${readingsPhrase(result.readings)})`,
            instants,
          },
        ];
      });
  },
};
