/**
 * The benchmark's baseline: plain cdktf code building exactly the Terraform our synth wrote, with
 * none of this project (no config, model, lint or constructs of ours). It reads a synthesized
 * output folder, and for every stack creates the same provider, backend, data source, resource and
 * output objects with the provider bindings' typed classes (config keys in their camelCase
 * names, as hand-written cdktf code passes them), synthesizes them into another folder and checks
 * that every stack's JSON is identical to the input (cdktf's `//` metadata aside): the ratio the
 * bench reports compares like with like.
 *
 * `npm run build && node dist/scripts/bench/plain-cdktf.js <synthesized cdktf.out> <outdir>`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, LocalBackend, TerraformOutput, TerraformStack, type TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';

type Json = Record<string, unknown>;
type ElementClass = new (
  scope: Construct,
  id: string,
  config: Json,
) => TerraformElement & { overrideLogicalId(id: string): void; addOverride(path: string, value: unknown): void };

const PACKAGES: Record<string, string> = { pagerduty: '@cdktf/provider-pagerduty', datadog: '@cdktf/provider-datadog' };

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
const pascal = (key: string) => camel(key).replace(/^[a-z]/, (letter) => letter.toUpperCase());

/** Map-typed attributes (their keys are data, not attribute names): none of our resources' keys may be renamed there. */
const MAP_ATTRIBUTES = new Set(['labels', 'variables']);

/** Terraform JSON config -> the typed props a cdktf binding takes (block and attribute names in camelCase). */
function props(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => props(item));
  if (value === null || typeof value !== 'object') return value;
  if (key !== undefined && MAP_ATTRIBUTES.has(key)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [camel(name), props(item, name)]));
}

/** The binding class for a resource or data source type: `pagerduty_team` -> lib/team `Team`; data: lib/data-pagerduty-user `DataPagerdutyUser`. */
function bindingClass(type: string, data: boolean): ElementClass {
  const [provider] = type.split('_', 1);
  const name = data ? `data_${type}` : type.slice(provider.length + 1);
  const module = require(`${PACKAGES[provider]}/lib/${name.replace(/_/g, '-')}`) as Record<string, ElementClass>;
  return module[pascal(name)];
}

function providerClass(name: string): ElementClass {
  const module = require(`${PACKAGES[name]}/lib/provider`) as Record<string, ElementClass>;
  return module[`${pascal(name)}Provider`];
}

const META_ARGUMENTS = ['depends_on', 'count', 'for_each', 'provider'];

function addElements(stack: TerraformStack, blocks: Json | undefined, data: boolean): void {
  for (const [type, byName] of Object.entries(blocks ?? {})) {
    const Binding = bindingClass(type, data);
    for (const [name, config] of Object.entries(byName as Json)) {
      const { lifecycle, ...rest } = config as Json;
      const typed = props(Object.fromEntries(Object.entries(rest).filter(([key]) => !META_ARGUMENTS.includes(key)))) as Json;
      const element = new Binding(stack, name, { ...typed, ...(lifecycle ? { lifecycle: props(lifecycle) } : {}) });
      element.overrideLogicalId(name);
      for (const meta of META_ARGUMENTS) if (meta in rest) element.addOverride(meta, rest[meta]);
    }
  }
}

function buildStack(app: App, name: string, json: Json): void {
  const stack = new TerraformStack(app, name);
  const terraform = json.terraform as { backend?: { local?: { path: string } }; required_providers: Json; required_version?: string };
  for (const [provider, config] of Object.entries((json.provider ?? {}) as Record<string, Json[]>)) {
    const Provider = providerClass(provider);
    new Provider(stack, provider, props(config[0]) as Json);
  }
  if (terraform.backend?.local) new LocalBackend(stack, { path: terraform.backend.local.path });
  else if (terraform.backend) stack.addOverride('terraform.backend', terraform.backend);
  for (const [provider, requirement] of Object.entries(terraform.required_providers))
    stack.addOverride(`terraform.required_providers.${provider}`, requirement);
  if (terraform.required_version) stack.addOverride('terraform.required_version', terraform.required_version);
  addElements(stack, json.data as Json | undefined, true);
  addElements(stack, json.resource as Json | undefined, false);
  for (const [id, output] of Object.entries((json.output ?? {}) as Record<string, { value: unknown; sensitive?: boolean; description?: string }>)) {
    new TerraformOutput(stack, id, {
      value: output.value,
      ...(output.sensitive ? { sensitive: true } : {}),
      ...(output.description ? { description: output.description } : {}),
    }).overrideLogicalId(id);
  }
}

/** The stacks' JSON of a synthesized folder, cdktf's `//` metadata (construct paths) removed at every level. */
export function readStacks(outdir: string): Map<string, Json> {
  const stacks = new Map<string, Json>();
  for (const name of readdirSync(join(outdir, 'stacks')).sort()) {
    stacks.set(
      name,
      JSON.parse(readFileSync(join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'), (key, value: unknown) => (key === '//' ? undefined : value)) as Json,
    );
  }
  return stacks;
}

/** Builds and synthesizes `stacks` with plain cdktf into `outdir`; returns the names of stacks whose JSON differs. */
export function synthesizePlain(stacks: Map<string, Json>, outdir: string): string[] {
  const app = new App({ outdir, stackTraces: false });
  for (const [name, json] of stacks) buildStack(app, name, json);
  app.synth();
  const written = readStacks(outdir);
  return [...stacks].filter(([name, json]) => JSON.stringify(written.get(name)) !== JSON.stringify(json)).map(([name]) => name);
}

if (require.main === module) {
  const [input, outdir] = process.argv.slice(2);
  if (!input || !outdir) {
    process.stderr.write('usage: node dist/scripts/bench/plain-cdktf.js <synthesized cdktf.out> <outdir>\n');
    process.exit(2);
  }
  const different = synthesizePlain(readStacks(input), outdir);
  if (different.length > 0) {
    process.stderr.write(`plain cdktf wrote different Terraform for ${different.length} stack(s): ${different.slice(0, 5).join(', ')}\n`);
    process.exit(1);
  }
}
