import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * validate and lint must never load cdktf or a provider binding: loading them costs ~0.8 s and
 * ~270 MB (issue 8), and these two commands run on every pull request. Each command runs for
 * real, through the CLI entry point, in a fresh Node process (jest's own module registry does
 * not show what Node loaded); a probe writes require.cache's keys when the process exits.
 */
const ROOT = resolve(__dirname, '..', '..');
const HEAVY = [/[\\/]node_modules[\\/]cdktf[\\/]/, /[\\/]node_modules[\\/]@cdktf[\\/]provider-/, /[\\/]node_modules[\\/]constructs[\\/]/];

function modulesLoadedBy(command: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-layering-'));
  const out = join(dir, 'modules.json');
  const probe = `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));`;
  try {
    execFileSync(
      process.execPath,
      [
        '-e',
        `${probe} process.argv.splice(1, 0, 'oncall'); require(${JSON.stringify(join(ROOT, 'bin', 'run.js'))});`,
        command,
        '--root',
        join(ROOT, 'examples', 'example-corp'),
      ],
      {
        cwd: ROOT,
        env: { ...process.env, CHECKPOINT_DISABLE: '1', NO_COLOR: '1' },
        stdio: 'pipe',
      },
    );
  } catch (error) {
    // A non-zero exit (e.g. lint findings in the example) is fine: what was loaded is the question.
    if (!(error as { status?: number }).status) throw error;
  }
  try {
    return JSON.parse(readFileSync(out, 'utf8')) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(['validate', 'lint'])('%s on the bundled example', (command) => {
  const loaded = modulesLoadedBy(command);

  it('ran its own command module', () => {
    expect(loaded).toContain(join(ROOT, 'dist', 'lib', 'cli', 'commands', `${command}.js`));
  });

  it('loads neither cdktf, constructs nor any provider module', () => {
    expect(loaded.filter((file) => HEAVY.some((pattern) => pattern.test(file)))).toEqual([]);
  });
});

/**
 * The model and the lint rules never validate, so they must not load zod (about 50 ms and 95
 * modules): a lint thread (lib/lint/threads.ts) loads exactly this code, and its start-up is
 * what decides whether the thread pays. Plain config values come from lib/config/schema/values.ts.
 */
describe('lint thread code', () => {
  it('loads no zod, cdktf or provider module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-layering-'));
    const out = join(dir, 'modules.json');
    try {
      // What a lint thread loads: the compiled module (lib/util/workers.ts).
      const script = `require(${JSON.stringify(join(ROOT, 'dist', 'lib', 'lint', 'threads.js'))}); require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache)));`;
      execFileSync(process.execPath, ['-e', script], { cwd: ROOT, stdio: 'pipe' });
      const loaded = JSON.parse(readFileSync(out, 'utf8')) as string[];
      expect(loaded).toContain(join(ROOT, 'dist', 'lib', 'lint', 'rules', 'coverage', 'index.js'));
      expect(loaded.filter((file) => /[\\/]node_modules[\\/]zod[\\/]/.test(file) || HEAVY.some((pattern) => pattern.test(file)))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
