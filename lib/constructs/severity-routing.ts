import { Construct } from 'constructs';
import { EventOrchestrationService } from '@cdktf/provider-pagerduty/lib/event-orchestration-service';
import { WEEKDAYS, type Weekday } from '../config/schema';
import type { SeverityModel, SupportHoursModel } from '../model/types';
import { ConstructPropsError, withSeconds } from './validation';

/**
 * PagerDuty alert severities this project sets. With the service's urgency rule at
 * `severity_based`, PagerDuty maps critical/error to high urgency and warning/info to low
 * (support.pagerduty.com "Dynamic Notifications").
 */
export type AlertSeverity = 'critical' | 'warning';

/** One rule of the service orchestration's `start` set, before priority names become ids. */
export interface SeverityRule {
  readonly label: string;
  /** PCL condition the event must meet (only `catch_all` is unconditional). */
  readonly expression: string;
  readonly severity: AlertSeverity;
  /** PagerDuty priority name (P1...), looked up by name; absent when the severity sets none. */
  readonly priorityName?: string;
}

export interface SeverityRouting {
  /** In evaluation order: first match wins. */
  readonly rules: SeverityRule[];
  /** Applied to events no rule matched: the organization's unclassified severity. */
  readonly catchAll: { readonly severity: AlertSeverity; readonly priorityName?: string };
}

const PCL_DAYS: Record<Weekday, string> = { monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun' };

/** A PCL string literal: single quotes, with `\` and `'` escaped (PagerDuty "PCL Overview"). */
export function pclString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The token every monitor of this severity carries at the start of its name: `[SEV1]`. */
export const severityToken = (severity: Pick<SeverityModel, 'id'>) => `[${severity.id}]`;

/** `event.summary matches part '[SEV1]'`: case-insensitive substring match on the alert summary. */
export const summaryMentions = (severity: Pick<SeverityModel, 'id'>) => `event.summary matches part ${pclString(severityToken(severity))}`;

/**
 * `now in Mon,Tue,Wed,Thu,Fri 09:00:00 to 18:00:00 America/New_York`: the listed days are the
 * days the window starts on, evaluated in local wall-clock time of the zone (PCL Overview).
 */
export function withinSupportHours(hours: SupportHoursModel): string {
  const days = [...new Set(hours.days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b)).map((d) => PCL_DAYS[d]);
  // 24:00 ("until midnight") is 00:00:00 of the next day in PCL: an end before the start wraps.
  const end = hours.to === '24:00' ? '00:00:00' : withSeconds(hours.to);
  return `now in ${days.join(',')} ${withSeconds(hours.from)} to ${end} ${hours.timeZone}`;
}

/**
 * The rules that give an event from Datadog the severity and priority of the level named in its
 * summary. Datadog's PagerDuty integration sends only `error` (alert, no data) or `warning`, never
 * our level, so the monitor name carries `[SEV1]` and this orchestration reads it back.
 */
export function severityRouting(where: string, paging: readonly SeverityModel[], unclassified: SeverityModel, supportHours: SupportHoursModel | undefined): SeverityRouting {
  assertNoPriorityPrefixClash(where, paging);
  const rules: SeverityRule[] = [];
  for (const severity of [...paging].sort((a, b) => a.rank - b.rank)) {
    if (!severity.paging) throw new ConstructPropsError(where, `severity "${severity.id}" does not page; only paging severities are routed to PagerDuty`);
    const priorityName = severity.pagerdutyPriority;
    const match = summaryMentions(severity);
    switch (severity.urgency) {
      case 'high':
        rules.push({ label: `${severity.id}: high urgency`, expression: match, severity: 'critical', priorityName });
        break;
      case 'low':
        rules.push({ label: `${severity.id}: low urgency`, expression: match, severity: 'warning', priorityName });
        break;
      case 'support-hours': {
        if (!supportHours) throw new ConstructPropsError(where, `severity "${severity.id}" follows support hours, but the service has none`);
        rules.push({ label: `${severity.id}: high urgency inside support hours`, expression: `${match} and ${withinSupportHours(supportHours)}`, severity: 'critical', priorityName });
        rules.push({ label: `${severity.id}: low urgency outside support hours`, expression: match, severity: 'warning', priorityName });
        break;
      }
      default:
        throw new ConstructPropsError(where, `paging severity "${severity.id}" has no urgency (expected high, low or support-hours)`);
    }
  }
  const priorityName = unclassified.pagerdutyPriority;
  if (!unclassified.paging) throw new ConstructPropsError(where, `the unclassified severity "${unclassified.id}" must page`);
  if (unclassified.urgency === 'support-hours' && supportHours) {
    rules.push({ label: `unclassified (${unclassified.id}): high urgency inside support hours`, expression: withinSupportHours(supportHours), severity: 'critical', priorityName });
    return { rules, catchAll: { severity: 'warning', priorityName } };
  }
  // Without support hours there is no "outside": an unclassifiable event pages (safer than silence).
  return { rules, catchAll: { severity: unclassified.urgency === 'low' ? 'warning' : 'critical', priorityName } };
}

/**
 * Datadog prefixes notification titles with the monitor priority (`[P1] [Triggered] ...`). With
 * severity ids like P1, a monitor of level P2 at Datadog priority 1 would carry `[P1]` too and be
 * caught by P1's rule; refuse rather than route it wrongly. (PCL `matches part` ignores case.)
 */
function assertNoPriorityPrefixClash(where: string, paging: readonly SeverityModel[]): void {
  const ordered = [...paging].sort((a, b) => a.rank - b.rank);
  for (const source of ordered) {
    const prefix = `[p${source.datadogPriority}]`;
    const earlier = ordered.find((rule) => rule.rank < source.rank && severityToken(rule).toLowerCase() === prefix);
    if (earlier) {
      throw new ConstructPropsError(
        where,
        `severity "${source.id}" has Datadog priority ${source.datadogPriority}, so its alerts start with "[P${source.datadogPriority}]" and would match severity "${earlier.id}"'s rule; give "${source.id}" a different datadogPriority or rename the severities`,
      );
    }
  }
}

export interface SeverityOrchestrationProps {
  /** The PagerDuty service id (reference). */
  readonly serviceId: string;
  readonly routing: SeverityRouting;
  /** PagerDuty priority id (reference) by priority name. */
  readonly priorityId: (name: string) => string;
}

/**
 * The service's `pagerduty_event_orchestration_service`: the rules of `severityRouting` in the
 * `start` set, the unclassified severity in `catch_all`, and the service switched to Event
 * Orchestration (from legacy service event rules).
 */
export class SeverityOrchestration extends Construct {
  public readonly orchestration: EventOrchestrationService;

  constructor(scope: Construct, id: string, props: SeverityOrchestrationProps) {
    super(scope, id);
    const actions = (severity: AlertSeverity, priorityName?: string) => ({
      severity,
      ...(priorityName !== undefined ? { priority: props.priorityId(priorityName) } : {}),
    });
    this.orchestration = new EventOrchestrationService(this, 'orchestration', {
      service: props.serviceId,
      enableEventOrchestrationForService: true,
      set: [
        {
          id: 'start',
          rule: props.routing.rules.map((rule) => ({
            label: rule.label,
            condition: [{ expression: rule.expression }],
            actions: actions(rule.severity, rule.priorityName),
          })),
        },
      ],
      catchAll: { actions: actions(props.routing.catchAll.severity, props.routing.catchAll.priorityName) },
    });
  }
}
