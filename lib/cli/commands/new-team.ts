import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { DateTime } from 'luxon';
import { PLACEHOLDER } from '../../config/checks/placeholders';
import type { Diagnostic } from '../../config/diagnostics';
import { didYouMean } from '../../config/did-you-mean';
import { loadConfig, type LoadedConfig } from '../../config/load';
import { ID_PATTERN, MAX_ID_LENGTH, WEEKDAYS, type OrganizationConfig } from '../../config/schema';
import { displayName } from '../../config/schema/common';
import { PAGERDUTY_TIME_ZONES } from '../../config/schema/pagerduty-time-zones';
import { buildModel } from '../../model/build';
import { scaffoldRunbook } from '../../runbooks/scaffold';
import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { bold, EXIT, green, printDiagnostics, UsageError } from '../io';
import { loadConfigFor } from '../load-config';

export const newTeamCommand: CommandSpec = {
  name: 'new-team',
  summary: 'Scaffold config/teams/<id>.yaml and its runbooks: valid at once, placeholders marked REPLACE-ME.',
  usage: 'new-team <id> [--name NAME] [--zone ZONE] [--root DIR]',
  positionals: ['id'],
  options: {
    name: { type: 'string', description: 'Display name (default: the id in title case)' },
    zone: { type: 'string', description: 'Team time zone from the PagerDuty list, e.g. Europe/Berlin (default: Etc/UTC)' },
    root: ROOT_OPTION,
  },
  details: [
    'The id is the file name and the stack name (team-<id>): lowercase kebab-case, never renamed lightly.',
    'Refuses an id that exists. Writes a weekly primary + derived secondary rotation, a three-level',
    'escalation and one service with one monitor, plus a runbook skeleton for the monitor, then',
    're-validates the whole config. The existing config must be valid first.',
  ].join('\n'),
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(newTeamCommand, argv, io.env);
    if (positionals.length !== 1) throw new UsageError(`new-team: expected one team id, got ${positionals.length} arguments`);
    const [id] = positionals;
    if (!ID_PATTERN.test(id) || id.length > MAX_ID_LENGTH) {
      throw new UsageError(`new-team: team id "${id}" must be lowercase kebab-case (a-z, 0-9, single dashes), at most ${MAX_ID_LENGTH} characters`);
    }
    const zone = (values.zone as string | undefined) ?? 'Etc/UTC';
    if (!PAGERDUTY_TIME_ZONES.includes(zone)) {
      const hint = didYouMean(zone, PAGERDUTY_TIME_ZONES);
      throw new UsageError(
        `new-team: PagerDuty does not accept time zone "${zone}"${hint ? `; did you mean "${hint}"?` : ''} (the list: lib/config/schema/pagerduty-time-zones.ts)`,
      );
    }
    const name = (values.name as string | undefined) ?? titleCase(id);
    // The name also becomes "<name> escalation" and schedule names: the same rules apply to all.
    const nameCheck = displayName('Team name').safeParse(`${name} escalation`);
    if (!nameCheck.success) throw new UsageError(`new-team: --name "${name}": ${nameCheck.error.issues[0].message}`);
    const root = rootOf(values, io);

    // The first team of a new organization: no team files yet is what this command fixes.
    const existing = loadConfigFor(io, {
      root,
      tolerateErrors: (d) => d.code === 'teams-empty' || d.code === 'teams-missing',
      refusal: () => 'new-team: the existing config is invalid; fix it first so the new team can be validated with it.',
    });
    if (!existing) return EXIT.invalid;
    const teamsDir = join(root, 'config', 'teams');
    mkdirSync(teamsDir, { recursive: true });
    const clash = readdirSync(teamsDir).find((file) => file.replace(/\.ya?ml$/i, '').toLowerCase() === id);
    if (clash) {
      io.err(`new-team: team "${id}" exists (config/teams/${clash}); nothing was written.`);
      return EXIT.usage;
    }

    const organization = existing.config.organization.config;
    const teamFile = posix.join('config', 'teams', `${id}.yaml`);
    const today = DateTime.now().setZone(zone);
    writeFileSync(join(root, teamFile), teamYaml({ id, name, zone, organization, today }));
    const created = [teamFile];
    try {
      created.push(...writeRunbooks(root, id, today.toISODate()!));
    } catch (error) {
      remove(root, created);
      throw error;
    }

    const result = loadConfig({ root });
    if (!result.config) {
      // Not expected: the template is built from the organization's own severities and defaults.
      printDiagnostics(io, result.diagnostics);
      remove(root, created);
      io.err('new-team: the scaffold did not validate with this organization; nothing was kept. Please report this.');
      return EXIT.failure;
    }
    const ours = result.diagnostics.filter((d) => d.file === teamFile);
    printDiagnostics(io, ours);
    for (const file of created) io.out(green(io, `created ${file}`));
    io.out('');
    io.out(bold(io, 'Next steps:'));
    nextSteps(id, teamFile, created.slice(1), existing.config).forEach((step, index) => io.out(`  ${index + 1}. ${step}`));
    return EXIT.ok;
  },
};

const titleCase = (id: string) =>
  id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');

/** YAML double-quoted scalar: JSON string syntax is a subset of it. */
const quote = (text: string) => JSON.stringify(text);

interface TeamTemplate {
  id: string;
  name: string;
  zone: string;
  organization: OrganizationConfig;
  today: DateTime;
}

export function teamYaml({ id, name, zone, organization, today }: TeamTemplate): string {
  const handoff = organization.defaults.handoff;
  const handoffDay = WEEKDAYS.indexOf(handoff.day) + 1;
  // The latest handoff weekday on or before today (weekly turns must start on it): a start in the
  // future would leave the escalation's first level with nobody on call until then.
  const start = today.minus({ days: (today.weekday - handoffDay + 7) % 7 }).toISODate();
  const paging = organization.severities.filter((s) => s.paging);
  // The least severe paging level: a placeholder monitor must not wake anyone at night if merged unedited.
  const severity = paging[paging.length - 1] ?? organization.severities[0];
  const responders = ['engineer-1', 'engineer-2', 'engineer-3', 'engineer-4', 'engineer-5'];
  return `# yaml-language-server: $schema=../../schema/team.schema.json
#
# ${name}: scaffolded by \`npm run new-team\` on ${today.toISODate()}. Every ${PLACEHOLDER} value is a
# placeholder: replace them all (grep -n ${PLACEHOLDER} ${`config/teams/${id}.yaml`}), then run
# npm run check (CI refuses any left) and npm run review -- --base origin/main before the PR.
# The file name is the team id and the Terraform stack name (team-${id}): do not rename it.
name: ${quote(name)}
description: ${quote(`${PLACEHOLDER}: what ${name} owns, in one sentence.`)}
timeZone: ${zone}    # handoffs and business hours are in this zone (PagerDuty's list)
chatHandle: '@slack-${id}-alerts'    # ${PLACEHOLDER}: where non-paging severities notify ("team-chat")

# Five people is the smallest sustainable rotation (one week in five); the lead is not in it, so
# nobody is paged on two escalation levels at once. Emails must match the PagerDuty users exactly
# (the lookup is case-sensitive). Roles: manager, responder, observer.
members:
  lead: { name: ${quote(`${PLACEHOLDER} Team Lead`)}, email: replace-me.lead@example.com, role: manager }
${responders.map((member) => `  ${member}: { name: ${quote(`${PLACEHOLDER} Engineer ${member.slice(-1)}`)}, email: replace-me.${member}@example.com, role: responder }`).join('\n')}

# Weekly primary handing off ${handoff.day} ${handoff.time} ${zone} (organization default); the
# secondary is last week's primary, so nobody is both at once.
rotations:
  primary:
    name: ${quote(`${name} primary`)}
    members: [${responders.join(', ')}]
    start: '${start}'              # a ${handoff.day} (handoff day), on or before today
  secondary:
    name: ${quote(`${name} secondary`)}
    derivedFrom: { rotation: primary, offsetTurns: 1 }

escalation:
  name: ${quote(`${name} escalation`)}
  levels:
    - name: primary on-call
      targets: [{ rotation: primary }]
      delayMinutes: 5
    - name: secondary on-call + team lead
      targets: [{ rotation: secondary }, { user: lead }]
      delayMinutes: 15
    - name: team lead
      targets: [{ user: lead }]
      delayMinutes: 30

# One PagerDuty service per thing that breaks independently. Monitors page through the severity
# they name (config/organization.yaml decides paging, urgency and priority).
services:
  api:
    name: ${quote(`${name} API`)}
    description: ${quote(`${PLACEHOLDER}: what the ${name} API does for its users.`)}
    supportHours: { days: [monday, tuesday, wednesday, thursday, friday], from: '09:00', to: '17:00' }
    monitors:
      error-rate:
        name: ${quote(`${name} API error rate`)}
        type: query alert
        # ${PLACEHOLDER}: the query; the number it compares against must equal thresholds.critical.
        query: 'sum(last_5m):sum:trace.http.request.errors{service:${id}-api,env:prod}.as_count() > 100'
        thresholds: { critical: 100, warning: 50 }
        severity: ${severity.id}
        runbook: ${id}/error-rate.md
`;
}

/** Runbook skeletons for every monitor of the new team, from the runbook scaffold (lib/runbooks). */
function writeRunbooks(root: string, teamId: string, today: string): string[] {
  const missingRunbookOfTeam = (d: Diagnostic) => d.level === 'error' && d.code === 'runbook-path' && d.file === `config/teams/${teamId}.yaml`;
  const loaded = loadConfig({ root, tolerateErrors: missingRunbookOfTeam });
  if (!loaded.config)
    throw new Error(
      `the scaffolded team file does not load: ${loaded.diagnostics
        .filter((d) => d.level === 'error')
        .map((d) => d.message)
        .join('; ')}`,
    );
  const model = buildModel(loaded.config);
  const team = model.teams.find((t) => t.id === teamId)!;
  const written: string[] = [];
  for (const service of team.services) {
    for (const monitor of service.monitors) {
      const scaffold = scaffoldRunbook(model, { team, service, monitor }, today);
      const file = posix.join(model.runbooks.directory, scaffold.path);
      if (existsSync(join(root, file))) continue;
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), scaffold.content);
      written.push(file);
    }
  }
  return written;
}

function remove(root: string, files: string[]): void {
  for (const file of files) rmSync(join(root, file), { force: true });
}

function nextSteps(id: string, teamFile: string, runbooks: string[], config: LoadedConfig): string[] {
  const runbooksDir = config.organization.config.runbooks.directory;
  return [
    `Replace every ${PLACEHOLDER} in ${teamFile}: people and their PagerDuty emails, chat handle, the monitor query.`,
    runbooks.length > 0
      ? `Fill in the TODO(runbook): placeholders in ${runbooks.join(', ')}.`
      : `Write the runbooks the monitors link under ${runbooksDir}/${id}/.`,
    'npm run check   (what CI runs: it fails until every placeholder above is filled in)',
    `npm run review -- --base origin/main   (team-${id} shows as a new stack; npm run affected lists it)`,
    'Open a pull request: CI plans the new stack and posts the review as a comment.',
  ];
}
