#!/usr/bin/env node
import { didYouMean } from '../lib/config/did-you-mean';
import { helpText, versionText, wantsHelp, wantsVersion } from '../lib/cli/args';
import { EXIT, processIO, UsageError, type CommandIO } from '../lib/cli/io';
import { COMMANDS } from '../lib/cli/registry';

/** The forms that really run: npm scripts (package.json) and the launcher they call. */
export const USAGE_LINE = 'Usage: npm run <command> -- [options]   (or: node bin/run.js <command> [options])';

function listCommands(io: CommandIO, unknown?: string): number {
  const suggestion = unknown === undefined ? undefined : didYouMean(unknown, Object.keys(COMMANDS));
  const lines = [
    ...(unknown !== undefined ? [`unknown command "${unknown}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, ''] : []),
    USAGE_LINE,
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(14)}${entry.summary}`),
    '',
    'Every command answers --help and --version.',
  ];
  (unknown !== undefined ? io.err : io.out)(lines.join('\n'));
  return unknown !== undefined ? EXIT.usage : EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return listCommands(io);
  if (name === '--version') {
    io.out(versionText());
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) return listCommands(io, name);
  const command = entry.load();
  if (wantsHelp(rest)) {
    io.out(helpText(command));
    return EXIT.ok;
  }
  if (wantsVersion(rest)) {
    io.out(versionText());
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\nRun with --help for usage.`);
      return EXIT.usage;
    }
    // Unexpected failures still get one readable line; the stack only on request.
    io.err(`${name}: ${(error as Error).message}`);
    if (process.env.ONCALL_DEBUG) io.err(String((error as Error).stack));
    return EXIT.failure;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
