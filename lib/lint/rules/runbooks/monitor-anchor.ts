import { runbookCatalog } from '../../../runbooks/catalog';
import { anchorProblem } from '../../../runbooks/links';
import type { LintRule } from '../../types';
import type { RuleFinding } from './shared';

export const runbookMonitorAnchorRule: LintRule = {
  id: 'runbook-monitor-anchor',
  defaultLevel: 'error',
  scope: 'organization',
  description: "A monitor's runbook link with a #section names a heading of that runbook (GitHub anchor rules).",
  check: (context) => {
    const findings: RuleFinding[] = [];
    for (const link of runbookCatalog(context.model).monitors) {
      const anchor = link.monitor.runbook?.anchor;
      if (!anchor || !link.runbook || link.runbook.readProblem) continue;
      const problem = anchorProblem(link.runbook.document, anchor, link.runbook.file);
      if (problem)
        findings.push({
          teamId: link.team.id,
          message: `monitor "${link.monitor.id}" links ${link.monitor.runbook!.path}#${anchor}, but ${problem}`,
          file: link.team.file,
          path: [...link.configPath, 'runbook'],
        });
    }
    return findings;
  },
};
