import type { LoadedConfig } from '../../config/load';
import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { EXIT, green } from '../io';
import { loadConfigFor } from '../load-config';

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Check config/ (shape and meaning) and print a one-line summary. Loads no cdktf.',
  usage: 'validate [--root DIR]',
  options: {
    root: ROOT_OPTION,
  },
  async run(argv, io) {
    const { values } = parseCommandArgs(validateCommand, argv, io.env);
    const root = rootOf(values, io);
    const loaded = loadConfigFor(io, { root, print: 'always', refusal: (errors) => `validate: ${errors} error(s); nothing was synthesized.` });
    if (!loaded) return EXIT.invalid;
    io.out(green(io, summarize(loaded.config, loaded.diagnostics.length)));
    return EXIT.ok;
  },
};

export function summarize(config: LoadedConfig, warnings: number): string {
  let rotations = 0;
  let services = 0;
  let monitors = 0;
  for (const { config: team } of config.teams) {
    rotations += Object.keys(team.rotations).length;
    services += Object.keys(team.services).length;
    for (const service of Object.values(team.services)) monitors += Object.keys(service.monitors).length;
  }
  return `valid: ${config.teams.length} teams, ${rotations} rotations, ${services} services, ${monitors} monitors (${warnings} warning${warnings === 1 ? '' : 's'})`;
}
