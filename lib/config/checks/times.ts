import type { Diagnostic } from '../diagnostics';
import type { OrganizationConfig, RotationConfig } from '../schema';
import { durationSeconds, WEEKDAYS } from '../schema/values';
import { instantOfNaive, offsetMinutes } from '../../util/zone-offsets';
import type { TeamFile } from '../load';
import { error, type SemanticCheck } from './types';

/** PagerDuty schedule layers accept rotation_turn_length_seconds 3,600 - 31,536,000 (resource_pagerduty_schedule.go). */
export const MAX_TURN_SECONDS = 31_536_000;

/** Dates exist, local times exist in their zone, rosters are in order, windows are non-empty. */
export const checkTimes: SemanticCheck = ({ organization, teams }) => teams.flatMap((team) => checkTeamTimes(team, organization.config));

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/**
 * 00:00 UTC of a calendar date "YYYY-MM-DD" as epoch ms, or undefined when the date does not
 * exist (2026-02-30). Plain Date arithmetic: this runs for every rotation and roster of every team.
 */
export function calendarDateMs(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const value = new Date(0);
  value.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, keeps years below 100
  return value.getUTCFullYear() === year && value.getUTCMonth() === month - 1 && value.getUTCDate() === day ? value.getTime() : undefined;
}

/**
 * The instant (epoch ms) of a local date-time that exists exactly as written in the zone, or
 * undefined when the date does not exist or a daylight-saving jump skips that time. An ambiguous
 * time (fall back) exists; its instant is the first occurrence (instantOfNaive).
 */
export function localInstant(date: string, time: string, zone: string): number | undefined {
  const day = calendarDateMs(date);
  if (day === undefined) return undefined;
  const naive = day + minutesOf(time) * 60_000;
  const instant = instantOfNaive(naive, zone);
  return instant + offsetMinutes(zone, instant) * 60_000 === naive ? instant : undefined;
}

function checkTeamTimes({ file, config }: TeamFile, organization: OrganizationConfig): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const [rotationId, rotation] of Object.entries(config.rotations)) {
    if (rotation.derivedFrom) continue;
    const path = ['rotations', rotationId];
    const zone = rotation.timeZone ?? config.timeZone;
    const turnLength = rotation.turnLength ?? organization.defaults.turnLength;
    const handoffTime = rotation.handoff?.time ?? organization.defaults.handoff.time;
    if (durationSeconds(turnLength) > MAX_TURN_SECONDS) {
      found.push(error(file, [...path, 'turnLength'], 'turn-too-long', 'turn length exceeds what PagerDuty accepts', 'at most 365d', turnLength));
    }
    if (rotation.start) {
      const start = calendarDateMs(rotation.start);
      if (start === undefined) {
        found.push(error(file, [...path, 'start'], 'date-invalid', 'not a calendar date', 'an existing date YYYY-MM-DD', `"${rotation.start}"`));
      } else {
        const weeklyTurns = durationSeconds(turnLength) % 604800 === 0;
        const day = rotation.handoff?.day;
        const startDay = WEEKDAYS[(new Date(start).getUTCDay() + 6) % 7]; // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday
        if (weeklyTurns && day && startDay !== day) {
          found.push(
            error(
              file,
              [...path, 'start'],
              'start-weekday-mismatch',
              `the first handoff date must fall on the handoff day (${day})`,
              `a ${day}`,
              `${rotation.start}, a ${startDay}`,
            ),
          );
        }
        if (localInstant(rotation.start, handoffTime, zone) === undefined) {
          found.push(
            error(
              file,
              [...path, 'handoff', 'time'],
              'local-time-skipped',
              `${handoffTime} does not exist on ${rotation.start} in ${zone} (daylight-saving jump)`,
              'a local time that exists',
              handoffTime,
            ),
          );
        }
      }
    }
    checkRosters(file, path, rotation, zone, found);
    rotation.coverage?.forEach((window, index) => {
      const windowPath = [...path, 'coverage', index];
      const length = windowMinutes(window.from, window.to);
      if (length === 0)
        found.push(
          error(file, windowPath, 'window-empty', 'coverage window is empty (from equals to)', 'different from and to', `${window.from}-${window.to}`),
        );
      else if (length === 1440 && new Set(window.days).size === 7) {
        found.push(
          error(
            file,
            windowPath,
            'window-full',
            'this window covers every hour of every day; omit coverage for a 24/7 rotation',
            'a window shorter than 24 h, or no coverage',
            `${window.from}-${window.to} every day`,
          ),
        );
      }
      if (new Set(window.days).size !== window.days.length)
        found.push(error(file, [...windowPath, 'days'], 'weekday-repeated', 'a weekday is listed twice', 'each weekday once', window.days.join(', ')));
    });
  }
  for (const [serviceId, service] of Object.entries(config.services)) {
    const hours = service.supportHours;
    if (!hours) continue;
    const path = ['services', serviceId, 'supportHours'];
    // PagerDuty support hours are one window per day, start before end (fixed_time_per_day).
    if (minutesOf(hours.to) <= minutesOf(hours.from)) {
      found.push(
        error(
          file,
          [...path, 'to'],
          'support-hours-order',
          'support hours must end after they start on the same day',
          `a time after ${hours.from}, at most 23:59`,
          hours.to,
        ),
      );
    }
    if (new Set(hours.days).size !== hours.days.length)
      found.push(error(file, [...path, 'days'], 'weekday-repeated', 'a weekday is listed twice', 'each weekday once', hours.days.join(', ')));
  }
  return found;
}

function checkRosters(file: string, path: (string | number)[], rotation: RotationConfig, zone: string, found: Diagnostic[]) {
  let previous: { instant: number; written: string } | undefined;
  rotation.rosters?.forEach((roster, index) => {
    const rosterPath = [...path, 'rosters', index, 'effectiveFrom'];
    const [date, time] = roster.effectiveFrom.split('T');
    const instant = localInstant(date, time, zone);
    if (instant === undefined) {
      found.push(
        error(
          file,
          rosterPath,
          'local-time-skipped',
          `${roster.effectiveFrom} does not exist in ${zone}`,
          'an existing local date and time',
          roster.effectiveFrom,
        ),
      );
      return;
    }
    if (previous && instant <= previous.instant) {
      found.push(
        error(
          file,
          rosterPath,
          'roster-order',
          'rosters must be listed oldest first, each taking effect after the previous one',
          `after ${previous.written}`,
          roster.effectiveFrom,
        ),
      );
    }
    previous = { instant, written: roster.effectiveFrom };
  });
}

/** Length of a window in minutes; `to` before `from` wraps past midnight. */
export function windowMinutes(from: string, to: string): number {
  const start = minutesOf(from);
  const end = minutesOf(to);
  return end > start ? end - start : end === start ? 0 : 1440 - start + end;
}
