import { isDeepStrictEqual } from 'node:util';
import { DateTime } from 'luxon';
import { WEEKDAYS } from '../../../config/schema/values';
import { formatInstant } from '../../../model/coverage';
import { layersFor } from '../../../model/rotations';
import type { LayerModel, RotationModel, TeamModel } from '../../../model/types';
import { rostersYaml } from '../../../model/roster-changes';
import type { LintContext, LintRule, RuleFinding } from '../../types';
import { plural, rotationLabel } from './shared';

/** Days an ended roster may stay in config as a warning (time to merge the clean-up) before it is an error. */
export const ROSTER_ENDED_GRACE_DAYS = 14;

/**
 * Roster entries whose successor has taken over must leave config. terraform-provider-pagerduty
 * (`flattenScheduleLayers`, resource_pagerduty_schedule.go) drops every layer whose `end` is past
 * when it reads a schedule and matches layers by list position, so a schedule that still emits an
 * ended layer shows a diff on every plan and rewrites its layers on every apply. Synth must not
 * read the clock, so lint asks for the clean-up and writes it: the remaining rosters with `start`
 * moved to the first remaining layer's turn grid, which reproduces exactly the same layers.
 */
export const rosterEnded: LintRule = {
  id: 'roster-ended',
  defaultLevel: 'warn',
  scope: 'team',
  description: `A roster whose successor took over before the lint window must be deleted (PagerDuty stops reading ended layers: perpetual diff); a warning for ${ROSTER_ENDED_GRACE_DAYS} days, then an error.`,
  check: (context) =>
    context.model.teams.flatMap((team) =>
      team.rotations.filter((rotation) => !rotation.derivedFrom).flatMap((rotation) => {
        const finding = endedRostersFinding(team, rotation, context);
        return finding ? [finding] : [];
      }),
    ),
};

const millisOf = (rfc3339: string) => DateTime.fromISO(rfc3339, { setZone: true }).toMillis();

/** The config that replaces `start`, `handoff` (only when it must change) and `rosters`. */
interface Rewrite {
  start: string;
  handoff?: { day: string; time: string };
  rosters: { effectiveFrom: string; members: string[] }[];
}

function endedRostersFinding(team: TeamModel, rotation: RotationModel, context: LintContext): RuleFinding | undefined {
  const zone = rotation.timeZone;
  const from = context.from.toMillis();
  // Layers are oldest first and each ends where the next begins: the ended ones are a prefix.
  const endedCount = rotation.layers.filter((layer) => layer.end !== undefined && millisOf(layer.end) <= from).length;
  if (endedCount === 0) return undefined;
  const written = rotation.written?.rosters ?? rotation.layers.map((layer) => ({ effectiveFrom: localDateTime(layer.start, zone), members: layer.members }));

  const ended = rotation.layers.slice(0, endedCount).map((layer, index) => {
    const instant = formatInstant(millisOf(layer.end!), zone);
    return { instant, text: `rosters[${index}] [${written[index].members.join(', ')}] ended ${instant}` };
  });
  const lastEnd = DateTime.fromISO(rotation.layers[endedCount - 1].end!, { setZone: true }).setZone(zone);
  const level = lastEnd.plus({ days: ROSTER_ENDED_GRACE_DAYS }) <= context.from ? 'error' : 'warn';

  const kept = rotation.layers.slice(endedCount);
  const rewrite = rewriteFor(rotation, kept, written.slice(endedCount));
  const followers = team.rotations.filter((r) => r.derivedFrom?.rotation === rotation.id).map((r) => `"${r.id}"`);
  const why =
    'PagerDuty no longer reads a layer once its end is past (terraform-provider-pagerduty skips ended layers when reading a schedule and matches layers by position), ' +
    `so every plan shows a diff and every apply rewrites and re-adds the layers of this schedule${followers.length > 0 ? ` and of derived rotation ${followers.join(', ')}` : ''}`;
  const grace = `(a warning for ${ROSTER_ENDED_GRACE_DAYS} days after the change, then an error)`;
  return {
    teamId: team.id,
    file: team.file,
    path: ['rotations', rotation.id, 'rosters'],
    level,
    message: `${rotationLabel(team, rotation)}: ${plural(endedCount, 'roster')} ended: ${ended.map((e) => e.text).join('; ')}. ${why} ${grace}. ${rewrite ? fix(rotation, rewrite, endedCount) : noExactFix(kept[0], zone)}`,
    instants: ended.map((e) => e.instant),
    ...(rewrite ? { suggestion: rewriteYaml(rewrite) } : {}),
  };
}

/**
 * The remaining rosters, the first one listed in its layer's (rotated) order and `start` set to
 * that layer's rotation_virtual_start, so it begins the turn grid where the layer already does.
 * Returned only if rebuilding the layers from it gives exactly the layers kept: the rewrite then
 * changes nothing in PagerDuty but the ended layers' disappearance, under either turn reading.
 */
function rewriteFor(rotation: RotationModel, kept: LayerModel[], keptWritten: { effectiveFrom: string; members: string[] }[]): Rewrite | undefined {
  const zone = rotation.timeZone;
  const virtualStart = DateTime.fromISO(kept[0].rotationVirtualStart, { setZone: true }).setZone(zone);
  const start = virtualStart.toISODate()!;
  const time = virtualStart.toFormat('HH:mm');
  const day = WEEKDAYS[virtualStart.weekday - 1];
  const rosters = keptWritten.map((roster, index) => ({ effectiveFrom: roster.effectiveFrom, members: index === 0 ? [...kept[0].members] : [...roster.members] }));
  const rebuilt = layersFor(
    DateTime.fromISO(`${start}T${time}`, { zone }),
    rotation.turnLength,
    rosters.map((roster) => ({ from: DateTime.fromISO(roster.effectiveFrom, { zone }), members: roster.members })),
  );
  if (!isDeepStrictEqual(rebuilt, kept)) return undefined;
  const handoffChanges = day !== rotation.handoff.day || time !== rotation.handoff.time;
  return { start, ...(handoffChanges ? { handoff: { day, time } } : {}), rosters };
}

function fix(rotation: RotationModel, rewrite: Rewrite, endedCount: number): string {
  const keys = rewrite.handoff ? '`start`, `handoff` and `rosters`' : '`start` and `rosters`';
  const weekday = WEEKDAYS[DateTime.fromISO(rewrite.start).weekday - 1];
  const handoff = rewrite.handoff ? ` and the handoff to ${rewrite.handoff.day} ${rewrite.handoff.time}` : '';
  return (
    `Delete the ended ${endedCount === 1 ? 'entry' : 'entries'}; so that rosters[${endedCount}] keeps exactly the same turns, set \`start\` to ${rewrite.start} ` +
    `(a ${weekday}: the handoff that began the turn in progress when it took over)${handoff} and list its members in on-call order from then: [${rewrite.rosters[0].members.join(', ')}]. ` +
    `Replace ${keys} of rotations.${rotation.id} with the suggested config.`
  );
}

function noExactFix(firstKept: LayerModel, zone: string): string {
  return (
    `No \`start\` reproduces the remaining turns exactly (the first remaining turn began ${formatInstant(millisOf(firstKept.rotationVirtualStart), zone)}, ` +
    'a handoff moved by a daylight-saving jump): delete the ended entries, move the handoff out of the 02:00-03:00 hour, and check the turns with `npm run oncall`.'
  );
}

function rewriteYaml(rewrite: Rewrite): string {
  return [
    `start: '${rewrite.start}'`,
    ...(rewrite.handoff ? [`handoff: { day: ${rewrite.handoff.day}, time: '${rewrite.handoff.time}' }`] : []),
    rostersYaml(rewrite.rosters),
  ].join('\n');
}

const localDateTime = (rfc3339: string, zone: string) => DateTime.fromISO(rfc3339, { setZone: true }).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
