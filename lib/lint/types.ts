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
  /**
   * 1-based line in `file`: set by runbook rules (Markdown, where a config path does not apply),
   * and for config files by the command that prints findings (locateFindings), like validate's.
   */
  line?: number;
  /** 1-based column, with `line`. */
  column?: number;
  /** First offending instants, already formatted "local (UTC)" for the message. */
  instants?: string[];
  /** Ready-to-paste config (YAML) that fixes the finding, when the rule can write one. */
  suggestion?: string;
}

export interface LintContext {
  model: OrgModel;
  /** Start of the analysis window (flag --from, default now; tests pin it). */
  from: DateTime;
  /** Window length in days (org lint.windowDays). */
  windowDays: number;
}

/**
 * What a rule returns: a finding without its rule id. A rule that grades its own findings (e.g.
 * roster-ended: a warning at first, an error once the roster has been over for a while) sets
 * `level`; otherwise the runner applies the rule's default. An org override in lint.rules wins
 * over both.
 */
export type RuleFinding = Omit<Finding, 'level' | 'ruleId'> & { level?: Finding['level'] };

/** A policy rule: a pure function over the model. Registered once, in lib/lint/rules/index.ts. */
/**
 * What a rule reads. `team`: a team's findings depend on that team's config alone, so the rule can
 * run team by team (on several threads, or for `synth --stack` only on the teams asked for).
 * `organization`: it reads across teams (the runbook catalog, ownership), so it runs once over all.
 */
export type LintScope = 'team' | 'organization';

export interface LintRule {
  id: string;
  defaultLevel: Exclude<LintLevel, 'off'>;
  scope: LintScope;
  description: string;
  /** Returns findings, usually without a level; the runner applies the default or the org override. */
  check(context: LintContext): RuleFinding[];
}

/** What a change rule sees: the working tree's model (`model`) and the model at the base ref. */
export interface ChangeLintContext extends LintContext {
  base: OrgModel;
}

/**
 * A rule over a change rather than a state: it compares the model at a base ref with the working
 * tree's (`lint --base REF`, and the review command). Same id/level/override contract as LintRule;
 * registered in CHANGE_RULES (lib/lint/rules/index.ts) and skipped when there is no base.
 */
export interface ChangeLintRule extends Omit<LintRule, 'check'> {
  check(context: ChangeLintContext): RuleFinding[];
}
