import { parseMarkdown } from '../../lib/runbooks/markdown';
import { interpretRunbook, numberedStepLines, placeholderLines } from '../../lib/runbooks/runbook';
import { sectionsForHeading } from '../../lib/runbooks/sections';
import { githubSlug, headingPlainText, HeadingSlugger } from '../../lib/runbooks/slug';

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
  ])('slugs %j as #%s', (heading, slug) => {
    expect(githubSlug(headingPlainText(heading))).toBe(slug);
  });

  it('renders inline Markdown before slugging, as GitHub does', () => {
    expect(headingPlainText('**Bold** and _emphasis_ with [a link](x.md)')).toBe('Bold and emphasis with a link');
  });

  it('numbers repeated headings like GitHub (-1, -2)', () => {
    const slugger = new HeadingSlugger();
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
    expect(document.fences).toEqual([{ info: 'bash', content: '# not a heading\necho "[not a link](y.md)"', line: 9, endLine: 12 }]);
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
    expect(sectionsForHeading(headingPlainText(heading))).toEqual(ids);
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
