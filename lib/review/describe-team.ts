import { TEAM_CHAT } from '../config/schema/values';
import type { EscalationTargetModel, OrgModel, ServiceModel, SeverityModel, TeamModel } from '../model/types';
import { daysText } from './rotation-preview';
import type { RoutingLine } from './types';

/**
 * Plain sentences for what a reviewer must judge: who is paged at each level, and for each
 * severity whom it reaches and how loudly. Lines are compared textually between base and head,
 * so they carry every fact that matters and nothing volatile.
 */
export function describeEscalation(team: TeamModel): string[] {
  const { escalation } = team;
  const lines = escalation.levels.map((level) => {
    const targets = level.targets.map((target) => targetText(team, target)).join(' + ');
    const next =
      level.level < escalation.levels.length
        ? `after ${level.delayMinutes} min -> level ${level.level + 1}`
        : `after ${level.delayMinutes} min -> ${escalation.repeats > 0 ? 'repeat from level 1' : 'stop'}`;
    return `level ${level.level} (${level.name}): ${targets}; ${next}`;
  });
  return [`policy "${escalation.name}", runs the ladder ${escalation.repeats + 1} time(s) in total (repeats: ${escalation.repeats})`, ...lines];
}

function targetText(team: TeamModel, target: EscalationTargetModel): string {
  if (target.kind === 'rotation') {
    const rotation = team.rotations.find((r) => r.id === target.rotationId);
    return `on-call of rotation ${target.rotationId}${rotation ? ` ("${rotation.name}")` : ''}`;
  }
  const member = team.members.find((m) => m.id === target.memberId);
  return `${member?.name ?? target.memberId} (${target.memberId})`;
}

/** One line per severity the team's monitors use, most severe first, plus the fallback for unclassified events. */
export function describeRouting(org: OrgModel, team: TeamModel): RoutingLine[] {
  const lines: RoutingLine[] = [];
  for (const severity of org.severities) {
    const uses = team.services
      .map((service) => ({ service, monitors: service.monitors.filter((m) => m.severity.id === severity.id) }))
      .filter((use) => use.monitors.length > 0);
    if (uses.length === 0) continue;
    const monitors = uses.map(({ service, monitors }) => `${service.name}: ${monitors.map((m) => m.name).join(', ')}`).join('; ');
    const notified = notifyText(team, severity);
    if (severity.paging) {
      const urgency = urgencyByService(
        severity,
        uses.map((use) => use.service),
      );
      const extras = [
        severity.pagerdutyPriority ? `priority ${severity.pagerdutyPriority}` : undefined,
        severity.ackTargetMinutes ? `ack target ${severity.ackTargetMinutes} min` : undefined,
        notified ? `also notifies ${notified}` : undefined,
      ].filter(Boolean);
      lines.push({
        severity: severity.id,
        pages: true,
        text: `${severity.id} pages "${team.escalation.name}" from level 1 (${firstLevelText(team)}), urgency ${urgency}${extras.length ? `, ${extras.join(', ')}` : ''} <- ${monitors}`,
      });
    } else {
      lines.push({ severity: severity.id, pages: false, text: `${severity.id} does not page; notifies ${notified || 'nobody'} <- ${monitors}` });
    }
  }
  const unclassified = org.unclassifiedSeverity;
  if (team.services.length > 0) {
    // catch_all of every main service: an unrecognised event pages at high urgency, never low.
    const priority = unclassified.pagerdutyPriority ? `, priority ${unclassified.pagerdutyPriority} (${unclassified.id}'s)` : '';
    lines.push({ severity: unclassified.id, pages: unclassified.paging, text: `events PagerDuty cannot classify page at high urgency (24/7)${priority}` });
  }
  return lines;
}

function firstLevelText(team: TeamModel): string {
  const first = team.escalation.levels[0];
  return first ? first.targets.map((target) => targetText(team, target)).join(' + ') : 'no levels';
}

/** "high (24/7)" when every service agrees, else "X on A, B / Y on C". */
function urgencyByService(severity: SeverityModel, services: ServiceModel[]): string {
  const groups = new Map<string, string[]>();
  for (const service of services) {
    const text = urgencyText(severity, service);
    groups.set(text, [...(groups.get(text) ?? []), service.name]);
  }
  if (groups.size === 1) return [...groups.keys()][0];
  return [...groups].map(([text, names]) => `${text} on ${names.join(', ')}`).join(' / ');
}

function urgencyText(severity: SeverityModel, service: ServiceModel): string {
  switch (severity.urgency) {
    case 'high':
      return 'high (24/7)';
    case 'low':
      return 'low (notifies, wakes nobody)';
    case 'support-hours': {
      const hours = service.supportHours;
      if (!hours) return 'high (support-hours urgency, but the service has no support hours: always high)';
      const via = service.businessHoursService ? ` via "${service.businessHoursService.name}"` : '';
      return `high ${daysText(hours.days)} ${hours.from}-${hours.to} ${hours.timeZone}, low outside (no escalation until support hours start, then raised to high)${via}`;
    }
    default:
      return 'unset';
  }
}

function notifyText(team: TeamModel, severity: SeverityModel): string {
  return severity.notify.map((handle) => (handle === TEAM_CHAT ? (team.chatHandle ?? 'team-chat (the team has no chatHandle: nobody)') : handle)).join(', ');
}
