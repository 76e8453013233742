import type { DateTime } from 'luxon';

/**
 * Fixed-format renderings of a luxon DateTime's own fields. luxon's `toFormat` goes through its
 * locale and formatter machinery (about 20 µs a call); config checks and the model format every
 * rotation start, roster and virtual start, which made it a visible share of lint at 1,000 teams.
 * These give the same text as the luxon formats named on each (a property test compares them).
 */
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `yyyy-MM-dd'T'HH:mm`: local date and time, as config writes it. */
export function localDateTimeText(t: DateTime): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}

/** `yyyy-MM-dd'T'HH:mm:ssZZ`: RFC 3339 with the zone's own offset at that instant, whole seconds. */
export function rfc3339(t: DateTime): string {
  const offset = t.offset;
  const sign = offset < 0 ? '-' : '+';
  const minutes = Math.abs(offset);
  return `${localDateTimeText(t)}:${pad(t.second)}${sign}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
