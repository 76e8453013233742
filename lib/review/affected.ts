import { diffStacks, type StackJson } from './terraform-diff';
import type { ChangeKind } from './types';

/** `{"include":[...]}`: directly usable as a GitHub Actions `strategy.matrix` (fromJSON). */
export interface AffectedMatrix {
  include: { stack: string; change: ChangeKind; destructive: boolean }[];
}

/** Stacks whose canonical synthesized JSON differs, sorted by name; same verdicts as the review. */
export function affectedMatrix(base: ReadonlyMap<string, StackJson>, head: ReadonlyMap<string, StackJson>): AffectedMatrix {
  return { include: diffStacks(base, head).stacks.map(({ stack, change, destructive }) => ({ stack, change, destructive })) };
}
