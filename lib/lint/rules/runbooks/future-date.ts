import { futureDateProblem } from '../../../runbooks/freshness';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookFutureDateRule: LintRule = {
  id: 'runbook-date-future',
  defaultLevel: 'error',
  scope: 'organization',
  description: "A runbook's lastUpdated is not after today (in any time zone).",
  check: (context) => findingsPerRunbook(context, (runbook) => [futureDateProblem(runbook, context.from)]),
};
