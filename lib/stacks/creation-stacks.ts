import { sep } from 'node:path';

/**
 * cdktf records a full, unlimited-depth stack trace as text for every token it creates
 * (`Lazy`, `Intrinsic`, references: cdktf/lib/tokens/private/stack-trace.js), only to show it
 * if resolving that token later fails. A team stack creates thousands of tokens, so at 1,000
 * teams formatting and keeping those traces cost ~7 s of construct creation and ~550 MB of
 * memory (docs/performance.md). Our app already turns construct-metadata stack traces off
 * (`stackTraces: false`), which does not cover tokens.
 *
 * This installs an `Error.prepareStackTrace` that returns an empty trace for exactly those
 * captures: a plain object (not an Error) whose top frame is inside cdktf's own lib/. cdktf then
 * stores no creation stack. Real errors, and captures by anyone else, are formatted as before.
 * Installed once per process, by buildApp.
 */
const CDKTF_LIB = `${sep}cdktf${sep}lib${sep}`;
let installed = false;

export function skipCdktfTokenCreationStacks(): void {
  if (installed) return;
  installed = true;
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
    if (!isError(target) && frames[0]?.getFileName()?.includes(CDKTF_LIB)) return '';
    return previous ? previous(target as Error, frames) : v8Format(target, frames);
  };
}

/** Errors from any realm (jest runs tests in a separate one, where `instanceof Error` fails). */
const isError = (value: unknown) => Object.prototype.toString.call(value) === '[object Error]';

/** V8's own format: "Name: message" then one "    at frame" line per frame. */
function v8Format(target: unknown, frames: NodeJS.CallSite[]): string {
  let head: string;
  try {
    head = typeof target === 'object' && target !== null ? Error.prototype.toString.call(target) : String(target);
  } catch {
    head = '<error>';
  }
  return [head, ...frames.map((frame) => `    at ${frame}`)].join('\n');
}
