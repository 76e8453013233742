// Fills README.md's include blocks from docs/*.md. `--check` writes nothing and exits 1 when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleReadme } from '../lib/docs/readme';

const root = join(__dirname, '..');
const current = readFileSync(join(root, 'README.md'), 'utf8');
const next = assembleReadme(root, current);
if (process.argv.includes('--check')) {
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
