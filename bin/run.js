#!/usr/bin/env node
'use strict';
// The CLI: `node bin/run.js <command> [options]` (what the npm scripts run). Compiles the tool
// first when its sources changed (bin/build.js), then runs dist/bin/oncall.js.
// Before anything resolves a path: a working directory deleted under the shell makes every later
// process.cwd() throw ENOENT from deep inside module loading, which printed a stack trace.
try {
  process.cwd();
} catch {
  process.stderr.write('oncall: the current directory no longer exists (deleted or moved); cd into the repository and run the command again\n');
  process.exit(2);
}
require('./build').ensureBuiltOrExit();
require('../dist/bin/oncall.js');
