import { z } from 'zod';
import { CONTROL_OR_INVISIBLE } from '../invisible-characters';
import { PAGERDUTY_TIME_ZONES } from './pagerduty-time-zones';
import { DATE_PATTERN, DURATION_PATTERN, ID_PATTERN, MAX_ID_LENGTH, TIME_OF_DAY_PATTERN, WEEKDAYS } from './values';

export const id = (what: string) =>
  z
    .string()
    .max(MAX_ID_LENGTH, { message: `${what} id is at most ${MAX_ID_LENGTH} characters` })
    .regex(ID_PATTERN, { message: `${what} id must be lowercase kebab-case (a-z, 0-9, single dashes)` })
    .describe(`${what} id: lowercase kebab-case, at most ${MAX_ID_LENGTH} characters. Used in resource ids; never rename lightly.`);

/**
 * `@` followed by anything but a space is a Datadog notification handle wherever it stands, and
 * `{{`/`}}` a template; text written into monitor names and messages must hold neither (the
 * severity decides who is notified). Negative lookahead, so it also works as a JSON Schema pattern.
 */
export const DATADOG_MARKUP_FREE = /^(?![\s\S]*(?:@\S|\{\{|\}\}))/;

/** Refuses Datadog handles and templates in text that ends up in monitor names or messages. */
export const withoutDatadogMarkup = (schema: z.ZodString, what: string) =>
  schema.regex(DATADOG_MARKUP_FREE, {
    message: `${what} must not contain a Datadog handle (@...) or template ({{...}}): it is written into monitor names and messages, where Datadog would notify the handle or expand the template`,
  });

/**
 * PagerDuty rejects names with a trailing space, and escalation policy names containing \ / & < >
 * (terraform-provider-pagerduty resource_pagerduty_escalation_policy.go, validateEscalationPolicyName).
 * One rule for all display names keeps them portable across both providers; names are also what
 * people compare when they read a page, so nothing invisible, and no Datadog markup (team and
 * service names are written into every monitor message).
 */
export const displayName = (what: string, max = 100) =>
  withoutDatadogMarkup(
    z
      .string()
      .min(1, { message: `${what} must not be empty` })
      .max(max, { message: `${what} is at most ${max} characters` })
      .regex(/^\S(?:.*\S)?$/, { message: `${what} must not start or end with whitespace` })
      .regex(new RegExp(`^[^\\\\/&<>${CONTROL_OR_INVISIBLE}]*$`), {
        message: `${what} must not contain \\ / & < > or control characters (C0 and C1 controls, bidirectional overrides, direction marks and zero-width characters included)`,
      }),
    what,
  ).describe(`${what}: shown in PagerDuty/Datadog; free to rename (ids stay stable).`);

export const description = (what: string) =>
  z.string().min(1).max(1024).describe(`${what}: plain text shown in PagerDuty (replaces the provider's "Managed by Terraform").`);

export const timeZone = z
  .enum(PAGERDUTY_TIME_ZONES as [string, ...string[]], {
    message: 'time zone must be one PagerDuty accepts (a fixed list narrower than IANA; e.g. Etc/UTC, Europe/Berlin)',
  })
  .describe('Time zone from the list PagerDuty accepts (narrower than IANA: `Etc/UTC` yes, `UTC` no).');

export const weekday = z.enum(WEEKDAYS).describe('Day of the week, lowercase English (monday ... sunday).');

export const timeOfDay = z
  .string()
  .regex(TIME_OF_DAY_PATTERN, { message: 'time must be HH:MM between 00:00 and 23:59' })
  .describe('Local wall-clock time, HH:MM (24 h).');

/** End-of-window time also allows 24:00 so "until midnight" is expressible. */
export const endTimeOfDay = z
  .string()
  .regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'time must be HH:MM between 00:00 and 24:00' })
  .describe('Local wall-clock end time, HH:MM (24 h); 24:00 means midnight at the end of the day.');

export const localDate = z.string().regex(DATE_PATTERN, { message: 'date must be YYYY-MM-DD' }).describe('Calendar date, YYYY-MM-DD.');

export const localDateTime = z
  .string()
  .regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d$/, {
    message: 'date-time must be YYYY-MM-DDTHH:MM (local time of the rotation)',
  })
  .describe("Local date and time, YYYY-MM-DDTHH:MM, in the rotation's time zone.");

export const turnLength = z
  .string()
  .regex(DURATION_PATTERN, { message: 'turn length must be a positive whole number of hours, days or weeks, e.g. 12h, 3d, 1w' })
  .describe('Length of one on-call turn: `<n>h`, `<n>d` or `<n>w` (1h to 365d).');

/** A timeout in whole units where `null` means "never" and omitting it means "use the default". */
export const timeoutOrNever = () => z.number().int().positive().nullable().optional();

/** A window of local hours on the given weekdays, with the `to` each use allows. */
const weekdayWindow = (daysText: string, to: z.ZodString, text: string) =>
  z
    .strictObject({
      days: z.array(weekday).min(1).describe(daysText),
      from: timeOfDay.describe('Start, local time HH:MM.'),
      to,
    })
    .describe(text);

/** A window of local hours on some weekdays. `to` earlier than `from` runs past midnight. */
export const hoursWindow = weekdayWindow(
  'Weekdays on which the window starts.',
  endTimeOfDay.describe('End, local time HH:MM; earlier than `from` means the next day.'),
  'A window of local hours on the given weekdays.',
);

/**
 * A service's support hours. PagerDuty's `support_hours` has one type, `fixed_time_per_day`: the
 * same `start_time`-`end_time` ("HH:MM:SS", unchecked by the provider: terraform-provider-pagerduty
 * v3.30.8 pagerduty/resource_pagerduty_service.go) on each listed day, and a day's window past
 * midnight or until "24:00:00" is not documented, so only a same-day window with end after start is
 * accepted (checks/times.ts): unlike a rotation's coverage window, which may run overnight.
 */
export const supportHoursWindow = weekdayWindow(
  'Weekdays with support hours (each once).',
  timeOfDay.describe(
    'End, local time HH:MM, later than `from` on the same day (PagerDuty support hours are one window per day: no 24:00, no overnight window).',
  ),
  'Support hours: one window of local hours on the given weekdays.',
);

export const handle = z
  .string()
  .regex(/^@[A-Za-z0-9][A-Za-z0-9_.@+-]*$/, { message: 'notification handle must look like a Datadog handle, e.g. @slack-team-alerts or @ops@example.com' })
  .describe('A Datadog notification handle (`@slack-...`, `@team-...`, `@jira-...`, `@user@example.com`).');
