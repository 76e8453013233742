import { hasErrors, formatDiagnostic, type Diagnostic } from '../config/diagnostics';
import { loadConfig } from '../config/load';
import { snapshotAtRef } from '../git/tree-at-ref';
import { buildModel } from '../model/build';
import type { OrgModel } from '../model/types';
import type { Finding } from '../lint/types';
import type { SideSummary } from './types';

/** One side of a review (base ref or working tree), loaded and resolved. */
export interface ReviewSide {
  summary: SideSummary;
  /** Absent when the side has no config, or (base only) invalid config. */
  model?: OrgModel;
  /** Canonical synthesized stacks by name; empty without a model. */
  stacks: Map<string, Record<string, unknown>>;
  /** Lint findings, when a lint runner is available. */
  findings?: Finding[];
  diagnostics: Diagnostic[];
}

export interface SideSource {
  root: string;
  label: string;
  objectId?: string;
  configExists: boolean;
}

/** Loads config at `root` and builds the model; an invalid config leaves the model out and says why. */
export function loadSideModel(source: SideSource): { summary: SideSummary; model?: OrgModel; diagnostics: Diagnostic[] } {
  const summary: SideSummary = { label: source.label, configExists: source.configExists, ...(source.objectId ? { objectId: source.objectId } : {}) };
  if (!source.configExists) return { summary, diagnostics: [] };
  const loaded = loadConfig({ root: source.root });
  if (!loaded.config || hasErrors(loaded.diagnostics)) {
    const errors = loaded.diagnostics.filter((d) => d.level === 'error');
    summary.problem = `config is invalid (${errors.length} error(s)); first: ${errors[0] ? formatDiagnostic(errors[0]) : 'unknown'}`;
    return { summary, diagnostics: loaded.diagnostics };
  }
  return { summary, model: buildModel(loaded.config), diagnostics: loaded.diagnostics };
}

/**
 * The model at a git ref, without synthesizing anything (`lint --base` needs only the base's
 * rotations). Reads git objects into a temporary directory and removes it again.
 */
export function loadModelAtRef(root: string, ref: string): { summary: SideSummary; model?: OrgModel; diagnostics: Diagnostic[] } {
  const snapshot = snapshotAtRef({ root, ref });
  try {
    return loadSideModel({ root: snapshot.root, label: ref, objectId: snapshot.objectId, configExists: snapshot.configExists });
  } finally {
    snapshot.dispose();
  }
}
