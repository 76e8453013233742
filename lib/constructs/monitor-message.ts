import type { MonitorModel, SeverityModel } from '../model/types';
import { TEAM_CHAT } from '../config/schema/values';

export interface MonitorMessageInput {
  readonly monitor: MonitorModel;
  readonly team: { readonly id: string; readonly name: string; readonly chatHandle?: string };
  readonly service: { readonly id: string; readonly name: string };
  /** `@pagerduty-<name>` of the owning service; required when the severity pages. */
  readonly pagerdutyHandle?: string;
}

export interface MonitorMessages {
  readonly message: string;
  /** Sent with re-notifications; only when the severity re-notifies. */
  readonly escalationMessage?: string;
}

/**
 * The text a Datadog monitor sends. Datadog's provider trims `message` and `escalation_message`
 * (TrimSpace state functions) and the API strips CRs, so both are built already normalized:
 * LF only, no trailing spaces on any line, nothing before the first or after the last character.
 */
export function monitorMessages(input: MonitorMessageInput): MonitorMessages {
  const { monitor, team, service } = input;
  const severity = monitor.severity;
  const notify = notifyHandles(severity, team);
  const lines = [
    `Severity: ${severity.id} (${severityRouteText(severity)})`,
    `Team: ${team.name} (${team.id})`,
    `Service: ${service.name} (${service.id})`,
    `Runbook: ${monitor.runbook ? monitor.runbook.url : "none yet: write one and link it in the monitor's `runbook`"}`,
  ];
  if (monitor.message?.trim()) lines.push('', monitor.message.trim());

  const routing: string[] = [];
  if (severity.paging) {
    const handle = input.pagerdutyHandle;
    if (!handle) throw new Error(`monitor "${monitor.id}": severity "${severity.id}" pages, but no @pagerduty handle was given`);
    // Alerts open the incident; recovery must name the handle too or PagerDuty never resolves it.
    routing.push(`{{#is_alert}}${handle}{{/is_alert}}`);
    if (monitor.noData?.notify) routing.push(`{{#is_no_data}}${handle}{{/is_no_data}}`);
    routing.push(`{{#is_recovery}}${handle}{{/is_recovery}}`);
  }
  routing.push(...notify);
  if (routing.length > 0) lines.push('', ...routing);

  return {
    message: normalize(lines.join('\n')),
    escalationMessage:
      severity.renotifyMinutes > 0
        ? normalize(
            `${monitor.title} is still alerting (re-notified every ${severity.renotifyMinutes} minutes until it recovers).` +
              (monitor.runbook ? `\nRunbook: ${monitor.runbook.url}` : ''),
          )
        : undefined,
  };
}

/** The severity's `notify` list with `team-chat` resolved to the team's chat handle. */
export function notifyHandles(severity: SeverityModel, team: MonitorMessageInput['team']): string[] {
  const handles = severity.notify.map((handle) => {
    if (handle !== TEAM_CHAT) return handle;
    if (!team.chatHandle) throw new Error(`severity "${severity.id}" notifies team-chat, but team "${team.id}" has no chatHandle`);
    return team.chatHandle;
  });
  return [...new Set(handles)];
}

/**
 * Prose only: any `@handle` written here would itself notify (Datadog reads handles anywhere in
 * the message, outside conditionals on every transition), so handles appear only in the routing
 * block below it.
 */
function severityRouteText(severity: SeverityModel): string {
  if (!severity.paging) return 'does not page';
  const priority = severity.pagerdutyPriority ? `, PagerDuty priority ${severity.pagerdutyPriority}` : '';
  const urgency =
    severity.urgency === 'support-hours' ? 'high urgency in support hours; outside them low, raised to high when they start' : `${severity.urgency} urgency`;
  return `pages the on-call: ${urgency}${priority}`;
}

/** LF line ends, no trailing whitespace on lines, no blank runs, trimmed. */
export function normalize(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
