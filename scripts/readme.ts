// Fills README.md's include blocks from docs/*.md. `--check` writes nothing and exits 1 when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assembleReadme } from '../lib/docs/readme';
import { TOOL_ROOT } from '../lib/util/tool-root';

const HELP = [
  'Usage: npm run docs -- [--check]',
  '',
  "Fills README.md's include blocks from docs/*.md.",
  '',
  'Options:',
  '  --check                   Write nothing; exit 1 when README.md is out of date',
  '  --help                    Show this help',
].join('\n');

let check = false;
try {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  check = values.check === true;
} catch (error) {
  console.error(`docs: ${(error as Error).message}\nRun with --help for usage.`);
  process.exit(2);
}

const root = TOOL_ROOT;
const current = readFileSync(join(root, 'README.md'), 'utf8');
const next = assembleReadme(root, current);
if (check) {
  if (next !== current) {
    console.error('README.md is out of date with docs/*.md: run `npm run docs` and commit the result.');
    process.exit(1);
  }
  console.log('README.md is up to date.');
} else if (next !== current) {
  writeFileSync(join(root, 'README.md'), next);
  console.log('README.md updated from docs/*.md.');
} else {
  console.log('README.md is already up to date.');
}
