import { analysisWindow, formatInstant, OrgCoverage, type Interval, type RenderedRotation, type TeamCoverage } from '../../../model/coverage';
import type { TurnReading } from '../../../model/turns';
import type { EscalationTargetModel, RotationModel, TeamModel } from '../../../model/types';
import type { Finding, LintContext } from '../../types';

const analyses = new WeakMap<LintContext, OrgCoverage>();

/** The coverage analysis of the lint window, computed once per lint run and shared by every rule. */
export function coverageFor(context: LintContext): OrgCoverage {
  let analysis = analyses.get(context);
  if (!analysis) {
    analysis = new OrgCoverage(context.model, analysisWindow(context.from, context.windowDays));
    analyses.set(context, analysis);
  }
  return analysis;
}

export const teamLabel = (team: TeamModel) => `team ${team.name} (${team.id})`;
export const rotationLabel = (team: TeamModel, rotation: RotationModel) => `${teamLabel(team)}, rotation "${rotation.id}"`;

/** What one reading found: the first offending interval, and how many there are. */
export interface Offence {
  first: Interval;
  count: number;
  /** Extra words for the message, e.g. who is involved. */
  detail?: string;
}

/**
 * Runs a check under both turn readings and merges the verdicts: a problem under either reading is
 * a problem (PagerDuty does not document which one applies). Returns the earliest offence and the
 * readings that show it.
 */
export function underBothReadings(
  coverage: OrgCoverage,
  team: TeamModel,
  check: (analysis: TeamCoverage) => Offence | undefined,
): { offence: Offence; readings: TurnReading[] } | undefined {
  const found = coverage
    .teamUnderEachReading(team)
    .map((analysis) => ({ reading: analysis.reading, offence: check(analysis) }))
    .filter((f): f is { reading: TurnReading; offence: Offence } => f.offence !== undefined);
  if (found.length === 0) return undefined;
  const earliest = found.reduce((a, b) => (b.offence.first.start < a.offence.first.start ? b : a));
  return { offence: earliest.offence, readings: found.map((f) => f.reading) };
}

export const readingsPhrase = (readings: TurnReading[]) =>
  readings.length > 1 ? 'under both turn-length readings' : `only if PagerDuty reads turn lengths as ${readings[0]} time`;

/** "first from <local (UTC)> to <local (UTC)>" plus the instants for the finding. */
export function firstOffence(first: Interval, zone: string): { text: string; instants: string[] } {
  const instants = [formatInstant(first.start, zone), formatInstant(first.end, zone)];
  return { text: `first from ${instants[0]} to ${instants[1]}`, instants };
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const targetsPhrase = (targets: readonly EscalationTargetModel[]) =>
  targets.map((t) => (t.kind === 'rotation' ? `rotation "${t.rotationId}"` : `user "${t.memberId}"`)).join(', ');

type RotationResult = { offence: Offence; readings: TurnReading[] };

/**
 * Runs a per-rotation check on every rotation that owns its turns (derived rotations share their
 * base's grid and are checked through it), under both readings, and reports each offending one.
 */
export function checkEachRotation(
  context: LintContext,
  check: (rendered: RenderedRotation, rotation: RotationModel) => Offence | undefined,
  report: (team: TeamModel, rotation: RotationModel, result: RotationResult) => Omit<Finding, 'level' | 'ruleId'>,
): Omit<Finding, 'level' | 'ruleId'>[] {
  const coverage = coverageFor(context);
  return context.model.teams.flatMap((team) =>
    team.rotations
      .filter((rotation) => !rotation.derivedFrom)
      .flatMap((rotation) => {
        const result = underBothReadings(coverage, team, (analysis) => check(analysis.rotations.get(rotation.id)!, rotation));
        return result ? [report(team, rotation, result)] : [];
      }),
  );
}
