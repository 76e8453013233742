import type { ChangeLintRule } from '../../types';
import { rosterChangeWithoutEffectiveInstant } from './roster-change-without-effective-instant';

/**
 * Rules over a change (base ref -> working tree) rather than over one model. They need two models,
 * so they are not LintRules: the runner runs them only when given a base (`lint --base`, review),
 * but their ids are always known, so `lint.rules` can set their level like any other rule's.
 */
export const CHANGE_RULES: readonly ChangeLintRule[] = [rosterChangeWithoutEffectiveInstant];
