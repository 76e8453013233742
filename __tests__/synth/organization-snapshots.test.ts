/**
 * The machinery of the organization's own snapshot suite (__tests__/organization), tested on
 * private copies of the example: per-stack files, update modes, and the invariants.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { coverageProblems, pagingRunbookProblems, secretProblems, type StackJson } from '../organization/invariants';
import { checkStackSnapshot, obsoleteSnapshots, snapshotFile, stackSnapshots } from '../organization/stack-snapshots';
import { copyExample, editYaml, loadModel } from './helpers';

/** After every example rotation has started. */
const FROM = DateTime.fromISO('2026-02-02T12:00:00Z');
const plainDiff = (a: string, b: string) => `<diff of ${a.length} and ${b.length} characters>`;
const roots: string[] = [];
const fresh = (make: () => string) => {
  const dir = make();
  roots.push(dir);
  return dir;
};
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const example = fresh(copyExample);
const snapshots = stackSnapshots(loadModel(example), example);
const parsed = (stack: string) => JSON.parse(snapshots.get(stack)!) as StackJson;

describe('stack snapshots', () => {
  test('one readable file per stack, without cdktf metadata or machine paths', () => {
    expect([...snapshots.keys()]).toEqual(['team-data', 'team-payments', 'team-platform']);
    for (const text of snapshots.values()) {
      expect(text).not.toContain('"//"');
      expect(text).not.toContain(example);
      expect(text.endsWith('}\n')).toBe(true);
      expect(text.split('\n').length).toBeGreaterThan(100); // pretty-printed, so diffs are per line
    }
    // Another checkout of the same config gives the same bytes.
    const other = fresh(copyExample);
    expect(stackSnapshots(loadModel(other), other)).toEqual(snapshots);
  });

  test("changing one team's escalation delay changes exactly that team's snapshot", () => {
    const root = fresh(copyExample);
    editYaml(join(root, 'config/teams/payments.yaml'), (doc) => doc.setIn(['escalation', 'levels', 0, 'delayMinutes'], 7));
    const changed = stackSnapshots(loadModel(root), root);
    const differing = [...changed.keys()].filter((stack) => changed.get(stack) !== snapshots.get(stack));
    expect(differing).toEqual(['team-payments']);
    expect(changed.get('team-payments')).toContain('"escalation_delay_in_minutes": 7');
  });

  describe('update modes (as jest: -u is "all", --ci "none", otherwise "new")', () => {
    const text = snapshots.get('team-data')!;
    const changed = text.replace('"name": "Data escalation"', '"name": "Data escalation (renamed)"');

    test('a missing file fails in CI with how to create it, and is written otherwise', () => {
      const dir = fresh(() => mkdtempSync(join(tmpdir(), 'stack-snapshots-')));
      const refused = checkStackSnapshot(dir, 'team-data', text, 'none', plainDiff);
      expect(refused.pass).toBe(false);
      expect(refused.message).toMatch(/has no snapshot file .*team-data\.snap\.json.*npm test -- -u __tests__\/organization/);
      expect(existsSync(snapshotFile(dir, 'team-data'))).toBe(false);

      expect(checkStackSnapshot(dir, 'team-data', text, 'new', plainDiff)).toMatchObject({ pass: true, written: true });
      expect(readFileSync(snapshotFile(dir, 'team-data'), 'utf8')).toBe(text);
      expect(checkStackSnapshot(dir, 'team-data', text, 'none', plainDiff)).toMatchObject({ pass: true });
    });

    test('a difference fails without -u (file untouched) and is accepted with -u', () => {
      const dir = fresh(() => mkdtempSync(join(tmpdir(), 'stack-snapshots-')));
      writeFileSync(snapshotFile(dir, 'team-data'), text);
      for (const mode of ['new', 'none'] as const) {
        const verdict = checkStackSnapshot(dir, 'team-data', changed, mode, plainDiff);
        expect(verdict.pass).toBe(false);
        expect(verdict.message).toContain('stack team-data differs');
        expect(verdict.message).toContain('npm test -- -u __tests__/organization');
        expect(verdict.message).toContain(`<diff of ${text.length} and ${changed.length} characters>`);
        expect(readFileSync(snapshotFile(dir, 'team-data'), 'utf8')).toBe(text);
      }
      expect(checkStackSnapshot(dir, 'team-data', changed, 'all', plainDiff)).toMatchObject({ pass: true, written: true });
      expect(readFileSync(snapshotFile(dir, 'team-data'), 'utf8')).toBe(changed);
    });

    test('a renamed logical id is named as a destroy and a create before the diff', () => {
      const dir = fresh(() => mkdtempSync(join(tmpdir(), 'stack-snapshots-')));
      writeFileSync(snapshotFile(dir, 'team-data'), text);
      const renamed = text.replace(/"oncall_escalation_policy_([0-9A-F]{8})"/, '"oncall_escalation-v2_policy_$1"');
      expect(renamed).not.toBe(text);
      const { message } = checkStackSnapshot(dir, 'team-data', renamed, 'none', plainDiff);
      expect(message).toMatch(/removed \(terraform destroys these\): pagerduty_escalation_policy\.oncall_escalation_policy_[0-9A-F]{8}\n/);
      expect(message).toMatch(/added \(terraform creates these\): pagerduty_escalation_policy\.oncall_escalation-v2_policy_[0-9A-F]{8}\n/);
    });

    test('files of stacks that no longer exist are reported, and removed only with -u', () => {
      const dir = fresh(() => mkdtempSync(join(tmpdir(), 'stack-snapshots-')));
      for (const stack of ['team-data', 'team-gone']) writeFileSync(snapshotFile(dir, stack), text);
      writeFileSync(join(dir, 'notes.md'), 'not a snapshot');
      for (const mode of ['new', 'none'] as const) {
        expect(obsoleteSnapshots(dir, ['team-data'], mode)).toEqual({ files: [snapshotFile(dir, 'team-gone')], removed: false });
      }
      expect(obsoleteSnapshots(dir, ['team-data'], 'all')).toEqual({ files: [snapshotFile(dir, 'team-gone')], removed: true });
      expect(existsSync(snapshotFile(dir, 'team-gone'))).toBe(false);
      expect(existsSync(snapshotFile(dir, 'team-data'))).toBe(true);
      expect(existsSync(join(dir, 'notes.md'))).toBe(true);
      expect(obsoleteSnapshots(join(dir, 'missing'), [], 'none')).toEqual({ files: [], removed: false });
    });
  });
});

describe('invariants', () => {
  const stacks = new Map([...snapshots.keys()].map((stack) => [stack, parsed(stack)]));

  test('hold on the example', () => {
    const model = loadModel(example);
    expect(pagingRunbookProblems(model, stacks)).toEqual([]);
    expect(coverageProblems(model, FROM)).toEqual([]);
    expect([...snapshots].flatMap(([stack, text]) => secretProblems(stack, text, {}))).toEqual([]);
  });

  test('a paging monitor whose runbook file is gone, or whose message lost the link, is named', () => {
    const root = fresh(copyExample);
    const model = loadModel(root);
    unlinkSync(join(root, 'runbooks/payments/checkout-down.md'));
    const monitors = structuredClone(stacks.get('team-payments')!);
    const emitted = Object.values(monitors.resource!.datadog_monitor).find((m) => String(m.message).includes('payments/checkout-error-rate.md'))!;
    emitted.message = String(emitted.message).replace(/\nRunbook: [^\n]+/, '');
    const problems = pagingRunbookProblems(model, new Map([...stacks, ['team-payments', monitors]]));
    expect(problems).toEqual([
      expect.stringMatching(
        /^config\/teams\/payments\.yaml: payments\/checkout-api\/[a-z-]+ \(SEV\d, pages\) links payments\/checkout-down\.md, which is not a file in runbooks\/$/,
      ),
      expect.stringMatching(
        /^config\/teams\/payments\.yaml: payments\/checkout-api\/[a-z-]+ \(SEV\d, pages\): the datadog_monitor's message does not carry the runbook link https:.*checkout-error-rate\.md$/,
      ),
    ]);
  });

  test('a paging monitor without a runbook, or missing from its stack, is named', () => {
    const model = loadModel(example);
    const service = model.teams.find((t) => t.id === 'payments')!.services.find((s) => s.monitors.some((m) => m.severity.paging))!;
    const monitor = service.monitors.find((m) => m.severity.paging)!;
    delete monitor.runbook;
    expect(pagingRunbookProblems(model, stacks)).toEqual([
      expect.stringContaining(`payments/${service.id}/${monitor.id} (${monitor.severity.id}, pages) links no runbook`),
    ]);
    const withRunbook = loadModel(example);
    expect(pagingRunbookProblems(withRunbook, new Map())).toEqual(expect.arrayContaining([expect.stringContaining('no datadog_monitor named')]));
  });

  test('a first escalation level with nobody on it is found even when lint.rules turns the rule off', () => {
    const root = fresh(copyExample);
    editYaml(join(root, 'config/teams/payments.yaml'), (doc) => {
      doc.setIn(['escalation', 'levels', 0, 'targets'], doc.createNode([{ rotation: 'weekend-only' }]));
      doc.setIn(['rotations', 'weekend-only'], doc.createNode(weekendOnly()));
    });
    editYaml(join(root, 'config/organization.yaml'), (doc) => doc.setIn(['lint', 'rules', 'escalation-first-level-gap'], 'off'));
    const problems = coverageProblems(loadModel(root), FROM);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.endsWith('[escalation-first-level-gap]') || p.endsWith('[service-nobody-on-call]'))).toBe(true);
    expect(problems[0]).toMatch(/^config\/teams\/payments\.yaml: /);
  });

  describe('no credential in the output', () => {
    const text = snapshots.get('team-payments')!;
    /** The parts of a stack's JSON these cases edit. */
    type StackJson = {
      provider: Record<string, unknown>;
      resource: Record<string, Record<string, Record<string, unknown>>>;
      output: Record<string, Record<string, unknown>>;
      locals?: unknown;
    };
    const withJson = (edit: (json: StackJson) => void) => {
      const json = JSON.parse(text) as StackJson;
      edit(json);
      return JSON.stringify(json);
    };

    test('provider blocks that set credentials', () => {
      const leaky = withJson((json) => {
        json.provider.pagerduty = [{ token: 'x' }];
        json.provider.datadog = [{ api_key: 'x', app_key: 'y' }];
      });
      expect(secretProblems('team-payments', leaky, {})).toEqual([
        'team-payments: provider "datadog" sets api_key; credentials come from the environment of the job that runs terraform',
        'team-payments: provider "datadog" sets app_key; credentials come from the environment of the job that runs terraform',
        'team-payments: provider "pagerduty" sets token; credentials come from the environment of the job that runs terraform',
      ]);
    });

    test('the value of a CI secret, named by its variable and never printed', () => {
      const token = 'u+AbCdEfGhIjKlMnOpQr';
      const leaky = withJson((json) => {
        json.resource.pagerduty_team[Object.keys(json.resource.pagerduty_team)[0]].description = `see ${token}`;
      });
      const problems = secretProblems('team-payments', leaky, { PAGERDUTY_TOKEN: token, DD_API_KEY: 'not-in-the-output-1234' });
      expect(problems).toEqual(['team-payments: contains the value of PAGERDUTY_TOKEN']);
      expect(problems.join('\n')).not.toContain(token);
      expect(secretProblems('team-payments', text, { PAGERDUTY_TOKEN: token, DD_API_KEY: 'short' })).toEqual([]);
    });

    test('key-shaped strings and PEM blocks, quoted only by their first characters', () => {
      const apiKey = 'a'.repeat(31) + 'f';
      const appKey = '0123456789abcdef0123456789abcdef01234567';
      const leaky = withJson((json) => {
        json.locals = { key: apiKey, keys: [appKey], pem: '-----BEGIN PRIVATE KEY-----\nMIIE' };
      });
      const problems = secretProblems('team-payments', leaky, {});
      expect(problems).toEqual([
        'team-payments: a string shaped like an API or application key (aaaa...)',
        'team-payments: a string shaped like an API or application key (0123...)',
        'team-payments: a string holding a PEM block (-----BEGIN ...)',
      ]);
      expect(problems.join('\n')).not.toContain(apiKey);
    });

    test('an output passing an integration key on without sensitive', () => {
      const leaky = withJson((json) => {
        const name = Object.keys(json.output)[0];
        delete json.output[name].sensitive;
      });
      expect(secretProblems('team-payments', leaky, {})).toEqual([
        expect.stringMatching(/^team-payments: output \S+ passes an integration key on without sensitive = true$/),
      ]);
    });
  });
});

/** A rotation covering weekends only: a first level on it leaves weekdays uncovered. */
function weekendOnly() {
  return {
    name: 'Weekend only',
    members: ['kofi'],
    start: '2026-01-03',
    coverage: [{ days: ['saturday', 'sunday'], from: '00:00', to: '24:00' }],
  };
}
