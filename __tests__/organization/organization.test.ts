/**
 * The organization's own tests: they run over whatever config/ and runbooks/ hold (unlike every
 * other test, which runs on examples/ and fixtures). One snapshot file per stack under
 * __stacks__/, so a pull request shows exactly which team's Terraform changes, plus invariants
 * every stack must keep. Accept an intended change with `npm test -- -u __tests__/organization` (README, "Adopt it").
 */
import { join, relative, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { formatDiagnostic, type Diagnostic } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { buildModel } from '../../lib/model/build';
import type { OrgModel } from '../../lib/model/types';
import { coverageProblems, pagingRunbookProblems, secretProblems, type StackJson } from './invariants';
import { jestUpdateMode, obsoleteSnapshots, stackSnapshots } from './stack-snapshots';

const ORGANIZATION_ROOT = resolve(__dirname, '../..');
const SNAPSHOT_DIR = join(__dirname, '__stacks__');
/** What an organization that has not added its first team yet gets from loadConfig. */
const NO_TEAMS_YET = new Set(['teams-empty', 'teams-missing']);

const loaded = loadConfig({ root: ORGANIZATION_ROOT, tolerateErrors: (d) => NO_TEAMS_YET.has(d.code ?? '') });
const errors = loaded.diagnostics.filter((d: Diagnostic) => d.level === 'error');
const noTeamsYet = errors.length > 0 && errors.every((d) => NO_TEAMS_YET.has(d.code ?? ''));
const model: OrgModel | undefined = loaded.config && errors.length === 0 ? buildModel(loaded.config) : undefined;
const snapshots = model ? stackSnapshots(model, ORGANIZATION_ROOT) : new Map<string, string>();
const stacks = new Map([...snapshots].map(([name, text]) => [name, JSON.parse(text) as StackJson]));
const mode = jestUpdateMode();

describe('config/', () => {
  test('is valid', () => {
    if (noTeamsYet) return; // nothing to synthesize yet; `npm run new-team` adds the first team
    expect(errors.map(formatDiagnostic)).toEqual([]);
  });
});

describe('stack snapshots (__tests__/organization/__stacks__)', () => {
  // test.each needs at least one case: an organization without stacks has nothing to compare.
  const names = [...snapshots.keys()];
  test.each(names.length > 0 ? names : ['(no stacks yet)'])('%s matches its snapshot file', (stack) => {
    if (!snapshots.has(stack)) return;
    expect(snapshots.get(stack)).toMatchStackSnapshot(SNAPSHOT_DIR, stack);
  });

  test('no snapshot file is left for a stack that no longer exists', () => {
    if (!model && !noTeamsYet) return; // invalid config: reported above, the stacks are unknown
    const obsolete = obsoleteSnapshots(SNAPSHOT_DIR, [...snapshots.keys()], mode);
    if (!obsolete.removed && obsolete.files.length > 0) {
      throw new Error(
        `snapshot files without a stack (team removed or renamed): ${obsolete.files.map((file) => relative(process.cwd(), file)).join(', ')}. Run \`npm test -- -u __tests__/organization\` to remove them.`,
      );
    }
  });
});

describe('invariants of every stack', () => {
  test('each paging monitor links an existing runbook, and its message carries the link', () => {
    if (model) expect(pagingRunbookProblems(model, stacks)).toEqual([]);
  });

  test('each escalation policy has someone on its first level and each service someone on call (lint window from now)', () => {
    if (model) expect(coverageProblems(model, DateTime.now())).toEqual([]);
  });

  test('no credential in the output', () => {
    expect([...snapshots].flatMap(([stack, text]) => secretProblems(stack, text, process.env))).toEqual([]);
  });
});
