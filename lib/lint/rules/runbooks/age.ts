import { ageProblem } from '../../../runbooks/freshness';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookAgeRule: LintRule = {
  id: 'runbook-age',
  defaultLevel: 'warn',
  scope: 'organization',
  description: 'A runbook was updated within the last runbooks.maxAgeDays days.',
  check: (context) => findingsPerRunbook(context, (runbook) => [ageProblem(runbook, context.from, context.model.runbooks.maxAgeDays)]),
};
