import type { DateTime } from 'luxon';
import type { OrgModel } from '../model/types';

export type LintLevel = 'error' | 'warn' | 'off';

/** One problem found by a policy rule. */
export interface Finding {
  ruleId: string;
  level: Exclude<LintLevel, 'off'>;
  teamId: string;
  message: string;
  /** Where to fix it, when the rule can tell (repository-relative file, path inside it). */
  file?: string;
  path?: (string | number)[];
  /** 1-based line in `file`, for findings in Markdown (runbooks) where a config path does not apply. */
  line?: number;
  /** First offending instants, already formatted "local (UTC)" for the message. */
  instants?: string[];
}

export interface LintContext {
  model: OrgModel;
  /** Start of the analysis window (flag --from, default now; tests pin it). */
  from: DateTime;
  /** Window length in days (org lint.windowDays). */
  windowDays: number;
}

/** A policy rule: a pure function over the model. Registered once, in lib/lint/rules/index.ts. */
export interface LintRule {
  id: string;
  defaultLevel: Exclude<LintLevel, 'off'>;
  description: string;
  /** Returns findings without a level; the runner applies the default or the org override. */
  check(context: LintContext): Omit<Finding, 'level' | 'ruleId'>[];
}
