import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * bin/build.js: the tool runs compiled from dist/, so the build must never be stale. Each case
 * builds a tiny project of its own (tsc on two files) with the repository's TypeScript.
 */
const build = require('../../bin/build') as {
  ensureBuilt(options: { root?: string; force?: boolean; quiet?: boolean }): boolean;
  isBuilt(root: string): boolean;
  BuildFailed: new (message: string) => Error;
};
const REPO_ROOT = resolve(__dirname, '..', '..');

let root: string;
const write = (file: string, text: string) => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
};
const compiled = (file: string) => readFileSync(join(root, 'dist', file), 'utf8');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'oncall-build-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'node16', moduleResolution: 'node16', strict: true, types: [], outDir: 'dist', rootDir: '.' },
    }),
  );
  write(
    'tsconfig.build.json',
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { incremental: true, tsBuildInfoFile: 'dist/.tsbuildinfo' },
      include: ['main.ts', 'lib/**/*.ts', 'bin/**/*.ts', 'scripts/**/*.ts'],
    }),
  );
  write('main.ts', "import { answer } from './lib/answer';\nconsole.log(answer);\n");
  write('lib/answer.ts', 'export const answer: number = 42;\n');
  write('lib/extra.ts', 'export const extra = 1;\n');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('bin/build.js', () => {
  it('builds once, then finds the build up to date', () => {
    expect(build.isBuilt(root)).toBe(false);
    expect(build.ensureBuilt({ root, quiet: true })).toBe(true);
    expect(compiled('lib/answer.js')).toContain('exports.answer = 42');
    expect(build.isBuilt(root)).toBe(true);
    expect(build.ensureBuilt({ root, quiet: true })).toBe(false);
    expect(build.ensureBuilt({ root, quiet: true, force: true })).toBe(true);
  }, 60_000);

  it('rebuilds after an edit, also one that keeps the size and sets an older time (a checkout)', () => {
    build.ensureBuilt({ root, quiet: true });
    write('lib/answer.ts', 'export const answer: number = 43;\n');
    expect(build.isBuilt(root)).toBe(false);
    expect(build.ensureBuilt({ root, quiet: true })).toBe(true);
    expect(compiled('lib/answer.js')).toContain('exports.answer = 43');

    write('lib/answer.ts', 'export const answer: number = 44;\n');
    utimesSync(join(root, 'lib/answer.ts'), new Date('2020-01-01'), new Date('2020-01-01'));
    expect(build.ensureBuilt({ root, quiet: true })).toBe(true);
    expect(compiled('lib/answer.js')).toContain('exports.answer = 44');
  }, 60_000);

  it('removes the compiled file of a deleted source, so nothing can load it', () => {
    build.ensureBuilt({ root, quiet: true });
    expect(existsSync(join(root, 'dist/lib/extra.js'))).toBe(true);
    rmSync(join(root, 'lib/extra.ts'));
    expect(build.ensureBuilt({ root, quiet: true })).toBe(true);
    expect(existsSync(join(root, 'dist/lib/extra.js'))).toBe(false);
    expect(existsSync(join(root, 'dist/lib/extra.js.map'))).toBe(false);
  }, 60_000);

  it('refuses a source that does not compile, naming file and line, and tries again next time', () => {
    build.ensureBuilt({ root, quiet: true });
    write('lib/answer.ts', "export const answer: number = 'forty-two';\n");
    expect(() => build.ensureBuilt({ root, quiet: true })).toThrow(build.BuildFailed);
    expect(() => build.ensureBuilt({ root, quiet: true })).toThrow(/lib\/answer\.ts\(1,14\): error TS2322/);
    expect(build.isBuilt(root)).toBe(false);
  }, 60_000);
});

describe('the entry points', () => {
  it('run the compiled tool: the CLI, the cdktf app and every script', () => {
    const scripts = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    for (const [name, script] of Object.entries(scripts)) {
      if (name === 'test' || name === 'typecheck' || name === 'format') continue; // tools of their own
      expect([name, script]).toEqual([name, expect.stringMatching(/^node bin\/(run|build)\.js\b(?: && node dist\/scripts\/[\w-]+\.js)?/)]);
    }
    expect(readFileSync(join(REPO_ROOT, 'bin/run.js'), 'utf8')).toContain("require('./build').ensureBuiltOrExit();\nrequire('../dist/bin/oncall.js');");
    expect(readFileSync(join(REPO_ROOT, 'bin/app.js'), 'utf8')).toContain("require('./build').ensureBuiltOrExit();\nrequire('../dist/main.js');");
    expect(existsSync(join(REPO_ROOT, 'bin/ts-hook.js'))).toBe(false);
  });
});
