import { severityDriftProblem } from '../../../runbooks/drift';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookSeverityDriftRule: LintRule = {
  id: 'runbook-severity-drift',
  defaultLevel: 'warn',
  scope: 'organization',
  description: "A severity written in a runbook's front matter matches a monitor linking it.",
  check: (context) =>
    findingsPerRunbook(context, (runbook, catalog) => [
      severityDriftProblem(
        runbook,
        (catalog.linkedBy.get(runbook.path) ?? []).map((link) => link.monitor),
      ),
    ]),
};
