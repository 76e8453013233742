import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../model/build';
import { runbookCatalog } from '../../runbooks/catalog';
import { renderRunbookIndex } from '../../runbooks/index-page';
import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { EXIT, green, red } from '../io';
import { loadConfigFor } from '../load-config';

export const runbookIndexCommand: CommandSpec = {
  name: 'runbook-index',
  summary: 'Write the runbook index (runbooks/README.md, not committed) from config and the runbooks; --check only compares',
  usage: 'runbook-index [--check] [--root DIR]',
  options: {
    check: { type: 'boolean', description: 'Write nothing; exit 1 when the index is missing or stale (for CI)' },
    root: ROOT_OPTION,
  },
  async run(argv, io) {
    const { values } = parseCommandArgs(runbookIndexCommand, argv, io.env);
    const root = rootOf(values, io);
    const loaded = loadConfigFor(io, { root, refusal: () => 'runbook-index: config is invalid; fix the errors above first.' });
    if (!loaded) return EXIT.invalid;
    const model = buildModel(loaded.config);
    const catalog = runbookCatalog(model);
    const wanted = renderRunbookIndex(model, catalog);
    const absolute = join(root, catalog.indexFile);
    const current = existsSync(absolute) ? readFileSync(absolute, 'utf8').replace(/\r\n/g, '\n') : undefined;

    if (values.check) {
      if (current === wanted) {
        io.out(green(io, `${catalog.indexFile} is up to date`));
        return EXIT.ok;
      }
      const where = current === undefined ? 'it does not exist' : `first difference on line ${firstDifferentLine(current, wanted)}`;
      io.err(red(io, `${catalog.indexFile} is stale (${where}): run npm run runbook-index`));
      return EXIT.invalid;
    }
    if (current === wanted) {
      io.out(`${catalog.indexFile} is already up to date`);
      return EXIT.ok;
    }
    writeFileSync(absolute, wanted);
    io.out(green(io, `wrote ${catalog.indexFile}`));
    return EXIT.ok;
  },
};

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let index = 0;
  while (index < left.length && index < right.length && left[index] === right[index]) index++;
  return index + 1;
}
