#!/usr/bin/env node
import { helpText, wantsHelp } from '../lib/cli/args';
import { EXIT, processIO, UsageError } from '../lib/cli/io';
import { COMMANDS } from '../lib/cli/registry';

async function main(argv: string[]): Promise<number> {
  const io = processIO();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || !COMMANDS[name]) {
    const list = Object.keys(COMMANDS).map((command) => `  ${command.padEnd(14)}${COMMANDS[command]().summary}`);
    (name && !COMMANDS[name] && name !== '--help' && name !== '-h' ? io.err : io.out)(
      [name && !COMMANDS[name] && !name.startsWith('-') ? `unknown command "${name}"\n` : '', 'Usage: oncall <command> [options]   (npm run <command> -- [options])', '', 'Commands:', ...list].join('\n'),
    );
    return name && !COMMANDS[name] && name !== '--help' && name !== '-h' ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name]();
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
