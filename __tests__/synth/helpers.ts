import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import { formatDiagnostic } from '../../lib/config/diagnostics';
import { loadConfig } from '../../lib/config/load';
import { buildModel } from '../../lib/model/build';
import type { OrgModel } from '../../lib/model/types';
import { buildApp, type BuildAppOptions } from '../../lib/stacks/app';

export const REPO_ROOT = resolve(__dirname, '../..');

/** The bundled example organization the tool's tests run on (never the repository's own config/). */
export const EXAMPLE = join(REPO_ROOT, 'examples', 'example-corp');

/** A synthesized stack's JSON (cdk.tf.json). */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean; description?: string }>;
  provider?: Record<string, unknown[]>;
  terraform?: { backend?: Record<string, Record<string, unknown>>; required_providers?: Record<string, unknown> };
}

export interface Synthesized {
  /** Stack name -> file text exactly as written. */
  text: Record<string, string>;
  /** Stack name -> parsed JSON. */
  json: Record<string, StackJson>;
}

export function loadModel(root: string): OrgModel {
  const result = loadConfig({ root });
  if (!result.config) throw new Error(`config under ${root} is invalid:\n${result.diagnostics.map(formatDiagnostic).join('\n')}`);
  return buildModel(result.config);
}

/** Synthesizes into a throw-away folder and reads every stack back. */
export function synthesize(model: OrgModel, options: Omit<BuildAppOptions, 'outdir'> = {}): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-test-'));
  try {
    buildApp(model, { ...options, outdir }).synth();
    return readStacks(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

export function readStacks(outdir: string): Synthesized {
  const text: Record<string, string> = {};
  const json: Record<string, StackJson> = {};
  for (const name of readdirSync(join(outdir, 'stacks')).sort()) {
    text[name] = readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
    json[name] = JSON.parse(text[name]) as StackJson;
  }
  return { text, json };
}

/** Resources (or data sources) of one type, without cdktf's `//` metadata. */
export function blocksOf(stack: StackJson, type: string, kind: 'resource' | 'data' = 'resource'): [string, Record<string, unknown>][] {
  return Object.entries(stack[kind]?.[type] ?? {}).map(([id, body]) => {
    const { '//': _metadata, ...rest } = body;
    return [id, rest];
  });
}

/** The single block of `type` whose attribute `key` equals `value`. */
export function findBlock(stack: StackJson, type: string, key: string, value: unknown): Record<string, unknown> {
  const matches = blocksOf(stack, type).filter(([, body]) => body[key] === value);
  if (matches.length !== 1) throw new Error(`expected one ${type} with ${key} = ${JSON.stringify(value)}, found ${matches.length}`);
  return matches[0][1];
}

/** Every `<type>.<logical id>` address of a stack, data sources and outputs included. */
export function addresses(stack: StackJson): string[] {
  const list: string[] = [];
  for (const [type, items] of Object.entries(stack.resource ?? {})) for (const id of Object.keys(items)) list.push(`${type}.${id}`);
  for (const [type, items] of Object.entries(stack.data ?? {})) for (const id of Object.keys(items)) list.push(`data.${type}.${id}`);
  for (const id of Object.keys(stack.output ?? {})) list.push(`output.${id}`);
  return list.sort();
}

/** `${pagerduty_service.x.id}` -> `pagerduty_service.x`. */
export const referenceTo = (type: string, id: string, attribute = 'id') => `\${${type}.${id}.${attribute}}`;

/** A private copy of the example project (config/ and runbooks/) to edit freely. */
export function copyExample(): string {
  const root = mkdtempSync(join(tmpdir(), 'synth-example-'));
  cpSync(join(EXAMPLE, 'config'), join(root, 'config'), { recursive: true });
  cpSync(join(EXAMPLE, 'runbooks'), join(root, 'runbooks'), { recursive: true });
  return root;
}

/** Edits a YAML file in place through the `yaml` document API (comments and style survive). */
export function editYaml(file: string, edit: (doc: Document) => void): void {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  edit(doc);
  writeFileSync(file, doc.toString());
}

/** Reverses the key order of every mapping in the document (lists keep their meaningful order). */
export function reverseEveryMapping(doc: Document): void {
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      node.items.reverse();
      for (const pair of node.items) visit(pair.value);
    } else if (node && typeof node === 'object' && 'items' in node && Array.isArray((node as { items: unknown[] }).items)) {
      for (const item of (node as { items: unknown[] }).items) visit(item);
    }
  };
  visit(doc.contents);
}
