import type { Diagnostic } from '../diagnostics';
import type { MonitorConfig } from '../schema';
import { MONITOR_TYPES } from '../schema/values';
import { checkNoDataWindow } from './no-data-window';
import { error, warning, type SemanticCheck } from './types';

/**
 * Monitor types whose query ends in `<comparator> <number>` that must equal the critical
 * threshold: all but service checks (status counts) and composites (monitor-id formulas).
 */
const COMPARED_TYPES = new Set<MonitorConfig['type']>(MONITOR_TYPES.filter((type) => type !== 'service check' && type !== 'composite'));
const COMPARISON = /(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

/**
 * Catches monitor definitions the Datadog API would reject at apply time (or, worse, accept and
 * never fire): malformed queries, missing comparators, thresholds that disagree with the query.
 * The provider does not validate monitor_thresholds (datadog/resource_datadog_monitor.go,
 * provider-notes), and plan-time validation needs API credentials, so this runs offline first.
 */
export const checkMonitors: SemanticCheck = ({ teams }) => {
  const found: Diagnostic[] = [];
  for (const { file, config } of teams) {
    for (const [serviceId, service] of Object.entries(config.services)) {
      for (const [monitorId, monitor] of Object.entries(service.monitors)) {
        found.push(...checkMonitor(file, ['services', serviceId, 'monitors', monitorId], monitor));
      }
    }
  }
  return found;
};

export function checkMonitor(file: string, path: (string | number)[], monitor: MonitorConfig): Diagnostic[] {
  const found: Diagnostic[] = [];
  const query = monitor.query.trim();
  if (query.length === 0) {
    return [error(file, [...path, 'query'], 'monitor-query-empty', 'monitor query is empty', 'a Datadog monitor query', 'only whitespace')];
  }
  const imbalance = unbalanced(query);
  if (imbalance)
    found.push(
      error(
        file,
        [...path, 'query'],
        'monitor-query-unbalanced',
        `monitor query has ${imbalance}`,
        'balanced (), [], {} and quotes',
        JSON.stringify(query.length > 60 ? `${query.slice(0, 57)}...` : query),
      ),
    );
  const t = monitor.thresholds;
  if (COMPARED_TYPES.has(monitor.type)) {
    const match = COMPARISON.exec(query);
    if (!match) {
      found.push(
        error(
          file,
          [...path, 'query'],
          'monitor-query-comparator',
          `a ${monitor.type} query must end with a comparison against the critical threshold`,
          'e.g. "... > 15"',
          JSON.stringify(query.slice(-30)),
        ),
      );
    } else if (!t) {
      found.push(
        error(file, [...path, 'thresholds'], 'monitor-thresholds-missing', `a ${monitor.type} needs thresholds.critical`, `critical: ${match[2]}`, 'nothing'),
      );
    } else {
      const [, comparator, value] = match;
      if (Number(value) !== t.critical) {
        found.push(
          error(
            file,
            [...path, 'thresholds', 'critical'],
            'monitor-threshold-mismatch',
            'critical threshold must equal the number the query compares against (Datadog rejects the monitor otherwise)',
            value,
            String(t.critical),
          ),
        );
      }
      const above = comparator.startsWith('>');
      if (t.warning !== undefined && (above ? t.warning >= t.critical : t.warning <= t.critical)) {
        found.push(
          error(
            file,
            [...path, 'thresholds', 'warning'],
            'monitor-threshold-order',
            `with "${comparator}" the warning threshold must be ${above ? 'below' : 'above'} the critical one`,
            `${above ? '<' : '>'} ${t.critical}`,
            String(t.warning),
          ),
        );
      }
    }
  }
  if (t && monitor.type !== 'service check') {
    for (const key of ['ok', 'unknown'] as const) {
      if (t[key] !== undefined)
        found.push(
          error(
            file,
            [...path, 'thresholds', key],
            'monitor-threshold-service-check-only',
            `thresholds.${key} applies to service checks only`,
            `no ${key}`,
            String(t[key]),
          ),
        );
    }
  }
  if (monitor.noData && !monitor.noData.notify && monitor.noData.afterMinutes !== undefined) {
    found.push(
      warning(
        file,
        [...path, 'noData', 'afterMinutes'],
        'monitor-no-data-ignored',
        'afterMinutes has no effect while notify is false',
        'notify: true',
        'notify: false',
      ),
    );
  }
  const shortNoData = checkNoDataWindow(file, path, monitor);
  if (shortNoData) found.push(shortNoData);
  return found;
}

/** Describes the first bracket or quote imbalance in a query, or undefined when balanced. */
export function unbalanced(query: string): string | undefined {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (pairs[ch]) {
      if (stack.pop() !== pairs[ch]) return `an unmatched "${ch}" at character ${i + 1}`;
    }
  }
  if (quote) return `an unterminated ${quote} quote`;
  if (stack.length > 0) return `${stack.length} unclosed "${stack[stack.length - 1]}"`;
  return undefined;
}
