import type { LintRule } from '../../types';

/** Runbook structure and monitor <-> runbook integrity rules. */
export const RUNBOOK_RULES: readonly LintRule[] = [];
