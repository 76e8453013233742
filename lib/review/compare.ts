import type { DateTime } from 'luxon';
import { snapshotAtRef } from '../git/tree-at-ref';
import type { Finding } from '../lint/types';
import type { OrgModel } from '../model/types';
import { loadSideModel, type ReviewSide, type SideSource } from './sides';
import { synthesizeStacks } from './synthesize';

export interface CompareOptions {
  /** Repository root holding `config/` (working tree = head). */
  root: string;
  /** Git ref (or tree id) to compare against. */
  baseRef: string;
  /** Runs lint on a model; omit to leave lint out of the comparison. */
  lint?: (model: OrgModel, from: DateTime) => Finding[];
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
    const base = loadSide({ root: snapshot.root, label: options.baseRef, objectId: snapshot.objectId, configExists: snapshot.configExists }, options);
    const head = loadSide({ root: options.root, label: 'working tree', configExists: true }, options);
    return { base, head };
  } finally {
    snapshot.dispose();
  }
}

function loadSide(source: SideSource, options: CompareOptions): ReviewSide {
  const { summary, model, diagnostics } = loadSideModel(source);
  if (!model) return { summary, stacks: new Map(), diagnostics };
  return {
    summary,
    model,
    stacks: synthesizeStacks(model),
    findings: options.lint ? options.lint(model, options.from) : undefined,
    diagnostics,
  };
}
