import { gaps } from '../../../model/coverage';
import type { LintRule } from '../../types';
import { coverageFor, firstOffence, plural, readingsPhrase, teamLabel, underBothReadings } from './shared';

/**
 * A paging service whose escalation policy has no level with anybody on call at some instant pages
 * nobody then: the alert is lost. Checked on every paging service, over all levels.
 */
export const serviceNobodyOnCall: LintRule = {
  id: 'service-nobody-on-call',
  defaultLevel: 'error',
  scope: 'team',
  description: 'Every paging service must reach someone on some escalation level at every instant.',
  check(context) {
    const coverage = coverageFor(context);
    return context.model.teams.flatMap((team) => {
      const paging = team.services.filter((service) => service.pagingSeverities.length > 0);
      if (paging.length === 0) return [];
      const result = underBothReadings(coverage, team, (analysis) => {
        const missing = gaps(analysis.anyLevel, analysis.window);
        return missing.length > 0 ? { first: missing[0], count: missing.length } : undefined;
      });
      if (!result) return [];
      const { text, instants } = firstOffence(result.offence.first, team.timeZone);
      return paging.map((service) => ({
        teamId: team.id,
        file: team.file,
        path: ['services', service.id],
        message: `${teamLabel(team)}: paging service "${service.id}" reaches nobody on any escalation level of "${team.escalation.name}" ${text}; ${plural(result.offence.count, 'gap')} in the next ${context.windowDays} days (${readingsPhrase(result.readings)})`,
        instants,
      }));
    });
  },
};
