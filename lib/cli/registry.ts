import type { CommandSpec } from './args';

/**
 * Commands load lazily so that `validate` and `lint` never pull in cdktf or the provider
 * bindings (start-up time and memory; a test guards it).
 */
export const COMMANDS: Record<string, () => CommandSpec> = {
  validate: () => require('./commands/validate').validateCommand,
  lint: () => require('./commands/lint').lintCommand,
  synth: () => require('./commands/synth').synthCommand,
  oncall: () => require('./commands/oncall').oncallCommand,
  review: () => require('./commands/review').reviewCommand,
  affected: () => require('./commands/affected').affectedCommand,
  'new-team': () => require('./commands/new-team').newTeamCommand,
  'new-runbook': () => require('./commands/new-runbook').newRunbookCommand,
  'runbook-index': () => require('./commands/runbook-index').runbookIndexCommand,
  schema: () => require('./commands/schema').schemaCommand,
};

/** Commands whose module exists in this build (the rest are listed as unavailable). */
export function availableCommands(): string[] {
  return Object.keys(COMMANDS).filter((name) => {
    try {
      COMMANDS[name]();
      return true;
    } catch {
      return false;
    }
  });
}
