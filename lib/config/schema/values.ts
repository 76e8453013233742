/**
 * The plain values the config schemas are built from (patterns, enumerations, unit conversions),
 * without zod: the model, constructs and lint threads use them, and importing them from here keeps
 * zod (about 50 ms of start-up, 95 modules) out of code that never validates.
 */

/**
 * Config ids become Terraform logical ids, Datadog `@pagerduty-<team>-<service>` handles and
 * state file names, so they are restricted to lowercase kebab-case: stable, shell- and URL-safe.
 */
export const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const MAX_ID_LENGTH = 40;

export const SEVERITY_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,15}$/;

export const TEAM_CHAT = 'team-chat';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Wall-clock time "HH:MM", 00:00-23:59. Anchored: the provider's own regex is not (provider-notes). */
export const TIME_OF_DAY_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

export const DATE_PATTERN = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** Turn lengths: PagerDuty accepts 3,600 - 31,536,000 seconds (resource_pagerduty_schedule.go). */
export const DURATION_PATTERN = /^([1-9]\d*)(h|d|w)$/;

export function durationSeconds(value: string): number {
  const match = DURATION_PATTERN.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  const unit = { h: 3600, d: 86400, w: 604800 }[match[2] as 'h' | 'd' | 'w'];
  return Number(match[1]) * unit;
}

export const MONITOR_TYPES = [
  'metric alert',
  'query alert',
  'service check',
  'log alert',
  'process alert',
  'trace-analytics alert',
  'rum alert',
  'event-v2 alert',
  'slo alert',
  'composite',
  'audit alert',
  'ci-pipelines alert',
  'error-tracking alert',
  'database-monitoring alert',
] as const;

/**
 * Datadog sites and their API URLs (docs.datadoghq.com/getting_started/site/; the API reference
 * lists these hosts for every endpoint), written the way the provider wants them: scheme + host
 * with a trailing slash, never `/api/` (terraform-provider-datadog v3.82.0 provider schema,
 * `api_url`: "can also be set via the DD_HOST environment variable, and defaults to
 * https://api.datadoghq.com").
 */
export const DATADOG_SITE_API_URLS = {
  US1: 'https://api.datadoghq.com/',
  US3: 'https://api.us3.datadoghq.com/',
  US5: 'https://api.us5.datadoghq.com/',
  EU: 'https://api.datadoghq.eu/',
  AP1: 'https://api.ap1.datadoghq.com/',
  AP2: 'https://api.ap2.datadoghq.com/',
  'US1-FED': 'https://api.ddog-gov.com/',
} as const;
export type DatadogSite = keyof typeof DATADOG_SITE_API_URLS;

/**
 * Team roles PagerDuty forces for some account (base) roles: "Account Owner and Admins will have
 * manager access to the Team by default, and Stakeholders will be observers", and their team access
 * cannot be configured (support.pagerduty.com/docs/team-based-permissions). Stakeholders are the
 * API roles read_only_user and read_only_limited_user.
 */
export const FORCED_TEAM_ROLE: Readonly<Partial<Record<string, 'manager' | 'observer'>>> = {
  owner: 'manager',
  admin: 'manager',
  read_only_user: 'observer',
  read_only_limited_user: 'observer',
};

/** The runbooks folder when organization.yaml names none (`runbooks.directory`'s default). */
export const DEFAULT_RUNBOOKS_DIRECTORY = 'runbooks';

/**
 * `runbooks.directory` from organization.yaml's data as written (before validation: the lint
 * thread and the base snapshot read it without the loader), without trailing slashes; the default
 * when it names none. The one place the default is resolved.
 */
export function runbooksDirectoryIn(organization: unknown): string {
  const directory = (organization as { runbooks?: { directory?: unknown } } | null | undefined)?.runbooks?.directory;
  return typeof directory === 'string' && directory.replace(/\/+$/, '').length > 0 ? directory.replace(/\/+$/, '') : DEFAULT_RUNBOOKS_DIRECTORY;
}
