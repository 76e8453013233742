/**
 * The construct ids of a team's objects, in one pure module that both the constructs
 * (lib/constructs/team-on-call.ts and the constructs it creates) and the config check
 * (checks/construct-ids.ts) call. cdktf derives every Terraform address from the construct path,
 * so these strings are the resources' identity: they come from config ids only, never from
 * display names, and must not change for existing configs (the example synth snapshot pins them).
 *
 * Two different config objects can still spell the same id because ids are kebab-case and the
 * parts are joined with `-`: service `event` + monitor `pipeline-consumer-lag` and service
 * `event-pipeline` + monitor `consumer-lag` both give `monitor-event-pipeline-consumer-lag`, and
 * constructs refuses the second ("There is already a Construct with name ..."). `teamConstructClaims`
 * lists every id a team file asks for, with where in the file it comes from, so validation finds
 * every such clash before synth. A construct kind added to TeamOnCall without a claim here fails
 * __tests__/synth/construct-ids.test.ts, which compares the claims with the real construct tree.
 */

export const USERS_CONSTRUCT_ID = 'users';
export const TEAM_CONSTRUCT_ID = 'team';
export const ESCALATION_CONSTRUCT_ID = 'escalation';

export const scheduleConstructId = (rotationId: string) => `schedule-${rotationId}`;
export const serviceConstructId = (serviceId: string) => `service-${serviceId}`;
/** `service-<id>-business-hours`: next to the main service's `service-<id>`, whose id never changes. */
export const businessHoursConstructId = (serviceId: string) => `${serviceConstructId(serviceId)}-business-hours`;
export const monitorConstructId = (serviceId: string, monitorId: string) => `monitor-${serviceId}-${monitorId}`;
/** `/` separates construct path parts, so it is written as `%2F` (priority names are free text). */
export const priorityConstructId = (priorityName: string) => `priority-${priorityName.replace(/\//g, '%2F')}`;
/** Children of the users construct (lookup: data sources) and of the organization's managed users. */
export const userConstructId = (memberId: string) => `user-${memberId}`;
/** Children of the PagerDuty team construct. */
export const membershipConstructId = (memberId: string) => `membership-${memberId}`;

/** One construct id a team file needs, and the config it comes from. */
export interface ConstructClaim {
  /** Construct path below the team's `oncall` construct, e.g. `monitor-api-latency` or `users/user-alice`. */
  readonly id: string;
  /** Path inside the team file of the config that needs it (for file:line). */
  readonly path: readonly (string | number)[];
  /** What it is, for messages: `monitor "latency" of service "api"`. */
  readonly what: string;
}

/** The config shape a team's claims are read from: its ids. */
export interface TeamIds {
  readonly memberIds: readonly string[];
  readonly rotationIds: readonly string[];
  readonly services: readonly { readonly id: string; readonly monitorIds: readonly string[] }[];
}

/**
 * Every construct id the team's TeamOnCall may create. Each service claims its business-hours id
 * whether or not support-hours monitors page it today, so adding support hours later can never
 * collide. The priority lookups a team creates come from the organization (`priorityConstructClaims`).
 */
export function teamConstructClaims(team: TeamIds): ConstructClaim[] {
  const claims: ConstructClaim[] = [
    { id: USERS_CONSTRUCT_ID, path: ['members'], what: "the team's users" },
    { id: TEAM_CONSTRUCT_ID, path: ['name'], what: 'the PagerDuty team' },
    { id: ESCALATION_CONSTRUCT_ID, path: ['escalation'], what: 'the escalation policy' },
  ];
  for (const memberId of team.memberIds) {
    claims.push({ id: `${USERS_CONSTRUCT_ID}/${userConstructId(memberId)}`, path: ['members', memberId], what: `user of member "${memberId}"` });
    claims.push({
      id: `${TEAM_CONSTRUCT_ID}/${membershipConstructId(memberId)}`,
      path: ['members', memberId],
      what: `team membership of member "${memberId}"`,
    });
  }
  for (const rotationId of team.rotationIds) {
    claims.push({ id: scheduleConstructId(rotationId), path: ['rotations', rotationId], what: `schedule of rotation "${rotationId}"` });
  }
  for (const service of team.services) {
    const path = ['services', service.id];
    claims.push({ id: serviceConstructId(service.id), path, what: `service "${service.id}"` });
    claims.push({ id: businessHoursConstructId(service.id), path, what: `business-hours service of service "${service.id}"` });
    for (const monitorId of service.monitorIds) {
      claims.push({
        id: monitorConstructId(service.id, monitorId),
        path: [...path, 'monitors', monitorId],
        what: `monitor "${monitorId}" of service "${service.id}"`,
      });
    }
  }
  return claims;
}

/**
 * The priority lookups (`priority-<name>`) any team may create, from the organization's severities
 * (paths into organization.yaml). A lookup is created once per distinct name, so equal names never
 * clash; only different names that give the same id do (`a/b` and `a%2Fb`).
 */
export function priorityConstructClaims(severities: readonly { readonly pagerdutyPriority?: string }[]): ConstructClaim[] {
  const claims: ConstructClaim[] = [];
  const names = new Set<string>();
  severities.forEach((severity, index) => {
    const name = severity.pagerdutyPriority;
    if (name === undefined || names.has(name)) return;
    names.add(name);
    claims.push({ id: priorityConstructId(name), path: ['severities', index, 'pagerdutyPriority'], what: `lookup of PagerDuty priority "${name}"` });
  });
  return claims;
}

/** Pairs of claims that ask for the same construct id: the second of each pair and the first one it clashes with. */
export function constructIdClashes(claims: readonly ConstructClaim[]): { first: ConstructClaim; second: ConstructClaim }[] {
  const seen = new Map<string, ConstructClaim>();
  const clashes: { first: ConstructClaim; second: ConstructClaim }[] = [];
  for (const claim of claims) {
    const first = seen.get(claim.id);
    if (first) clashes.push({ first, second: claim });
    else seen.set(claim.id, claim);
  }
  return clashes;
}
