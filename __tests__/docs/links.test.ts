import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { parseMarkdown, type MarkdownDocument } from '../../lib/runbooks/markdown';

const root = join(__dirname, '..', '..');

/** README.md and every docs/*.md: the pages a reader follows links between. */
function documentationFiles(base: string): string[] {
  const docs = readdirSync(join(base, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort();
  return ['README.md', ...docs.map((name) => `docs/${name}`)];
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

interface LinkReport {
  checked: number;
  broken: string[];
}

/**
 * Every link of the files (parsed by commonmark, as GitHub renders them: links in code blocks
 * are not links) that stays in the repository: its file must exist and its `#anchor` must be a
 * GitHub heading anchor (github-slugger, repeats numbered -1, -2) of the Markdown file it names.
 */
function checkLinks(base: string, files: readonly string[]): LinkReport {
  const parsed = new Map<string, MarkdownDocument>();
  const documentAt = (absolute: string) => {
    let document = parsed.get(absolute);
    if (!document) parsed.set(absolute, (document = parseMarkdown(readFileSync(absolute, 'utf8'))));
    return document;
  };
  const report: LinkReport = { checked: 0, broken: [] };
  for (const file of files) {
    const absoluteFile = resolve(base, file);
    for (const link of documentAt(absoluteFile).links) {
      if (EXTERNAL.test(link.target)) continue;
      report.checked++;
      const where = `${file}:${link.line}  (${link.target})`;
      const hash = link.target.indexOf('#');
      const path = decodeURIComponent(hash === -1 ? link.target : link.target.slice(0, hash));
      const anchor = hash === -1 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
      const target = path === '' ? absoluteFile : path.startsWith('/') ? resolve(base, `.${path}`) : resolve(dirname(absoluteFile), path);
      const shown = relative(resolve(base), target).split(sep).join(posix.sep);
      if (shown.startsWith('..')) {
        report.broken.push(`${where}: points outside the repository`);
        continue;
      }
      if (!existsSync(target)) {
        report.broken.push(`${where}: ${shown} does not exist`);
        continue;
      }
      if (anchor === undefined) continue;
      if (!target.endsWith('.md') || !statSync(target).isFile()) {
        report.broken.push(`${where}: #${anchor} on ${shown}, which is not a Markdown file`);
        continue;
      }
      const slugs = documentAt(target).headings.map((heading) => heading.slug);
      if (!slugs.includes(anchor)) report.broken.push(`${where}: ${shown} has no heading with anchor #${anchor}`);
    }
  }
  return report;
}

describe('links in README.md and docs/*.md', () => {
  it('name files that exist and anchors that are headings of the file they name', () => {
    const report = checkLinks(root, documentationFiles(root));
    expect(report.broken).toEqual([]);
    expect(report.checked).toBeGreaterThan(50); // the contents lists alone hold more: nothing was skipped
  });

  it('README links each docs/*.md file', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const readmeTargets = new Set(parseMarkdown(readme).links.map((link) => link.target.replace(/#.*$/, '')));
    const unlinked = documentationFiles(root).filter((file) => file !== 'README.md' && !readmeTargets.has(file));
    expect(unlinked).toEqual([]);
  });

  describe('the check itself', () => {
    let base: string;
    beforeEach(() => {
      base = mkdtempSync(join(tmpdir(), 'oncall-links-'));
      mkdirSync(join(base, 'docs'));
    });
    afterEach(() => rmSync(base, { recursive: true, force: true }));

    it('finds missing files and anchors, relative to the linking file, and ignores code and other sites', () => {
      writeFileSync(
        join(base, 'README.md'),
        [
          '# Title',
          '',
          '## Config reference',
          '',
          '[ok](#title) [ok](docs/a.md#a-heading) [ok](docs/a.md) [ok](/docs/a.md#sub-heading-1) [site](https://example.com/#x)',
          '',
          '[moved](#config-reference-1) [wrong dir](a.md) [gone](docs/b.md#x)',
          '',
          '`[code](#nowhere)`',
          '',
          '```',
          '[fenced](#nowhere)',
          '```',
          '',
          '[ref]: docs/a.md#nowhere',
        ].join('\n'),
      );
      writeFileSync(
        join(base, 'docs', 'a.md'),
        [
          '# A heading',
          '',
          '### Sub heading',
          '## Sub heading',
          '## teams/<team-id>.yaml', // raw HTML: GitHub shows and slugs "teams/.yaml"
          '',
          '[up](../README.md#config-reference) [same dir](a.md#a-heading) [demoted](#config-reference)',
          '[html](#teamsyaml) [as written](#teamsteam-idyaml)',
        ].join('\n'),
      );
      expect(checkLinks(base, documentationFiles(base))).toEqual({
        checked: 13,
        broken: [
          'README.md:7  (#config-reference-1): README.md has no heading with anchor #config-reference-1',
          'README.md:7  (a.md): a.md does not exist',
          'README.md:7  (docs/b.md#x): docs/b.md does not exist',
          'README.md:15  (docs/a.md#nowhere): docs/a.md has no heading with anchor #nowhere',
          'docs/a.md:7  (#config-reference): docs/a.md has no heading with anchor #config-reference',
          'docs/a.md:8  (#teamsteam-idyaml): docs/a.md has no heading with anchor #teamsteam-idyaml',
        ],
      });
    });
  });
});
