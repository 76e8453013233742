import type { LintRule } from '../types';
import { COVERAGE_RULES } from './coverage';
import { RUNBOOK_RULES } from './runbooks';

/** Every policy rule, in report order. Adding a rule: one new module and one line in a pack. */
export const RULES: readonly LintRule[] = [...COVERAGE_RULES, ...RUNBOOK_RULES];

/**
 * Rules over a change (base ref -> working tree), reported after RULES. They run only when the
 * runner is given a base (`lint --base REF`, review); their ids are always valid in lint.rules.
 */
export { CHANGE_RULES } from './changes';
