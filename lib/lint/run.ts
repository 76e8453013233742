import type { DateTime } from 'luxon';
import { didYouMean } from '../config/did-you-mean';
import type { OrgModel } from '../model/types';
import { RULES } from './rules';
import type { Finding, LintContext, LintRule } from './types';

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
}

/**
 * Runs every policy rule over the model. Each finding gets its rule's default level or the level
 * the org sets in `lint.rules`; rules set to `off` are not run at all. An override naming no known
 * rule is itself an error (a typo would otherwise silently leave the real rule at its default).
 * Findings come back in a stable order: by team, then rule registration order, then message.
 */
export function runLint(model: OrgModel, options: LintOptions): Finding[] {
  const rules = options.rules ?? RULES;
  const overrides = model.lint.rules ?? {};
  const context: LintContext = { model, from: options.from, windowDays: options.windowDays ?? model.lint.windowDays };
  const findings: Finding[] = unknownOverrides(overrides, rules, options.organizationFile ?? 'config/organization.yaml');
  for (const rule of rules) {
    const level = overrides[rule.id] ?? rule.defaultLevel;
    if (level === 'off') continue;
    for (const finding of rule.check(context)) findings.push({ ...finding, ruleId: rule.id, level });
  }
  const order = new Map(rules.map((rule, index) => [rule.id, index]));
  return findings.sort(
    (a, b) =>
      compare(a.teamId, b.teamId) ||
      (order.get(a.ruleId) ?? -1) - (order.get(b.ruleId) ?? -1) ||
      compare(a.message, b.message),
  );
}

function unknownOverrides(overrides: Record<string, string>, rules: readonly LintRule[], file: string): Finding[] {
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
