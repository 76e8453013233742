import fc from 'fast-check';
import GithubSlugger from 'github-slugger';
import { parseMarkdown } from '../../lib/runbooks/markdown';
import { interpretRunbook, numberedStepLines, placeholderLines } from '../../lib/runbooks/runbook';
import { sectionsForHeading } from '../../lib/runbooks/sections';

/** Body lines joined; each test states its own Markdown. */
const md = (...lines: string[]) => lines.join('\n');
const headingsOf = (text: string) => parseMarkdown(text).headings.map((h) => [h.level, h.slug, h.line]);
const linksOf = (text: string) => parseMarkdown(text).links.map((l) => [l.target, l.line]);
const slugOf = (heading: string) => parseMarkdown(`## ${heading}`).headings[0]?.slug;

describe('GitHub heading anchors', () => {
  it.each([
    ['Mitigation', 'mitigation'],
    ['Step 2: Roll back the deploy', 'step-2-roll-back-the-deploy'],
    ['Trigger / Symptoms', 'trigger--symptoms'],
    ['What is `kubectl`?', 'what-is-kubectl'],
    ['Scale up (HPA)', 'scale-up-hpa'],
    ['snake_case_name stays', 'snake_case_name-stays'],
    ['Ünïcode: Привет 你好', 'ünïcode-привет-你好'],
    ['🔥 Hot fix', '-hot-fix'],
    ['**Bold** and _emphasis_ with [a link](x.md)', 'bold-and-emphasis-with-a-link'],
    ['`kubectl rollout undo` *now*', 'kubectl-rollout-undo-now'],
    ['Use <kbd>Ctrl</kbd>+C', 'use-ctrlc'],
    ['![logo](logo.png) Deploy', '-deploy'],
    ['Escaped \\*stars\\* &amp; entities', 'escaped-stars--entities'],
    ['Closing hashes ##', 'closing-hashes'],
  ])('slugs %j as #%s', (heading, slug) => {
    expect(slugOf(heading)).toBe(slug);
  });

  it('numbers repeated headings like GitHub (-1, -2), also across setext and ATX headings', () => {
    expect(headingsOf(md('# Check', '## Check', 'Check', '-----', '### Check-1', '## `Check`'))).toEqual([
      [1, 'check', 1],
      [2, 'check-1', 2],
      [2, 'check-2', 3],
      [3, 'check-1-1', 5],
      [2, 'check-3', 6],
    ]);
    const slugger = new GithubSlugger();
    expect(['Check', 'Check', 'Check-1', 'Check'].map((h) => slugger.slug(h))).toEqual(['check', 'check-1', 'check-1-1', 'check-2']);
  });
});

describe('parseMarkdown', () => {
  const text = [
    '---',
    'owner: payments',
    'lastUpdated: 2026-11-02',
    '---',
    '# Title - Service runbook',
    '',
    '## Investigation',
    '1. Look at [the dashboard](../dash.md#top) and `[not a link](x.md)`',
    '   ```bash',
    '   # not a heading',
    '   echo "[not a link](y.md)"',
    '   ```',
    '<!--',
    '## hidden heading',
    '-->',
    '[ref]: other.md#part',
    '## Investigation',
  ].join('\n');
  const document = parseMarkdown(text);

  it('reads the front matter with key lines', () => {
    expect(document.frontMatter?.fields).toEqual({ owner: 'payments', lastUpdated: '2026-11-02' });
    expect(document.frontMatter?.keyLines).toEqual({ owner: 2, lastUpdated: 3 });
  });

  it('finds headings outside code fences and comments, with unique slugs', () => {
    expect(document.headings.map((h) => [h.level, h.slug, h.line])).toEqual([
      [1, 'title---service-runbook', 5],
      [2, 'investigation', 7],
      [2, 'investigation-1', 17],
    ]);
  });

  it('finds links and reference definitions but not inside code', () => {
    expect(document.links).toEqual([
      { target: '../dash.md#top', line: 8 },
      { target: 'other.md#part', line: 16 },
    ]);
  });

  it('keeps fence content without the list indentation', () => {
    expect(document.codeBlocks).toEqual([{ info: 'bash', content: '# not a heading\necho "[not a link](y.md)"', line: 9, endLine: 12 }]);
  });

  it('explains an unclosed or invalid front matter instead of throwing', () => {
    expect(parseMarkdown('---\nowner: x\n# Title').frontMatter?.problem).toMatch(/never closed/);
    expect(parseMarkdown('---\nowner: [x\n---\n# T').frontMatter?.problem).toMatch(/not valid YAML/);
    expect(parseMarkdown('---\n- a\n- b\n---\n# T').frontMatter?.problem).toMatch(/not a mapping/);
  });
});

describe('runbook interpretation', () => {
  const where = { absolute: '/x.md', path: 'x.md', file: 'runbooks/x.md' };

  it('accepts metadata as "Key: value" lines under the title when there is no front matter', () => {
    const runbook = interpretRunbook(parseMarkdown('# A - B runbook\n\n**Owner:** payments\nLast updated: 2026-01-02\n\n## Impact\ntext'), where);
    expect(runbook.owner).toEqual({ value: 'payments', line: 3 });
    expect(runbook.lastUpdated).toEqual({ value: '2026-01-02', line: 4 });
  });

  it.each([
    ['Symptoms', ['trigger']],
    ['Diagnosis', ['investigation']],
    ['Resolution', ['mitigation']],
    ['3. Remediation:', ['mitigation']],
    ['Mitigation and rollback', ['mitigation', 'rollback']],
    ['**Related links**', ['context']],
    ['Notes', []],
  ])('maps the heading %j to %j', (heading, ids) => {
    expect(sectionsForHeading(parseMarkdown(`## ${heading}`).headings[0].plainText)).toEqual(ids);
  });

  it('counts numbered steps outside code blocks only', () => {
    const runbook = interpretRunbook(parseMarkdown('# T\n## Mitigation\n```\n1. not a step\n```\n- bullet\n2) a step'), where);
    expect(numberedStepLines(runbook, runbook.sections.get('mitigation')!)).toEqual([7]);
  });

  it('finds placeholders anywhere, comments included', () => {
    const runbook = interpretRunbook(parseMarkdown('# T\n<!-- TODO(runbook): fill -->\ntext TODO(runbook): more'), where);
    expect(placeholderLines(runbook)).toEqual([2, 3]);
  });
});

/**
 * CommonMark cases the hand-written reader got wrong (issue 13): each expectation is what
 * GitHub renders. The first two were false error-level runbook-links findings that blocked synth.
 */
describe('CommonMark edge cases', () => {
  it('reads no link inside an indented code block', () => {
    expect(linksOf(md('Text.', '', '    [example](does-not-exist.md)', '', 'After.'))).toEqual([]);
    expect(parseMarkdown(md('Text.', '', '    [example](x.md)')).codeBlocks).toEqual([{ info: '', content: '[example](x.md)', line: 3, endLine: 3 }]);
  });

  it('keeps balanced parentheses in a link destination', () => {
    expect(linksOf('See [x](design_(v2).md) and [y](a(b(c)).md#part).')).toEqual([
      ['design_(v2).md', 1],
      ['a(b(c)).md#part', 1],
    ]);
  });

  it('reads no link inside fenced code blocks, backtick or tilde, in lists, with longer closing fences', () => {
    const text = md('1. Step', '   ```bash', '   echo "[a](a.md)"', '   ```', '~~~', '[b](b.md)', '~~~~', '````', '```', '[c](c.md)', '````', '[d](d.md)');
    expect(linksOf(text)).toEqual([['d.md', 12]]);
    expect(parseMarkdown(text).codeBlocks.map((b) => [b.info, b.line, b.endLine])).toEqual([
      ['bash', 2, 4],
      ['', 5, 7],
      ['', 8, 11],
    ]);
  });

  it('reads an unclosed fence as code to the end of its container', () => {
    expect(linksOf(md('```', '[a](a.md)', '# not a heading'))).toEqual([]);
    expect(headingsOf(md('```', '# not a heading'))).toEqual([]);
  });

  it('reads destinations in angle brackets, with titles, escapes and entities as their href', () => {
    expect(linksOf(md('[a](<design (v2).md> "Design")', "[b](b.md 'title')", '[c](c.md (title))', '[d](d\\_e.md)', '[e](caf&eacute;.md)'))).toEqual([
      ['design%20(v2).md', 1],
      ['b.md', 2],
      ['c.md', 3],
      ['d_e.md', 4],
      ['caf%C3%A9.md', 5],
    ]);
  });

  it('checks reference links once, at their definition, and ignores undefined references and footnotes', () => {
    const text = md(
      'Use [the guide][guide], [guide][] and [guide].',
      'Not a link: [x][nowhere].',
      '',
      '[guide]: ../guide.md#setup "The guide"',
      '[unused]: <unused file.md>',
      '[^1]: A footnote, not a link.',
    );
    expect(linksOf(text)).toEqual([
      ['../guide.md#setup', 4],
      ['unused%20file.md', 5],
    ]);
  });

  it('finds definitions in block quotes and list items, and not in code', () => {
    expect(linksOf(md('    [c]: code.md', '', '> [q]: quoted.md', '', '- [l]: listed.md', '', '    [m]: still-in-the-item.md'))).toEqual([
      ['quoted.md', 3],
      ['listed.md', 5],
      ['still-in-the-item.md', 7],
    ]);
  });

  it('reads no link or heading inside an HTML block, but does after its blank line', () => {
    const text = md(
      '<details>',
      '<summary>More</summary>',
      '[raw](raw.md)',
      '## Raw heading',
      '',
      '[rendered](rendered.md)',
      '</details>',
      '',
      '<!--',
      '[hidden](hidden.md)',
      '',
      '## Still a comment',
      '-->',
    );
    expect(linksOf(text)).toEqual([['rendered.md', 6]]);
    expect(headingsOf(text)).toEqual([]);
    expect([...parseMarkdown(text).literalLines]).toEqual([0, 1, 2, 3, 6, 8, 9, 10, 11, 12]);
  });

  it('reads setext headings, and tells a thematic break from an underline', () => {
    expect(headingsOf(md('Title', '=====', '', 'Sub *section*', 'on two lines', '---', '', '---', '', 'Text'))).toEqual([
      [1, 'title', 1],
      [2, 'sub-section-on-two-lines', 4],
    ]);
  });

  it('puts a setext heading that follows link definitions on its own first line', () => {
    const text = md('[a]: a.md', '"title"', 'Setext [l](l.md)', 'text', '---');
    expect(headingsOf(text)).toEqual([[2, 'setext-l-text', 3]]);
    expect(linksOf(text)).toEqual([
      ['a.md', 1],
      ['l.md', 3],
    ]);
  });

  it('reads ATX headings only where CommonMark does', () => {
    expect(headingsOf(md('#hashtag', '\\# escaped', '    # indented code', '####### seven', '- # in a list', '> ## quoted'))).toEqual([
      [1, 'in-a-list', 5],
      [2, 'quoted', 6],
    ]);
  });

  it('reads autolinks (so base-URL ones are checked) and escaped brackets as text', () => {
    expect(linksOf(md('<https://git.example.com/runbooks/a.md> and <./not-an-autolink.md>', '\\[not a link](n.md) [a \\] b](e.md) [`code]`](f.md)'))).toEqual([
      ['https://git.example.com/runbooks/a.md', 1],
      ['e.md', 2],
      ['f.md', 2],
    ]);
  });

  it('gives each link in a paragraph its own line, across code spans and link titles that break lines', () => {
    const text = md('# T', '', 'First [a](a.md) `code', 'span` [b](b.md "a', 'title") [c](', 'c.md) [d](d.md)', '> quoted', '> [e](e.md)');
    expect(linksOf(text)).toEqual([
      ['a.md', 3],
      ['b.md', 4],
      ['c.md', 5],
      ['d.md', 6],
      ['e.md', 8],
    ]);
  });

  it('numbers only real list items: a "2." line continuing a paragraph is text', () => {
    const runbook = interpretRunbook(
      parseMarkdown(
        md('# T', '## Mitigation', 'Do this first:', '2. not a list item', '', '1. a step', '   ```', '   3. inside code', '   ```', '10) another list'),
      ),
      where,
    );
    expect(numberedStepLines(runbook, runbook.sections.get('mitigation')!)).toEqual([6, 10]);
  });
});

const where = { absolute: '/x.md', path: 'x.md', file: 'runbooks/x.md' };

describe('link lines (property)', () => {
  const word = fc.stringMatching(/^[a-z]{1,8}$/);
  const token: fc.Arbitrary<{ text: string; link?: string }> = fc.oneof(
    word.map((text) => ({ text })),
    fc.tuple(word, word).map(([text, file]) => ({ text: `[${text}](${file}.md)`, link: `${file}.md` })),
    fc.tuple(word, word).map(([text, file]) => ({ text: `![${text}](${file}.png "title")`, link: `${file}.png` })),
    word.map((text) => ({ text: `\`[${text}](${text}.md)\`` })), // code span: no link
    word.map((text) => ({ text: `*${text}*` })),
  );
  const paragraph = fc.array(fc.array(token, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
  const container = fc.constantFrom('', '> ', '- ', '1. ');

  it('gives every link of a multi-line paragraph, in any container, the line it is written on', () => {
    fc.assert(
      fc.property(paragraph, container, fc.nat(3), (lines, prefix, blankLinesBefore) => {
        const indent = prefix === '> ' ? '> ' : ' '.repeat(prefix.length); // continuation lines of the container
        const text = [
          ...Array(blankLinesBefore).fill(''),
          ...lines.map((tokens, index) => `${index === 0 ? prefix : indent}${tokens.map((t) => t.text).join(' ')}`),
        ].join('\n');
        const expected = lines.flatMap((tokens, index) => tokens.filter((t) => t.link).map((t) => [t.link, blankLinesBefore + index + 1]));
        expect(linksOf(text)).toEqual(expected);
      }),
    );
  });
});

describe('hostile Markdown', () => {
  it.each([
    ['10,000 nested emphasis markers in a heading', `# ${'*'.repeat(10_000)}deep${'*'.repeat(10_000)}`],
    ['20,000 opening brackets', `${'['.repeat(20_000)}x](y.md)`],
    ['20,000 angle brackets and backticks', '<`'.repeat(20_000)],
    ['5,000 nested block quotes', `${'>'.repeat(5_000)} [x](y.md)`],
    ['200 nested list items', Array.from({ length: 200 }, (_, depth) => `${'  '.repeat(depth)}- [x](y${depth}.md)`).join('\n')],
  ])('reads %s without throwing', (_, text) => {
    const document = parseMarkdown(text);
    expect(document.lines.length).toBe(text.split('\n').length);
    for (const link of document.links) expect(link.line).toBeGreaterThanOrEqual(1);
  });

  it('gives each of 200 nested list items its link on its line', () => {
    const text = Array.from({ length: 200 }, (_, depth) => `${'  '.repeat(depth)}- [x](y${depth}.md)`).join('\n');
    expect(linksOf(text)).toEqual(Array.from({ length: 200 }, (_, depth) => [`y${depth}.md`, depth + 1]));
  });

  it('keeps the text of a deeply nested heading', () => {
    expect(parseMarkdown(`# ${'*'.repeat(4_000)}deep${'*'.repeat(4_000)}`).headings.map((h) => h.plainText)).toEqual(['deep']);
  });
});
