#!/usr/bin/env node
'use strict';
// Fast entry point for the CLI: `node bin/run.js <command> [options]` behaves exactly like
// `tsx bin/oncall.ts <command> [options]`, with about 0.3 s less start-up (bin/ts-hook.js).
// Before anything resolves a path: a working directory deleted under the shell makes every later
// process.cwd() throw ENOENT from deep inside module loading, which printed a stack trace.
try {
  process.cwd();
} catch {
  process.stderr.write('oncall: the current directory no longer exists (deleted or moved); cd into the repository and run the command again\n');
  process.exit(2);
}
require('./ts-hook');
require('./oncall.ts');
