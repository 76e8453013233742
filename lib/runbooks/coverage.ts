import type { OrgModel } from '../model/types';
import { runbookCatalog, type MonitorRunbookLink, type RunbookCatalog } from './catalog';
import { anchorProblem } from './links';
import { incompleteReason } from './structure';

/** Health bands from domain.md §2: share of pages that have a runbook, >80% healthy, <50% unhealthy. */
export type CoverageHealth = 'healthy' | 'watch' | 'unhealthy' | 'no paging monitors';

export interface TeamRunbookCoverage {
  teamId: string;
  teamName: string;
  pagingMonitors: number;
  withCompleteRunbook: number;
  /** 0..1, or null when the team has no paging monitor. */
  share: number | null;
  health: CoverageHealth;
  /** Paging monitors without a complete runbook, and why. */
  gaps: { serviceId: string; monitorId: string; reason: string }[];
}

/** Whether a monitor's runbook is complete (see isCompleteRunbook), and if not, why. */
export function monitorRunbookStatus(link: MonitorRunbookLink): { complete: boolean; reason?: string } {
  if (!link.monitor.runbook) return { complete: false, reason: 'no runbook linked' };
  if (!link.runbook) return { complete: false, reason: 'runbook file missing or unusable' };
  const anchor = link.monitor.runbook.anchor;
  if (anchor && anchorProblem(link.runbook.document, anchor, link.runbook.file)) return { complete: false, reason: `anchor #${anchor} not found` };
  const reason = incompleteReason(link.runbook);
  return reason ? { complete: false, reason } : { complete: true };
}

/** Share of each team's paging monitors that link a complete runbook, teams in model order. */
export function runbookCoverage(model: OrgModel, catalog: RunbookCatalog = runbookCatalog(model)): TeamRunbookCoverage[] {
  return model.teams.map((team) => {
    const paging = catalog.monitors.filter((link) => link.team.id === team.id && link.monitor.severity.paging);
    const gaps: TeamRunbookCoverage['gaps'] = [];
    for (const link of paging) {
      const status = monitorRunbookStatus(link);
      if (!status.complete) gaps.push({ serviceId: link.service.id, monitorId: link.monitor.id, reason: status.reason! });
    }
    const share = paging.length === 0 ? null : (paging.length - gaps.length) / paging.length;
    return {
      teamId: team.id,
      teamName: team.name,
      pagingMonitors: paging.length,
      withCompleteRunbook: paging.length - gaps.length,
      share,
      health: healthOf(share),
      gaps,
    };
  });
}

function healthOf(share: number | null): CoverageHealth {
  if (share === null) return 'no paging monitors';
  if (share > 0.8) return 'healthy';
  return share < 0.5 ? 'unhealthy' : 'watch';
}

/** "3/4 (75%)" or "none paging". */
export function formatCoverage(coverage: TeamRunbookCoverage): string {
  if (coverage.share === null) return 'no paging monitors';
  return `${coverage.withCompleteRunbook}/${coverage.pagingMonitors} (${Math.round(coverage.share * 100)}%)`;
}
