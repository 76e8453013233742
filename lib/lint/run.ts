import type { DateTime } from 'luxon';
import { didYouMean } from '../config/did-you-mean';
import type { OrgModel } from '../model/types';
import { restrictRunbookCatalog } from '../runbooks/catalog';
import { CHANGE_RULES, RULES } from './rules';
import type { ChangeLintContext, ChangeLintRule, Finding, LintContext, LintLevel, LintRule, RuleFinding } from './types';

/** teamId of findings about organization-wide settings rather than one team. */
export const ORGANIZATION_SCOPE = '(organization)';
/** ruleId of a lint.rules entry naming no known rule. */
export const UNKNOWN_RULE_ID = 'lint-unknown-rule';

export interface LintOptions {
  /** Start of the window (the --from flag; default now, tests pin it). */
  from: DateTime;
  /** Window length; default the org's lint.windowDays. */
  windowDays?: number;
  /** Rules to run; default every registered rule. */
  rules?: readonly LintRule[];
  /** Where lint.rules lives, for the unknown-rule finding. */
  organizationFile?: string;
  /** The model at a base ref (`lint --base`): also runs the change rules, comparing it with `model`. */
  base?: OrgModel;
  /** Change rules to run when `base` is given; default every registered one. */
  changeRules?: readonly ChangeLintRule[];
  /**
   * Only findings about these team ids (and organization-scope findings) are wanted, e.g. by
   * `synth --stack`: the work for other teams is skipped where that cannot change the result
   * (see checkTeams). Default: every team.
   */
  teams?: ReadonlySet<string>;
}

/**
 * Runs every policy rule over the model. Each finding gets the level the org sets in `lint.rules`,
 * else the level its rule gave it, else the rule's default; rules set to `off` are not run at all. An override naming no known
 * rule is itself an error (a typo would otherwise silently leave the real rule at its default).
 * Findings come back in a stable order: by team, then rule registration order, then message.
 */
export function runLint(model: OrgModel, options: LintOptions): Finding[] {
  return collectLint(model, options, checkRules(model, options, options.rules ?? RULES));
}

/**
 * The findings of `rules` alone, at their levels, unsorted: the middle of runLint. Lint threads
 * (lint/threads.ts) each run a share of the rules with it on other cores and hand the findings to
 * collectLint, so the result is runLint's, finding for finding.
 */
export function checkRules(model: OrgModel, options: Pick<LintOptions, 'from' | 'windowDays' | 'teams'>, rules: readonly LintRule[]): Finding[] {
  const overrides = model.lint.rules ?? {};
  const context: LintContext = { model, from: options.from, windowDays: options.windowDays ?? model.lint.windowDays };
  return options.teams ? checkTeams(rules, context, overrides, options.teams) : checkAtLevels(rules, context, overrides);
}

/**
 * runLint around findings already checked (checkRules, here or on other threads): adds the
 * unknown-override and change-rule findings and sorts, so the order never depends on which
 * thread found what.
 */
export function collectLint(model: OrgModel, options: LintOptions, ruleFindings: readonly Finding[]): Finding[] {
  const rules = options.rules ?? RULES;
  const changeRules = options.changeRules ?? CHANGE_RULES;
  const findings: Finding[] = unknownOverrides(model.lint.rules ?? {}, [...rules, ...changeRules], options.organizationFile ?? 'config/organization.yaml');
  findings.push(...ruleFindings);
  if (options.base) findings.push(...runChangeLint(options.base, model, { ...options, changeRules }));
  return sortFindings(findings, [...rules, ...changeRules]);
}

/**
 * Runs only the change rules: what a change does, comparing the model at the base ref with the
 * working tree's (levels from the working tree's lint.rules). The review shows these on their own,
 * at the top of each team's section.
 */
export function runChangeLint(base: OrgModel, model: OrgModel, options: Omit<LintOptions, 'base' | 'rules'>): Finding[] {
  const changeRules = options.changeRules ?? CHANGE_RULES;
  const context: ChangeLintContext = { model, base, from: options.from, windowDays: options.windowDays ?? model.lint.windowDays };
  return sortFindings(checkAtLevels(changeRules, context, model.lint.rules ?? {}), changeRules);
}

/**
 * Whether a rule's findings about a team depend only on that team and organization settings (it
 * declares scope `team`): such rules can run on a model holding only the wanted teams.
 */
export const isTeamScoped = (rule: Pick<LintRule, 'scope'>): boolean => rule.scope === 'team';

/**
 * checkAtLevels restricted to findings about `teams` (plus organization-scope ones), with what
 * the other findings would cost skipped: team-local rules see only the wanted teams; every other
 * rule sees the whole organization (uniqueness, runbook ownership and links are cross-team), with
 * a runbook catalog that reads only the runbooks such findings can come from. The final filter
 * drops whatever other teams' findings remain, so the result is exactly the full run's, filtered.
 */
function checkTeams(rules: readonly LintRule[], context: LintContext, overrides: Record<string, LintLevel>, teams: ReadonlySet<string>): Finding[] {
  const model = context.model;
  const teamLocal = rules.filter(isTeamScoped);
  const crossTeam = rules.filter((rule) => !isTeamScoped(rule));
  const wantedTeamsModel: OrgModel = { ...model, teams: model.teams.filter((team) => teams.has(team.id)) };
  const findings = checkAtLevels(teamLocal, { ...context, model: wantedTeamsModel }, overrides);
  if (crossTeam.length > 0) {
    const wholeModel: OrgModel = { ...model }; // its own object, so its restricted catalog is not shared
    restrictRunbookCatalog(wholeModel, teams);
    findings.push(...checkAtLevels(crossTeam, { ...context, model: wholeModel }, overrides));
  }
  const modelTeams = new Set(model.teams.map((team) => team.id));
  return findings.filter((finding) => teams.has(finding.teamId) || !modelTeams.has(finding.teamId));
}

/** A LintRule (C = LintContext) or a ChangeLintRule (C = ChangeLintContext). */
type RuleOver<C> = Pick<LintRule, 'id' | 'defaultLevel'> & { check(context: C): RuleFinding[] };

/**
 * Runs each rule not set to `off`. A finding's level: the org's override for the rule if any, else
 * the level the rule gave that finding, else the rule's default.
 */
function checkAtLevels<C>(rules: readonly RuleOver<C>[], context: C, overrides: Record<string, LintLevel>): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    const override = overrides[rule.id];
    if (override === 'off') continue;
    for (const finding of rule.check(context)) findings.push({ ...finding, ruleId: rule.id, level: override ?? finding.level ?? rule.defaultLevel });
  }
  return findings;
}

function sortFindings(findings: Finding[], rules: readonly { id: string }[]): Finding[] {
  const order = new Map(rules.map((rule, index) => [rule.id, index]));
  return findings.sort((a, b) => compare(a.teamId, b.teamId) || (order.get(a.ruleId) ?? -1) - (order.get(b.ruleId) ?? -1) || compare(a.message, b.message));
}

function unknownOverrides(overrides: Record<string, string>, rules: readonly { id: string }[], file: string): Finding[] {
  const known = rules.map((rule) => rule.id);
  return Object.keys(overrides)
    .filter((id) => !known.includes(id))
    .sort()
    .map((id) => {
      const hint = didYouMean(id, known);
      return {
        ruleId: UNKNOWN_RULE_ID,
        level: 'error' as const,
        teamId: ORGANIZATION_SCOPE,
        file,
        path: ['lint', 'rules', id],
        message: `lint.rules sets a level for unknown rule "${id}"${hint ? `; did you mean "${hint}"?` : ''} (known rules: ${known.join(', ')})`,
      };
    });
}

/** Code-unit order, independent of the machine's locale. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const hasErrorFindings = (findings: readonly Finding[]) => findings.some((f) => f.level === 'error');
