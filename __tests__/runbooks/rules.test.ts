import { DateTime } from 'luxon';
import { RULES } from '../../lib/lint/rules';
import { RUNBOOK_RULES } from '../../lib/lint/rules/runbooks';
import { copyExample, edit, editSection, lintRunbooks, NOW, EXAMPLE, readText, writeText } from './helpers';

const ERROR_RATE = 'runbooks/payments/checkout-error-rate.md';
const PAYMENTS = 'config/teams/payments.yaml';

describe('runbook rules on the bundled example', () => {
  it('finds nothing at all', () => {
    expect(lintRunbooks(EXAMPLE)).toEqual([]);
  });

  it('are registered once each, in the lint rule list', () => {
    const ids = RUNBOOK_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RUNBOOK_RULES) {
      expect(RULES).toContain(rule);
      expect(rule.description.length).toBeGreaterThan(20);
    }
  });
});

describe('runbook-sections', () => {
  const rule = 'runbook-sections';

  it('reports a missing required section and names the accepted headings', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, /## Rollback\n[\s\S]*?(?=## Escalation)/, '');
    const findings = lintRunbooks(root, { rule });
    expect(findings).toEqual([expect.objectContaining({ level: 'error', teamId: 'payments', file: ERROR_RATE, path: ['Rollback'] })]);
    expect(findings[0].message).toMatch(/no Rollback section \(accepted headings: "Rollback", "Roll back", /);
  });

  it('accepts synonyms such as Symptoms, Diagnosis and Resolution', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, '## Trigger', '## Symptoms');
    edit(root, ERROR_RATE, '## Investigation', '## Diagnosis');
    edit(root, ERROR_RATE, '## Mitigation', '## Resolution');
    expect(lintRunbooks(root)).toEqual([]);
  });

  it('reports an empty section at its heading line', () => {
    const root = copyExample();
    editSection(root, ERROR_RATE, 'Impact', () => '\n<!-- to do -->\n\n');
    const findings = lintRunbooks(root, { rule });
    expect(findings).toEqual([expect.objectContaining({ message: 'the Impact section is empty', path: ['Impact'] })]);
    expect(findings[0].line).toBeGreaterThan(5);
  });

  it('reports a missing title, owner and last-updated date', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, /^owner: payments\nlastUpdated: [\d-]+\n/m, '');
    edit(root, ERROR_RATE, /^# .*\n/m, '');
    expect(lintRunbooks(root, { rule }).map((f) => f.message)).toEqual([
      expect.stringMatching(/^no title/),
      expect.stringMatching(/^no owner/),
      expect.stringMatching(/^no last-updated date/),
    ]);
  });

  it('refuses a date that is not on the calendar', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, /^lastUpdated: .*$/m, 'lastUpdated: 2026-02-30');
    expect(lintRunbooks(root, { rule })).toEqual([
      expect.objectContaining({ message: 'lastUpdated "2026-02-30" is not a calendar date in the form YYYY-MM-DD', line: 3 }),
    ]);
  });

  it('reports an unreadable (binary) runbook instead of crashing', () => {
    const root = copyExample();
    writeText(root, 'runbooks/payments/blob.md', 'a\u0000b');
    expect(lintRunbooks(root, { rule })).toEqual([
      expect.objectContaining({ file: 'runbooks/payments/blob.md', message: 'the file is binary, not Markdown text', teamId: 'payments' }),
    ]);
  });
});

describe('runbook-numbered-steps', () => {
  const rule = 'runbook-numbered-steps';

  it('reports Mitigation written as bullets', () => {
    const root = copyExample();
    editSection(root, ERROR_RATE, 'Mitigation', (body) => body.replace(/^\d+\. /gm, '- '));
    expect(lintRunbooks(root, { rule })).toEqual([
      expect.objectContaining({ level: 'error', path: ['Mitigation'], message: expect.stringMatching(/Mitigation section has no numbered steps/) }),
    ]);
  });

  it('is satisfied by "1)" style steps under a synonym heading', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, '## Investigation', '## Triage');
    editSection(root, ERROR_RATE, 'Triage', (body) => body.replace(/^(\d+)\. /gm, '$1) '));
    expect(lintRunbooks(root, { rule })).toEqual([]);
  });
});

describe('runbook-owner', () => {
  const rule = 'runbook-owner';

  it('reports an owner other than the team whose monitors link the runbook', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, 'owner: payments', 'owner: data');
    const findings = lintRunbooks(root, { rule });
    expect(findings).toEqual([expect.objectContaining({ level: 'error', teamId: 'payments', line: 2 })]); // the paged team fixes it
    expect(findings[0].message).toMatch(/owner is "data" but monitor payments\/checkout-api\/error-rate of team payments links it/);
  });

  it('reports an owner that is no team, with a suggestion', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, 'owner: payments', 'owner: paymnts');
    expect(lintRunbooks(root, { rule })[0].message).toMatch(/owner "paymnts" is not a team \(did you mean "payments"\?\)/);
  });

  it('accepts an unlinked runbook owned by any team', () => {
    const root = copyExample();
    writeText(root, 'runbooks/data/extra.md', readExample(ERROR_RATE).replace('owner: payments', 'owner: data'));
    expect(lintRunbooks(root, { rule })).toEqual([]);
  });
});

describe('runbook-date-future and runbook-age', () => {
  it('reports a last-updated date after today as an error', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, /^lastUpdated: .*$/m, 'lastUpdated: 2026-11-27');
    expect(lintRunbooks(root, { rule: 'runbook-date-future' })).toEqual([
      expect.objectContaining({ level: 'error', line: 3, message: 'lastUpdated 2026-11-27 is in the future (today is 2026-11-25 UTC)' }),
    ]);
  });

  it('accepts a date that is already today somewhere on Earth', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, /^lastUpdated: .*$/m, 'lastUpdated: 2026-11-26'); // 02:00 on the 26th in UTC+14
    expect(lintRunbooks(root, { rule: 'runbook-date-future' })).toEqual([]);
  });

  it('warns when older than runbooks.maxAgeDays, not before', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, /^lastUpdated: .*$/m, 'lastUpdated: 2026-05-28'); // 181 days before NOW
    edit(root, 'runbooks/payments/checkout-down.md', /^lastUpdated: .*$/m, 'lastUpdated: 2026-05-29'); // 180 days
    const findings = lintRunbooks(root, { rule: 'runbook-age' });
    expect(findings).toEqual([expect.objectContaining({ level: 'warn', file: ERROR_RATE, line: 3 })]);
    expect(findings[0].message).toMatch(/last updated 2026-05-28, 181 days ago \(runbooks.maxAgeDays is 180\)/);
  });

  it('takes "now" from the lint context', () => {
    const later = NOW.plus({ years: 1 });
    expect(lintRunbooks(EXAMPLE, { rule: 'runbook-age', now: later })).toHaveLength(12);
    expect(lintRunbooks(EXAMPLE, { rule: 'runbook-date-future', now: DateTime.fromISO('2026-01-01T00:00:00Z') })).toHaveLength(12);
  });
});

describe('runbook-trigger-drift', () => {
  const rule = 'runbook-trigger-drift';

  it('warns when the monitor query changed in config but not in the runbook', () => {
    const root = copyExample();
    edit(root, PAYMENTS, 'sum(last_5m):sum:trace.http.request.errors', 'sum(last_10m):sum:trace.http.request.errors');
    const findings = lintRunbooks(root, { rule });
    expect(findings).toEqual([expect.objectContaining({ level: 'warn', file: ERROR_RATE, path: ['Trigger'] })]);
    expect(findings[0].message).toMatch(
      /does not quote the query of monitor payments\/checkout-api\/error-rate verbatim \(config: sum\(last_10m\).*; runbook line \d+: sum\(last_5m\).*\)/,
    );
  });

  it('does not mind the query being re-wrapped', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, '.as_count() / sum:', '.as_count()\n  / sum:');
    expect(lintRunbooks(root, { rule })).toEqual([]);
  });
});

describe('runbook-severity-drift', () => {
  it("warns when the severity in the runbook is not its monitor's", () => {
    const root = copyExample();
    edit(root, ERROR_RATE, 'severity: SEV1', 'severity: SEV3');
    expect(lintRunbooks(root, { rule: 'runbook-severity-drift' })).toEqual([
      expect.objectContaining({
        level: 'warn',
        line: 4,
        message: 'severity SEV3 in the runbook, but its monitor is SEV1 in config: the response expectations it describes may be wrong',
      }),
    ]);
  });

  it('has nothing to compare when the runbook states no severity', () => {
    const root = copyExample();
    edit(root, ERROR_RATE, 'severity: SEV1\n', '');
    expect(lintRunbooks(root, { rule: 'runbook-severity-drift' })).toEqual([]);
  });
});

describe('runbook-unlinked', () => {
  const rule = 'runbook-unlinked';

  it('warns about a runbook no monitor links', () => {
    const root = copyExample();
    writeText(root, 'runbooks/payments/old-gateway.md', readExample(ERROR_RATE));
    expect(lintRunbooks(root, { rule })).toEqual([
      expect.objectContaining({
        level: 'warn',
        teamId: 'payments',
        file: 'runbooks/payments/old-gateway.md',
        message: expect.stringMatching(/no monitor links this runbook: add "runbook: payments\/old-gateway.md"/),
      }),
    ]);
  });

  it('files findings about a runbook no team can be named for under the organization', () => {
    const root = copyExample();
    writeText(root, 'runbooks/orphan.md', readExample(ERROR_RATE).replace('owner: payments', 'owner: nobody'));
    expect(lintRunbooks(root, { rule })).toEqual([expect.objectContaining({ teamId: '(organization)', file: 'runbooks/orphan.md' })]);
  });

  it('skips READMEs and folders starting with "_" or "."', () => {
    const root = copyExample();
    writeText(root, 'runbooks/payments/README.md', '# Payments runbooks\n');
    writeText(root, 'runbooks/_templates/template.md', '# Template\n');
    expect(lintRunbooks(root)).toEqual([]);
  });
});

describe('runbook-unfinished', () => {
  it('warns about every placeholder left, with their lines', () => {
    const root = copyExample();
    editSection(root, ERROR_RATE, 'Context', (body) => `${body}- Runbook review: TODO(runbook): link the game-day notes.\n`);
    const findings = lintRunbooks(root, { rule: 'runbook-unfinished' });
    expect(findings).toEqual([
      expect.objectContaining({
        level: 'warn',
        file: ERROR_RATE,
        message: expect.stringMatching(/^1 unfinished placeholder \(TODO\(runbook\):\) on line \d+; first: link the game-day notes\.$/),
      }),
    ]);
  });

  it('ignores ordinary TODO notes that are not the placeholder marker', () => {
    const root = copyExample();
    editSection(root, ERROR_RATE, 'Context', (body) => `${body}- TODO: add the 2027 capacity review (tracked in OPS-12).\n`);
    expect(lintRunbooks(root, { rule: 'runbook-unfinished' })).toEqual([]);
  });
});

function readExample(file: string): string {
  return readText(EXAMPLE, file);
}
