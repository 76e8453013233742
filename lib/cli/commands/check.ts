import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { EXIT, green, red } from '../io';
import { lintCommand } from './lint';
import { schemaCommand } from './schema';
// The schemas and generated docs belong to the tool's checkout, not to the config --root points at.
import { TOOL_ROOT } from '../../util/tool-root';

/**
 * The config gate CI runs on every pull request (`npm run check`): lint (which validates first),
 * then the generated files. One command, so it answers --help and --root like the others and
 * reports every failing step instead of stopping at the first (as the `&&` chain it replaces did).
 */
export const checkCommand: CommandSpec = {
  name: 'check',
  summary: 'The CI config gate: lint --strict (placeholders are errors) and schema --check; exit 1 if any fails.',
  usage: 'check [--root DIR]',
  options: {
    root: ROOT_OPTION,
  },
  details: [
    'Each step prints what it prints on its own; the last line says which steps failed.',
    'lint --strict: REPLACE-ME placeholders left by new-team (values and comments) and TODO(runbook):',
    'markers left by new-runbook are errors here, warnings in a plain validate, lint or synth.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseCommandArgs(checkCommand, argv, io.env);
    const rootArgs = ['--root', rootOf(values, io)];
    const steps: [name: string, run: () => Promise<number>][] = [
      ['lint --strict', () => lintCommand.run(['--strict', ...rootArgs], io)],
      ['schema --check', () => schemaCommand.run(['--check', '--root', TOOL_ROOT], io)],
    ];
    const failed: string[] = [];
    let worst: number = EXIT.ok;
    for (const [name, run] of steps) {
      const code = await run();
      if (code !== EXIT.ok) failed.push(name);
      worst = Math.max(worst, code);
    }
    if (failed.length === 0) io.out(green(io, 'check: lint --strict and schema --check pass'));
    else io.err(red(io, `check: failed: ${failed.join(', ')}`));
    return worst;
  },
};
