import type { CommandSpec } from './args';

export interface CommandEntry {
  /** Same text as the command's CommandSpec.summary (a test keeps them equal). */
  summary: string;
  load(): CommandSpec;
}

/**
 * Commands load lazily so that `validate` and `lint` never pull in cdktf or the provider
 * bindings (start-up time and memory; a test guards it). The summaries live here too, so that
 * listing the commands loads none of them.
 */
export const COMMANDS: Record<string, CommandEntry> = {
  validate: {
    summary: 'Check config/ (shape and meaning) and print a one-line summary. Loads no cdktf.',
    load: () => require('./commands/validate').validateCommand,
  },
  lint: {
    summary: 'Validate config/, then run every policy rule (coverage, escalation, runbooks). Loads no cdktf.',
    load: () => require('./commands/lint').lintCommand,
  },
  synth: {
    summary: 'Validate and lint config/, then write Terraform JSON for every team stack (offline, no credentials).',
    load: () => require('./commands/synth').synthCommand,
  },
  oncall: {
    summary: "Who is on call when for a team, and each person's on-call load over the next quarter.",
    load: () => require('./commands/oncall').oncallCommand,
  },
  review: {
    summary: 'Review a change: who gets paged, when, for what, and the Terraform it changes (Markdown for a PR comment, or JSON).',
    load: () => require('./commands/review').reviewCommand,
  },
  affected: {
    summary: 'List the stacks whose synthesized Terraform differs from a git ref (what CI plans and deploys).',
    load: () => require('./commands/affected').affectedCommand,
  },
  'new-team': {
    summary: 'Scaffold config/teams/<id>.yaml and its runbooks: valid at once, placeholders marked REPLACE-ME.',
    load: () => require('./commands/new-team').newTeamCommand,
  },
  'new-runbook': {
    summary: 'Scaffold a runbook for a monitor from config; what config cannot know is marked TODO(runbook):',
    load: () => require('./commands/new-runbook').newRunbookCommand,
  },
  'runbook-index': {
    summary: 'Write the runbook index (runbooks/README.md, not committed) from config and the runbooks; --check only compares',
    load: () => require('./commands/runbook-index').runbookIndexCommand,
  },
  check: {
    summary: 'The CI config gate: lint --strict (placeholders are errors) and schema --check; exit 1 if any fails.',
    load: () => require('./commands/check').checkCommand,
  },
  schema: {
    summary: 'Write the editor JSON Schemas (schema/*.schema.json) and docs/config-reference.md from the zod schemas.',
    load: () => require('./commands/schema').schemaCommand,
  },
};
