import { didYouMean } from '../../../config/did-you-mean';
import type { LintRule } from '../../types';
import { findingsPerRunbook, monitorLabel } from './shared';

export const runbookOwnerRule: LintRule = {
  id: 'runbook-owner',
  defaultLevel: 'error',
  scope: 'organization',
  description: "A runbook's owner is a team, and the team owning the monitors that link it.",
  check: (context) => {
    const teams = context.model.teams.map((team) => team.id);
    return findingsPerRunbook(context, (runbook, catalog) => {
      const owner = runbook.owner;
      if (!owner?.value) return []; // reported by runbook-sections
      if (!teams.includes(owner.value)) {
        const suggestion = didYouMean(owner.value, teams);
        return [
          {
            message: `owner "${owner.value}" is not a team${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; teams: ${teams.join(', ')}`,
            line: owner.line,
          },
        ];
      }
      const foreign = (catalog.linkedBy.get(runbook.path) ?? []).filter((link) => link.team.id !== owner.value);
      if (foreign.length === 0) return [];
      const foreignTeams = [...new Set(foreign.map((link) => link.team.id))];
      return [
        {
          message: `owner is "${owner.value}" but monitor${foreign.length === 1 ? '' : 's'} ${foreign.map(monitorLabel).join(', ')} of team${foreignTeams.length === 1 ? '' : 's'} ${foreignTeams.join(', ')} link${foreign.length === 1 ? 's' : ''} it: the team that gets paged owns the runbook (give each team its own copy if several need it)`,
          line: owner.line,
        },
      ];
    });
  },
};
