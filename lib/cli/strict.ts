import { PLACEHOLDER_CODES } from '../config/checks/placeholders';
import type { Diagnostic } from '../config/diagnostics';
import type { Finding } from '../lint/types';
import type { OrgModel } from '../model/types';

/**
 * Onboarding left unfinished: placeholders `new-team` writes (values and comments) and the
 * TODO(runbook) markers of `new-runbook`. A local run keeps them as warnings so a team can start
 * from a valid file; where CI decides (`check`, `lint --strict`, `synth --require-remote-state`)
 * they are errors, so a scaffold cannot be merged and deployed unfilled.
 */
export const UNFINISHED_RULES: readonly string[] = ['runbook-unfinished'];

const STRICT_NOTE = ' (CI refuses unfinished onboarding)';

export function strictDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) =>
    d.level === 'warning' && d.code !== undefined && PLACEHOLDER_CODES.includes(d.code) ? { ...d, level: 'error', message: d.message + STRICT_NOTE } : d,
  );
}

export function strictFindings(findings: Finding[]): Finding[] {
  return findings.map((f) => (f.level === 'warn' && UNFINISHED_RULES.includes(f.ruleId) ? { ...f, level: 'error', message: f.message + STRICT_NOTE } : f));
}

/** The model a strict run lints: an organization that turned a rule above off still may not ship its TODOs. */
export function strictModel(model: OrgModel): OrgModel {
  const rules = { ...model.lint.rules };
  for (const id of UNFINISHED_RULES) if (rules[id] === 'off') rules[id] = 'warn';
  return { ...model, lint: { ...model.lint, rules } };
}
