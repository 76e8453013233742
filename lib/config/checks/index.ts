import { checkMonitors } from './monitors';
import { checkReferences } from './references';
import { checkRunbookPaths } from './runbook-paths';
import { checkSeverities } from './severities';
import { checkTimes } from './times';
import type { SemanticCheck } from './types';
import { checkUniqueness } from './uniqueness';

/** Meaning-level checks run after the shape checks pass, in this order. */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [checkSeverities, checkReferences, checkTimes, checkUniqueness, checkMonitors, checkRunbookPaths];
export type { SemanticCheck } from './types';
