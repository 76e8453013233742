import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleReadme, demoteHeadings } from '../../lib/docs/readme';

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
  });

  it('demotes headings outside code fences only', () => {
    const text = ['# Title', 'text', '```yaml', '# comment', '```', '## Sub', '````markdown', '## In fence', '```', 'still', '````', '### Deep'].join('\n');
    expect(demoteHeadings(text).split('\n')).toEqual(['## Title', 'text', '```yaml', '# comment', '```', '### Sub', '````markdown', '## In fence', '```', 'still', '````', '#### Deep']);
  });
});
