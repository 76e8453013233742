import { readFileSync } from 'node:fs';

/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`) by self time: which package, and which of our
 * functions (file:function), the samples landed in. Self time is what a function itself
 * executes, so the buckets add up to the whole run and nothing is counted twice.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface Bucket {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time per owner: `ours`, an npm package name, `node` (runtime internals), `gc`, `other`. */
  byOwner: Bucket[];
  /** Self time per function of ours, `path:function`, largest first. */
  ourFunctions: Bucket[];
  /** Self time per function in dependencies, `package:function`, largest first. */
  dependencyFunctions: Bucket[];
  /** Self time per Node.js runtime function (fs, module loading, stack traces ...). */
  nodeFunctions: Bucket[];
  /**
   * Inclusive time of our functions (self plus everything they call, each sample counted once
   * per function even under recursion): the phases of a command, e.g. loadConfig, app.synth.
   */
  ourInclusive: Bucket[];
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** Who owns a script url: `ours` for repository files, the package for node_modules files. */
export function ownerOf(url: string, functionName: string): string {
  if (!url)
    return functionName === '(garbage collector)'
      ? 'gc'
      : functionName === '(program)' || functionName === '(idle)' || functionName === '(root)'
        ? 'other'
        : 'node';
  if (url.startsWith('node:')) return 'node';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules === -1) return 'ours';
  const rest = url.slice(modules + '/node_modules/'.length).split('/');
  return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
}

/** Repository-relative path of one of our files (dist/ and the cache prefix removed). */
export function ourPath(url: string, repositoryRoot: string): string {
  const path = url.replace(/^file:\/\//, '');
  const relative = path.startsWith(`${repositoryRoot}/`) ? path.slice(repositoryRoot.length + 1) : path;
  return relative.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

export function summarizeProfile(profile: CpuProfile, repositoryRoot: string, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));

  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const ourName = (node: ProfileNode) => `${ourPath(node.callFrame.url, repositoryRoot)}:${node.callFrame.functionName || '(top level)'}`;

  const owners = new Map<string, number>();
  const ours = new Map<string, number>();
  const dependencies = new Map<string, number>();
  const runtime = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const node = nodes.get(id)!;
    const { url, functionName } = node.callFrame;
    const owner = ownerOf(url, functionName);
    total += micros;
    add(owners, owner, micros);
    const name = functionName || '(top level)';
    if (owner === 'ours') add(ours, ourName(node), micros);
    else if (owner === 'node') add(runtime, `${url || '(native)'}:${name}`, micros);
    else if (owner !== 'gc' && owner !== 'other') add(dependencies, `${owner}:${name}`, micros);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = nodes.get(at)!;
      if (ownerOf(frame.callFrame.url, frame.callFrame.functionName) === 'ours') onStack.add(ourName(frame));
    }
    for (const key of onStack) add(inclusive, key, micros);
  }
  const buckets = (map: Map<string, number>, limit: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, micros]) => ({ name, ms: round(micros / 1000), share: total === 0 ? 0 : round(micros / total) }));
  return {
    totalMs: round(total / 1000),
    byOwner: buckets(owners, Number.POSITIVE_INFINITY),
    ourFunctions: buckets(ours, top),
    dependencyFunctions: buckets(dependencies, top),
    nodeFunctions: buckets(runtime, top),
    ourInclusive: buckets(inclusive, top * 2),
  };
}

function add(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

const round = (value: number) => Math.round(value * 1000) / 1000;

export function formatProfileSummary(title: string, summary: ProfileSummary): string {
  const line = (bucket: Bucket) => `  ${(bucket.share * 100).toFixed(1).padStart(5)}%  ${bucket.ms.toFixed(0).padStart(6)} ms  ${bucket.name}`;
  return [
    `${title}: ${summary.totalMs.toFixed(0)} ms sampled`,
    ' by owner (self time):',
    ...summary.byOwner.map(line),
    ' our hottest functions:',
    ...summary.ourFunctions.map(line),
    ' hottest dependency functions:',
    ...summary.dependencyFunctions.map(line),
    ' hottest Node.js runtime functions:',
    ...summary.nodeFunctions.map(line),
    ' our functions by inclusive time (phases):',
    ...summary.ourInclusive.map(line),
  ].join('\n');
}
