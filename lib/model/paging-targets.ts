import { BUSINESS_HOURS_SUFFIX, businessHoursServiceName } from '../config/names';
import type { BusinessHoursServiceModel, ServiceModel, SeverityModel } from './types';

/**
 * A level that pages at high urgency only inside the service's support hours. PagerDuty's
 * `use_support_hours` urgency rule is a property of a whole service, so such levels page a second
 * service of their own (see `businessHoursServiceFor`).
 */
export const followsSupportHours = (severity: Pick<SeverityModel, 'paging' | 'urgency'>) => severity.paging && severity.urgency === 'support-hours';

/**
 * The business-hours service a service needs: present exactly when some of its monitors page with
 * a support-hours level. Named `<service name> (business hours)`, Datadog handle
 * `@pagerduty-<datadogServiceName>-business-hours`.
 */
export function businessHoursServiceFor(
  service: Pick<ServiceModel, 'name' | 'datadogServiceName' | 'pagingSeverities'>,
): BusinessHoursServiceModel | undefined {
  const severities = service.pagingSeverities.filter(followsSupportHours);
  if (severities.length === 0) return undefined;
  return {
    name: businessHoursServiceName(service.name),
    datadogServiceName: `${service.datadogServiceName}${BUSINESS_HOURS_SUFFIX}`,
    severities,
  };
}

/** What a paging monitor of `severity` on `service` notifies; undefined when the level does not page. */
export interface PagingTarget {
  /** The Datadog PagerDuty service object: monitors write `@pagerduty-<this>`. */
  readonly datadogServiceName: string;
  /** The PagerDuty service's name. */
  readonly serviceName: string;
  /** True for the service's business-hours service (support-hours levels). */
  readonly businessHours: boolean;
}

export function pagingTargetOf(
  service: Pick<ServiceModel, 'id' | 'name' | 'datadogServiceName' | 'businessHoursService'>,
  severity: SeverityModel,
): PagingTarget | undefined {
  if (!severity.paging) return undefined;
  if (!followsSupportHours(severity)) return { datadogServiceName: service.datadogServiceName, serviceName: service.name, businessHours: false };
  const businessHours = service.businessHoursService;
  if (!businessHours)
    throw new Error(`service "${service.id}": severity "${severity.id}" follows support hours, but the service has no business-hours service in the model`);
  return { datadogServiceName: businessHours.datadogServiceName, serviceName: businessHours.name, businessHours: true };
}
