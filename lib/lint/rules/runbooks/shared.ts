import { runbookCatalog, responsibleTeam, type RunbookCatalog } from '../../../runbooks/catalog';
import type { Runbook } from '../../../runbooks/runbook';
import type { RunbookProblem } from '../../../runbooks/structure';
import type { Finding, LintContext } from '../../types';

export type RuleFinding = Omit<Finding, 'level' | 'ruleId'>;

/** Runs a per-file check over every runbook and turns its problems into findings on that file. */
export function findingsPerRunbook(context: LintContext, check: (runbook: Runbook, catalog: RunbookCatalog) => (RunbookProblem | undefined)[]): RuleFinding[] {
  const catalog = runbookCatalog(context.model);
  const findings: RuleFinding[] = [];
  for (const runbook of catalog.runbooks) {
    const problems = check(runbook, catalog).filter((problem): problem is RunbookProblem => problem !== undefined);
    if (problems.length === 0) continue; // the usual case: no need to work out whose runbook it is
    const teamId = responsibleTeam(context.model, catalog, runbook);
    for (const problem of problems) findings.push(runbookFinding(teamId, runbook, problem));
  }
  return findings;
}

export function runbookFinding(teamId: string, runbook: Runbook, problem: RunbookProblem): RuleFinding {
  return {
    teamId,
    message: problem.message,
    file: runbook.file,
    ...(problem.line ? { line: problem.line } : {}),
    ...(problem.section ? { path: [problem.section] } : {}),
  };
}

/** "payments/checkout-api/error-rate": how findings name a monitor. */
export const monitorLabel = (link: { team: { id: string }; service: { id: string }; monitor: { id: string } }) =>
  `${link.team.id}/${link.service.id}/${link.monitor.id}`;
