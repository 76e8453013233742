/**
 * Every place this project relies on cdktf internals, written for cdktf 0.21.0 (pinned exactly:
 * hashicorp/terraform-cdk is archived, and its fork cdk-terrain has no PagerDuty provider yet).
 * Nothing else in lib/ imports from `cdktf/lib/...` or patches cdktf
 * (__tests__/synth/cdktf-workarounds.test.ts checks). buildApp calls applyCdktfWorkarounds()
 * first, which refuses any other cdktf version: each item below must be re-checked against the
 * new version's source before the pin moves.
 */
import type { TerraformStack } from 'cdktf';
// cdktf's own logical-id function (TerraformStack.allocateLogicalId calls it): cdktf/lib/private/unique.js.
import { makeUniqueId } from 'cdktf/lib/private/unique';

/** The cdktf version these workarounds were checked against (package.json pins it). */
export const CDKTF_VERSION = '0.21.0';

/** Throws unless the installed cdktf is the version the workarounds below were written for. */
export function checkCdktfVersion(installed: string = (require('cdktf/package.json') as { version: string }).version): void {
  if (installed !== CDKTF_VERSION) {
    throw new Error(
      `cdktf ${installed} is installed, but lib/cdktf/workarounds.ts is written for cdktf ${CDKTF_VERSION}: check each workaround against the new version's source, then update CDKTF_VERSION (and package.json's pin)`,
    );
  }
}

let applied = false;

/** The process-wide workarounds, once per process (buildApp calls it). */
export function applyCdktfWorkarounds(): void {
  if (applied) return;
  checkCdktfVersion();
  skipTokenCreationStacks();
  applied = true;
}

/**
 * Token creation stacks (hashicorp/terraform-cdk#3892, open; fixed in the fork by
 * open-constructs/cdk-terrain#215 and #219): cdktf records a full, unlimited-depth stack trace as
 * text for every token it creates (Lazy, Intrinsic, references, dynamic blocks and computed lists:
 * `this.creationStack = (0, stack_trace_1.captureStackTrace)()`), only to show it if resolving
 * that token later fails. A team stack creates thousands of tokens; at 1,000 teams formatting
 * and keeping those traces cost ~7 s of construct creation and ~550 MB (docs/performance.md).
 * The callers read the export at each call, so replacing it (the issue's own workaround)
 * stores an empty creation stack; real errors keep their stacks, and nothing else is patched.
 */
function skipTokenCreationStacks(): void {
  const stackTrace = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: (below?: unknown) => string[] };
  stackTrace.captureStackTrace = () => [];
}

/** The logical id cdktf gives the construct at `path` (to name an address a resource had under an older construct id). */
export const cdktfLogicalId = (path: readonly string[]): string => makeUniqueId([...path]);

/** cdktf's string token marker (cdktf/lib/tokens/private/encoding.js, BEGIN_STRING_TOKEN_MARKER `${TfToken[`). */
export const STRING_TOKEN_MARKER = /\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}/g;

/**
 * Expressions cdktf writes as plain strings, not tokens: the `workspace` of the remote state data
 * source behind a cross-stack reference (cdktf/lib/backends/local-backend.js and its siblings,
 * getRemoteStateDataSource). It names the current workspace; it reads no file and no environment.
 */
export const CDKTF_PLAIN_EXPRESSIONS: ReadonlySet<string> = new Set(['${terraform.workspace}']);

/**
 * TerraformStack.prepareStack (cdktf/lib/terraform-stack.js) makes sure a backend exists, then
 * resolves every element once with `preparing` set, which matters only to references into
 * another stack (they become outputs and remote state). For a stack that cannot make such
 * references, the first part alone gives byte-identical output (__tests__/perf/prepare-stack.test.ts)
 * and skips a full resolution pass.
 */
export function prepareStackWithoutCrossStackReferences(stack: TerraformStack): void {
  stack.ensureBackendExists();
}
