import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runbookCoverage } from '../../lib/runbooks/coverage';
import { copyExample, copyFixture, edit, editSection, lintRunbooks, modelOf, readText, writeText } from './helpers';

const ERROR_RATE = 'runbooks/payments/checkout-error-rate.md';
const PAYMENTS = 'config/teams/payments.yaml';

/** Adds one line with a link to the Context section and returns the runbook-links findings. */
function linkFindings(markdown: string, prepare?: (root: string) => void) {
  const root = copyExample();
  prepare?.(root);
  editSection(root, ERROR_RATE, 'Context', (body) => `${body}- ${markdown}\n`);
  return lintRunbooks(root, { rule: 'runbook-links' });
}

describe('runbook-links', () => {
  it.each([
    ['a sibling runbook', '[down](checkout-down.md)'],
    ["another team's runbook section", '[edge](../platform/ingress-5xx.md#mitigation)'],
    ['a heading of the same runbook', '[steps](#investigation)'],
    ['a repository-root path', '[config](/config/teams/payments.yaml)'],
    ['a folder', '[platform runbooks](../platform/)'],
    ['an external site (not fetched)', '[status](https://status.example.com/nowhere.md#x)'],
    ['a mail address', '[mail](mailto:payments@example.com)'],
    ['a runbook under the organization base URL', '[edge](https://github.com/example-corp/oncall/blob/main/runbooks/platform/ingress-5xx.md#rollback)'],
    ['a link inside inline code', '`[not](missing.md)`'],
  ])('accepts %s', (_, markdown) => {
    expect(linkFindings(markdown)).toEqual([]);
  });

  it.each([
    ['a missing file', '[gone](gone.md)', 'link "gone.md": runbooks/payments/gone.md does not exist'],
    [
      'a missing section',
      '[edge](../platform/ingress-5xx.md#mitigations)',
      'link "../platform/ingress-5xx.md#mitigations": runbooks/platform/ingress-5xx.md has no heading with anchor #mitigations (did you mean #mitigation?)',
    ],
    [
      'a missing section of the same runbook',
      '[x](#no-such-part)',
      'link "#no-such-part": runbooks/payments/checkout-error-rate.md has no heading with anchor #no-such-part',
    ],
    [
      'a path outside the repository',
      '[passwd](../../../../../../etc/passwd)',
      'link "../../../../../../etc/passwd": the target is outside the repository; link to a URL instead',
    ],
    [
      'a missing runbook under the base URL',
      '[x](https://github.com/example-corp/oncall/blob/main/runbooks/platform/nope.md)',
      'runbooks/platform/nope.md does not exist',
    ],
    ['a reference definition to a missing file', '\n[old]: ../data/old.md', 'link "../data/old.md": runbooks/data/old.md does not exist'],
  ])('reports %s as an error on its line', (_, markdown, message) => {
    const findings = linkFindings(markdown);
    expect(findings).toEqual([expect.objectContaining({ level: 'error', teamId: 'payments', file: ERROR_RATE, message: expect.stringContaining(message) })]);
    expect(findings[0].line).toBeGreaterThan(10);
  });

  it('reports a symbolic link that leads out of the repository', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'runbooks-outside-'));
    writeFileSync(join(elsewhere, 'secret.md'), '# Secret\n');
    try {
      const findings = linkFindings('[secret](outside.md)', (root) => symlinkSync(join(elsewhere, 'secret.md'), join(root, 'runbooks/payments/outside.md')));
      expect(findings.map((f) => f.message)).toContain('link "outside.md": runbooks/payments/outside.md is a symbolic link to a file outside the repository');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('runbook-links on CommonMark constructs (issue 13: false errors that blocked synth)', () => {
  const RUNBOOK = 'runbooks/shop/checkout-errors.md';

  /** The minimal fixture's runbook with `markdown` appended, and the runbook-links findings. */
  function findingsWith(markdown: string, files: Record<string, string> = {}) {
    const root = copyFixture('minimal');
    for (const [file, text] of Object.entries(files)) writeText(root, file, text);
    writeText(root, RUNBOOK, `${readText(root, RUNBOOK)}\n${markdown}\n`);
    return lintRunbooks(root, { rule: 'runbook-links' });
  }

  it('ignores a link inside an indented code block', () => {
    expect(findingsWith('Example of a link:\n\n    [example](does-not-exist.md)\n')).toEqual([]);
  });

  it('resolves a destination with parentheses to the file', () => {
    expect(findingsWith('See [the design](design_(v2).md).', { 'runbooks/shop/design_(v2).md': '# Design\n' })).toEqual([]);
  });

  it('still reports a broken link after an indented code block, on its line', () => {
    const findings = findingsWith('Text.\n\n    [in code](nowhere.md)\n\n[broken](gone.md)');
    expect(findings.map((f) => [f.message, f.line])).toEqual([['link "gone.md": runbooks/shop/gone.md does not exist', 9]]);
  });
});

describe('runbook-monitor-anchor', () => {
  const rule = 'runbook-monitor-anchor';

  it('accepts a monitor link to an existing section', () => {
    const root = copyExample();
    edit(root, PAYMENTS, 'runbook: payments/checkout-error-rate.md', 'runbook: payments/checkout-error-rate.md#mitigation');
    expect(lintRunbooks(root, { rule })).toEqual([]);
  });

  it('accepts a GitHub anchor of a heading with punctuation', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, '## Mitigation', '## Mitigation (copy & paste)');
    edit(root, PAYMENTS, 'runbook: payments/checkout-error-rate.md', 'runbook: payments/checkout-error-rate.md#mitigation-copy--paste');
    expect(lintRunbooks(root, { rule })).toEqual([]);
  });

  it('reports a monitor link to a section that does not exist, at the monitor in config', () => {
    const root = copyExample();
    edit(root, PAYMENTS, 'runbook: payments/checkout-error-rate.md', 'runbook: payments/checkout-error-rate.md#mitigations');
    expect(lintRunbooks(root, { rule })).toEqual([
      expect.objectContaining({
        level: 'error',
        teamId: 'payments',
        file: PAYMENTS,
        path: ['services', 'checkout-api', 'monitors', 'error-rate', 'runbook'],
        message:
          'monitor "error-rate" links payments/checkout-error-rate.md#mitigations, but runbooks/payments/checkout-error-rate.md has no heading with anchor #mitigations (did you mean #mitigation?)',
      }),
    ]);
  });

  it("counts the monitor's runbook as incomplete in the coverage", () => {
    const root = copyExample();
    edit(root, PAYMENTS, 'runbook: payments/checkout-error-rate.md', 'runbook: payments/checkout-error-rate.md#nope');
    const payments = runbookCoverage(modelOf(root)).find((c) => c.teamId === 'payments')!;
    expect(payments.gaps).toEqual([{ serviceId: 'checkout-api', monitorId: 'error-rate', reason: 'anchor #nope not found' }]);
  });
});
