import { DateTime } from 'luxon';
import { didYouMean } from '../../config/did-you-mean';
import { buildModel } from '../../model/build';
import { formatHours, renderRotation, teamLoad, totalMs, WORKING_HOURS, type Interval } from '../../model/coverage';
import type { RotationModel, TeamModel } from '../../model/types';
import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { bold, EXIT, UsageError, type CommandIO } from '../io';
import { parseFromOption } from '../from-option';
import { loadConfigFor } from '../load-config';

const DEFAULT_WEEKS = 4;
const QUARTER_MONTHS = 3;

export const oncallCommand: CommandSpec = {
  name: 'oncall',
  summary: "Who is on call when for a team, and each person's on-call load over the next quarter.",
  usage: 'oncall <team> [--weeks N] [--from ISO-DATE] [--root DIR]',
  positionals: ['team'],
  options: {
    weeks: { type: 'string', description: `Weeks of the who-is-on-call table (default ${DEFAULT_WEEKS})` },
    from: { type: 'string', description: "Start, ISO 8601 (default: now); without an offset it is the team's local time" },
    root: ROOT_OPTION,
  },
  details: [
    "Times are shown in the team's time zone. Hours are computed exactly from the schedules PagerDuty",
    'will render (wall-clock turn reading). After-hours = on call outside Monday-Friday 09:00-17:00 in',
    "the person's time zone (their own, else their rotation's, else the team's).",
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(oncallCommand, argv, io.env);
    if (positionals.length !== 1) throw new UsageError('oncall: name exactly one team, e.g. `npm run oncall -- payments`');
    const weeks = parseWeeks(values.weeks as string | undefined);
    parseFromOption('oncall', values.from); // usage errors before any loading
    const loaded = loadConfigFor(io, { root: rootOf(values, io), refusal: () => 'oncall: config is invalid; fix it first (npm run validate).' });
    if (!loaded) return EXIT.invalid;
    const model = buildModel(loaded.config);
    const team = model.teams.find((t) => t.id === positionals[0]);
    if (!team) {
      const hint = didYouMean(
        positionals[0],
        model.teams.map((t) => t.id),
      );
      throw new UsageError(
        `oncall: unknown team "${positionals[0]}"${hint ? `; did you mean "${hint}"?` : ''} (teams: ${model.teams.map((t) => t.id).join(', ')})`,
      );
    }
    // A date or time without an offset means the team's local time: "from Monday" is the team's Monday.
    const from = parseFromOption('oncall', values.from, { zone: team.timeZone }) ?? DateTime.utc();
    printSchedule(io, team, { start: from.toMillis(), end: from.plus({ weeks }).toMillis() });
    printLoad(io, team, { start: from.toMillis(), end: from.plus({ months: QUARTER_MONTHS }).toMillis() });
    return EXIT.ok;
  },
};

function parseWeeks(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WEEKS;
  const weeks = Number(value);
  if (!/^\d+$/.test(value) || weeks < 1 || weeks > 104) throw new UsageError(`oncall: --weeks must be a whole number from 1 to 104, not "${value}"`);
  return weeks;
}

const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-MM-dd HH:mm', { locale: 'en' });
const day = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd', { locale: 'en' });

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `  ${row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ')}`.trimEnd());
}

function rotationHeading(rotation: RotationModel): string {
  const hours =
    rotation.coverage.length === 0
      ? '24/7'
      : rotation.coverage.map((w) => `${w.from}-${w.to} ${w.days.length === 7 ? 'every day' : w.days.map((d) => d.slice(0, 3)).join(',')}`).join('; ');
  const derived = rotation.derivedFrom ? `, "${rotation.derivedFrom.rotation}" ${rotation.derivedFrom.offsetTurns} turn(s) behind` : '';
  return `${rotation.id} "${rotation.name}" (${rotation.turnLength} turns, handoff ${rotation.handoff.day} ${rotation.handoff.time} ${rotation.timeZone}, on call ${hours}${derived})`;
}

function printSchedule(io: CommandIO, team: TeamModel, window: Interval): void {
  const names = new Map(team.members.map((m) => [m.id, m.name]));
  io.out(
    bold(
      io,
      `${team.name} (${team.id}): who is on call from ${local(window.start, team.timeZone)} to ${local(window.end, team.timeZone)}, times in ${team.timeZone}`,
    ),
  );
  for (const rotation of team.rotations) {
    const rendered = renderRotation(rotation, window, 'wall-clock');
    io.out('');
    io.out(rotationHeading(rotation));
    if (rendered.turns.length === 0) {
      io.out('  nobody: the rotation has no layer in this window');
      continue;
    }
    const rows = [['turn from', 'to', 'on call', 'hours']];
    for (const turn of rendered.turns)
      rows.push([
        local(turn.start, team.timeZone),
        local(turn.end, team.timeZone),
        names.get(turn.memberId) ?? turn.memberId,
        formatHours(totalMs(turn.onCall)),
      ]);
    for (const line of table(rows)) io.out(line);
  }
}

function printLoad(io: CommandIO, team: TeamModel, window: Interval): void {
  io.out('');
  io.out(bold(io, `On-call load ${day(window.start, team.timeZone)} to ${day(window.end, team.timeZone)} (next quarter)`));
  const rows = [['person', 'on call (h)', 'after hours (h)', 'share of rotation']];
  for (const load of teamLoad(team, window, 'wall-clock')) {
    const member = team.members.find((m) => m.id === load.memberId)!;
    const shares = Object.entries(load.shares)
      .map(([rotation, share]) => `${rotation} ${Math.round(share * 100)}%`)
      .join(', ');
    rows.push([`${member.name} (${member.id})`, formatHours(load.onCallMs), formatHours(load.afterHoursMs), shares || '-']);
  }
  for (const line of table(rows)) io.out(line);
  io.out('');
  io.out(
    `After hours: on call outside Monday-Friday ${WORKING_HOURS.from}-${WORKING_HOURS.to} in the person's time zone. Share: of the rotation's on-call hours.`,
  );
}
