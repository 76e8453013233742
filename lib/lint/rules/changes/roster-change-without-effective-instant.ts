import { formatInstant } from '../../../model/coverage';
import { findRosterChanges, type RosterChange } from '../../../model/roster-changes';
import type { ChangeLintRule, Finding } from '../../types';
import { plural, rotationLabel } from '../coverage/shared';

export const rosterChangeWithoutEffectiveInstant: ChangeLintRule = {
  id: 'roster-change-without-effective-instant',
  defaultLevel: 'warn',
  scope: 'team',
  description: 'A roster change must take effect at an instant written in config (a new roster with effectiveFrom), not reshuffle turns already planned.',
  check(context) {
    return findRosterChanges(context.base, context.model, { from: context.from, windowDays: context.windowDays }).map((change) =>
      finding(change, context.windowDays),
    );
  },
};

function finding(change: RosterChange, windowDays: number): Omit<Finding, 'level' | 'ruleId'> {
  const { team, rotation } = change;
  const zone = rotation.timeZone;
  const first = formatInstant(change.firstChange.at, zone);
  const handoff = formatInstant(change.nextHandoff, zone);
  const moved = `${plural(change.changedTurns, 'turn')} in the next ${windowDays} days change hands, first at ${first} (${change.firstChange.before ?? 'nobody'} -> ${change.firstChange.after ?? 'nobody'})`;
  const followers = change.followers.length > 0 ? ` ${change.followers.map((id) => `Rotation "${id}"`).join(', ')} (derived) moves with it.` : '';
  const fix = change.suggestion
    ? ` Keep the old list until the next handoff, ${handoff}, and start the new one there: ${change.kind === 'effective-in-past' ? 'move its effectiveFrom there' : `replace ${change.path.at(-1) === 'members' && change.path.length === 3 ? '`members`' : '`rosters`'} with the suggested rosters block`}.`
    : `${change.kind === 'turn-grid' ? ' A roster history cannot express that' : ` The turn grid moved too (${gridWhat(change)}), which a roster history cannot express`}: keep \`start\` and \`turnLength\` as they were, or make the change on purpose and tell the people whose turns move.`;
  return {
    teamId: team.id,
    file: team.file,
    path: change.path,
    message: `${rotationLabel(team, rotation)}: ${cause(change)}, so PagerDuty recomputes the turns: ${moved}.${followers}${fix}`,
    instants: [first, handoff],
    ...(change.suggestion ? { suggestion: change.suggestion } : {}),
  };
}

function cause(change: RosterChange): string {
  const what = rosterDelta(change.membersBefore ?? [], change.membersAfter ?? []);
  switch (change.kind) {
    case 'edited-in-place': {
      const where = change.path.includes('rosters') ? `the members of rosters[${change.path[3]}], already in effect,` : '`members`';
      return `${where} edited in place (${what}) without an effective instant`;
    }
    case 'effective-in-past':
      return `the new roster (rosters[${change.path[3]}]: ${what}) takes effect at ${formatInstant(change.effectiveFrom!, change.rotation.timeZone)}, which is not in the future`;
    case 'turn-grid':
      return `the turn grid changed (${gridWhat(change)})`;
  }
}

/** "added ivan; removed chen", or "same people, new order". */
function rosterDelta(before: readonly string[], after: readonly string[]): string {
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  const parts = [added.length > 0 ? `added ${added.join(', ')}` : '', removed.length > 0 ? `removed ${removed.join(', ')}` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'same people, new order';
}

/** "turnLength 1w -> 2w; first handoff (start) ... -> ...", or a generic phrase if neither differs. */
const gridWhat = (change: RosterChange) =>
  change.gridChanges && change.gridChanges.length > 0 ? change.gridChanges.join('; ') : 'the turn grid (`start`, `turnLength`)';
