import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { AlertGroupingSetting, type AlertGroupingSettingConfigA } from '@cdktf/provider-pagerduty/lib/alert-grouping-setting';
import { Service, type ServiceConfig } from '@cdktf/provider-pagerduty/lib/service';
import { ServiceIntegration } from '@cdktf/provider-pagerduty/lib/service-integration';
import { IntegrationPagerdutyServiceObject } from '@cdktf/provider-datadog/lib/integration-pagerduty-service-object';
import { WEEKDAYS } from '../config/schema/values';
import { followsSupportHours } from '../model/paging-targets';
import type { ServiceModel, SeverityModel, SupportHoursModel } from '../model/types';
import { businessHoursRouting, SeverityOrchestration, severityRouting, type SeverityRouting } from './severity-routing';
import { ConstructPropsError, requireDisplayName, requireProp, timeoutString, withSeconds } from './validation';

/**
 * How PagerDuty picks an incident's urgency on a service.
 * - `constant` + `severity_based` (main services): urgency follows the alert severity that the
 *   service's event orchestration sets from the monitor's level.
 * - `use_support_hours` (business-hours services): high inside the service's support hours, low
 *   outside, raised to high when support hours start. PagerDuty accepts scheduled actions only for
 *   exactly that pair, so nothing else is offered.
 */
export type ServiceUrgency =
  | { readonly type: 'constant'; readonly urgency: 'high' | 'low' | 'severity_based' }
  | { readonly type: 'use_support_hours'; readonly duringSupportHours: 'high'; readonly outsideSupportHours: 'low' };

export const SEVERITY_BASED_URGENCY: ServiceUrgency = { type: 'constant', urgency: 'severity_based' };
export const SUPPORT_HOURS_URGENCY: ServiceUrgency = { type: 'use_support_hours', duringSupportHours: 'high', outsideSupportHours: 'low' };

/**
 * Which of a service's PagerDuty services to build:
 * - `main`: the service itself (`severity_based`), paged by its high- and low-urgency levels;
 * - `business-hours`: its `businessHoursService` (`use_support_hours`), paged by its support-hours
 *   levels. PagerDuty's urgency rule belongs to a whole service, hence two services.
 */
export type PagedServiceKind = 'main' | 'business-hours';

export interface PagedServiceProps {
  /** Name, description, timeouts, support hours, alert grouping and the Datadog service name. */
  readonly service: ServiceModel;
  /** Default `main`. `business-hours` needs `service.businessHoursService`. */
  readonly kind?: PagedServiceKind;
  /** The team's escalation policy id (reference). */
  readonly escalationPolicyId: string;
  /**
   * The organization's level for events whose summary names no level (`unclassifiedSeverity`):
   * on a main service they page at high urgency with its priority. The levels each service routes
   * come from `service.pagingSeverities` / `service.businessHoursService.severities`.
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
 * - a service event orchestration turning the `[SEV1]` in alert summaries into severity/priority
 *   (main) or priority only (business hours, where the urgency rule decides urgency).
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
  public readonly kind: PagedServiceKind;
  /** The PagerDuty service's name (for `business-hours`, `<service name> (business hours)`). */
  public readonly serviceName: string;

  constructor(scope: Construct, id: string, props: PagedServiceProps) {
    super(scope, id);
    const model = props.service;
    const path = this.node.path;
    this.kind = props.kind ?? 'main';
    const shape = serviceShape(model, this.kind, props.unclassifiedSeverity, path);
    this.serviceName = shape.name;
    requireDisplayName(shape.name, path, 'service name');
    requireProp(
      DATADOG_SERVICE_NAME.test(shape.datadogServiceName),
      path,
      `Datadog service name ${JSON.stringify(shape.datadogServiceName)} must be letters, digits, _ . - (it becomes the @pagerduty-<name> handle)`,
    );
    requireProp(VENDOR_ID.test(props.datadogVendorId), path, `Datadog vendor id must look like PAM4FGS, got ${JSON.stringify(props.datadogVendorId)}`);
    this.routing = shape.routing;

    this.service = new Service(this, 'service', {
      name: shape.name,
      description: shape.description,
      escalationPolicy: props.escalationPolicyId,
      acknowledgementTimeout: timeoutString(model.acknowledgementTimeoutSeconds, path, 'acknowledgement timeout'),
      autoResolveTimeout: timeoutString(model.autoResolveTimeoutSeconds, path, 'auto-resolve timeout'),
      ...urgencyAttributes(shape.urgency, model.supportHours, path),
    });

    if (model.alertGrouping) {
      this.alertGrouping = new AlertGroupingSetting(this, 'alert-grouping', {
        name: `${shape.name} alert grouping`,
        description: `Alert grouping of the ${shape.name} service. Managed by oncall-as-code.`,
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
      serviceName: shape.datadogServiceName,
      serviceKey: this.datadogIntegration.integrationKey,
    });
    this.integrationKeyOutput = new TerraformOutput(this, 'datadog-integration-key', {
      description: `Integration key Datadog uses to page ${shape.name} (@pagerduty-${shape.datadogServiceName}).`,
      value: this.datadogIntegration.integrationKey,
      sensitive: true,
    });
    this.pagerdutyHandle = `@pagerduty-${shape.datadogServiceName}`;

    this.orchestration = new SeverityOrchestration(this, 'severity-routing', {
      serviceId: this.service.id,
      routing: this.routing,
      priorityId: props.priorityId,
    });
  }
}

interface ServiceShape {
  name: string;
  description: string;
  datadogServiceName: string;
  urgency: ServiceUrgency;
  routing: SeverityRouting;
}

/** Name, handle, urgency rule and orchestration rules of one of a service's PagerDuty services. */
function serviceShape(model: ServiceModel, kind: PagedServiceKind, unclassified: SeverityModel, path: string): ServiceShape {
  if (kind === 'main') {
    const severities = model.pagingSeverities.filter((severity) => !followsSupportHours(severity));
    return {
      name: model.name,
      description: model.description.trim(),
      datadogServiceName: model.datadogServiceName,
      urgency: SEVERITY_BASED_URGENCY,
      routing: severityRouting(path, severities, unclassified),
    };
  }
  requireProp(kind === 'business-hours', path, `service kind must be main or business-hours, got ${JSON.stringify(kind)}`);
  const businessHours = model.businessHoursService;
  requireProp(businessHours !== undefined, path, `service "${model.id}" has no support-hours monitors, so it has no business-hours service`);
  const levels = businessHours.severities.map((severity) => severity.id).join(', ');
  return {
    name: businessHours.name,
    description: `${model.description.trim()} This service takes the ${levels} alerts of ${model.name}: high urgency in support hours; outside them low urgency (no escalation), raised to high when support hours start.`,
    datadogServiceName: businessHours.datadogServiceName,
    urgency: SUPPORT_HOURS_URGENCY,
    routing: businessHoursRouting(path, businessHours.severities),
  };
}

function urgencyAttributes(urgency: ServiceUrgency, hours: SupportHoursModel | undefined, path: string): Partial<ServiceConfig> {
  if (urgency.type === 'constant') {
    requireProp(
      ['high', 'low', 'severity_based'].includes(urgency.urgency),
      path,
      `urgency must be high, low or severity_based, got ${JSON.stringify(urgency.urgency)}`,
    );
    return { incidentUrgencyRule: { type: 'constant', urgency: urgency.urgency } };
  }
  requireProp(
    urgency.type === 'use_support_hours',
    path,
    `urgency rule type must be constant or use_support_hours, got ${JSON.stringify((urgency as { type: unknown }).type)}`,
  );
  // PagerDuty accepts these only at apply time, and only in this shape (provider docs, PR #360).
  requireProp(
    urgency.duringSupportHours === 'high' && urgency.outsideSupportHours === 'low',
    path,
    'use_support_hours needs high urgency during and low outside support hours (the only combination PagerDuty allows scheduled actions for)',
  );
  requireProp(hours !== undefined, path, "use_support_hours needs the service's support hours");
  const days = [...new Set(hours.days)].map((d) => WEEKDAYS.indexOf(d) + 1).sort((a, b) => a - b);
  requireProp(days.length > 0 && days.every((d) => d >= 1), path, 'support hours need at least one weekday');
  requireProp(
    hours.to !== '24:00' && hours.to > hours.from,
    path,
    `support hours must start and end on the same day (PagerDuty fixed_time_per_day), got ${hours.from}-${hours.to}`,
  );
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
      if (minutes !== undefined)
        requireProp(validTimeWindow(minutes * 60, 'content_based'), path, `content-based grouping window must be 5-60 minutes or 1440 (a day), got ${minutes}`);
      return {
        type: 'content_based',
        config: { aggregate: grouping.aggregate ?? 'all', fields: [...grouping.fields], ...(minutes !== undefined ? { timeWindow: minutes * 60 } : {}) },
      };
    }
    default:
      throw new ConstructPropsError(path, `unknown alert grouping type ${JSON.stringify((grouping as { type: unknown }).type)}`);
  }
}
