import { DateTime } from 'luxon';
import { UsageError } from './io';

/**
 * How far from today `--from` may lie. The rotation engine walks every turn from a rotation's
 * start to the window, so an instant such as +275760-09-13 (luxon's last valid date) made lint
 * walk for hours; no on-call question is about a date a century away.
 */
export const FROM_RANGE_YEARS = { past: 30, future: 30 } as const;

export interface FromOptionContext {
  /** Zone for a value without an offset (default UTC). */
  zone?: string;
  now?: DateTime;
}

/**
 * `--from` as an instant: an ISO 8601 date or date-time within FROM_RANGE_YEARS of now, else a
 * usage error that says what was expected. Undefined when the option was not given.
 */
export function parseFromOption(command: string, value: unknown, context: FromOptionContext = {}): DateTime | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const parsed = DateTime.fromISO(text, { zone: context.zone ?? 'utc', setZone: true });
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  if (!parsed.isValid) throw new UsageError(`${command}: --from must be an ISO 8601 date or date-time such as 2026-03-01 or 2026-03-01T09:00Z, not "${shown}"`);
  const now = context.now ?? DateTime.utc();
  const earliest = now.minus({ years: FROM_RANGE_YEARS.past }).startOf('year');
  const latest = now.plus({ years: FROM_RANGE_YEARS.future }).endOf('year');
  if (parsed < earliest || parsed > latest) {
    throw new UsageError(
      `${command}: --from must lie between ${earliest.toISODate()} and ${latest.toISODate()} (within ${FROM_RANGE_YEARS.future} years of today), not "${shown}"`,
    );
  }
  return parsed;
}
