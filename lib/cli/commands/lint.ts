import { DateTime } from 'luxon';
import { buildModel } from '../../model/build';
import { runLintOnThreads, startLintThreads } from '../../lint/threads';
import type { OrgModel } from '../../model/types';
import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { renderRuleTableText, ruleTable } from '../../lint/rule-table';
import { locateFindings, printFindings, problemCounts } from '../findings';
import { parseFromOption } from '../from-option';
import { strictDiagnostics, strictFindings, strictModel } from '../strict';
import { EXIT, green, printDiagnostics, red, UsageError, yellow, type CommandIO } from '../io';
import { loadConfigFor } from '../load-config';

export const lintCommand: CommandSpec = {
  name: 'lint',
  summary: 'Validate config/, then run every policy rule (coverage, escalation, runbooks). Loads no cdktf.',
  usage: 'lint [--root DIR] [--from ISO-DATE] [--format text|json] [--base REF] [--strict] [--list-rules]',
  options: {
    root: ROOT_OPTION,
    from: { type: 'string', description: 'Start of the analysis window, ISO 8601 (default: now; date only = 00:00 UTC)' },
    format: { type: 'string', description: 'text (default) or json' },
    strict: { type: 'boolean', description: 'Unfinished onboarding (REPLACE-ME placeholders, TODO(runbook) markers) is an error, as in CI (npm run check)' },
    'list-rules': { type: 'boolean', description: 'Print every rule (id, default level, scope, when it runs, description) and exit' },
    base: {
      type: 'string',
      description: 'Git ref to compare with (e.g. origin/main): also runs the change rules, such as roster changes without an effective instant',
    },
  },
  details: [
    'Coverage rules look from --from over lint.windowDays days (organization.yaml, default 365),',
    'under both readings of PagerDuty turn lengths across daylight-saving changes.',
    'Rule levels can be changed in organization.yaml: lint: { rules: { <rule-id>: error|warn|off } }.',
    'With --base, the config at that ref is read with git (no checkout, no network) and compared with the',
    'working tree: roster-change-without-effective-instant flags rotations whose turns a change reshuffles',
    'and prints a rosters block that starts the new list at the next handoff instead.',
    'With --strict (what `npm run check` runs), placeholders left by new-team and new-runbook are errors.',
    'Exit 1 when config is invalid or any finding is error-level.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseCommandArgs(lintCommand, argv, io.env);
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`lint: --format must be text or json, not "${format}"`);
    if (values['list-rules']) {
      io.out(format === 'json' ? JSON.stringify(ruleTable(), null, 2) : renderRuleTableText());
      return EXIT.ok;
    }
    const from = parseFrom(values.from as string | undefined);
    const root = rootOf(values, io);
    const baseRef = values.base as string | undefined;
    if (baseRef !== undefined && baseRef.length === 0) throw new UsageError('lint: --base needs a git ref (e.g. --base origin/main)');

    // Started before the config is read, so the threads load their code while this one validates.
    const threads = startLintThreads(root);
    const loaded = loadConfigFor(io, {
      root,
      ...(format === 'json' ? { report: (diagnostics) => io.out(JSON.stringify({ valid: false, diagnostics, findings: [] }, null, 2)) } : {}),
      onRefusal: () => threads?.stop(),
      refusal: (errors) => `lint: config is invalid (${errors} error(s)); no policy rule was run.`,
    });
    if (!loaded) return EXIT.invalid;
    const strict = values.strict === true;
    const diagnostics = strict ? strictDiagnostics(loaded.diagnostics) : loaded.diagnostics;
    const built = buildModel(loaded.config);
    const model = strict ? strictModel(built) : built;
    const base = baseRef === undefined ? undefined : baseModel(io, root, baseRef);
    const found = await runLintOnThreads(model, { from, organizationFile: loaded.config.organization.file, ...(base ? { base: base.model } : {}) }, threads);
    const findings = locateFindings(root, strict ? strictFindings(found) : found);
    const { errors, warnings } = problemCounts(diagnostics, findings);
    const windowDays = model.lint.windowDays;
    if (format === 'json') {
      const compared = base ? { base: { ref: baseRef, objectId: base.objectId } } : {};
      io.out(JSON.stringify({ valid: true, from: from.toISO(), windowDays, ...compared, diagnostics, findings, errors, warnings }, null, 2));
    } else {
      printDiagnostics(io, diagnostics);
      printFindings(io.out, io, findings);
      const window = `${from.toUTC().toFormat("yyyy-MM-dd HH:mm 'UTC'")} + ${windowDays} days`;
      const compared = base ? `, compared with ${baseRef}` : '';
      const summary = `lint: ${errors} error(s), ${warnings} warning(s) (window ${window}${compared})`;
      io.out(errors > 0 ? red(io, summary) : warnings > 0 ? yellow(io, summary) : green(io, summary));
    }
    return errors > 0 ? EXIT.invalid : EXIT.ok;
  },
};

/**
 * The model at `--base`. A base without config (a new repository) or with invalid config has no
 * rotations to compare with: the change rules are skipped, with a note on stderr.
 */
function baseModel(io: CommandIO, root: string, ref: string): { model: OrgModel; objectId?: string } | undefined {
  // Required here: plain lint (no --base) does not load git snapshot code (start-up time, docs/performance.md).
  const { loadModelAtRef } = require('../../review/sides') as typeof import('../../review/sides');
  const side = loadModelAtRef(root, ref);
  if (side.model) return { model: side.model, objectId: side.summary.objectId };
  const why = side.summary.configExists ? side.summary.problem : 'it has no config/ folder';
  io.err(`lint: not comparing with ${ref}: ${why}; change rules (roster changes) were not run.`);
  return undefined;
}

/** --from: an ISO 8601 date or date-time; without an offset it is read as UTC. */
export function parseFrom(value: string | undefined): DateTime {
  return parseFromOption('lint', value) ?? DateTime.utc();
}
