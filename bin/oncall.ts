#!/usr/bin/env node
import { helpText, wantsHelp } from '../lib/cli/args';
import { EXIT, processIO, UsageError, type CommandIO } from '../lib/cli/io';
import { COMMANDS } from '../lib/cli/registry';

function listCommands(io: CommandIO, unknown?: string): number {
  const lines = [
    ...(unknown ? [`unknown command "${unknown}"`, ''] : []),
    'Usage: oncall <command> [options]   (npm run <command> -- [options])',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, entry]) => `  ${name.padEnd(14)}${entry.summary}`),
  ];
  (unknown ? io.err : io.out)(lines.join('\n'));
  return unknown ? EXIT.usage : EXIT.ok;
}

async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') return listCommands(io);
  const entry = COMMANDS[name];
  if (!entry) return listCommands(io, name);
  const command = entry.load();
  if (wantsHelp(rest)) {
    io.out(helpText(command));
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
