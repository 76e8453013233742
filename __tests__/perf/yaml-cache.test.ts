import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { backgroundWritesDone } from '../../lib/util/atomic-write';
import { parseYaml, parseYamlCached } from '../../lib/config/yaml-source';

/**
 * The config parse cache (lib/config/yaml-cache.ts) must be invisible: a cached load gives the
 * same config and the same located diagnostics as a fresh parse, and YAML errors are never served
 * from it.
 */
const REPO = resolve(__dirname, '..', '..');
let cacheDir: string;
let root: string;
const previous = process.env.ONCALL_CONFIG_CACHE;

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'oncall-config-cache-'));
  process.env.ONCALL_CONFIG_CACHE = cacheDir;
  root = mkdtempSync(join(tmpdir(), 'oncall-cache-root-'));
  cpSync(join(REPO, 'examples', 'example-corp', 'config'), join(root, 'config'), { recursive: true });
  cpSync(join(REPO, 'examples', 'example-corp', 'runbooks'), join(root, 'runbooks'), { recursive: true });
});
afterEach(async () => {
  await backgroundWritesDone();
  rmSync(cacheDir, { recursive: true, force: true });
  rmSync(root, { recursive: true, force: true });
});
afterAll(() => {
  if (previous === undefined) delete process.env.ONCALL_CONFIG_CACHE;
  else process.env.ONCALL_CONFIG_CACHE = previous;
});

/** The entries once every background write of the cache is done (entries are written off the main thread). */
const entries = async () => {
  await backgroundWritesDone();
  return readdirSync(cacheDir).filter((name) => name.endsWith('.json'));
};

describe('config parse cache', () => {
  it('stores clean files and loads the same config from them', async () => {
    const fresh = loadConfig({ root });
    expect((await entries()).length).toBe(readdirSync(join(root, 'config', 'teams')).length + 1);
    const cached = loadConfig({ root });
    expect(cached).toEqual(fresh);
    expect(parseYamlCached('config/organization.yaml', readFileSync(join(root, 'config', 'organization.yaml'), 'utf8')).source).toBeUndefined();
  });

  it('locates schema diagnostics in a file that came from the cache', async () => {
    const file = join(root, 'config', 'teams', 'payments.yaml');
    const text = readFileSync(file, 'utf8');
    const broken = text.replace(/^timeZone: .*$/m, 'timeZone: 42');
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const uncached = ((process.env.ONCALL_CONFIG_CACHE = 'off'), loadConfig({ root }));
    process.env.ONCALL_CONFIG_CACHE = cacheDir;
    loadConfig({ root }); // fills the cache: the file is clean YAML, only its schema is wrong
    await backgroundWritesDone();
    const cached = loadConfig({ root });
    expect(cached.diagnostics.length).toBeGreaterThan(0);
    expect(cached.diagnostics[0].line).toBeGreaterThan(1);
    expect(cached).toEqual(uncached);
  });

  it('never caches YAML errors: duplicate keys, tabs and alias bombs fail on every load', async () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ),
    ].join('\n');
    for (const text of ['name: a\nname: b\n', 'name: a\nmembers:\n\tx: 1\n', bomb]) {
      const first = parseYamlCached('t.yaml', text);
      expect(first.diagnostics.length).toBeGreaterThan(0);
      expect(parseYamlCached('t.yaml', text).source).toBeDefined(); // parsed again, not from the cache
      expect(parseYamlCached('t.yaml', text).diagnostics).toEqual(parseYaml('t.yaml', text).diagnostics);
    }
    expect(await entries()).toEqual([]);
  });

  it('does not store values JSON cannot carry exactly', async () => {
    const parsed = parseYamlCached('t.yaml', 'a: .inf\nb: -0\n');
    expect(parsed.diagnostics).toEqual([]);
    expect(await entries()).toEqual([]);
    expect(parseYamlCached('t.yaml', 'a: .inf\nb: -0\n').data).toEqual({ a: Infinity, b: -0 });
  });

  it('is off with ONCALL_CONFIG_CACHE=off', async () => {
    process.env.ONCALL_CONFIG_CACHE = 'off';
    loadConfig({ root });
    expect(await entries()).toEqual([]);
  });
});
