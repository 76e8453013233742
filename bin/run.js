#!/usr/bin/env node
'use strict';
// Fast entry point for the CLI: `node bin/run.js <command> [options]` behaves exactly like
// `tsx bin/oncall.ts <command> [options]`, with about 0.3 s less start-up (bin/ts-hook.js).
require('./ts-hook');
require('./oncall.ts');
