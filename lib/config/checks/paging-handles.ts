import type { Diagnostic } from '../diagnostics';
import { error, type SemanticCheck } from './types';

/**
 * A Datadog `@pagerduty-<service>` handle (and the special `@pagerduty-resolve` /
 * `@pagerduty-acknowledge`, which act on open incidents). Datadog reads handles anywhere in a
 * notification, outside conditionals on every transition, so one written by hand pages on
 * warnings too, never resolves with the monitor and reaches PagerDuty without its severity.
 */
const PAGERDUTY_HANDLE = /(?<![\w.@+-])@pagerduty(?:-[\w.-]*)?(?![\w@])/i;

/**
 * The first `@pagerduty...` handle in a text (as written, without sentence punctuation after it);
 * undefined when there is none. Any letter case is refused: whether Datadog would page for
 * `@PagerDuty-x` is not worth finding out at 3 am. An email
 * address such as `ops@pagerduty.com` is not a handle (the `@` must start a word).
 */
export function pagerdutyHandleIn(text: string): string | undefined {
  return PAGERDUTY_HANDLE.exec(text)?.[0].replace(/[.-]+$/, '');
}

/**
 * Any Datadog notification handle: `@` starting a word and followed by something other than a
 * space, so `@slack-x`, `@opsgenie-x`, `@webhook-x`, `@team-x` and dynamic ones such as
 * `@{{team.name}}-oncall` (Datadog fills template variables into handles). An email address
 * written as text (`ops@example.com`) is not a handle, as for @pagerduty above.
 */
const NOTIFICATION_HANDLE = /(?<![\w.@+-])@[^\s]+/;

/** The first notification handle in a text (as written, without sentence punctuation), or undefined. */
export function notificationHandleIn(text: string): string | undefined {
  return NOTIFICATION_HANDLE.exec(text)?.[0].replace(/[.,;:!?)]+$/, '');
}

const WHY =
  "paging goes only through the severity model (a paging severity adds the service's @pagerduty handle itself, inside {{#is_alert}} and {{#is_recovery}})";

/**
 * Refuses `@pagerduty` handles in the three places people write handles by hand: a severity's
 * `notify` list (a non-paging level would page), a team's `chatHandle` (every `team-chat`
 * notification would page) and a monitor's free-text `message`. The message takes no other
 * handle either: it is prose and template, and notifications follow the severity.
 */
export const checkPagingHandles: SemanticCheck = ({ organization, teams }) => {
  const found: Diagnostic[] = [];
  organization.config.severities.forEach((severity, index) => {
    severity.notify.forEach((handle, position) => {
      const named = pagerdutyHandleIn(handle);
      if (named) {
        const fix = severity.paging ? 'remove it: this level already pages the on-call of each service' : 'set paging: true if this level should page';
        found.push(
          error(
            organization.file,
            ['severities', index, 'notify', position],
            'pagerduty-handle-forbidden',
            `severity "${severity.id}" notifies ${named}; ${WHY}: ${fix}`,
            `a chat, ticket or email handle (or "team-chat")`,
            JSON.stringify(handle),
          ),
        );
      }
    });
  });
  for (const { file, config } of teams) {
    const chat = config.chatHandle && pagerdutyHandleIn(config.chatHandle);
    if (chat) {
      found.push(
        error(
          file,
          ['chatHandle'],
          'pagerduty-handle-forbidden',
          `the team chat handle is a PagerDuty handle, so every "team-chat" notification would page; ${WHY}`,
          'a chat channel handle, e.g. @slack-team-alerts',
          JSON.stringify(config.chatHandle),
        ),
      );
    }
    for (const [serviceId, service] of Object.entries(config.services)) {
      for (const [monitorId, monitor] of Object.entries(service.monitors)) {
        if (!monitor.message) continue;
        const where = ['services', serviceId, 'monitors', monitorId, 'message'];
        const named = pagerdutyHandleIn(monitor.message);
        const other = named ? undefined : notificationHandleIn(monitor.message);
        if (named) {
          found.push(
            error(
              file,
              where,
              'pagerduty-handle-forbidden',
              `the extra message names ${named}; ${WHY}`,
              'text without @pagerduty handles',
              JSON.stringify(named),
            ),
          );
        } else if (other) {
          found.push(
            error(
              file,
              where,
              'notification-handle-in-message',
              `the extra message names ${other}; Datadog would notify it on every alert of this monitor, whatever its severity: who is notified follows the severity (its notify list, and the service's @pagerduty handle for paging levels)`,
              "text without @handles (add chat or ticket handles to the severity's notify list or the team's chatHandle)",
              JSON.stringify(other),
            ),
          );
        }
      }
    }
  }
  return found;
};
