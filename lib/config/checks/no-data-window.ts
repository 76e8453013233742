import type { Diagnostic } from '../diagnostics';
import type { MonitorConfig } from '../schema';
import { warning } from './types';

/** `no_data_timeframe` when `noData.afterMinutes` is omitted (the provider's default, used by lib/constructs/runbook-monitor.ts). */
export const DEFAULT_NO_DATA_MINUTES = 10;
/** The schema's upper bound for `noData.afterMinutes`. */
const MAX_NO_DATA_MINUTES = 1440;

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10080 };
/** Metric-style windows `avg(last_10m):...`, `pct_change(avg(last_5m),last_5m)`. */
const METRIC_WINDOW = /\blast_(\d+)([mhdw])\b/g;
/** Event-style windows `logs("...").rollup("count").last("1h")` (log, RUM, trace, audit ... alerts). */
const EVENT_WINDOW = /\.last\(\s*["'](\d+)([mhdw])["']\s*\)/g;

/**
 * The query's evaluation window in minutes (the longest one named, for formulas), or undefined
 * when the query names none: service checks count check runs (`.last(3)`), not minutes.
 */
export function evaluationWindowMinutes(query: string): number | undefined {
  const windows = [...query.matchAll(METRIC_WINDOW), ...query.matchAll(EVENT_WINDOW)].map((m) => Number(m[1]) * UNIT_MINUTES[m[2]]);
  return windows.length > 0 ? Math.max(...windows) : undefined;
}

/**
 * Datadog documents `no_data_timeframe` as "minimum 2x the evaluation timeframe" and recommends at
 * least 2x the monitor timeframe for query alerts (Datadog API reference, Monitors, MonitorOptions
 * `no_data_timeframe`, https://docs.datadoghq.com/api/latest/monitors/). A shorter window can flag
 * NO DATA on a single late evaluation, and for a "data stopped" monitor no data is the outage.
 * Capped at the schema maximum, so the advice can always be followed.
 */
export function checkNoDataWindow(file: string, path: (string | number)[], monitor: MonitorConfig): Diagnostic | undefined {
  if (!monitor.noData?.notify) return undefined;
  const window = evaluationWindowMinutes(monitor.query);
  if (window === undefined) return undefined;
  const minimum = Math.min(2 * window, MAX_NO_DATA_MINUTES);
  const after = monitor.noData.afterMinutes ?? DEFAULT_NO_DATA_MINUTES;
  if (after >= minimum) return undefined;
  const written = monitor.noData.afterMinutes !== undefined;
  return warning(
    file,
    written ? [...path, 'noData', 'afterMinutes'] : [...path, 'noData'],
    'monitor-no-data-window-short',
    `the no-data window (${after} min${written ? '' : ', the default'}) is shorter than twice the query's ${window} min evaluation window; Datadog recommends at least 2x, so set afterMinutes: ${minimum}`,
    `afterMinutes of at least ${minimum}`,
    written ? String(after) : `nothing (default ${after})`,
  );
}
