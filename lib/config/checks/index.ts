import { checkCapabilities } from './capabilities';
import { checkConfigText } from './config-text';
import { checkConstructIds } from './construct-ids';
import { checkDatadogServiceNames } from './datadog-service-names';
import { checkEmailCase, checkObserversOnCall, checkTeamRoleForAccountRole } from './members';
import { checkManagedUsers } from './managed-users';
import { checkMonitorText } from './monitor-text';
import { checkMonitors } from './monitors';
import { checkPagingHandles } from './paging-handles';
import { checkPlaceholders } from './placeholders';
import { checkPriorityPrefixes } from './priority-prefix';
import { checkReferences } from './references';
import { checkRunbookPaths } from './runbook-paths';
import { checkSeverities } from './severities';
import { checkTimes } from './times';
import type { SemanticCheck } from './types';
import { checkUniqueness } from './uniqueness';

/** Meaning-level checks run after the shape checks pass, in this order. */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  checkConfigText,
  checkSeverities,
  checkPriorityPrefixes,
  checkPagingHandles,
  checkReferences,
  checkObserversOnCall,
  checkTeamRoleForAccountRole,
  checkTimes,
  checkUniqueness,
  checkDatadogServiceNames,
  checkConstructIds,
  checkCapabilities,
  checkEmailCase,
  checkManagedUsers,
  checkMonitors,
  checkMonitorText,
  checkRunbookPaths,
  checkPlaceholders,
];
export type { SemanticCheck } from './types';
