import type { SeverityConfig } from '../schema';
import { error, type SemanticCheck } from './types';

/**
 * Datadog starts notification titles with the monitor priority (`[P1] [Triggered] ...`), and
 * PagerDuty routes by `event.summary matches part '[<severity id>]'`, ignoring case. With severity
 * ids such as P1/P2, a severity whose Datadog priority spells another severity's id is read as
 * that one. lib/constructs/severity-routing.ts refuses this at synth (for an earlier rule of the
 * same service); this is the config-level check, organization-wide and whatever the rule order,
 * so it holds for every service and for any future order of the routing rules.
 */
export const checkPriorityPrefixes: SemanticCheck = ({ organization }) => {
  const { file, config } = organization;
  return priorityPrefixClashes(config.severities).map(({ index, source, target }) =>
    error(
      file,
      ['severities', index, 'datadogPriority'],
      'severity-priority-prefix-clash',
      `severity "${source.id}" has Datadog priority ${source.datadogPriority}, so Datadog starts its alert titles with "[P${source.datadogPriority}]", which PagerDuty's routing reads as severity "${target.id}" (the match ignores case); ${fixFor(source)}`,
      `a Datadog priority whose "[P<n>]" is no other paging severity's id`,
      String(source.datadogPriority),
    ),
  );
};

export interface PriorityPrefixClash {
  /** Position of `source` in the severities list. */
  index: number;
  /** The severity whose alerts carry the misleading prefix. */
  source: SeverityConfig;
  /** The severity whose routing rule that prefix matches. */
  target: SeverityConfig;
}

/** Paging severities whose `[P<datadogPriority>]` equals another paging severity's `[id]`, ignoring case. */
export function priorityPrefixClashes(severities: readonly SeverityConfig[]): PriorityPrefixClash[] {
  const clashes: PriorityPrefixClash[] = [];
  severities.forEach((source, index) => {
    if (!source.paging) return;
    const prefix = `p${source.datadogPriority}`;
    const target = severities.find((other) => other !== source && other.paging && other.id.toLowerCase() === prefix);
    if (target) clashes.push({ index, source, target });
  });
  return clashes;
}

function fixFor(source: SeverityConfig): string {
  const own = /^p([1-5])$/i.exec(source.id);
  return own
    ? `give "${source.id}" datadogPriority ${own[1]}, or rename the severities`
    : `give "${source.id}" a different datadogPriority, or rename the severities (e.g. SEV0, SEV1)`;
}
