#!/usr/bin/env node
'use strict';
// The cdktf app (cdktf.json "app"): `cdktf synth / plan / deploy` run this. Compiles the tool
// first when its sources changed (bin/build.js), then runs dist/main.js.
require('./build').ensureBuiltOrExit();
require('../dist/main.js');
