/**
 * Snapshot files of the organization's own Terraform: one readable JSON file per synthesized
 * stack, so a pull request shows exactly which team's Terraform changed (a jest .snap file would
 * put every stack into one file, as escaped strings). The update mode follows jest's own
 * snapshots: `npm test -- -u __tests__/organization` writes and removes, a plain local run writes only missing files,
 * CI (`--ci`, which jest turns on when CI is set) fails on a missing file too.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { OrgModel } from '../../lib/model/types';
import { buildApp, DEFAULT_OUTDIR } from '../../lib/stacks/app';

/** File name suffix; not `.tf.json`, so no Terraform tooling mistakes a snapshot for configuration. */
export const SNAPSHOT_SUFFIX = '.snap.json';

/** Jest's snapshot update mode: 'all' with -u, 'none' with --ci, else 'new'. */
export type UpdateMode = 'all' | 'new' | 'none';

/**
 * The stacks as the snapshot files hold them: cdk.tf.json without cdktf's `//` metadata (its
 * version and construct paths change with upgrades, not with config), pretty-printed. Local
 * state paths are placed as a real `synth` in `projectRoot` places them.
 */
export function stackSnapshots(model: OrgModel, projectRoot: string): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'oncall-org-snapshots-'));
  try {
    buildApp(model, { outdir, projectRoot, terraformOutdir: join(projectRoot, DEFAULT_OUTDIR) }).synth();
    const snapshots = new Map<string, string>();
    for (const name of readdirSync(join(outdir, 'stacks')).sort()) {
      const json = JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8')) as unknown;
      snapshots.set(name, `${JSON.stringify(withoutMetadata(json), null, 2)}\n`);
    }
    return snapshots;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== '//')
      .map(([key, inner]) => [key, withoutMetadata(inner)]),
  );
}

export const snapshotFile = (dir: string, stack: string) => join(dir, `${stack}${SNAPSHOT_SUFFIX}`);

export interface SnapshotVerdict {
  pass: boolean;
  /** What happened or what is wrong, for the test output. */
  message: string;
  written?: boolean;
}

const ACCEPT_HINT = 'If the change is intended, run `npm test -- -u __tests__/organization` and commit the snapshot file with the config change.';

/** Compares one stack with its file, writing it when the mode allows. */
export function checkStackSnapshot(
  dir: string,
  stack: string,
  actual: string,
  mode: UpdateMode,
  diff: (expected: string, actual: string) => string,
): SnapshotVerdict {
  const file = snapshotFile(dir, stack);
  const shown = relative(process.cwd(), file) || file;
  const expected = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (expected === actual) return { pass: true, message: `${stack} matches ${shown}` };
  if (mode === 'all' || (mode === 'new' && expected === undefined)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, actual);
    return { pass: true, written: true, message: `${expected === undefined ? 'wrote' : 'updated'} ${shown}` };
  }
  if (expected === undefined) {
    return {
      pass: false,
      message: `stack ${stack} has no snapshot file ${shown} (CI does not write snapshots). Run \`npm test -- -u __tests__/organization\` locally and commit the file.`,
    };
  }
  return {
    pass: false,
    message: [`stack ${stack} differs from ${shown}.`, ...addressChanges(expected, actual), ACCEPT_HINT, '', diff(expected, actual)].join('\n'),
  };
}

/**
 * The resource addresses a change adds and removes: a removed address that Terraform still holds
 * is destroyed (a renamed logical id is a destroy and a create, e.g. a schedule losing its
 * history), so these come first in the failure, before the line diff.
 */
export function addressChanges(expected: string, actual: string): string[] {
  const before = addresses(expected);
  const after = addresses(actual);
  const removed = [...before].filter((a) => !after.has(a));
  const added = [...after].filter((a) => !before.has(a));
  return [
    ...(removed.length ? [`  removed (terraform destroys these): ${removed.join(', ')}`] : []),
    ...(added.length ? [`  added (terraform creates these): ${added.join(', ')}`] : []),
  ];
}

function addresses(text: string): Set<string> {
  const json = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>> };
  return new Set(Object.entries(json.resource ?? {}).flatMap(([type, blocks]) => Object.keys(blocks).map((name) => `${type}.${name}`)));
}

/** Snapshot files whose stack no longer exists; removed in mode 'all' (returned either way). */
export function obsoleteSnapshots(dir: string, stacks: readonly string[], mode: UpdateMode): { files: string[]; removed: boolean } {
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(SNAPSHOT_SUFFIX) && !stacks.includes(name.slice(0, -SNAPSHOT_SUFFIX.length)))
        .sort()
        .map((name) => join(dir, name))
    : [];
  if (mode === 'all') for (const file of files) unlinkSync(file);
  return { files, removed: mode === 'all' };
}

/** The update mode of the running jest (its SnapshotState keeps it in a private field). */
export function jestUpdateMode(): UpdateMode {
  const state = expect.getState().snapshotState as unknown as { _updateSnapshot?: UpdateMode } | undefined;
  return state?._updateSnapshot ?? 'none';
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- how jest's matcher types are extended
  namespace jest {
    interface Matchers<R> {
      /** The synthesized stack text equals `<dir>/<stack>.snap.json` (written per jest's update mode). */
      toMatchStackSnapshot(dir: string, stack: string): R;
    }
  }
}

expect.extend({
  toMatchStackSnapshot(this: jest.MatcherContext, actual: string, dir: string, stack: string) {
    const verdict = checkStackSnapshot(
      dir,
      stack,
      actual,
      jestUpdateMode(),
      (expected, received) =>
        this.utils.diff(expected, received, { aAnnotation: 'Snapshot file', bAnnotation: 'Synthesized', expand: false, contextLines: 3 }) ?? '',
    );
    return { pass: verdict.pass, message: () => verdict.message };
  },
});
