import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * bin/ts-hook.js (behind `node bin/run.js`) caches transpiled TypeScript by content: a second
 * run reuses the entry, an edited file gets a new one, so a stale cache can never run old code.
 */
const HOOK = resolve(__dirname, '..', '..', 'bin', 'ts-hook.js');

describe('TypeScript require hook', () => {
  let dir: string;
  let cache: string;
  let codeCache: string;
  const run = (file: string, env: NodeJS.ProcessEnv = {}) =>
    execFileSync(process.execPath, ['-r', HOOK, file], { env: { ...process.env, ONCALL_TS_CACHE: cache, ONCALL_CODE_CACHE: codeCache, ...env }, encoding: 'utf8' }).trim();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oncall-ts-hook-'));
    cache = join(dir, 'cache');
    codeCache = join(dir, 'code-cache');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs TypeScript with type-only imports and interop like the project compiler', () => {
    writeFileSync(join(dir, 'helper.ts'), 'export interface Shape { n: number }\nexport const twice = (s: Shape): number => s.n * 2;\n');
    writeFileSync(join(dir, 'main.ts'), "import path from 'node:path';\nimport { twice, type Shape } from './helper';\nconst s: Shape = { n: 21 };\nconsole.log(twice(s), path.basename('/a/b.ts'));\n");
    expect(run(join(dir, 'main.ts'))).toBe('42 b.ts');
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it('reuses cache entries and never serves a stale one after an edit', () => {
    const file = join(dir, 'value.ts');
    writeFileSync(file, 'const value: number = 1;\nconsole.log(value);\n');
    expect(run(file)).toBe('1');
    expect(run(file)).toBe('1');
    expect(readdirSync(cache)).toHaveLength(1);
    writeFileSync(file, 'const value: number = 2;\nconsole.log(value);\n');
    expect(run(file)).toBe('2');
    expect(readdirSync(cache)).toHaveLength(2);
  });

  it('keeps V8 code for each module, reuses it, and compiles an edited module afresh', () => {
    const file = join(dir, 'counted.ts');
    writeFileSync(file, '#!/usr/bin/env node\nconst inner = (n: number): number => n + 1;\nconsole.log(inner(1), __filename.endsWith("counted.ts"), typeof require.resolve);\n');
    expect(run(file)).toBe('2 true function');
    const entries = readdirSync(codeCache);
    expect(entries.length).toBeGreaterThan(0);
    expect(run(file)).toBe('2 true function'); // now from the code cache
    expect(readdirSync(codeCache)).toEqual(entries);
    writeFileSync(file, 'const inner = (n: number): number => n + 2;\nconsole.log(inner(1));\n');
    expect(run(file)).toBe('3');
    expect(readdirSync(codeCache).length).toBe(entries.length + 1);
  });

  it('leaves modules with import() and debug runs to Node, and can be turned off', () => {
    // Plain JavaScript keeps its import() (TypeScript is transpiled to require calls), also spaced.
    const dynamic = join(dir, 'dynamic.js');
    writeFileSync(dynamic, "import('node:path').then((p) => import ('node:os').then(() => console.log(p.basename('/x/y.ts'))));\n");
    expect(run(dynamic)).toBe('y.ts');
    expect(existsSync(codeCache)).toBe(false);
    const plain = join(dir, 'plain.ts');
    writeFileSync(plain, 'console.log(1);\n');
    expect(run(plain, { ONCALL_CODE_CACHE: 'off' })).toBe('1');
    expect(run(plain, { ONCALL_DEBUG: '1' })).toBe('1');
    expect(existsSync(codeCache)).toBe(false);
    // With source maps on, stack traces point into the TypeScript source.
    const failing = join(dir, 'failing.ts');
    writeFileSync(failing, 'interface Unused {\n  a: number;\n}\nconst where = (): string => String(new Error().stack).split("\\n")[1];\nconsole.log(where());\n');
    expect(run(failing, { NODE_OPTIONS: '--enable-source-maps' })).toMatch(/failing\.ts:4:/);
    expect(existsSync(codeCache)).toBe(false);
  });
});
