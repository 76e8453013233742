import type { IConstruct } from 'constructs';
import { Aspects, TerraformElement, TerraformStack, type IAspect } from 'cdktf';
import { escapeTemplate, firstLiveSequence } from '../util/terraform-template';
import { CDKTF_PLAIN_EXPRESSIONS, STRING_TOKEN_MARKER } from '../cdktf/workarounds';

/**
 * Config is written by anyone who can open a pull request, and CI plans it with the PagerDuty and
 * Datadog credentials in its environment. So every piece of text the constructs write must reach
 * `cdk.tf.json` as literal text; only references cdktf itself produces may stay live. Two parts:
 *
 * 1. Escaping, at one choke point: just before cdktf resolves an element's tokens, every string of
 *    the element's Terraform JSON still holds cdktf references as token markers
 *    (`${TfToken[TOKEN.12]}`) and everything else as plain text. The text around the markers is
 *    escaped (`${` -> `$${`, `%{` -> `%%{`, lib/util/terraform-template.ts); the markers then
 *    resolve to live `${pagerduty_team.x.id}`. This covers every resource, data source, output and
 *    backend of the stack, whatever construct made it and wherever its text came from.
 * 2. A guard on the resolved stack: every string that Terraform would still evaluate must be one
 *    whole reference to a resource or data source declared in the same stack (or cdktf's own
 *    `${terraform.workspace}`). Anything else
 *    (text a future construct smuggled past step 1 inside a token of its own, a `%{` directive)
 *    fails the synth before the stack's JSON is written.
 *
 * Applied by buildApp to every stack; stacks built elsewhere (construct unit tests) get neither.
 */
export function protectLiteralText(stack: TerraformStack): void {
  Aspects.of(stack).add(LITERAL_TEXT);
}

/** Thrown when synthesized Terraform would evaluate something that is not a plain reference. */
export class LiveTemplateError extends Error {
  constructor(stack: string, path: readonly string[], value: string) {
    const at = firstLiveSequence(value);
    const excerpt = JSON.stringify(value.slice(Math.max(0, at - 20), at + 40));
    super(
      `stack ${stack}: ${path.join('.')} would be evaluated by Terraform (${excerpt}); only whole references to this stack's resources may be live. ` +
        'Text from config must pass through construct props, where protectLiteralText escapes it; never build Terraform expressions from text.',
    );
    this.name = 'LiveTemplateError';
  }
}

class LiteralText implements IAspect {
  private readonly done = new WeakSet<IConstruct>();

  visit(node: IConstruct): void {
    if (this.done.has(node)) return;
    this.done.add(node);
    if (TerraformStack.isStack(node)) {
      const resolve = node.toTerraform.bind(node);
      node.toTerraform = () => assertOnlyReferencesLive(resolve(), node.node.id);
    } else if (TerraformElement.isTerraformElement(node)) {
      const unresolved = node.toTerraform.bind(node);
      node.toTerraform = () => escapeUnresolved(unresolved());
    }
  }
}

const LITERAL_TEXT = new LiteralText();

/** Escapes the text of every string (and key) of an element's unresolved JSON, keeping token markers. */
export function escapeUnresolved(value: unknown): unknown {
  if (typeof value === 'string') return CDKTF_PLAIN_EXPRESSIONS.has(value) ? value : escapeAroundMarkers(value);
  if (Array.isArray(value)) return value.map(escapeUnresolved);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [escapeAroundMarkers(key), escapeUnresolved(item)]));
  return value; // numbers, booleans, and tokens cdktf resolves itself
}

function escapeAroundMarkers(text: string): string {
  let escaped = '';
  let from = 0;
  for (const marker of text.matchAll(STRING_TOKEN_MARKER)) {
    const literal = text.slice(from, marker.index);
    // "$" + "${ref}" would read as the escape "$${": Terraform has no way to write that "$".
    if (literal.endsWith('$'))
      throw new Error(`text ending in "$" directly before a reference cannot be written for Terraform: ${JSON.stringify(literal.slice(-40))}`);
    escaped += escapeTemplate(literal) + marker[0];
    from = marker.index + marker[0].length;
  }
  return escaped + escapeTemplate(text.slice(from));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** `${pagerduty_team.team.id}`, `${data.pagerduty_user.x.id}`, `${data.terraform_remote_state.x.outputs.y}`. */
const WHOLE_REFERENCE = /^\$\{((data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_-]+)+\}$/;

/** Where constructs write checks as expressions: `lifecycle.postcondition.0.condition` of any block. */
const CONDITION_PATH = /(^|\.)lifecycle\.(pre|post)condition\.\d+\.condition$/;

/** Functions a construct-written condition may call: none that reads files, the environment or the network. */
const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set(['contains']);

/**
 * A whole `${...}` condition made only of this stack's references, calls of CONDITION_FUNCTIONS,
 * literals without templates of their own, and operators (lib/constructs/users.ts teamRoleCondition
 * builds these with cdktf's Op/Fn). Anything else, e.g. `file(...)`, is refused like any live text.
 */
export function isPlainCondition(text: string, declared: ReadonlySet<string>): boolean {
  if (!text.startsWith('${') || !text.endsWith('}')) return false;
  const literals = /"(?:[^"\\]|\\.)*"/g;
  const body = text.slice(2, -1);
  for (const literal of body.matchAll(literals)) if (firstLiveSequence(literal[0]) !== -1) return false;
  const rest = body.replace(literals, ' ');
  if (/[^A-Za-z0-9_.\-\s!=&|()[\],]/.test(rest)) return false; // only names, numbers and these operators
  for (const word of rest.matchAll(/[A-Za-z_][A-Za-z0-9_.-]*/g)) {
    const name = word[0];
    if (rest[word.index! + name.length] === '(') {
      if (!CONDITION_FUNCTIONS.has(name)) return false;
    } else if (!['true', 'false', 'null'].includes(name) && !isDeclaredReference(name, declared)) return false;
  }
  return !rest.includes('{') && !rest.includes('}');
}

/** `self.role` (the block being checked), or `data.pagerduty_user.x.role` when `data.pagerduty_user.x` is declared in the stack. */
function isDeclaredReference(name: string, declared: ReadonlySet<string>): boolean {
  const parts = name.split('.');
  if (parts[0] === 'self') return parts.length === 2;
  const head = parts[0] === 'data' ? parts.slice(0, 3) : parts.slice(0, 2);
  return parts.length > head.length && declared.has(head.join('.'));
}

/** Returns the resolved stack JSON unchanged, or throws LiveTemplateError at the first live template. */
export function assertOnlyReferencesLive<T>(stackJson: T, stackName: string): T {
  const declared = new Set<string>();
  const json = stackJson as { resource?: Record<string, Record<string, unknown>>; data?: Record<string, Record<string, unknown>> };
  for (const [type, blocks] of Object.entries(json.resource ?? {})) for (const name of Object.keys(blocks)) declared.add(`${type}.${name}`);
  for (const [type, blocks] of Object.entries(json.data ?? {})) for (const name of Object.keys(blocks)) declared.add(`data.${type}.${name}`);

  const path: string[] = []; // of the value being checked, for the error only
  const check = (text: string) => {
    if (firstLiveSequence(text) === -1 || CDKTF_PLAIN_EXPRESSIONS.has(text)) return;
    const reference = WHOLE_REFERENCE.exec(text);
    if (reference && declared.has(reference[1])) return;
    if (CONDITION_PATH.test(path.join('.')) && isPlainCondition(text, declared)) return;
    throw new LiveTemplateError(stackName, path, text);
  };
  const walk = (value: unknown): void => {
    if (typeof value === 'string') check(value);
    else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        path.push(String(index));
        walk(item);
        path.pop();
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        path.push(key);
        check(key);
        walk(item);
        path.pop();
      }
    }
  };
  walk(stackJson);
  return stackJson;
}
