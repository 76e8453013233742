import { DateTime } from 'luxon';

/** "Mon 2026-03-09 02:00 America/Los_Angeles (2026-03-09 09:00 UTC)": how findings name instants. */
export function formatInstant(ms: number, zone: string): string {
  const local = DateTime.fromMillis(ms, { zone });
  const utc = DateTime.fromMillis(ms, { zone: 'utc' });
  return `${local.toFormat('ccc yyyy-MM-dd HH:mm', { locale: 'en' })} ${zone} (${utc.toFormat('yyyy-MM-dd HH:mm', { locale: 'en' })} UTC)`;
}

/** "from <instant> to <instant>" for an interval, both in `zone` with UTC. */
export const formatInterval = (interval: { start: number; end: number }, zone: string) => `from ${formatInstant(interval.start, zone)} to ${formatInstant(interval.end, zone)}`;

/** Hours, one decimal, without a trailing ".0". */
export const formatHours = (ms: number) => {
  const hours = Math.round((ms / 3_600_000) * 10) / 10;
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
};
