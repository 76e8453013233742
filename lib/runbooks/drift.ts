import type { MonitorModel } from '../model/types';
import { sectionText, type Runbook } from './runbook';
import type { RunbookProblem } from './structure';

/** Queries compare with whitespace runs collapsed: re-wrapping a long query is not drift. */
const normalizeQuery = (query: string) => query.replace(/\s+/g, ' ').trim();

/**
 * The Trigger section must quote the monitor's query verbatim, so the responder reads what
 * actually fired; when the config changes and the runbook does not, it has drifted (warn).
 */
export function triggerDriftProblem(runbook: Runbook, monitor: MonitorModel, monitorLabel: string): RunbookProblem | undefined {
  const section = runbook.sections.get('trigger');
  if (!section) return undefined; // reported by runbook-sections
  if (normalizeQuery(sectionText(runbook, section)).includes(normalizeQuery(monitor.query))) return undefined;
  const quoted = runbook.document.codeBlocks.find((block) => block.line > section.bodyStart && block.line <= section.bodyEnd);
  return {
    message:
      `the ${section.heading.plainText} section does not quote the query of monitor ${monitorLabel} verbatim (config: ${monitor.query}` +
      (quoted ? `; runbook line ${quoted.line}: ${normalizeQuery(quoted.content)})` : '; paste it into a ```text block)'),
    line: section.heading.line,
    section: section.heading.plainText,
  };
}

/** A severity written in the runbook that none of its monitors has any more (warn). */
export function severityDriftProblem(runbook: Runbook, monitors: readonly MonitorModel[]): RunbookProblem | undefined {
  const written = runbook.severity;
  if (!written?.value || monitors.length === 0) return undefined;
  const configured = [...new Set(monitors.map((m) => m.severity.id))];
  if (configured.includes(written.value)) return undefined;
  return {
    message: `severity ${written.value} in the runbook, but its monitor${monitors.length === 1 ? ' is' : 's are'} ${configured.join(', ')} in config: the response expectations it describes may be wrong`,
    line: written.line,
  };
}
