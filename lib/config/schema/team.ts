import { z } from 'zod';
import { MONITOR_TYPES } from './values';
import {
  description,
  displayName,
  handle,
  hoursWindow,
  id,
  supportHoursWindow,
  localDate,
  localDateTime,
  timeOfDay,
  timeoutOrNever,
  timeZone,
  turnLength,
  weekday,
} from './common';

// --- PagerDuty account role (issue 13: first-apply provider behaviours) ---------------------------
/**
 * PagerDuty's account-wide ("base") roles, as terraform-provider-pagerduty v3.30.8 accepts them for
 * `pagerduty_user.role` (pagerduty/resource_pagerduty_user.go, validateValueDiagFunc).
 */
export const ACCOUNT_ROLES = ['owner', 'admin', 'user', 'limited_user', 'observer', 'restricted_access', 'read_only_user', 'read_only_limited_user'] as const;

const accountRole = z
  .enum(ACCOUNT_ROLES)
  .describe(
    "The person's PagerDuty account role (base role): owner (Account Owner), admin (Global Admin), user (Manager), limited_user (Responder), observer, restricted_access, read_only_user (Full Stakeholder), read_only_limited_user (Limited Stakeholder). PagerDuty fixes the team role of some of them: owner and admin are always team managers, stakeholders always observers, so `role` must say so. With `pagerduty.users: managed` it is the created user's role (default user). With lookup it declares the existing user's role: validation checks the team role against it and `terraform plan` checks that PagerDuty agrees; omitted, plan still refuses a team role PagerDuty would override.",
  );
// ---------------------------------------------------------------------------------------------------

export const memberSchema = z
  .strictObject({
    name: displayName('Person name'),
    email: z
      .email({ message: 'email must be a valid address' })
      .max(254)
      .describe('Email, exactly as in PagerDuty (the lookup is case-sensitive: in lookup mode, capital letters get a warning to double-check).'),
    role: z
      .enum(['manager', 'responder', 'observer'])
      .describe(
        'PagerDuty team role. Always explicit: the provider silently defaults to manager. An observer is read-only, so cannot be in a rotation or be an escalation target. Must be manager for an `accountRole` of owner or admin and observer for a stakeholder (PagerDuty forces those).',
      ),
    timeZone: timeZone.optional().describe("Person's own time zone (managed users only; default: the team's)."),
    accountRole: accountRole.optional(),
  })
  .describe('A person in the team, keyed by a short id used everywhere else in the file.');

const memberList = z.array(id('Member')).min(1).describe('Member ids in rotation order.');

export const rosterSchema = z
  .strictObject({
    effectiveFrom: localDateTime.describe('Instant (rotation local time) from which this roster is on call; the previous roster ends here. Pick a handoff.'),
    members: memberList,
  })
  .describe("One version of the rotation's roster.");

export const rotationSchema = z
  .strictObject({
    name: displayName('Rotation name').optional().describe('PagerDuty schedule name (default: "<team name> - <rotation id>").'),
    description: description('Rotation description').optional(),
    timeZone: timeZone.optional().describe("Zone of handoffs and coverage hours (default: the team's)."),
    members: memberList.optional().describe('Member ids in rotation order. Use `rosters` instead to change the roster without reshuffling turns.'),
    rosters: z
      .array(rosterSchema)
      .min(1)
      .optional()
      .describe('Roster history, oldest first: each entry takes over at its `effectiveFrom`, continuing the order.'),
    start: localDate.optional().describe('Date of the first handoff (required unless derivedFrom). Must be the handoff weekday for turns of whole weeks.'),
    turnLength: turnLength.optional().describe('Turn length (default from organization).'),
    handoff: z
      .strictObject({ day: weekday.optional(), time: timeOfDay.optional() })
      .optional()
      .describe('Handoff weekday and local time (default from organization).'),
    coverage: z
      .array(hoursWindow)
      .min(1)
      .optional()
      .describe('On-call only inside these local windows (e.g. business hours, follow-the-sun region hours). Omit for 24/7.'),
    derivedFrom: z
      .strictObject({
        rotation: id('Rotation').describe('The rotation this one shadows (e.g. primary).'),
        offsetTurns: z.number().int().min(1).default(1).describe("How many turns behind: 1 makes the secondary last turn's primary."),
      })
      .optional()
      .describe('Derive this rotation (typically secondary) from another: same members, turns, handoff and coverage, shifted so nobody is on both at once.'),
  })
  .describe('An on-call rotation; becomes one PagerDuty schedule.');

export const escalationTargetSchema = z.union([
  z.strictObject({ rotation: id('Rotation').describe('Page whoever is on call in this rotation.') }),
  z.strictObject({ user: id('Member').describe('Page this member directly.') }),
]);

export const escalationLevelSchema = z
  .strictObject({
    name: z.string().min(1).max(100).optional().describe('Label for reviews, e.g. "primary" (documentation).'),
    targets: z.array(escalationTargetSchema).min(1).max(10).describe('Rotations or members paged at this level.'),
    delayMinutes: z.number().int().min(1).optional().describe('Minutes before escalating to the next level (default from organization; PagerDuty minimum 1).'),
  })
  .describe('One rung of the escalation ladder.');

export const escalationSchema = z
  .strictObject({
    name: displayName('Escalation policy name').optional().describe('PagerDuty escalation policy name (default: "<team name> escalation").'),
    repeats: z.number().int().min(0).max(9).optional().describe('Times to run the ladder again when nobody acknowledges (0-9; default from organization).'),
    levels: z.array(escalationLevelSchema).min(1).max(20).describe('Levels in order; level 1 is paged first.'),
  })
  .describe("The team's escalation policy.");

const threshold = z.number().finite();
export const thresholdsSchema = z
  .strictObject({
    critical: threshold.describe('Alert threshold (must match the comparison in the query).'),
    criticalRecovery: threshold.optional(),
    warning: threshold.optional(),
    warningRecovery: threshold.optional(),
    ok: threshold.optional().describe('Service checks only.'),
    unknown: threshold.optional().describe('Service checks only.'),
  })
  .describe('Monitor thresholds, numbers (emitted as the strings the provider wants).');

export const monitorSchema = z
  .strictObject({
    name: displayName('Monitor name', 160).describe(
      'Monitor name: shown in Datadog and PagerDuty, prefixed with `[<severity id>]` by the tool, so it must not contain such a token itself (any case).',
    ),
    type: z.enum(MONITOR_TYPES).describe('Datadog monitor type. Changing it replaces the monitor.'),
    query: z.string().min(1).max(10000).describe('Datadog monitor query, verbatim.'),
    thresholds: thresholdsSchema.optional(),
    severity: z.string().min(1).describe('Severity id from organization.yaml; decides paging, priority and routing.'),
    runbook: z
      .string()
      .min(1)
      .optional()
      .describe('Runbook path relative to the runbooks directory, optionally with #anchor, e.g. payments/high-error-rate.md#mitigation.'),
    message: z
      .string()
      .max(4000)
      .optional()
      .describe(
        "Extra text for the notification (context, dashboards). No `@` handles of any kind (who is notified follows the severity: its `notify` list and, for paging levels, the service's `@pagerduty` handle); template variables such as `{{value}}` are fine; `{{#...}}`/`{{^...}}` sections must be closed by their `{{/...}}`.",
      ),
    tags: z
      .array(z.string().regex(/^[a-z][\w./:-]*$/i, { message: 'tag must be key:value or a word' }))
      .default([])
      .describe('Extra tags; team, service and severity tags are added.'),
    noData: z
      .strictObject({
        notify: z.boolean().describe('Notify when the query reports no data.'),
        afterMinutes: z
          .number()
          .int()
          .min(1)
          .max(1440)
          .optional()
          .describe(
            "Minutes without data before notifying (default 10). Datadog recommends at least twice the query's evaluation window (`last_10m` -> 20); shorter gets a warning.",
          ),
      })
      .optional()
      .describe('No-data behaviour (default: do not notify).'),
  })
  .describe('A Datadog monitor owned by the service.');

export const alertGroupingSchema = z
  .strictObject({
    type: z.enum(['intelligent', 'time', 'content-based']).describe('How PagerDuty groups alerts into incidents.'),
    timeoutMinutes: z.number().int().min(1).max(1440).optional().describe('time / content-based: grouping window in minutes.'),
    fields: z.array(z.string().min(1)).min(1).optional().describe('content-based: alert fields that must match.'),
    aggregate: z.enum(['all', 'any']).optional().describe('content-based: whether all or any fields must match.'),
  })
  .describe('Alert grouping for the service.');

export const serviceSchema = z
  .strictObject({
    name: displayName('Service name'),
    description: description('Service description'),
    supportHours: supportHoursWindow
      .extend({ timeZone: timeZone.optional().describe("Zone of the support hours (default: the team's).") })
      .optional()
      .describe('Business hours; required when a support-hours severity pages this service.'),
    acknowledgementTimeoutMinutes: timeoutOrNever().describe(
      'PagerDuty acknowledgement timeout: minutes after which an acknowledged incident re-triggers; null disables. Default: the shortest `acknowledgementTimeoutMinutes` among the paging severities of its monitors that set it (null when all of them set null); when none sets it, the shortest non-zero `renotifyMinutes` of those severities; otherwise none.',
    ),
    autoResolveTimeoutMinutes: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe(
        'Minutes after which an open incident resolves by itself; null disables. Default from severities (never, unless a severity sets autoResolveHours).',
      ),
    alertGrouping: alertGroupingSchema.optional(),
    monitors: z.record(id('Monitor'), monitorSchema).default({}).describe('Monitors keyed by id.'),
  })
  .describe("A PagerDuty service (paged through the team's escalation policy) and its Datadog monitors.");

export const teamSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Editor hint; ignored.'),
    name: displayName('Team name'),
    description: description('Team description'),
    timeZone: timeZone.describe("The team's home time zone: default for rotations, services and reports."),
    chatHandle: handle
      .optional()
      .describe("Datadog handle of the team's chat channel, e.g. @slack-payments-alerts (used by `team-chat`). Never a `@pagerduty` handle."),
    members: z.record(id('Member'), memberSchema).describe('People keyed by short id.'),
    rotations: z.record(id('Rotation'), rotationSchema).default({}).describe('Rotations keyed by id; each becomes a PagerDuty schedule.'),
    followTheSun: z
      .array(id('Rotation'))
      .min(2)
      .optional()
      .describe('Rotations that together must cover 24 hours every day (regions of a follow-the-sun rota).'),
    escalation: escalationSchema,
    services: z.record(id('Service'), serviceSchema).default({}).describe('Services keyed by id.'),
  })
  .describe('One team: config/teams/<team-id>.yaml');

export type TeamConfig = z.infer<typeof teamSchema>;
export type MemberConfig = z.infer<typeof memberSchema>;
export type RotationConfig = z.infer<typeof rotationSchema>;
export type EscalationTargetConfig = z.infer<typeof escalationTargetSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type MonitorConfig = z.infer<typeof monitorSchema>;
export type HoursWindowConfig = z.infer<typeof hoursWindow>;
