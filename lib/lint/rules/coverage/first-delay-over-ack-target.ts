import type { LintRule } from '../../types';
import { teamLabel } from './shared';

/**
 * If level 1 waits longer than the acknowledgement target of the most severe level the team's
 * services page for, the next level is paged only after the target has already been missed.
 */
export const firstDelayOverAckTarget: LintRule = {
  id: 'escalation-first-delay-over-ack-target',
  defaultLevel: 'warn',
  scope: 'team',
  description: 'The first escalation delay should not exceed the acknowledgement target of the most severe paging severity the team receives.',
  check(context) {
    return context.model.teams.flatMap((team) => {
      const top = team.services
        .flatMap((service) => service.pagingSeverities)
        .filter((severity) => severity.ackTargetMinutes !== undefined)
        .sort((a, b) => a.rank - b.rank)[0];
      const level = team.escalation.levels[0];
      if (!top || level.delayMinutes <= top.ackTargetMinutes!) return [];
      return [
        {
          teamId: team.id,
          file: team.file,
          path: ['escalation', 'levels', 0, 'delayMinutes'],
          message: `${teamLabel(team)}: escalation level 1 ("${level.name}") waits ${level.delayMinutes} min before escalating, longer than the ${top.ackTargetMinutes} min acknowledgement target of ${top.id}, which its services page for; use at most ${top.ackTargetMinutes}`,
        },
      ];
    });
  },
};
