import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/**
 * The tool's repository root (where package.json is), whether this code runs as TypeScript
 * (ts-jest: <root>/lib/...) or compiled (<root>/dist/lib/..., bin/build.js).
 */
export const TOOL_ROOT = findRoot(__dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: the tool must run from its repository`);
  }
}

/** The compiled module that runs for `modulePath` (a .ts file of the tool, or already its dist/ .js). */
export function compiledModule(modulePath: string): string {
  if (!modulePath.endsWith('.ts')) return modulePath;
  return join(TOOL_ROOT, 'dist', relative(TOOL_ROOT, modulePath)).replace(/\.ts$/, '.js');
}
