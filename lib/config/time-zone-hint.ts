import { DateTime, IANAZone } from 'luxon';
import { didYouMean } from './did-you-mean';
import { PAGERDUTY_TIME_ZONES } from './schema/pagerduty-time-zones';

/**
 * A hint for a time zone PagerDuty does not accept. A real IANA zone missing from PagerDuty's
 * list (Asia/Dubai, America/Toronto) gets an accepted zone with the same clock all year,
 * preferring its own continent; an abbreviation (CST, EST) is called out as ambiguous; anything
 * else gets the nearest spelling.
 */
export function timeZoneHint(value: string): string | undefined {
  if (/^(utc|gmt|z|zulu|universal|etc\/gmt|etc\/universal|etc\/zulu)$/i.test(value.trim())) return 'did you mean "Etc/UTC"?';
  const exact = PAGERDUTY_TIME_ZONES.find((zone) => zone.toLowerCase() === value.toLowerCase());
  if (exact) return `did you mean "${exact}"? (names are case-sensitive)`;
  if (/^[A-Z]{2,5}$/i.test(value) || /^[A-Z]{3,4}[+-]?\d*[A-Z]{0,4}$/.test(value)) {
    return 'abbreviations such as CST or EST are ambiguous and not accepted; use a region name such as America/Chicago or America/New_York';
  }
  if (IANAZone.isValidZone(value)) {
    const twin = sameClockZone(value);
    if (twin) return `did you mean "${twin}"? (PagerDuty does not list ${value}; ${twin} keeps the same local time all year)`;
  }
  const spelled = didYouMean(value, PAGERDUTY_TIME_ZONES);
  return spelled ? `did you mean "${spelled}"?` : undefined;
}

/** Sample instants covering two years of daylight-saving switches in both hemispheres. */
const SAMPLES = Array.from({ length: 48 }, (_, index) => DateTime.utc(2025, 1, 1).plus({ days: index * 15 + 7 }));

const offsets = (name: string) => SAMPLES.map((instant) => instant.setZone(name).offset).join(',');
let acceptedOffsets: Map<string, string> | undefined;

function sameClockZone(zone: string): string | undefined {
  acceptedOffsets ??= new Map(PAGERDUTY_TIME_ZONES.map((candidate) => [candidate, offsets(candidate)]));
  const wanted = offsets(zone);
  const continent = zone.split('/')[0];
  const matches = PAGERDUTY_TIME_ZONES.filter((candidate) => acceptedOffsets!.get(candidate) === wanted);
  const rank = (candidate: string) => (WELL_KNOWN.includes(candidate) ? 0 : 2) + (candidate.split('/')[0] === continent ? 0 : 1);
  return [...matches].sort((a, b) => rank(a) - rank(b))[0];
}

/** Among zones with the same clock, the one people recognise (Toronto -> New York, not Indianapolis). */
const WELL_KNOWN = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Asia/Muscat',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Etc/UTC',
];
