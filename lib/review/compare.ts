import type { DateTime } from 'luxon';
import { snapshotAtRef } from '../git/tree-at-ref';
import type { Finding } from '../lint/types';
import type { OrgModel } from '../model/types';
import { teamsToCompare } from './change-scope';
import { loadSideModel, type ReviewSide } from './sides';
import { synthesizeStacks } from './synthesize';

export interface CompareOptions {
  /** Repository root holding `config/` (working tree = head). */
  root: string;
  /** Git ref (or tree id) to compare against. */
  baseRef: string;
  /** Runs lint on a model (with `teams`: only findings about those teams are needed); omit to leave lint out. */
  lint?: (model: OrgModel, from: DateTime, teams?: ReadonlySet<string>) => Finding[];
  from: DateTime;
}

export interface Comparison {
  base: ReviewSide;
  head: ReviewSide;
}

/**
 * Loads the base ref (read from git into a temporary directory) and the working tree, resolves
 * both models and synthesizes both in-process. The working tree must be valid (the caller
 * reports its diagnostics); an invalid base is reported in the review and treated as empty.
 */
export function compareWithBase(options: CompareOptions): Comparison {
  const snapshot = snapshotAtRef({ root: options.root, ref: options.baseRef });
  try {
    const base = loadSideModel({ root: snapshot.root, label: options.baseRef, objectId: snapshot.objectId, configExists: snapshot.configExists });
    const head = loadSideModel({ root: options.root, label: 'working tree', configExists: true });
    // Teams whose inputs are equal on both sides have equal stacks and findings: only the others are synthesized and linted.
    const teams = teamsToCompare(base.model, head.model);
    return { base: resolveSide(base, options, teams), head: resolveSide(head, options, teams) };
  } finally {
    snapshot.dispose();
  }
}

function resolveSide(
  { summary, model, diagnostics }: ReturnType<typeof loadSideModel>,
  options: CompareOptions,
  teams: ReadonlySet<string> | undefined,
): ReviewSide {
  if (!model) return { summary, stacks: new Map(), diagnostics };
  return {
    summary,
    model,
    stacks: synthesizeStacks(model, teams),
    findings: options.lint ? options.lint(model, options.from, teams) : undefined,
    diagnostics,
  };
}
