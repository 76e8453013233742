import { Construct } from 'constructs';
import { Schedule, type ScheduleLayer } from '@cdktf/provider-pagerduty/lib/schedule';
import type { RestrictionModel, RotationModel } from '../model/types';
import type { UserDirectory } from './users';
import { requireDisplayName, requireProp } from './validation';

/** PagerDuty's accepted turn lengths (resource_pagerduty_schedule.go). */
const MIN_TURN_SECONDS = 3_600;
const MAX_TURN_SECONDS = 31_536_000;
/** RFC 3339 with an explicit offset and zero seconds: PagerDuty wants whole minutes. */
const WHOLE_MINUTE_RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:00(?:Z|[+-]\d\d:\d\d)$/;
/** Anchored, unlike the provider's own check. */
const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

export interface RotationScheduleProps {
  /** The resolved rotation: one layer per roster version, restrictions from its coverage. */
  readonly rotation: RotationModel;
  readonly users: UserDirectory;
  /** PagerDuty team id (reference) the schedule belongs to. */
  readonly teamId: string;
}

/**
 * One `pagerduty_schedule` per rotation. Every roster version is its own layer with a fixed
 * `start`/`end` and a `rotation_virtual_start` that pins the turn sequence, so changing the roster
 * never reshuffles past or current turns (editing a layer's users in place resets it).
 */
export class RotationSchedule extends Construct {
  public readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: RotationScheduleProps) {
    super(scope, id);
    const { rotation } = props;
    const path = this.node.path;
    requireDisplayName(rotation.name, path, 'schedule name');
    requireProp(rotation.layers.length > 0, path, `rotation "${rotation.id}" has no layers`);
    requireProp(
      Number.isInteger(rotation.turnSeconds) && rotation.turnSeconds >= MIN_TURN_SECONDS && rotation.turnSeconds <= MAX_TURN_SECONDS,
      path,
      `turn length must be ${MIN_TURN_SECONDS}-${MAX_TURN_SECONDS} seconds, got ${rotation.turnSeconds}`,
    );
    rotation.restrictions.forEach((r, index) => validateRestriction(r, `${path} restriction ${index + 1}`));

    const layers: ScheduleLayer[] = rotation.layers.map((layer, index) => {
      const where = `${path} layer ${index + 1}`;
      for (const [name, value] of [
        ['start', layer.start],
        ['end', layer.end],
        ['rotation_virtual_start', layer.rotationVirtualStart],
      ] as const) {
        if (value !== undefined)
          requireProp(WHOLE_MINUTE_RFC3339.test(value), where, `${name} must be RFC 3339 with an offset and whole minutes, got ${value}`);
      }
      if (layer.end !== undefined) requireProp(Date.parse(layer.end) > Date.parse(layer.start), where, `end ${layer.end} is not after start ${layer.start}`);
      requireProp(layer.members.length > 0, where, 'a layer needs at least one user');
      return {
        name: rotation.layers.length === 1 ? rotation.name : `${rotation.name} (roster from ${layer.start.slice(0, 10)})`,
        start: layer.start,
        end: layer.end,
        rotationVirtualStart: layer.rotationVirtualStart,
        rotationTurnLengthSeconds: rotation.turnSeconds,
        users: layer.members.map((memberId) => props.users.userId(memberId)),
        restriction: rotation.restrictions.length > 0 ? rotation.restrictions.map(toRestriction) : undefined,
      };
    });

    this.schedule = new Schedule(this, 'schedule', {
      name: rotation.name,
      description: rotation.description.trim(),
      timeZone: rotation.timeZone,
      teams: [props.teamId],
      layer: layers,
    });
  }

  /** The schedule's PagerDuty id (a reference). */
  get scheduleId(): string {
    return this.schedule.id;
  }
}

function validateRestriction(r: RestrictionModel, where: string): void {
  requireProp(TIME_OF_DAY.test(r.startTimeOfDay), where, `start_time_of_day must be HH:MM:SS, got ${r.startTimeOfDay}`);
  if (r.type === 'daily_restriction') {
    requireProp(r.durationSeconds >= 1 && r.durationSeconds < 86_400, where, `a daily restriction lasts 1-86399 seconds, got ${r.durationSeconds}`);
    requireProp(r.startDayOfWeek === undefined, where, 'a daily restriction has no start day of week');
  } else {
    requireProp(r.durationSeconds >= 1 && r.durationSeconds <= 604_799, where, `a weekly restriction lasts 1-604799 seconds, got ${r.durationSeconds}`);
    requireProp(
      r.startDayOfWeek !== undefined && r.startDayOfWeek >= 1 && r.startDayOfWeek <= 7,
      where,
      `a weekly restriction needs start_day_of_week 1 (Monday) to 7, got ${r.startDayOfWeek}`,
    );
  }
}

const toRestriction = (r: RestrictionModel) => ({
  type: r.type,
  startTimeOfDay: r.startTimeOfDay,
  durationSeconds: r.durationSeconds,
  startDayOfWeek: r.startDayOfWeek,
});
