import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../stacks/app';
import { teamStackName } from '../stacks/team-stack';
import type { OrgModel } from '../model/types';
import { makeTempDir } from '../util/temp-dirs';
import { canonicalize, type StackJson } from './terraform-diff';

/** Stack name -> canonical synthesized JSON (see canonicalize). */
export type SynthesizedStacks = Map<string, StackJson>;

const memo = new Map<string, SynthesizedStacks>();

/**
 * Synthesizes every stack of `model` in-process into a throw-away directory and returns the
 * canonical JSON per stack. Results are memoized per model content (the runbook root, which
 * differs per checkout, is left out of the key), so a test file or a review that synthesizes the
 * same base twice pays once.
 */
export function synthesizeStacks(model: OrgModel, teamIds?: ReadonlySet<string>): SynthesizedStacks {
  // teamIds: only these teams' stacks (review of a change that affects a few teams, see change-scope.ts).
  const stacks = teamIds && model.teams.filter((team) => teamIds.has(team.id)).map((team) => teamStackName(team.id));
  const key = createHash('sha256')
    .update(JSON.stringify({ ...model, runbooks: { ...model.runbooks, root: '' }, stacks }))
    .digest('hex');
  const cached = memo.get(key);
  if (cached) return cached;
  // oncall-synth-<pid>-XXXXXX: a killed review's folder is removed by a later run (lib/util/temp-dirs.ts).
  const outdir = makeTempDir('synth');
  try {
    const app = buildApp(model, { outdir, ...(stacks ? { stacks } : {}) });
    app.synth();
    const synthesized: SynthesizedStacks = new Map();
    for (const [name, file] of stackFiles(outdir)) {
      synthesized.set(name, canonicalize(JSON.parse(readFileSync(file, 'utf8')), [outdir, model.runbooks.root]) as StackJson);
    }
    memo.set(key, synthesized);
    return synthesized;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Stacks as cdktf's manifest lists them; the `stacks/<name>/cdk.tf.json` layout when there is none. */
function stackFiles(outdir: string): [string, string][] {
  const manifestFile = join(outdir, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks?: Record<string, { synthesizedStackPath?: string }> };
    return Object.entries(manifest.stacks ?? {})
      .filter(([, stack]) => stack.synthesizedStackPath)
      .map(([name, stack]) => [name, join(outdir, stack.synthesizedStackPath!)] as [string, string])
      .sort(([a], [b]) => a.localeCompare(b));
  }
  const stacksDir = join(outdir, 'stacks');
  if (!existsSync(stacksDir)) return [];
  return readdirSync(stacksDir)
    .sort()
    .map((name) => [name, join(stacksDir, name, 'cdk.tf.json')] as [string, string])
    .filter(([, file]) => existsSync(file));
}

/** The team a stack belongs to, by the `team-<id>` naming convention of lib/stacks. */
export const teamIdOfStack = (stack: string): string | undefined => (stack.startsWith('team-') ? stack.slice('team-'.length) : undefined);
