import type { MonitorModel, OrgModel, SeverityModel, TeamModel } from '../model/types';
import type { MonitorLocation } from './monitor-reference';
import { PLACEHOLDER_MARKER } from './runbook';

/**
 * A new runbook for one monitor, filled in from config wherever config knows the answer
 * (title, owner, severity, the query verbatim, escalation ladder, schedules) and marked with
 * the placeholder marker wherever a human must write (impact, steps, dashboards). It passes
 * the structural checks as written; lint reports the markers as unfinished until replaced.
 */
export interface RunbookScaffold {
  /** Relative to the runbooks directory: where the monitor links, else `<team>/<monitor>.md`. */
  path: string;
  content: string;
  /** Whether the monitor already links this path (otherwise config needs a `runbook:` line). */
  linked: boolean;
}

const todo = (what: string) => `${PLACEHOLDER_MARKER} ${what}`;

export function scaffoldRunbook(model: OrgModel, location: MonitorLocation, today: string): RunbookScaffold {
  const { team, service, monitor } = location;
  const lines = [
    '---',
    `owner: ${team.id}`,
    `lastUpdated: ${today}`,
    `severity: ${monitor.severity.id}`,
    '---',
    `# ${monitor.name} - ${service.name} runbook`,
    '',
    '## Trigger',
    '',
    ...fenced('text', monitor.query),
    '',
    `Monitor **${monitor.name}** (\`${team.id}/${service.id}/${monitor.id}\`, Datadog ${monitor.type}), notifies as "${monitor.title}".`,
    ...thresholdLines(monitor),
    `Expected severity: **${monitor.severity.id}**: ${monitor.severity.description} ${severityResponse(monitor.severity)}`,
    '',
    '## Impact',
    '',
    `- ${todo('who is affected (customers, internal users, other services) and how many.')}`,
    `- ${todo('what it costs the business, in plain words.')}`,
    '',
    '## Prerequisites',
    '',
    `- ${todo('access, permissions and tools needed (consoles, cluster contexts, roles, CLI logins).')}`,
    '',
    '## Investigation',
    '',
    `1. ${todo('first thing to check: the command or graph, what normal looks like, what abnormal means.')}`,
    `2. ${todo('next check (recent deploys, dependencies, saturation), with normal and abnormal.')}`,
    '',
    '## Mitigation',
    '',
    `1. ${todo('the fastest way to stop the impact (roll back, feature flag, shift traffic), as a copy-pasteable command.')}`,
    `2. ${todo('the next option when the first does not apply.')}`,
    '',
    '## Verification',
    '',
    `- The monitor "${monitor.title}" returns to OK and stays there for 15 minutes.`,
    `- ${todo('the user-facing signal that proves recovery (graph or query, and its normal value).')}`,
    '',
    '## Rollback',
    '',
    `- ${todo('how to undo each mitigation step when it makes things worse.')}`,
    '',
    '## Escalation',
    '',
    ...escalationLines(model, team, monitor.severity),
    '',
    '## Context',
    '',
    `- Service: ${service.name} (\`${service.id}\`): ${service.description}`,
    `- Dashboard: ${todo('link to the service dashboard.')}`,
    `- Architecture: ${todo('link to the architecture document.')}`,
    `- Past incidents: ${todo('links to post-mortems of earlier occurrences.')}`,
    `- On-call schedules (PagerDuty): ${team.rotations.map((r) => r.name).join(', ') || 'none'}.`,
    ...(monitor.message ? [`- Monitor message: ${monitor.message.replace(/\s*\n\s*/g, ' ')}`] : []),
    '',
  ];
  const linked = Boolean(monitor.runbook);
  return { path: monitor.runbook?.path ?? `${team.id}/${monitor.id}.md`, content: lines.join('\n'), linked };
}

/** A fence longer than any backtick run in the text, so a query can never close it early. */
function fenced(info: string, text: string): string[] {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, text, fence];
}

function thresholdLines(monitor: MonitorModel): string[] {
  const parts: string[] = [];
  const t = monitor.thresholds;
  if (t) {
    for (const [name, value] of Object.entries(t)) if (value !== undefined) parts.push(`${name} ${value}`);
  }
  const lines = parts.length > 0 ? [`Thresholds: ${parts.join(', ')}.`] : [];
  if (monitor.noData?.notify) lines.push(`Also alerts after ${monitor.noData.afterMinutes ?? 10} minutes without data.`);
  return lines;
}

function severityResponse(severity: SeverityModel): string {
  const parts: string[] = [];
  if (!severity.paging) parts.push('Does not page; it notifies only.');
  else {
    const urgency =
      severity.urgency === 'support-hours'
        ? 'high urgency inside support hours; outside them low urgency, raised to high when support hours start'
        : `${severity.urgency ?? 'high'} urgency`;
    parts.push(`Pages the on-call (${urgency})${severity.ackTargetMinutes ? `; acknowledge within ${severity.ackTargetMinutes} minutes` : ''}.`);
  }
  if (severity.roles.length > 0) parts.push(`Roles: ${severity.roles.join(', ')}.`);
  if (severity.statusUpdateMinutes)
    parts.push(`Status updates every ${severity.statusUpdateMinutes} minutes${severity.statusPage ? ', status page entry required' : ''}.`);
  return parts.join(' ');
}

/** The team's PagerDuty escalation ladder, level by level, as the policy will page it. */
export function escalationLines(model: OrgModel, team: TeamModel, severity: SeverityModel): string[] {
  const { escalation } = team;
  const rotationName = (id: string) => {
    const rotation = team.rotations.find((r) => r.id === id);
    if (!rotation) return id;
    const derived = rotation.derivedFrom && team.rotations.find((r) => r.id === rotation.derivedFrom!.rotation);
    return derived
      ? `schedule **${rotation.name}** (${derived.name} ${rotation.derivedFrom!.offsetTurns} turn${rotation.derivedFrom!.offsetTurns === 1 ? '' : 's'} behind)`
      : `schedule **${rotation.name}**`;
  };
  const person = (id: string) => {
    const member = team.members.find((m) => m.id === id);
    return member ? `${member.name} (${member.email})` : id;
  };
  const lines = [`PagerDuty escalation policy **${escalation.name}**${team.chatHandle ? `; team chat \`${team.chatHandle}\`` : ''}.`, ''];
  escalation.levels.forEach((level, index) => {
    const targets = level.targets.map((t) => (t.kind === 'rotation' ? rotationName(t.rotationId) : person(t.memberId))).join(', ');
    const last = index === escalation.levels.length - 1;
    const after = last
      ? escalation.repeats > 0
        ? `after ${level.delayMinutes} minutes unacknowledged the ladder starts again (${escalation.repeats} more time${escalation.repeats === 1 ? '' : 's'})`
        : `the last level (${level.delayMinutes} minutes, no repeat)`
      : `escalates to level ${level.level + 1} after ${level.delayMinutes} minutes unacknowledged`;
    lines.push(`${level.level}. ${level.name}: ${targets}; ${after}.`);
  });
  if (team.followTheSun?.length) {
    const names = team.followTheSun.map((id) => team.rotations.find((r) => r.id === id)?.name ?? id);
    lines.push('', `Follow-the-sun: ${names.join(' -> ')}; whoever is in business hours answers.`);
  }
  lines.push(
    '',
    `- No mitigation progress after 30 minutes: escalate one level by hand from the PagerDuty incident.`,
    `- Customer-reported, spanning several services or suspected data loss: raise the severity (top level is ${model.severities[0].id}) and page the affected services' on-calls.`,
    `- ${todo(`teams of dependent services to involve, and when (${severity.id} response).`)}`,
  );
  return lines;
}
