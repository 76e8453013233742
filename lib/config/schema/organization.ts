import { z } from 'zod';
import { description, displayName, handle, timeOfDay, timeoutOrNever, turnLength, weekday, withoutDatadogMarkup } from './common';
import { DATADOG_SITE_API_URLS, DEFAULT_RUNBOOKS_DIRECTORY, SEVERITY_ID_PATTERN, TEAM_CHAT, type DatadogSite } from './values';

export const severitySchema = z
  .strictObject({
    id: z
      .string()
      .regex(SEVERITY_ID_PATTERN, { message: 'severity id must be a short word such as SEV0 or P1' })
      .describe(
        "Severity id as people say it (SEV0, SEV1, P1 ...). Monitors refer to it; it is put in monitor names as `[SEV1]`. With ids like P1, each paging level's `datadogPriority` must not spell another paging level's id (Datadog prefixes titles with `[P<priority>]`).",
      ),
    description: description('What the level means (impact, examples)'),
    paging: z.boolean().describe('Whether this level pages a human through PagerDuty. Non-paging levels only notify `notify` handles.'),
    urgency: z
      .enum(['high', 'low', 'support-hours'])
      .optional()
      .describe(
        'PagerDuty urgency for paging levels: high (pages 24/7), low (notifies, wakes nobody), support-hours (high inside the service\'s support hours; outside them low urgency, which does not escalate, raised to high when support hours start; pages through a separate "<service> (business hours)" PagerDuty service). Required when paging.',
      ),
    pagerdutyPriority: withoutDatadogMarkup(z.string().min(1).max(30), 'PagerDuty priority name') // shown in monitor messages
      .optional()
      .describe(
        'Name of the PagerDuty incident priority (P1..P5) to set on incidents; priorities must be enabled in the account. Omit to leave priority unset.',
      ),
    datadogPriority: z.number().int().min(1).max(5).describe('Datadog monitor priority, 1 (highest) to 5.'),
    ackTargetMinutes: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('Target time to acknowledge, in minutes (5 for the top level, 15 for the second). Required when paging; used by lint.'),
    renotifyMinutes: z
      .number()
      .int()
      .min(0)
      .describe(
        "How often a still-alerting Datadog monitor re-notifies, in minutes (0 = never). Only when no paging severity of a service sets `acknowledgementTimeoutMinutes` is the shortest non-zero value also that service's PagerDuty acknowledgement timeout (the last fallback).",
      ),
    acknowledgementTimeoutMinutes: timeoutOrNever().describe(
      "PagerDuty's acknowledgement timeout for services paged at this level: minutes after which an acknowledged incident re-triggers and pages again; null = never re-trigger an acknowledged incident. A service's timeout is its own `acknowledgementTimeoutMinutes` if set, else the shortest value among its paging severities that set this (null when all of them set null), else the shortest non-zero `renotifyMinutes` of those severities, else none.",
    ),
    autoResolveHours: z
      .number()
      .int()
      .positive()
      .nullable()
      .optional()
      .describe('PagerDuty auto-resolve timeout for services paged at this level, in hours; null or omitted = never auto-resolve.'),
    notify: z
      .array(z.union([z.literal(TEAM_CHAT), handle]))
      .default([])
      .describe(
        "Extra places notified (non-paging levels: the only ones): `team-chat` for the owning team's chat handle, or Datadog handles such as `@jira-ops`. Never `@pagerduty` handles: a level pages through `paging: true`.",
      ),
    roles: z.array(z.string().min(1)).default([]).describe('Incident roles this level requires (documentation).'),
    statusUpdateMinutes: z.number().int().positive().optional().describe('Status-update cadence during an incident, in minutes (documentation).'),
    statusPage: z.boolean().default(false).describe('Whether the public status page must be updated (documentation).'),
  })
  .describe('One severity level. The list is ordered: most severe first.');

const localBackend = z
  .strictObject({
    type: z.literal('local'),
    directory: z.string().min(1).default('state').describe('Directory for state files, one `<stack>.tfstate` per stack.'),
  })
  .describe('Local state files (the default).');

const s3Backend = z
  .strictObject({
    type: z.literal('s3'),
    bucket: z.string().min(3).max(63).describe('S3 bucket name.'),
    region: z.string().min(1).describe('AWS region of the bucket.'),
    keyPrefix: z.string().min(1).default('oncall-as-code').describe('Key prefix; each stack uses `<prefix>/<stack>.tfstate`.'),
    dynamodbTable: z.string().min(1).optional().describe('DynamoDB table for state locking (omit to use S3 native locking).'),
    encrypt: z.boolean().default(true).describe('Server-side encryption of state.'),
  })
  .describe('S3 backend; credentials come from the usual AWS environment, never from config.');

const remoteBackend = z
  .strictObject({
    type: z.enum(['remote', 'cloud']),
    hostname: z.string().min(1).default('app.terraform.io').describe('Terraform Cloud / Enterprise host.'),
    organization: z.string().min(1).describe('Terraform Cloud organization.'),
    workspacePrefix: z.string().min(1).default('oncall-').describe('Each stack uses workspace `<prefix><stack>`.'),
  })
  .describe('Terraform Cloud (`cloud`) or the `remote` backend; the token comes from TF_TOKEN_<host> / credentials file, never from config.');

export const backendSchema = z.discriminatedUnion('type', [localBackend, s3Backend, remoteBackend]).describe('Terraform backend for every stack.');

export const lintLevel = z.enum(['error', 'warn', 'off']);

// --- Account capabilities and Datadog site (issue 13: first-apply provider behaviours) -------------
/**
 * What the PagerDuty account's plan includes. Off unless declared: a config that needs one of these
 * on an account without it is accepted by `terraform plan` and fails at apply (or, for grouping,
 * in the API), so validation refuses it up front (lib/config/checks/capabilities.ts).
 */
export const capabilitiesSchema = z
  .strictObject({
    intelligentAlertGrouping: z
      .boolean()
      .default(false)
      .describe('The account has intelligent alert grouping (an add-on to the PagerDuty plan). Needed by `alertGrouping.type: intelligent`.'),
    contentBasedAlertGrouping: z
      .boolean()
      .default(false)
      .describe('The account has content-based alert grouping (an add-on to the PagerDuty plan). Needed by `alertGrouping.type: content-based`.'),
    supportHours: z
      .boolean()
      .default(false)
      .describe(
        "The account's plan has custom support hours (with the `use_support_hours` urgency rule and scheduled actions). Needed by every service paged at a `support-hours` severity.",
      ),
  })
  .prefault({})
  .describe('Features of your PagerDuty plan this config may use (all off unless declared true). Check your plan before declaring one.');

const datadogSite = z
  .enum(Object.keys(DATADOG_SITE_API_URLS) as [DatadogSite, ...DatadogSite[]])
  .optional()
  .describe(
    `Your Datadog site (the region in your Datadog URL), emitted as the provider's \`api_url\`: ${Object.entries(DATADOG_SITE_API_URLS)
      .map(([site, url]) => `${site} ${url}`)
      .join(', ')}. Omit for the provider's default, US1 (or DD_HOST at plan time).`,
  );
// ---------------------------------------------------------------------------------------------------

export const organizationSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Editor hint; ignored.'),
    name: displayName('Organization name'),
    severities: z.array(severitySchema).min(1).max(10).describe('Severity levels, most severe first.'),
    unclassifiedSeverity: z
      .string()
      .optional()
      .describe(
        'Severity PagerDuty applies to an event whose severity it cannot recognise (default: the second level, per the "default to SEV2 until classified" rule, or the first if only one; if that level does not page, the most severe paging level, since unclassified events always page).',
      ),
    runbooks: z
      .strictObject({
        baseUrl: z
          .url({ protocol: /^https?$/, message: 'runbook base URL must be an http(s) URL' })
          // Written into every monitor message: Datadog would read "@x" as a handle and "{{" as a
          // template; an "@" before the host would also publish user:password@ in each message.
          // (A refinement, not a pattern, so the JSON Schema keeps the URL format.)
          .refine((url) => /^[^@{}]*$/.test(url), {
            message:
              'runbook base URL must not contain "@", "{" or "}": it is written into every monitor message, where Datadog would read a handle or a template (and user:password@ would publish credentials); percent-encode them (%40, %7B, %7D)',
          })
          .describe(
            'URL that runbook paths are appended to, e.g. https://github.com/acme/oncall/blob/main/runbooks/ (no `@`, `{` or `}`: it is written into every monitor message).',
          ),
        directory: z.string().min(1).default(DEFAULT_RUNBOOKS_DIRECTORY).describe('Repository folder holding runbooks, relative to the repo root.'),
        maxAgeDays: z.number().int().positive().default(180).describe('Runbooks not updated for longer get a lint warning.'),
      })
      .describe('Where runbooks live and how they are linked.'),
    defaults: z
      .strictObject({
        turnLength: turnLength.default('1w'),
        handoff: z
          .strictObject({ day: weekday.default('monday'), time: timeOfDay.default('10:00') })
          .prefault({})
          .describe('Default handoff weekday and local time.'),
        escalationDelayMinutes: z.number().int().min(1).default(5).describe('Default delay before the next escalation level.'),
        escalationRepeats: z
          .number()
          .int()
          .min(0)
          .max(9)
          .default(2)
          .describe('Default number of times an unacknowledged incident runs the ladder again (PagerDuty num_loops, 0-9).'),
      })
      .prefault({})
      .describe('Defaults for team files.'),
    pagerduty: z
      .strictObject({
        users: z
          .enum(['lookup', 'managed'])
          .default('lookup')
          .describe(
            'lookup: users exist already and are found by email (data source; the email must match PagerDuty exactly, case-sensitive). managed: this repo creates the users.',
          ),
        datadogVendorId: z
          .string()
          .regex(/^P[A-Z0-9]{6}$/, { message: 'PagerDuty vendor id is P followed by 6 capitals or digits, e.g. PAM4FGS' })
          .default('PAM4FGS')
          .describe('PagerDuty vendor id of the Datadog integration (PAM4FGS in every account).'),
        capabilities: capabilitiesSchema,
      })
      .prefault({})
      .describe('PagerDuty account settings.'),
    datadog: z
      .strictObject({
        tags: z
          .array(z.string().regex(/^[a-z][\w./:-]*$/i, { message: 'tag must be key:value or a word, starting with a letter' }))
          .default([])
          .describe('Tags added to every monitor, e.g. `managed-by:oncall-as-code`.'),
        site: datadogSite,
      })
      .prefault({})
      .describe('Datadog account settings.'),
    backend: backendSchema.prefault({ type: 'local' }),
    lint: z
      .strictObject({
        windowDays: z.number().int().min(7).max(730).default(365).describe('How far ahead coverage checks look.'),
        rules: z.record(z.string(), lintLevel).default({}).describe("Override a rule's level by id: error, warn or off."),
      })
      .prefault({})
      .describe('Policy check settings.'),
  })
  .describe('Organization-wide settings: config/organization.yaml');

export type OrganizationConfig = z.infer<typeof organizationSchema>;
export type SeverityConfig = z.infer<typeof severitySchema>;
export type BackendConfig = z.infer<typeof backendSchema>;
