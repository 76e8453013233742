import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  const run = (file: string) => execFileSync(process.execPath, ['-r', HOOK, file], { env: { ...process.env, ONCALL_TS_CACHE: cache }, encoding: 'utf8' }).trim();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oncall-ts-hook-'));
    cache = join(dir, 'cache');
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
});
