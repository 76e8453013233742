import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runbookIndexCommand } from '../../lib/cli/commands/runbook-index';
import { EXIT } from '../../lib/cli/io';
import { runbookCatalog } from '../../lib/runbooks/catalog';
import { formatCoverage, runbookCoverage } from '../../lib/runbooks/coverage';
import { renderRunbookIndex } from '../../lib/runbooks/index-page';
import { captureIO, copyExample, edit, modelOf, readText, EXAMPLE, REPO_ROOT, writeText } from './helpers';

async function runbookIndex(root: string, ...args: string[]) {
  const io = captureIO(root);
  const code = await runbookIndexCommand.run(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('the runbook index', () => {
  it('lists per team each monitor, its severity, its runbook and the coverage', () => {
    const model = modelOf(EXAMPLE);
    const text = renderRunbookIndex(model, runbookCatalog(model));
    expect(text).toContain('| [Payments](#payments) | 3/3 (100%) | healthy |');
    expect(text).toContain(
      '| Checkout API | Checkout API 5xx error rate (`error-rate`) | SEV1 (pages) | [payments/checkout-error-rate.md](payments/checkout-error-rate.md) | complete |',
    );
    expect(text).toContain(
      '| Card processor | Settlement batch lag (`settlement-lag`) | SEV3 | [payments/settlement-lag.md](payments/settlement-lag.md) | complete |',
    );
    expect(text).toContain('Team `payments`, config [config/teams/payments.yaml](../config/teams/payments.yaml).');
  });

  it('is generated, not committed: the repository ignores it', () => {
    expect(readText(REPO_ROOT, '.gitignore').split('\n')).toContain('/runbooks/README.md');
  });
});

describe('npm run runbook-index', () => {
  it('--check passes on a fresh index and fails (exit 1) once config changes', async () => {
    const root = copyExample();
    expect(await runbookIndex(root, '--check')).toMatchObject({ code: EXIT.invalid, err: expect.stringMatching(/stale \(it does not exist\)/) });
    expect(await runbookIndex(root)).toMatchObject({ code: EXIT.ok, out: 'wrote runbooks/README.md' });
    expect(await runbookIndex(root, '--check')).toEqual({ code: EXIT.ok, out: 'runbooks/README.md is up to date', err: '' });

    edit(root, 'config/teams/payments.yaml', 'name: Settlement batch lag', 'name: Settlement batch delayed');
    const stale = await runbookIndex(root, '--check');
    expect(stale.code).toBe(EXIT.invalid);
    expect(stale.err).toMatch(/^runbooks\/README\.md is stale \(first difference on line \d+\): run npm run runbook-index$/);
    expect(readText(root, 'runbooks/README.md')).not.toContain('Settlement batch delayed');

    expect(await runbookIndex(root)).toMatchObject({ code: EXIT.ok, out: 'wrote runbooks/README.md' });
    expect(readText(root, 'runbooks/README.md')).toContain('Settlement batch delayed (`settlement-lag`)');
    expect((await runbookIndex(root, '--check')).code).toBe(EXIT.ok);
    expect(await runbookIndex(root)).toMatchObject({ code: EXIT.ok, out: 'runbooks/README.md is already up to date' });
  });

  it('--check fails when a runbook becomes incomplete or the index is missing', async () => {
    const root = copyExample();
    await runbookIndex(root);
    edit(root, 'runbooks/payments/checkout-down.md', /## Rollback\n[\s\S]*?(?=## Escalation)/, '');
    expect((await runbookIndex(root, '--check')).code).toBe(EXIT.invalid);
    rmSync(join(root, 'runbooks/README.md'));
    expect((await runbookIndex(root, '--check')).err).toMatch(/stale \(it does not exist\)/);
  });

  it('ignores Windows line endings in the committed file', async () => {
    const root = copyExample();
    await runbookIndex(root);
    writeText(root, 'runbooks/README.md', readText(root, 'runbooks/README.md').replace(/\n/g, '\r\n'));
    expect((await runbookIndex(root, '--check')).code).toBe(EXIT.ok);
  });

  it('refuses to index invalid config', async () => {
    const root = copyExample();
    edit(root, 'config/teams/payments.yaml', 'severity: SEV3', 'severity: SEV9');
    const result = await runbookIndex(root, '--check');
    expect(result.code).toBe(EXIT.invalid);
    expect(result.err).toMatch(/runbook-index: config is invalid/);
  });
});

describe('runbookCoverage', () => {
  it('is 100% per team for the bundled example', () => {
    expect(runbookCoverage(modelOf(EXAMPLE)).map((c) => [c.teamId, formatCoverage(c), c.health])).toEqual([
      ['data', '2/2 (100%)', 'healthy'],
      ['payments', '3/3 (100%)', 'healthy'],
      ['platform', '2/2 (100%)', 'healthy'],
    ]);
  });

  it('counts only paging monitors, and names the gaps with a reason', () => {
    const root = copyExample();
    edit(root, 'runbooks/payments/checkout-down.md', /## Rollback\n[\s\S]*?(?=## Escalation)/, '');
    edit(root, 'runbooks/payments/card-auth-failures.md', '## Impact\n', '## Impact\nTODO(runbook): numbers\n');
    edit(root, 'runbooks/payments/settlement-lag.md', '## Impact\n', '## Impact\nTODO(runbook): numbers\n'); // SEV3: not paging
    const payments = runbookCoverage(modelOf(root)).find((c) => c.teamId === 'payments')!;
    expect(payments).toMatchObject({ pagingMonitors: 3, withCompleteRunbook: 1, health: 'unhealthy' });
    expect(payments.share).toBeCloseTo(1 / 3);
    expect(payments.gaps).toEqual([
      { serviceId: 'card-processor', monitorId: 'auth-failures', reason: '1 placeholder' },
      { serviceId: 'checkout-api', monitorId: 'checkout-down', reason: '1 structural problem' },
    ]);
  });

  it('reports no share for a team without paging monitors', () => {
    const root = copyExample();
    edit(root, 'config/teams/data.yaml', /severity: SEV[01]/g, 'severity: SEV2');
    const data = runbookCoverage(modelOf(root)).find((c) => c.teamId === 'data')!;
    expect(data).toMatchObject({ pagingMonitors: 0, share: null, health: 'no paging monitors' });
    expect(formatCoverage(data)).toBe('no paging monitors');
  });

  it('lists runbooks no monitor links in the index', () => {
    const root = copyExample();
    writeText(root, 'runbooks/data/replay.md', readText(root, 'runbooks/data/consumer-lag.md'));
    const model = modelOf(root);
    expect(renderRunbookIndex(model, runbookCatalog(model))).toContain('## Runbooks no monitor links\n\n- [data/replay.md](data/replay.md)\n');
  });
});
