import type { EscalationLevelModel } from '../types';
import { union, type Interval, type IntervalSet } from './intervals';
import type { RenderedRotation } from './schedule';

/** Who an escalation level reaches, and when. */
export interface LevelCoverage {
  level: EscalationLevelModel;
  /** When the level reaches anybody: the union of its targets (PagerDuty notifies every target of a level). */
  coverage: IntervalSet;
  /** Per person, when the level reaches them through one of its rotations. */
  viaRotation: ReadonlyMap<string, IntervalSet>;
  /** People the level targets directly: reached whenever the level is. */
  direct: readonly string[];
}

/**
 * A level targeting a user reaches that user at all times; a level targeting a schedule reaches
 * whoever the schedule has on call (nobody in its gaps). Every target of a level is notified
 * (escalation rules hold a list of targets; see the semantics table in docs/rotations.md).
 */
export function levelCoverage(level: EscalationLevelModel, rendered: ReadonlyMap<string, RenderedRotation>, window: Interval): LevelCoverage {
  const direct = [...new Set(level.targets.flatMap((t) => (t.kind === 'user' ? [t.memberId] : [])))].sort();
  const rotations = level.targets.flatMap((t) => (t.kind === 'rotation' ? [rendered.get(t.rotationId)!] : []));
  const perPerson = new Map<string, IntervalSet[]>();
  for (const rotation of rotations) {
    for (const [member, set] of rotation.byMember) perPerson.set(member, [...(perPerson.get(member) ?? []), set]);
  }
  const viaRotation = new Map([...perPerson].map(([member, sets]) => [member, union(...sets)]));
  const coverage = direct.length > 0 ? [window] : union(...rotations.map((r) => r.coverage));
  return { level, coverage, viaRotation, direct };
}

/** Everyone a level reaches and when, direct targets included. */
export function reachedByLevel(level: LevelCoverage, window: Interval): Map<string, IntervalSet> {
  const reached = new Map(level.viaRotation);
  for (const person of level.direct) reached.set(person, [window]);
  return reached;
}
