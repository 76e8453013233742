import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from './support';

/**
 * config/ and runbooks/ belong to the organization that adopts the repository: the tool's tests
 * run on examples/example-corp and the fixtures, so replacing or emptying config/ never breaks them
 * (the adoption check in .ci/run proves it by running the suite with the example replaced). This
 * catches the plain ways a test could still read them.
 */
const READS_ORGANIZATION =
  /(REPO_ROOT|REPO|ROOT|__dirname, '\.\.', '\.\.'),\s*'(config|runbooks)\b|(loadModel|modelOf|loadConfig|lintRunbooks|startLintThreads)\(\s*\{?\s*(root:\s*)?(REPO_ROOT|REPO)\b/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' || entry.name === '__snapshots__' || entry.name === 'organization' ? [] : sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

test('no tool test reads the repository config/ or runbooks/', () => {
  const offending = sources(join(REPO_ROOT, '__tests__')).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => READS_ORGANIZATION.test(line))
      .map(({ line, index }) => `${relative(REPO_ROOT, file)}:${index + 1}: ${line.trim()}`),
  );
  expect(offending).toEqual([]);
});
