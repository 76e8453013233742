import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { DateTime } from 'luxon';
import type { Diagnostic } from '../../config/diagnostics';
import { buildModel } from '../../model/build';
import { findMonitor } from '../../runbooks/monitor-reference';
import { PLACEHOLDER_MARKER } from '../../runbooks/runbook';
import { scaffoldRunbook } from '../../runbooks/scaffold';
import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { EXIT, green, printDiagnostics, UsageError } from '../io';
import { loadConfigFor } from '../load-config';

/**
 * The errors this command exists to fix must not stop it: a paging monitor that links no
 * runbook yet, or links a file that does not exist yet.
 */
const isMissingRunbook = (d: Diagnostic) =>
  d.level === 'error' && (d.code === 'runbook-missing' || (d.code === 'runbook-path' && d.message.startsWith('no such file')));

export const newRunbookCommand: CommandSpec = {
  name: 'new-runbook',
  summary: `Scaffold a runbook for a monitor from config; what config cannot know is marked ${PLACEHOLDER_MARKER}`,
  usage: 'new-runbook <team> <monitor | service/monitor> [--force] [--root DIR]',
  positionals: ['team', 'monitor'],
  options: {
    force: { type: 'boolean', description: 'Overwrite the runbook file when it exists' },
    root: ROOT_OPTION,
  },
  details: [
    'Writes the file the monitor links (`runbook:` in its team file), or <runbooks>/<team>/<monitor>.md',
    "when it links none, with the title, owner, severity, the monitor query verbatim, the team's",
    'escalation ladder and schedules filled in. Replace every placeholder, then run',
    '`npm run check` (CI runs it and refuses any placeholder left).',
    'Exit 2 when the file exists and --force is not given.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(newRunbookCommand, argv, io.env);
    if (positionals.length !== 2)
      throw new UsageError(`new-runbook: expected <team> and <monitor>, got ${positionals.length} argument${positionals.length === 1 ? '' : 's'}`);
    const [teamId, monitorReference] = positionals;
    const root = rootOf(values, io);

    const result = loadConfigFor(io, { root, tolerateErrors: isMissingRunbook, refusal: () => 'new-runbook: config is invalid; fix the errors above first.' });
    if (!result) return EXIT.invalid;
    const model = buildModel(result.config);
    const { found, error } = findMonitor(model, teamId, monitorReference);
    if (!found) throw new UsageError(`new-runbook: ${error}`);
    const monitorPath = ['services', found.service.id, 'monitors', found.monitor.id];
    const isThisMonitor = (d: Diagnostic) => d.file === found.team.file && monitorPath.every((segment, index) => d.path[index] === segment);
    printDiagnostics(
      io,
      result.diagnostics.filter((d) => !(isMissingRunbook(d) && isThisMonitor(d))),
    );

    const today = DateTime.now().setZone(found.team.timeZone).toISODate()!;
    const scaffold = scaffoldRunbook(model, found, today);
    const file = posix.join(model.runbooks.directory, scaffold.path);
    const absolute = join(root, file);
    if (existsSync(absolute) && !values.force) {
      io.err(`new-runbook: ${file} exists; nothing was written (pass --force to overwrite it).`);
      return EXIT.usage;
    }
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, scaffold.content);

    const placeholders = scaffold.content.split(PLACEHOLDER_MARKER).length - 1;
    io.out(
      green(
        io,
        `created ${file} for monitor ${found.team.id}/${found.service.id}/${found.monitor.id} (${placeholders} ${PLACEHOLDER_MARKER} placeholders to fill in)`,
      ),
    );
    if (!scaffold.linked)
      io.out(
        `next: link it from the monitor in ${found.team.file} (services.${found.service.id}.monitors.${found.monitor.id}):\n    runbook: ${scaffold.path}`,
      );
    io.out('then: npm run check (what CI runs: it fails until every placeholder is filled in)');
    return EXIT.ok;
  },
};
