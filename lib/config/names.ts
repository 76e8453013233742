import { remove as removeConfusables } from 'confusables';
import type { TeamConfig } from './schema';

/**
 * Default display names. They only label resources: logical ids come from config ids, so a
 * name may change freely without replacing anything.
 */
export const scheduleName = (team: TeamConfig, rotationId: string) => team.rotations[rotationId]?.name ?? `${team.name} - ${rotationId}`;
export const escalationPolicyName = (team: TeamConfig) => team.escalation.name ?? `${team.name} escalation`;

/**
 * Suffix of the second Datadog PagerDuty service object a support-hours service gets (its
 * business-hours routing). Every service claims the name with and without it, used or not, so
 * adding support hours later can never collide with another team's object.
 */
export const BUSINESS_HOURS_SUFFIX = '-business-hours';

/** PagerDuty name of the sibling service that support-hours severities page. */
export const businessHoursServiceName = (serviceName: string) => `${serviceName} (business hours)`;

/**
 * The Datadog PagerDuty service object names a service claims: `<team id>-<service id>` (the
 * `@pagerduty-<name>` handle, built the same way as `datadogServiceName` in lib/model/build.ts)
 * and its `-business-hours` variant. These objects are global to the Datadog organization.
 */
export const datadogServiceNames = (teamId: string, serviceId: string): [string, string] => {
  const base = `${teamId}-${serviceId}`;
  return [base, `${base}${BUSINESS_HOURS_SUFFIX}`];
};

/**
 * The key two names collide under: what PagerDuty compares (case-insensitively) plus what a
 * human reading a page cannot tell apart (Unicode compatibility forms, look-alike letters such
 * as Cyrillic "а" for Latin "a", surrounding and repeated spaces).
 */
export function collisionKey(name: string): string {
  return removeConfusables(name.normalize('NFKC')).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}
