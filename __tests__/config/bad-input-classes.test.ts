import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateCommand } from '../../lib/cli/commands/validate';
import { EXIT } from '../../lib/cli/io';
import { formatPath, type Diagnostic } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { captureIO, edit, MINIMAL, scratch } from './support';

/**
 * Issue 2's classes of bad input, one mutation of the minimal organization each, asserting the
 * exact file, path inside the file, line and exit code a reviewer is sent to.
 */
const ORG = 'config/organization.yaml';
const TEAM = 'config/teams/shop.yaml';

interface BadInput {
  name: string;
  edits: [file: string, from: string, to: string][];
  /** Extra files to write into the copy. */
  files?: Record<string, string>;
  file: string;
  path: string;
  line: number;
  message: string | RegExp;
}

const CLASSES: BadInput[] = [
  {
    name: 'unknown key, with did-you-mean',
    edits: [[TEAM, '    start: ', '    strat: ']],
    file: TEAM,
    path: 'rotations.primary.strat',
    line: 13,
    message: 'unknown key "strat"; did you mean "start"?',
  },
  {
    name: 'wrong type',
    edits: [[ORG, 'ackTargetMinutes: 5', 'ackTargetMinutes: five']],
    file: ORG,
    path: 'severities[0].ackTargetMinutes',
    line: 9,
    message: 'wrong type',
  },
  {
    name: 'missing required setting',
    edits: [[ORG, '    datadogPriority: 3\n', '']],
    file: ORG,
    path: 'severities[1].datadogPriority',
    line: 11,
    message: 'required setting is missing',
  },
  {
    name: 'unknown member in a rotation',
    edits: [[TEAM, '[ana, ben, cai]', '[ana, bob, cai]']],
    file: TEAM,
    path: 'rotations.primary.members[1]',
    line: 12,
    message: 'unknown member "bob"; did you mean "ben"?',
  },
  {
    name: 'unknown escalation target',
    edits: [[TEAM, '{ rotation: secondary }', '{ rotation: backup }']],
    file: TEAM,
    path: 'escalation.levels[1].targets[0].rotation',
    line: 21,
    message: 'unknown rotation "backup"',
  },
  {
    name: 'unknown severity',
    edits: [[TEAM, 'severity: SEV1', 'severity: sev-1']],
    file: TEAM,
    path: 'services.checkout.monitors.errors.severity',
    line: 32,
    message: 'unknown severity "sev-1"; did you mean "SEV1"?',
  },
  {
    name: 'missing runbook file',
    edits: [[TEAM, 'shop/checkout-errors.md', 'shop/checkout.md']],
    file: TEAM,
    path: 'services.checkout.monitors.errors.runbook',
    line: 33,
    message: 'no such file: runbooks/shop/checkout.md',
  },
  {
    name: 'duplicate team name across teams (unicode look-alike)',
    edits: [],
    // "Ѕhop" starts with CYRILLIC CAPITAL LETTER DZE, which renders like a Latin S.
    files: {
      'config/teams/storefront.yaml':
        'name: \u0405hop\ndescription: Storefront.\ntimeZone: Etc/UTC\nmembers:\n  ana: { name: Ana Lima, email: ana@example.com, role: responder }\nescalation:\n  levels:\n    - targets: [{ user: ana }]\n',
    },
    file: 'config/teams/storefront.yaml',
    path: 'name',
    line: 1,
    message: 'team name "\u0405hop" looks the same as "Shop" in config/teams/shop.yaml',
  },
  {
    name: 'time zone UTC',
    edits: [[TEAM, 'timeZone: Europe/Berlin', 'timeZone: UTC']],
    file: TEAM,
    path: 'timeZone',
    line: 4,
    message: 'did you mean "Etc/UTC"?',
  },
  {
    name: 'time zone Asia/Dubai',
    edits: [[TEAM, 'timeZone: Europe/Berlin', 'timeZone: Asia/Dubai']],
    file: TEAM,
    path: 'timeZone',
    line: 4,
    message: 'did you mean "Asia/Muscat"?',
  },
  {
    name: 'time zone America/Toronto on a rotation',
    edits: [[TEAM, "    start: '2026-01-05'\n", "    start: '2026-01-05'\n    timeZone: America/Toronto\n"]],
    file: TEAM,
    path: 'rotations.primary.timeZone',
    line: 14,
    message: 'did you mean "America/New_York"?',
  },
  {
    name: 'time 24:00 as a start',
    edits: [[TEAM, "time: '10:00'", "time: '24:00'"]],
    file: TEAM,
    path: 'rotations.primary.handoff.time',
    line: 14,
    message: 'time must be HH:MM between 00:00 and 23:59',
  },
  {
    name: 'time 25:61 in coverage',
    edits: [
      [
        TEAM,
        "    handoff: { day: monday, time: '10:00' }\n",
        "    handoff: { day: monday, time: '10:00' }\n    coverage: [{ days: [monday], from: '25:61', to: '18:00' }]\n",
      ],
    ],
    file: TEAM,
    path: 'rotations.primary.coverage[0].from',
    line: 15,
    message: 'time must be HH:MM between 00:00 and 23:59',
  },
  {
    name: 'start date not on the handoff weekday',
    edits: [[TEAM, "start: '2026-01-05'", "start: '2026-01-07'"]],
    file: TEAM,
    path: 'rotations.primary.start',
    line: 13,
    message: 'must fall on the handoff day (monday)',
  },
  {
    name: 'turn length 0',
    edits: [[TEAM, "    start: '2026-01-05'\n", "    start: '2026-01-05'\n    turnLength: 0d\n"]],
    file: TEAM,
    path: 'rotations.primary.turnLength',
    line: 14,
    message: 'turn length must be a positive',
  },
  {
    name: 'turn length negative',
    edits: [[TEAM, "    start: '2026-01-05'\n", "    start: '2026-01-05'\n    turnLength: -12h\n"]],
    file: TEAM,
    path: 'rotations.primary.turnLength',
    line: 14,
    message: 'turn length must be a positive',
  },
  {
    name: 'derived rotation that overlaps its base',
    edits: [[TEAM, '{ rotation: primary }\n', '{ rotation: primary, offsetTurns: 6 }\n']],
    file: TEAM,
    path: 'rotations.secondary.derivedFrom.offsetTurns',
    line: 16,
    message: 'puts the same person on both rotations at once',
  },
  {
    name: 'derived rotation referring to itself',
    edits: [[TEAM, 'derivedFrom: { rotation: primary }', 'derivedFrom: { rotation: secondary }']],
    file: TEAM,
    path: 'rotations.secondary.derivedFrom.rotation',
    line: 16,
    message: 'a rotation cannot be derived from itself',
  },
  {
    name: 'escalation delay below the PagerDuty minimum',
    edits: [[TEAM, 'delayMinutes: 5', 'delayMinutes: 0']],
    file: TEAM,
    path: 'escalation.levels[0].delayMinutes',
    line: 20,
    message: 'number is too small',
  },
];

const dirs = scratch();
afterAll(() => dirs.cleanup());

function prepare(input: Pick<BadInput, 'edits' | 'files'>): string {
  const root = dirs.copy(MINIMAL);
  for (const [file, from, to] of input.edits) edit(root, file, from, to);
  for (const [file, text] of Object.entries(input.files ?? {})) writeFileSync(join(root, file), text);
  return root;
}

const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.level === 'error');

test('covers at least 15 distinct classes', () => {
  expect(new Set(CLASSES.map((c) => c.name)).size).toBeGreaterThanOrEqual(15);
});

describe.each(CLASSES)('$name', (input) => {
  test('loadConfig reports it at the right file, path and line', () => {
    const result = loadConfig({ root: prepare(input) });
    expect(result.config).toBeUndefined();
    const found = errorsOf(result.diagnostics).map((d) => ({ file: d.file, path: formatPath(d.path), line: d.line, message: d.message }));
    expect(found).toContainEqual({
      file: input.file,
      path: input.path,
      line: input.line,
      message: expect.stringMatching(input.message instanceof RegExp ? input.message : escape(input.message)),
    });
  });

  test('validate exits 1 and prints file:line:col  path  message', async () => {
    const root = prepare(input);
    const io = captureIO(root);
    expect(await validateCommand.run(['--root', root], io)).toBe(EXIT.invalid);
    expect(io.stderr.some((line) => line.startsWith(`${input.file}:${input.line}:`) && line.includes(`  ${input.path}  `))).toBe(true);
  });
});

test('every problem in every file is reported in one run', async () => {
  const root = prepare({
    edits: [
      [TEAM, '[ana, ben, cai]', '[ana, ben, carl]'],
      [TEAM, 'severity: SEV1', 'severity: SEV9'],
      [TEAM, 'shop/checkout-errors.md', 'shop/missing.md'],
      [TEAM, "start: '2026-01-05'", "start: '2026-01-06'"],
      [ORG, 'runbooks:\n', 'unclassifiedSeverity: SEV7\nrunbooks:\n'],
    ],
    files: { 'config/teams/broken.yaml': 'name: Broken\ndescription: Has shape errors.\ntimeZone: UTC\nmembers: []\nescalation: { levels: [] }\n' },
  });
  const result = loadConfig({ root });
  const summary = errorsOf(result.diagnostics).map((d) => `${d.file}:${d.line} ${formatPath(d.path)}`);
  expect(summary).toEqual([
    'config/organization.yaml:17 unclassifiedSeverity',
    'config/teams/broken.yaml:3 timeZone',
    'config/teams/broken.yaml:4 members',
    'config/teams/broken.yaml:5 escalation.levels',
    'config/teams/shop.yaml:12 rotations.primary.members[2]',
    'config/teams/shop.yaml:13 rotations.primary.start',
    'config/teams/shop.yaml:32 services.checkout.monitors.errors.severity',
    'config/teams/shop.yaml:33 services.checkout.monitors.errors.runbook',
  ]);
  const io = captureIO(root);
  expect(await validateCommand.run(['--root', root], io)).toBe(EXIT.invalid);
  expect(io.stderr[io.stderr.length - 1]).toBe('validate: 8 error(s); nothing was synthesized.');
});

function escape(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
