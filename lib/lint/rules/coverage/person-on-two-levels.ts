import { intersect, union, type IntervalSet } from '../../../model/coverage';
import type { LintRule } from '../../types';
import type { TeamCoverage } from '../../../model/coverage';
import { coverageFor, firstOffence, readingsPhrase, teamLabel, underBothReadings, type Offence } from './shared';

/**
 * Escalating from one level to another must reach somebody new. A person who is on call through a
 * rotation at one level while another level also reaches them (through a rotation or directly) is
 * paged twice and backs themselves up: the classic "primary and secondary are the same person".
 * People targeted directly on several levels are a visible, deliberate ladder and are not flagged.
 */
export const personOnTwoLevels: LintRule = {
  id: 'escalation-person-on-two-levels',
  defaultLevel: 'error',
  scope: 'team',
  description: 'Nobody may be on call on two escalation levels at the same instant (e.g. primary and secondary).',
  check(context) {
    const coverage = coverageFor(context);
    return context.model.teams.flatMap((team) => {
      const directTargets = team.escalation.levels.flatMap((l) => l.targets.flatMap((t) => (t.kind === 'user' ? [t.memberId] : [])));
      const people = [...new Set([...team.members.map((m) => m.id), ...directTargets])].sort();
      return pairsOfLevels(team.escalation.levels.length).flatMap(([i, j]) =>
        people.flatMap((person) => {
          const result = underBothReadings(coverage, team, (analysis) => overlap(analysis, person, i, j));
          if (!result) return [];
          const { text, instants } = firstOffence(result.offence.first, team.timeZone);
          const [a, b] = [team.escalation.levels[i], team.escalation.levels[j]];
          return [
            {
              teamId: team.id,
              file: team.file,
              path: ['escalation', 'levels', j],
              message: `${teamLabel(team)}: "${person}" is on call on escalation level ${a.level} ("${a.name}") and level ${b.level} ("${b.name}") at once (${result.offence.detail}), ${text} (${readingsPhrase(result.readings)})`,
              instants,
            },
          ];
        }),
      );
    });
  },
};

function overlap(analysis: TeamCoverage, person: string, i: number, j: number): Offence | undefined {
  const reached = (index: number): { rotation: IntervalSet; any: IntervalSet } => {
    const level = analysis.levels[index];
    const rotation = level.viaRotation.get(person) ?? [];
    return { rotation, any: level.direct.includes(person) ? [analysis.window] : rotation };
  };
  const [a, b] = [reached(i), reached(j)];
  if (analysis.levels[i].direct.includes(person) && analysis.levels[j].direct.includes(person)) return undefined;
  const both = union(intersect(a.rotation, b.any), intersect(a.any, b.rotation));
  if (both.length === 0) return undefined;
  const via = (side: { rotation: IntervalSet; any: IntervalSet }, index: number) =>
    side.rotation.length > 0 && intersect(side.rotation, both).length > 0 ? `via ${rotationsHolding(analysis, index, person)}` : 'as a direct target';
  return { first: both[0], count: both.length, detail: `level ${i + 1} ${via(a, i)}, level ${j + 1} ${via(b, j)}` };
}

function rotationsHolding(analysis: TeamCoverage, index: number, person: string): string {
  const ids = analysis.levels[index].level.targets.flatMap((t) => (t.kind === 'rotation' && analysis.rotations.get(t.rotationId)?.byMember.has(person) ? [t.rotationId] : []));
  return ids.map((id) => `rotation "${id}"`).join(' and ');
}

const pairsOfLevels = (n: number): [number, number][] => {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push([i, j]);
  return pairs;
};
