import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleReadme, demoteHeadings, rebaseLinks } from '../../lib/docs/readme';

const root = join(__dirname, '..', '..');

describe('README assembly', () => {
  it('is up to date with docs/*.md (run `npm run docs`)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(assembleReadme(root, readme)).toBe(readme);
  });

  it('opens with the two set-up commands that .ci/run runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(readme).toContain('npm ci && npm run synth');
    expect(readme).toContain('npm test');
    expect(ci).toMatch(/npm ci[^\n]*\nnpm run synth\nnpm test\n/);
    expect(ci).toMatch(/\nnpm run adoption-check\n/); // after the tests, not nested inside them
  });

  it('keeps the README to what a reader needs first: reference topics are linked, not included', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect([...readme.matchAll(/<!-- include (\S+) -->/g)].map((match) => match[1])).toEqual(['docs/adopting.md']);
    expect(readme.split('\n').length).toBeLessThan(400);
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
    expect(quickStart).toContain('`.ci/run` runs exactly these two commands, then `npm run adoption-check`');
  });

  it("rewrites an included file's relative links for the README's folder, outside code only", () => {
    const text = [
      '# Topic',
      'See [the reference](config-reference.md#backend-type-s3), [it again](config-reference.md#lint "title"),',
      '[the start](../README.md#quick-start), [here](#topic), [the README](../README.md), [a file](../lib/x.ts) and [a site](https://example.com/a.md).',
      '`[code](config-reference.md)`',
      '```',
      '[fenced](config-reference.md)',
      '```',
      '[ref]: <runbooks.md#the-format>',
    ].join('\n');
    expect(rebaseLinks(text, 'docs/adopting.md').split('\n')).toEqual([
      '# Topic',
      'See [the reference](docs/config-reference.md#backend-type-s3), [it again](docs/config-reference.md#lint "title"),',
      '[the start](#quick-start), [here](#topic), [the README](README.md), [a file](lib/x.ts) and [a site](https://example.com/a.md).',
      '`[code](config-reference.md)`',
      '```',
      '[fenced](config-reference.md)',
      '```',
      '[ref]: <docs/runbooks.md#the-format>',
    ]);
    expect(rebaseLinks(text, 'README.md')).toBe(text);
    expect(() => rebaseLinks('[escaped](config\\-reference.md)', 'docs/a.md')).toThrow(
      'docs/a.md:1: cannot rewrite the link to config-reference.md for the README',
    );
  });

  it('demotes headings outside code fences only', () => {
    const text = ['# Title', 'text', '```yaml', '# comment', '```', '## Sub', '````markdown', '## In fence', '```', 'still', '````', '### Deep'].join('\n');
    expect(demoteHeadings(text).split('\n')).toEqual([
      '## Title',
      'text',
      '```yaml',
      '# comment',
      '```',
      '### Sub',
      '````markdown',
      '## In fence',
      '```',
      'still',
      '````',
      '#### Deep',
    ]);
  });
});

/** Facts the docs state about the repository, read from the files that decide them (issue 13). */
describe('docs agree with the code', () => {
  it('name the launcher cdktf.json really uses, and no other for the cdktf app', () => {
    const { app } = JSON.parse(readFileSync(join(root, 'cdktf.json'), 'utf8')) as { app: string };
    expect(readFileSync(join(root, 'docs', 'synth.md'), 'utf8')).toContain(`\`cdktf.json\` runs \`${app}\``);
    const dependencyRows = readFileSync(join(root, 'docs', 'dependencies.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| '));
    const cdktfAppRows = dependencyRows.filter((line) => /cdktf app/.test(line));
    expect(cdktfAppRows.length).toBeGreaterThan(0);
    for (const row of cdktfAppRows) expect(row).toContain(app);
  });

  it("show cdktf CLI commands with CHECKPOINT_DISABLE=1 (the CLI calls HashiCorp's version check first)", () => {
    const doc = readFileSync(join(root, 'docs', 'synth.md'), 'utf8');
    const firstCli = doc.indexOf('npx cdktf ');
    expect(firstCli).toBeGreaterThan(0);
    expect(doc.slice(0, firstCli)).toContain('export CHECKPOINT_DISABLE=1');
  });

  it('samples name no commit hash (they would name a commit that does not exist in your repository)', () => {
    const files = ['review-and-ci.md', 'synth.md', 'rotations.md', 'runbooks.md'].map((name) => readFileSync(join(root, 'docs', name), 'utf8'));
    // git's empty tree is the one hash that exists in every repository.
    const hashes = files.flatMap((text) => text.match(/`[0-9a-f]{7,40}`/g) ?? []).filter((hash) => hash !== '`4b825dc642cb6eb9a060e54bf8d69288fbee4904`');
    expect(hashes).toEqual([]);
  });
});
