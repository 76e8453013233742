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

const WHY = 'paging goes only through the severity model (a paging severity adds the service\'s @pagerduty handle itself, inside {{#is_alert}} and {{#is_recovery}})';

/**
 * Refuses `@pagerduty` handles in the three places people write handles by hand: a severity's
 * `notify` list (a non-paging level would page), a team's `chatHandle` (every `team-chat`
 * notification would page) and a monitor's free-text `message`.
 */
export const checkPagingHandles: SemanticCheck = ({ organization, teams }) => {
  const found: Diagnostic[] = [];
  organization.config.severities.forEach((severity, index) => {
    severity.notify.forEach((handle, position) => {
      const named = pagerdutyHandleIn(handle);
      if (named) {
        const fix = severity.paging ? 'remove it: this level already pages the on-call of each service' : 'set paging: true if this level should page';
        found.push(error(organization.file, ['severities', index, 'notify', position], 'pagerduty-handle-forbidden', `severity "${severity.id}" notifies ${named}; ${WHY}: ${fix}`, `a chat, ticket or email handle (or "team-chat")`, JSON.stringify(handle)));
      }
    });
  });
  for (const { file, config } of teams) {
    const chat = config.chatHandle && pagerdutyHandleIn(config.chatHandle);
    if (chat) {
      found.push(error(file, ['chatHandle'], 'pagerduty-handle-forbidden', `the team chat handle is a PagerDuty handle, so every "team-chat" notification would page; ${WHY}`, 'a chat channel handle, e.g. @slack-team-alerts', JSON.stringify(config.chatHandle)));
    }
    for (const [serviceId, service] of Object.entries(config.services)) {
      for (const [monitorId, monitor] of Object.entries(service.monitors)) {
        const named = monitor.message && pagerdutyHandleIn(monitor.message);
        if (named) {
          found.push(error(file, ['services', serviceId, 'monitors', monitorId, 'message'], 'pagerduty-handle-forbidden', `the extra message names ${named}; ${WHY}`, 'text without @pagerduty handles', JSON.stringify(named)));
        }
      }
    }
  }
  return found;
};
