import type { LintRule } from '../../types';
import { teamLabel } from './shared';

/** A paging alert with nowhere to escalate depends on one person answering. */
export const singleLevelPolicy: LintRule = {
  id: 'service-single-level-policy',
  defaultLevel: 'warn',
  scope: 'team',
  description: 'A service that pages should have an escalation policy with at least two levels.',
  check(context) {
    return context.model.teams.flatMap((team) =>
      team.escalation.levels.length > 1
        ? []
        : team.services
            .filter((service) => service.pagingSeverities.length > 0)
            .map((service) => ({
              teamId: team.id,
              file: team.file,
              path: ['escalation', 'levels'],
              message: `${teamLabel(team)}: service "${service.id}" pages for ${service.pagingSeverities.map((s) => s.id).join(', ')} but the escalation policy "${team.escalation.name}" has a single level; add a second level (secondary on-call or team lead)`,
            })),
    );
  },
};
