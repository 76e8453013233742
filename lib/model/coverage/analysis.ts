import type { DateTime } from 'luxon';
import { TURN_READINGS, type TurnReading } from '../turns';
import type { OrgModel, RotationModel, TeamModel } from '../types';
import { union, type Interval, type IntervalSet } from './intervals';
import { levelCoverage, type LevelCoverage } from './escalation';
import { renderRotation, type RenderedRotation } from './schedule';

/** Everything coverage checks need about one team, for one window and one turn reading. */
export interface TeamCoverage {
  team: TeamModel;
  window: Interval;
  reading: TurnReading;
  rotations: ReadonlyMap<string, RenderedRotation>;
  /** In escalation order; index 0 is level 1. */
  levels: readonly LevelCoverage[];
  /**
   * When the team's escalation policy reaches anybody at some level. Every service of a team is
   * paged through the team's policy, so this is also when each of its services reaches a person.
   */
  anyLevel: IntervalSet;
}

export function analyzeTeam(team: TeamModel, window: Interval, reading: TurnReading): TeamCoverage {
  const rotations = new Map(team.rotations.map((rotation) => [rotation.id, renderRotation(rotation, window, reading)]));
  const levels = team.escalation.levels.map((level) => levelCoverage(level, rotations, window));
  return { team, window, reading, rotations, levels, anyLevel: union(...levels.map((l) => l.coverage)) };
}

/** The analysis window: `from` plus `days` days (elapsed, 86,400 s each). */
export const analysisWindow = (from: DateTime, days: number): Interval => ({ start: from.toMillis(), end: from.toMillis() + days * 86_400_000 });

/**
 * Lazily computed, cached coverage of a whole organization over one window, under both turn
 * readings. Rules share one instance, so each rotation is rendered once per reading.
 */
export class OrgCoverage {
  private readonly cache = new Map<string, TeamCoverage>();

  constructor(
    readonly model: OrgModel,
    readonly window: Interval,
  ) {}

  team(team: TeamModel, reading: TurnReading): TeamCoverage {
    const key = `${team.id}\u0000${reading}`;
    let analysis = this.cache.get(key);
    if (!analysis) {
      analysis = analyzeTeam(team, this.window, reading);
      this.cache.set(key, analysis);
    }
    return analysis;
  }

  /** The team's analysis under each turn reading, wall-clock first. */
  teamUnderEachReading(team: TeamModel): TeamCoverage[] {
    return TURN_READINGS.map((reading) => this.team(team, reading));
  }

  rotation(team: TeamModel, rotation: RotationModel, reading: TurnReading): RenderedRotation {
    return this.team(team, reading).rotations.get(rotation.id)!;
  }
}
