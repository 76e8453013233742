import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AlertGroupingSetting, type AlertGroupingSettingConfigA } from '@cdktf/provider-pagerduty/lib/alert-grouping-setting';
import { Service, type ServiceConfig } from '@cdktf/provider-pagerduty/lib/service';
import { ServiceIntegration } from '@cdktf/provider-pagerduty/lib/service-integration';
import { IntegrationPagerdutyServiceObject } from '@cdktf/provider-datadog/lib/integration-pagerduty-service-object';
import { WEEKDAYS } from '../config/schema';
import type { ServiceModel, SeverityModel, SupportHoursModel } from '../model/types';
import { SeverityOrchestration, severityRouting, type SeverityRouting } from './severity-routing';
import { ConstructPropsError, requireDisplayName, requireProp, timeoutString, withSeconds } from './validation';

/**
 * How PagerDuty picks an incident's urgency on this service.
 * - `constant` + `severity_based` (what the app uses): urgency follows the alert severity that the
 *   service's event orchestration sets from the monitor's level.
 * - `use_support_hours`: high inside the service's support hours, low outside. PagerDuty accepts
 *   scheduled actions only for exactly that pair, so nothing else is offered.
 */
export type ServiceUrgency =
  | { readonly type: 'constant'; readonly urgency: 'high' | 'low' | 'severity_based' }
  | { readonly type: 'use_support_hours'; readonly duringSupportHours: 'high'; readonly outsideSupportHours: 'low' };

export const SEVERITY_BASED_URGENCY: ServiceUrgency = { type: 'constant', urgency: 'severity_based' };

export interface PagedServiceProps {
  /** Name, description, timeouts, support hours, alert grouping and the Datadog service name. */
  readonly service: ServiceModel;
  /** The team's escalation policy id (reference). */
  readonly escalationPolicyId: string;
  /** Default: severity_based. */
  readonly urgency?: ServiceUrgency;
  /**
   * The organization's level for events whose summary names no level (`unclassifiedSeverity`).
   * The service's own paging levels come from `service.pagingSeverities`.
   */
  readonly unclassifiedSeverity: SeverityModel;
  /** PagerDuty priority id (reference) by name. */
  readonly priorityId: (name: string) => string;
  /** PagerDuty vendor id of the Datadog integration (PAM4FGS). */
  readonly datadogVendorId: string;
}

const VENDOR_ID = /^P[A-Z0-9]{6}$/;
/** Becomes the `@pagerduty-<name>` handle: no spaces, only characters a handle can hold. */
const DATADOG_SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * A PagerDuty service paged through the team's escalation policy, with everything that makes it
 * page correctly from Datadog:
 * - `pagerduty_service` with both timeouts always set (omitted, PagerDuty applies a 30-minute
 *   re-trigger and a 4-hour auto-resolve nobody chose) and an explicit urgency rule;
 * - `pagerduty_alert_grouping_setting` (the provider's replacement for the deprecated
 *   `alert_grouping*` service attributes);
 * - a Datadog `pagerduty_service_integration`, whose integration key goes into a
 *   `datadog_integration_pagerduty_service_object` named like the service, so monitors notify
 *   `@pagerduty-<datadogServiceName>`; the key is also a sensitive output;
 * - a service event orchestration turning the `[SEV1]` in alert summaries into severity/priority.
 */
export class PagedService extends Construct {
  public readonly service: Service;
  public readonly alertGrouping?: AlertGroupingSetting;
  public readonly datadogIntegration: ServiceIntegration;
  public readonly datadogServiceObject: IntegrationPagerdutyServiceObject;
  public readonly integrationKeyOutput: TerraformOutput;
  public readonly orchestration: SeverityOrchestration;
  /** The severity/priority rules the orchestration applies, in order. */
  public readonly routing: SeverityRouting;
  /** What a monitor writes to page this service. */
  public readonly pagerdutyHandle: string;

  constructor(scope: Construct, id: string, props: PagedServiceProps) {
    super(scope, id);
    const model = props.service;
    const path = this.node.path;
    requireDisplayName(model.name, path, 'service name');
    requireProp(DATADOG_SERVICE_NAME.test(model.datadogServiceName), path, `Datadog service name ${JSON.stringify(model.datadogServiceName)} must be letters, digits, _ . - (it becomes the @pagerduty-<name> handle)`);
    requireProp(VENDOR_ID.test(props.datadogVendorId), path, `Datadog vendor id must look like PAM4FGS, got ${JSON.stringify(props.datadogVendorId)}`);
    this.routing = severityRouting(path, model.pagingSeverities, props.unclassifiedSeverity, model.supportHours);

    this.service = new Service(this, 'service', {
      name: model.name,
      description: model.description.trim(),
      escalationPolicy: props.escalationPolicyId,
      acknowledgementTimeout: timeoutString(model.acknowledgementTimeoutSeconds, path, 'acknowledgement timeout'),
      autoResolveTimeout: timeoutString(model.autoResolveTimeoutSeconds, path, 'auto-resolve timeout'),
      ...urgencyAttributes(props.urgency ?? SEVERITY_BASED_URGENCY, model.supportHours, path),
    });

    if (model.alertGrouping) {
      this.alertGrouping = new AlertGroupingSetting(this, 'alert-grouping', {
        name: `${model.name} alert grouping`,
        description: `Alert grouping of the ${model.name} service. Managed by oncall-as-code.`,
        services: [this.service.id],
        ...alertGroupingAttributes(model.alertGrouping, path),
      });
    }

    this.datadogIntegration = new ServiceIntegration(this, 'datadog-integration', {
      name: 'Datadog',
      service: this.service.id,
      vendor: props.datadogVendorId,
    });
    this.datadogServiceObject = new IntegrationPagerdutyServiceObject(this, 'datadog-service-object', {
      serviceName: model.datadogServiceName,
      serviceKey: this.datadogIntegration.integrationKey,
    });
    this.integrationKeyOutput = new TerraformOutput(this, 'datadog-integration-key', {
      description: `Integration key Datadog uses to page ${model.name} (@pagerduty-${model.datadogServiceName}).`,
      value: this.datadogIntegration.integrationKey,
      sensitive: true,
    });
    this.pagerdutyHandle = `@pagerduty-${model.datadogServiceName}`;

    this.orchestration = new SeverityOrchestration(this, 'severity-routing', {
      serviceId: this.service.id,
      routing: this.routing,
      priorityId: props.priorityId,
    });
  }
}

function urgencyAttributes(urgency: ServiceUrgency, hours: SupportHoursModel | undefined, path: string): Partial<ServiceConfig> {
  if (urgency.type === 'constant') {
    requireProp(['high', 'low', 'severity_based'].includes(urgency.urgency), path, `urgency must be high, low or severity_based, got ${JSON.stringify(urgency.urgency)}`);
    return { incidentUrgencyRule: { type: 'constant', urgency: urgency.urgency } };
  }
  requireProp(urgency.type === 'use_support_hours', path, `urgency rule type must be constant or use_support_hours, got ${JSON.stringify((urgency as { type: unknown }).type)}`);
  // PagerDuty accepts these only at apply time, and only in this shape (provider docs, PR #360).
  requireProp(
    urgency.duringSupportHours === 'high' && urgency.outsideSupportHours === 'low',
    path,
    'use_support_hours needs high urgency during and low outside support hours (the only combination PagerDuty allows scheduled actions for)',
  );
  requireProp(hours !== undefined, path, 'use_support_hours needs the service\'s support hours');
  const days = [...new Set(hours.days)].map((d) => WEEKDAYS.indexOf(d) + 1).sort((a, b) => a - b);
  requireProp(days.length > 0 && days.every((d) => d >= 1), path, 'support hours need at least one weekday');
  requireProp(hours.to !== '24:00' && hours.to > hours.from, path, `support hours must start and end on the same day (PagerDuty fixed_time_per_day), got ${hours.from}-${hours.to}`);
  return {
    incidentUrgencyRule: {
      type: 'use_support_hours',
      duringSupportHours: { type: 'constant', urgency: 'high' },
      outsideSupportHours: { type: 'constant', urgency: 'low' },
    },
    supportHours: {
      type: 'fixed_time_per_day',
      timeZone: hours.timeZone,
      daysOfWeek: days,
      startTime: withSeconds(hours.from),
      endTime: withSeconds(hours.to),
    },
    // Required with use_support_hours: open low-urgency incidents become high when support hours start.
    scheduledActions: [{ type: 'urgency_change', toUrgency: 'high', at: [{ type: 'named_time', name: 'support_hours_start' }] }],
  };
}

/** PagerDuty's limits for time_window (seconds): 300-3600, or 86400 for content-based only. */
function validTimeWindow(seconds: number, type: string): boolean {
  return (seconds >= 300 && seconds <= 3600) || (seconds === 86_400 && type === 'content_based');
}

function alertGroupingAttributes(grouping: NonNullable<ServiceModel['alertGrouping']>, path: string): { type: string; config: AlertGroupingSettingConfigA } {
  const minutes = grouping.timeoutMinutes;
  switch (grouping.type) {
    case 'time':
      // time: group while the incident is open unless a timeout (seconds here, not minutes) is set.
      return { type: 'time', config: minutes !== undefined ? { timeout: minutes * 60 } : {} };
    case 'intelligent': {
      if (minutes === undefined) return { type: 'intelligent', config: {} };
      requireProp(validTimeWindow(minutes * 60, 'intelligent'), path, `intelligent grouping window must be 5-60 minutes, got ${minutes}`);
      return { type: 'intelligent', config: { timeWindow: minutes * 60 } };
    }
    case 'content-based': {
      requireProp(grouping.fields !== undefined && grouping.fields.length > 0, path, 'content-based grouping needs the fields to compare');
      if (minutes !== undefined) requireProp(validTimeWindow(minutes * 60, 'content_based'), path, `content-based grouping window must be 5-60 minutes or 1440 (a day), got ${minutes}`);
      return {
        type: 'content_based',
        config: { aggregate: grouping.aggregate ?? 'all', fields: [...grouping.fields], ...(minutes !== undefined ? { timeWindow: minutes * 60 } : {}) },
      };
    }
    default:
      throw new ConstructPropsError(path, `unknown alert grouping type ${JSON.stringify((grouping as { type: unknown }).type)}`);
  }
}
