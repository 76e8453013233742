import { Construct } from 'constructs';
import type { ITerraformDependable } from 'cdktf';
import { Monitor, type MonitorMonitorThresholds } from '@cdktf/provider-datadog/lib/monitor';
import type { MonitorModel } from '../model/types';
import { monitorMessages, type MonitorMessageInput } from './monitor-message';
import { ConstructPropsError, requireDisplayName, requireProp } from './validation';

export interface RunbookMonitorProps {
  /** The resolved monitor: title with `[SEV]` prefix, severity, runbook URL, sorted tags. */
  readonly monitor: MonitorModel;
  readonly team: MonitorMessageInput['team'];
  readonly service: MonitorMessageInput['service'];
  /** `@pagerduty-<name>` of the owning service: required for paging severities, never used otherwise. */
  readonly pagerdutyHandle?: string;
  /** The Datadog PagerDuty service object, so the handle exists before the first alert can fire. */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A `datadog_monitor` that carries its severity end to end: `[SEV1]` in the name (PagerDuty's
 * event orchestration reads it back), the severity's Datadog priority, re-notify interval and
 * escalation message, team/service/severity tags, and a message with the runbook URL and the
 * routing the severity asks for (PagerDuty handle for paging levels, chat/ticket handles only
 * for the others).
 */
export class RunbookMonitor extends Construct {
  public readonly monitor: Monitor;
  /** The message as emitted (already in the form the provider reads back). */
  public readonly message: string;

  constructor(scope: Construct, id: string, props: RunbookMonitorProps) {
    super(scope, id);
    const { monitor } = props;
    const path = this.node.path;
    const severity = monitor.severity;
    requireDisplayName(monitor.title, path, 'monitor name');
    requireProp(monitor.query.trim().length > 0, path, 'monitor query must not be empty');
    requireProp(
      Number.isInteger(severity.datadogPriority) && severity.datadogPriority >= 1 && severity.datadogPriority <= 5,
      path,
      `Datadog priority must be 1-5, got ${severity.datadogPriority}`,
    );
    requireProp(!/@pagerduty-/i.test(monitor.message ?? ''), path, 'the extra message must not name @pagerduty handles: paging follows the severity');
    if (severity.paging) requireProp(props.pagerdutyHandle !== undefined, path, `severity "${severity.id}" pages, but no @pagerduty handle was given`);
    else requireProp(props.pagerdutyHandle === undefined, path, `severity "${severity.id}" does not page; it must not get a @pagerduty handle`);

    let messages;
    try {
      messages = monitorMessages({ monitor, team: props.team, service: props.service, pagerdutyHandle: props.pagerdutyHandle });
    } catch (error) {
      throw new ConstructPropsError(path, (error as Error).message);
    }
    this.message = messages.message;

    this.monitor = new Monitor(this, 'monitor', {
      name: monitor.title,
      type: monitor.type,
      query: monitor.query.trim(),
      message: messages.message,
      priority: String(severity.datadogPriority),
      tags: [...monitor.tags].sort(),
      monitorThresholds: monitor.thresholds ? thresholdStrings(monitor.thresholds) : undefined,
      notifyNoData: monitor.noData?.notify ?? false,
      noDataTimeframe: monitor.noData?.notify ? (monitor.noData.afterMinutes ?? 10) : undefined,
      ...(severity.renotifyMinutes > 0 ? { renotifyInterval: severity.renotifyMinutes, escalationMessage: messages.escalationMessage } : {}),
      dependsOn: props.dependsOn,
    });
  }
}

/** Datadog's thresholds are strings in the provider schema; numbers are written plainly. */
function thresholdStrings(thresholds: NonNullable<MonitorModel['thresholds']>): MonitorMonitorThresholds {
  const text = (n: number | undefined) => (n === undefined ? undefined : String(n));
  return {
    critical: text(thresholds.critical),
    criticalRecovery: text(thresholds.criticalRecovery),
    warning: text(thresholds.warning),
    warningRecovery: text(thresholds.warningRecovery),
    ok: text(thresholds.ok),
    unknown: text(thresholds.unknown),
  };
}
