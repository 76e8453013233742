import type { Diagnostic } from '../diagnostics';
import { error, type SemanticCheck } from './types';

/**
 * Checks on the text people write into monitors that the routing depends on:
 * - names: PagerDuty's event orchestration finds the severity by `event.summary matches part
 *   '[SEV1]'`, first rule wins, most severe first, and `matches part` ignores case (PagerDuty PCL,
 *   research.md). A SEV1 monitor named "Checkout [SEV0] errors" would be paged as SEV0, 24/7.
 * - messages: the paging handles are appended after the free-text `message`; an unclosed
 *   `{{#is_warning}}` or `{{^is_alert}}` there decides whether (and when) those handles render.
 */
export const checkMonitorText: SemanticCheck = ({ organization, teams }) => {
  const found: Diagnostic[] = [];
  const severityIds = organization.config.severities.map((s) => s.id);
  for (const { file, config } of teams) {
    for (const [serviceId, service] of Object.entries(config.services)) {
      for (const [monitorId, monitor] of Object.entries(service.monitors)) {
        const path = ['services', serviceId, 'monitors', monitorId];
        const token = severityTokenIn(monitor.name, severityIds);
        if (token) {
          const own = token.id.toLowerCase() === monitor.severity.toLowerCase();
          found.push(
            error(
              file,
              [...path, 'name'],
              'monitor-name-severity-token',
              own
                ? `the monitor name contains "${token.written}"; the tool puts "[${monitor.severity}]" in front of every name itself, so leave it out`
                : `the monitor name contains "${token.written}", the token of severity ${token.id} (matched ignoring case, as PagerDuty does), but the monitor is ${monitor.severity}: PagerDuty's routing and anyone reading the alert would take it for ${token.id}; remove the brackets or reword`,
              'a name without a [<severity id>] token',
              JSON.stringify(monitor.name),
            ),
          );
        }
        const sections = monitor.message === undefined ? undefined : unbalancedSection(monitor.message);
        if (sections) {
          found.push(
            error(
              file,
              [...path, 'message'],
              'monitor-message-sections-unbalanced',
              `the extra message ${sections.problem}: an unbalanced section can swallow or invert the paging handles the tool adds after the message`,
              'every {{#name}} and {{^name}} closed by its own {{/name}}',
              sections.found,
            ),
          );
        }
      }
    }
  }
  return found;
};

/** The first `[<severity id>]` token in a name, compared ignoring case like PCL `matches part`. */
export function severityTokenIn(name: string, severityIds: readonly string[]): { id: string; written: string } | undefined {
  const lower = name.toLowerCase();
  let first: { id: string; written: string; at: number } | undefined;
  for (const id of severityIds) {
    const at = lower.indexOf(`[${id.toLowerCase()}]`);
    if (at !== -1 && (!first || at < first.at)) first = { id, written: name.slice(at, at + id.length + 2), at };
  }
  return first && { id: first.id, written: first.written };
}

/** Datadog conditional sections: `{{#is_alert}}`, `{{^is_warning}}`, `{{#is_match "k" "v"}}`, `{{/is_match}}`. */
const SECTION_TAG = /\{\{\s*([#^/])\s*([^\s{}]*)[^{}]*\}\}/g;
const UNTERMINATED_TAG = /\{\{\s*[#^/][^{}]*(?:\{|$)/;

/**
 * Describes the first unbalanced conditional section of a Datadog message template, or
 * undefined when every section opened is closed by its own name, in order.
 */
export function unbalancedSection(text: string): { problem: string; found: string } | undefined {
  const open: { tag: string; name: string }[] = [];
  for (const match of text.matchAll(SECTION_TAG)) {
    const [tag, kind, name] = match;
    if (kind !== '/') {
      open.push({ tag, name });
      continue;
    }
    const innermost = open.pop();
    if (!innermost) return { problem: `closes ${tag} without opening it`, found: `${tag} at character ${match.index + 1}` };
    if (innermost.name !== name)
      return { problem: `closes ${innermost.tag} with ${tag}`, found: `${tag} at character ${match.index + 1}, expected {{/${innermost.name}}}` };
  }
  const unterminated = UNTERMINATED_TAG.exec(text);
  if (unterminated) return { problem: 'has a section tag without its closing "}}"', found: JSON.stringify(unterminated[0].slice(0, 40)) };
  const [unclosed] = open;
  if (unclosed) return { problem: `opens ${unclosed.tag} and never closes it`, found: `no {{/${unclosed.name}}}` };
  return undefined;
}
