import type { LintRule } from '../../types';
import { runbookAgeRule } from './age';
import { runbookFutureDateRule } from './future-date';
import { runbookLinksRule } from './links';
import { runbookMonitorAnchorRule } from './monitor-anchor';
import { runbookNumberedStepsRule } from './numbered-steps';
import { runbookOwnerRule } from './owner';
import { runbookSectionsRule } from './sections';
import { runbookSeverityDriftRule } from './severity-drift';
import { runbookTriggerDriftRule } from './trigger-drift';
import { runbookUnfinishedRule } from './unfinished';
import { runbookUnlinkedRule } from './unlinked';

/**
 * Runbook structure and monitor <-> runbook integrity rules (docs/runbooks.md). Whether a
 * linked runbook file exists at all is a config error (lib/config/checks/runbook-paths.ts),
 * so these rules only see runbooks that can be read.
 */
export const RUNBOOK_RULES: readonly LintRule[] = [
  runbookSectionsRule,
  runbookNumberedStepsRule,
  runbookOwnerRule,
  runbookFutureDateRule,
  runbookAgeRule,
  runbookLinksRule,
  runbookMonitorAnchorRule,
  runbookTriggerDriftRule,
  runbookSeverityDriftRule,
  runbookUnlinkedRule,
  runbookUnfinishedRule,
];
