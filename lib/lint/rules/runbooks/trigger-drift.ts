import { triggerDriftProblem } from '../../../runbooks/drift';
import type { LintRule } from '../../types';
import { findingsPerRunbook, monitorLabel } from './shared';

export const runbookTriggerDriftRule: LintRule = {
  id: 'runbook-trigger-drift',
  defaultLevel: 'warn',
  scope: 'organization',
  description: 'The Trigger section quotes the query of every monitor linking the runbook, verbatim.',
  check: (context) =>
    findingsPerRunbook(context, (runbook, catalog) =>
      (catalog.linkedBy.get(runbook.path) ?? []).map((link) => triggerDriftProblem(runbook, link.monitor, monitorLabel(link))),
    ),
};
