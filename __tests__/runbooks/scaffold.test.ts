import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { newRunbookCommand } from '../../lib/cli/commands/new-runbook';
import { EXIT, UsageError } from '../../lib/cli/io';
import { findMonitor } from '../../lib/runbooks/monitor-reference';
import { scaffoldRunbook } from '../../lib/runbooks/scaffold';
import { captureIO, copyExample, edit, lintRunbooks, modelOf, EXAMPLE, readText } from './helpers';

const PAYMENTS = 'config/teams/payments.yaml';
const REFUNDS_MONITOR = `      refunds-stuck:
        name: Refunds stuck
        type: metric alert
        query: max(last_30m):max:payments.refunds.pending_age_minutes{env:prod} > 60
        thresholds: { critical: 60 }
        severity: SEV1
`;

/** The example plus a new paging monitor in card-processor, optionally linking a runbook that does not exist yet. */
function withNewMonitor(runbookLine?: string): string {
  const root = copyExample();
  edit(
    root,
    PAYMENTS,
    '        runbook: payments/settlement-lag.md\n',
    `        runbook: payments/settlement-lag.md\n${REFUNDS_MONITOR}${runbookLine ? `        ${runbookLine}\n` : ''}`,
  );
  return root;
}

async function newRunbook(root: string, ...args: string[]) {
  const io = captureIO(root);
  const code = await newRunbookCommand.run(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('npm run new-runbook', () => {
  it('creates the runbook a monitor links even though config calls it missing, and it passes every check but the placeholders', async () => {
    const root = withNewMonitor('runbook: payments/refunds-stuck.md#mitigation');
    const { code, out, err } = await newRunbook(root, 'payments', 'refunds-stuck');
    expect(err).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(
      /^created runbooks\/payments\/refunds-stuck\.md for monitor payments\/card-processor\/refunds-stuck \(\d+ TODO\(runbook\): placeholders to fill in\)/,
    );

    const findings = lintRunbooks(root, { now: DateTime.now() }); // the scaffold writes today's date
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toEqual(['runbook-unfinished']);
    expect(findings[0]).toMatchObject({ level: 'warn', file: 'runbooks/payments/refunds-stuck.md' });
  });

  it('prefills title, owner, severity, the query verbatim, the escalation ladder and the schedules', async () => {
    const root = withNewMonitor('runbook: payments/refunds-stuck.md');
    await newRunbook(root, 'payments', 'card-processor/refunds-stuck');
    const text = readText(root, 'runbooks/payments/refunds-stuck.md');
    expect(text).toMatch(/^---\nowner: payments\nlastUpdated: \d{4}-\d{2}-\d{2}\nseverity: SEV1\n---\n# Refunds stuck - Card processor runbook\n/);
    expect(text).toContain('```text\nmax(last_30m):max:payments.refunds.pending_age_minutes{env:prod} > 60\n```');
    expect(text).toContain('PagerDuty escalation policy **Payments escalation**');
    expect(text).toContain('1. primary on-call: schedule **Payments primary**; escalates to level 2 after 5 minutes unacknowledged.');
    expect(text).toContain(
      '2. secondary on-call + team lead: schedule **Payments secondary** (Payments primary 1 turn behind), Kofi Asante (kofi.asante@example.com); escalates to level 3 after 15 minutes unacknowledged.',
    );
    expect(text).toContain('after 30 minutes unacknowledged the ladder starts again (2 more times)');
    expect(text).toContain('On-call schedules (PagerDuty): Payments primary, Payments secondary.');
    expect(text).toContain('- Dashboard: TODO(runbook): link to the service dashboard.');
  });

  it('writes <team>/<monitor>.md and says how to link it when the monitor links nothing', async () => {
    const root = withNewMonitor();
    const { code, out, err } = await newRunbook(root, 'payments', 'refunds-stuck');
    expect(err).toBe(''); // the paging monitor's missing link is what this command is fixing
    expect(code).toBe(EXIT.ok);
    expect(existsSync(join(root, 'runbooks/payments/refunds-stuck.md'))).toBe(true);
    expect(out).toContain(
      'next: link it from the monitor in config/teams/payments.yaml (services.card-processor.monitors.refunds-stuck):\n    runbook: payments/refunds-stuck.md',
    );
  });

  it('refuses to overwrite an existing runbook unless --force', async () => {
    const root = copyExample();
    const before = readText(root, 'runbooks/payments/checkout-error-rate.md');
    const refused = await newRunbook(root, 'payments', 'error-rate');
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.err).toBe('new-runbook: runbooks/payments/checkout-error-rate.md exists; nothing was written (pass --force to overwrite it).');
    expect(readText(root, 'runbooks/payments/checkout-error-rate.md')).toBe(before);

    const forced = await newRunbook(root, 'payments', 'error-rate', '--force');
    expect(forced.code).toBe(EXIT.ok);
    expect(readText(root, 'runbooks/payments/checkout-error-rate.md')).toContain('TODO(runbook):');
  });

  it('explains unknown teams and monitors as usage errors', async () => {
    const root = copyExample();
    await expect(newRunbook(root, 'paymnts', 'error-rate')).rejects.toThrow(
      new UsageError('new-runbook: no team "paymnts" (did you mean "payments"?); teams: data, payments, platform'),
    );
    await expect(newRunbook(root, 'payments', 'eror-rate')).rejects.toThrow(
      /team payments has no monitor "eror-rate" \(did you mean "error-rate"\?\); its monitors: card-processor\/auth-failures, /,
    );
    await expect(newRunbook(root, 'payments')).rejects.toThrow('new-runbook: expected <team> and <monitor>, got 1 argument');
  });

  it('stops on invalid config other than the missing runbook', async () => {
    const root = withNewMonitor('runbook: payments/refunds-stuck.md');
    edit(root, PAYMENTS, 'severity: SEV1\n        runbook: payments/refunds-stuck.md', 'severity: SEV9\n        runbook: payments/refunds-stuck.md');
    const { code, err } = await newRunbook(root, 'payments', 'refunds-stuck');
    expect(code).toBe(EXIT.invalid);
    expect(err).toMatch(/SEV9/);
    expect(existsSync(join(root, 'runbooks/payments/refunds-stuck.md'))).toBe(false);
  });
});

describe('findMonitor', () => {
  it('needs the service when a monitor id repeats across services', () => {
    const root = copyExample();
    edit(root, PAYMENTS, '      p99-latency:', '      auth-failures:');
    const model = modelOf(root);
    expect(findMonitor(model, 'payments', 'auth-failures').error).toBe(
      'monitor "auth-failures" exists in several services of team payments; name one: card-processor/auth-failures, checkout-api/auth-failures',
    );
    expect(findMonitor(model, 'payments', 'checkout-api/auth-failures').found?.monitor.name).toBe('Checkout API p99 latency high');
  });

  it('scaffolds every example monitor into a structurally valid runbook', () => {
    const model = modelOf(EXAMPLE);
    for (const team of model.teams) {
      for (const service of team.services) {
        for (const monitor of service.monitors) {
          const { content } = scaffoldRunbook(model, { team, service, monitor }, '2026-11-25');
          expect(content).toContain(`owner: ${team.id}\n`);
          expect(content).toContain(monitor.query);
          for (const heading of ['Trigger', 'Impact', 'Investigation', 'Mitigation', 'Verification', 'Rollback', 'Escalation', 'Context'])
            expect(content).toContain(`\n## ${heading}\n`);
        }
      }
    }
  });
});
