import { Construct } from 'constructs';
import { EventOrchestrationService } from '@cdktf/provider-pagerduty/lib/event-orchestration-service';
import type { SeverityModel } from '../model/types';
import { ConstructPropsError } from './validation';

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
  /** Absent on a business-hours service, whose urgency rule ignores severity. */
  readonly severity?: AlertSeverity;
  /** PagerDuty priority name (P1...), looked up by name; absent when the severity sets none. */
  readonly priorityName?: string;
}

export interface SeverityRouting {
  /** In evaluation order: first match wins. */
  readonly rules: SeverityRule[];
  /** Applied to events no rule matched. */
  readonly catchAll: { readonly severity?: AlertSeverity; readonly priorityName?: string };
}

/** A PCL string literal: single quotes, with `\` and `'` escaped (PagerDuty "PCL Overview"). */
export function pclString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The token every monitor of this severity carries at the start of its name: `[SEV1]`. */
export const severityToken = (severity: Pick<SeverityModel, 'id'>) => `[${severity.id}]`;

/** `event.summary matches part '[SEV1]'`: case-insensitive substring match on the alert summary. */
export const summaryMentions = (severity: Pick<SeverityModel, 'id'>) => `event.summary matches part ${pclString(severityToken(severity))}`;

/**
 * The rules of a `severity_based` service: they give an event from Datadog the severity and
 * priority of the level named in its summary. Datadog's PagerDuty integration sends only `error`
 * (alert, no data) or `warning`, never our level, so the monitor name carries `[SEV1]` and this
 * orchestration reads it back.
 *
 * Only paging monitors notify PagerDuty, so whatever reaches the service is meant to page: an
 * event whose token is not recognised (a changed summary format, truncation) pages at high urgency
 * around the clock (`catch_all` critical, with the unclassified level's priority). The rules can
 * only lower urgency (a `low` level becomes `warning`), never be needed to raise it. Support-hours
 * levels are not routed here: they page the service's business-hours service (`businessHoursRouting`).
 */
export function severityRouting(where: string, paging: readonly SeverityModel[], unclassified: SeverityModel): SeverityRouting {
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
      case 'support-hours':
        throw new ConstructPropsError(
          where,
          `severity "${severity.id}" follows support hours: its monitors page the service's business-hours service (use_support_hours), not this severity_based one`,
        );
      default:
        throw new ConstructPropsError(where, `paging severity "${severity.id}" has no urgency (expected high, low or support-hours)`);
    }
  }
  if (!unclassified.paging) throw new ConstructPropsError(where, `the unclassified severity "${unclassified.id}" must page`);
  return { rules, catchAll: { severity: 'critical', priorityName: unclassified.pagerdutyPriority } };
}

/**
 * The rules of a business-hours service (`use_support_hours`): PagerDuty's urgency rule decides
 * urgency there and ignores alert severity, so the orchestration only sets each level's priority.
 * An event whose token is not recognised gets the priority of the most severe level routed here
 * (every event on this service comes from one of them).
 */
export function businessHoursRouting(where: string, severities: readonly SeverityModel[]): SeverityRouting {
  if (severities.length === 0) throw new ConstructPropsError(where, 'a business-hours service needs at least one support-hours severity');
  assertNoPriorityPrefixClash(where, severities);
  const ordered = [...severities].sort((a, b) => a.rank - b.rank);
  const rules: SeverityRule[] = [];
  for (const severity of ordered) {
    if (!severity.paging || severity.urgency !== 'support-hours') {
      throw new ConstructPropsError(where, `severity "${severity.id}" does not follow support hours; only support-hours levels page a business-hours service`);
    }
    if (severity.pagerdutyPriority === undefined) continue;
    rules.push({
      label: `${severity.id}: priority ${severity.pagerdutyPriority}`,
      expression: summaryMentions(severity),
      priorityName: severity.pagerdutyPriority,
    });
  }
  return { rules, catchAll: { priorityName: ordered.find((s) => s.pagerdutyPriority !== undefined)?.pagerdutyPriority } };
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
 * The service's `pagerduty_event_orchestration_service`: the routing's rules in the `start` set,
 * its fallback in `catch_all`, and the service switched to Event Orchestration (from legacy
 * service event rules).
 */
export class SeverityOrchestration extends Construct {
  public readonly orchestration: EventOrchestrationService;

  constructor(scope: Construct, id: string, props: SeverityOrchestrationProps) {
    super(scope, id);
    const actions = (severity: AlertSeverity | undefined, priorityName: string | undefined) => ({
      ...(severity !== undefined ? { severity } : {}),
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
