import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { parseCleanInParallel, PARALLEL_PARSE_MIN_FILES } from '../../lib/config/parallel-parse';
import { cachedYamlData, isJsonExact } from '../../lib/config/yaml-cache';
import { backgroundWritesDone } from '../../lib/util/atomic-write';
import { parseYaml } from '../../lib/config/yaml-source';
import { exampleOrganizationYaml, generateOrganization } from '../../scripts/bench/generate';

/**
 * Parsing team files on worker threads (lib/config/parallel-parse.ts) must not change anything a
 * user sees: the same data, the same diagnostics in the same order, with or without the cache.
 */
const ROOT = resolve(__dirname, '..', '..');
const BAD = join(ROOT, '__tests__', 'fixtures', 'bad');

/** Files whose YAML is broken or whose values JSON cannot carry: a worker must hand these back. */
const TRICKY_FILES: Record<string, string> = {
  'duplicate-key.yaml': 'name: a\nname: b\n',
  'tab-indent.yaml': 'members:\n\t- a\n',
  'two-documents.yaml': 'a: 1\n---\nb: 2\n',
  'infinity.yaml': 'limit: .inf\n',
  'negative-zero.yaml': 'offset: -0.0\n',
  'proto-key.yaml': '__proto__: 1\nx: 2\n',
  'unresolved-alias.yaml': 'a: *nothing\n',
  'alias.yaml': 'base: &b { x: 1 }\ncopy: *b\n',
  'empty.yaml': '',
  'complex-key.yaml': '? [a, b]\n: c\n',
};

function loadWith(root: string, workers: string) {
  const previous = { workers: process.env.ONCALL_WORKERS, cache: process.env.ONCALL_CONFIG_CACHE };
  process.env.ONCALL_WORKERS = workers;
  process.env.ONCALL_CONFIG_CACHE = 'off';
  try {
    return loadConfig({ root });
  } finally {
    for (const [key, value] of [
      ['ONCALL_WORKERS', previous.workers],
      ['ONCALL_CONFIG_CACHE', previous.cache],
    ] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe('parallel config parsing', () => {
  let org: string;

  beforeAll(() => {
    org = mkdtempSync(join(tmpdir(), 'oncall-parallel-parse-'));
    generateOrganization({ root: org, teams: 40, runbookDate: '2026-11-18', organizationYaml: exampleOrganizationYaml() });
  });
  afterAll(() => rmSync(org, { recursive: true, force: true }));

  it('hands back exactly the data of a clean sequential parse, and nothing for any other file', () => {
    const teamsDir = join(org, 'config', 'teams');
    const files = [
      ...readdirSync(teamsDir).map((name) => ({ file: `config/teams/${name}`, text: readFileSync(join(teamsDir, name), 'utf8') })),
      ...Object.entries(TRICKY_FILES).map(([name, text]) => ({ file: `config/teams/${name}`, text })),
    ];
    const parallel = parseCleanInParallel(files, 1, false); // only the worker parses
    expect(parallel).toHaveLength(files.length);
    files.forEach(({ file, text }, index) => {
      const sequential = parseYaml(file, text);
      const clean = sequential.diagnostics.length === 0 && isJsonExact(sequential.data);
      expect({ file, data: parallel![index] }).toEqual({ file, data: clean ? sequential.data : undefined });
    });
    expect(parallel!.filter((data) => data !== undefined)).toHaveLength(40 + 1); // the teams and alias.yaml
  });

  it('stores what the threads parsed in the parse cache, written by the calling thread', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'oncall-parallel-cache-'));
    const previous = process.env.ONCALL_CONFIG_CACHE;
    process.env.ONCALL_CONFIG_CACHE = cache;
    try {
      const files = [
        { file: 'config/teams/a.yaml', text: 'name: A\n' },
        { file: 'config/teams/b.yaml', text: 'name: B\n' },
        { file: 'config/teams/dup.yaml', text: TRICKY_FILES['duplicate-key.yaml'] },
      ];
      expect(parseCleanInParallel(files, 1, false)).toEqual([{ name: 'A' }, { name: 'B' }, undefined]);
      await backgroundWritesDone();
      expect(readdirSync(cache).filter((name) => name.endsWith('.json'))).toHaveLength(2);
      expect(readdirSync(cache).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(files.map(({ text }) => cachedYamlData(text))).toEqual([{ name: 'A' }, { name: 'B' }, undefined]);
    } finally {
      if (previous === undefined) delete process.env.ONCALL_CONFIG_CACHE;
      else process.env.ONCALL_CONFIG_CACHE = previous;
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('starts no worker for a few files unless asked to', () => {
    expect(PARALLEL_PARSE_MIN_FILES).toBeGreaterThan(1);
    expect(parseCleanInParallel([{ file: 'a.yaml', text: 'a: 1\n' }], 0)).toBeUndefined();
  });

  it.each(readdirSync(BAD).sort())('gives the same diagnostics and config for bad input %s', (name) => {
    const root = join(BAD, name);
    expect(loadWith(root, '2')).toEqual(loadWith(root, '1'));
  });

  it('gives the same diagnostics and config for a generated organization with broken team files', () => {
    const teamsDir = join(org, 'config', 'teams');
    const [first, second, third] = readdirSync(teamsDir).sort();
    const broken = mkdtempSync(join(tmpdir(), 'oncall-parallel-broken-'));
    try {
      generateOrganization({ root: broken, teams: 40, runbookDate: '2026-11-18', organizationYaml: exampleOrganizationYaml() });
      const brokenTeams = join(broken, 'config', 'teams');
      writeFileSync(join(brokenTeams, first), `${readFileSync(join(brokenTeams, first), 'utf8')}\nname: again\n`); // duplicate key
      writeFileSync(join(brokenTeams, second), readFileSync(join(brokenTeams, second), 'utf8').replace(/\n {2}(\w)/, '\n\t$1')); // tab
      writeFileSync(join(brokenTeams, third), readFileSync(join(brokenTeams, third), 'utf8').replace(/severity: SEV0/, 'severity: SEV9')); // schema error
      const sequential = loadWith(broken, '1');
      expect(sequential.diagnostics.length).toBeGreaterThanOrEqual(3);
      expect(loadWith(broken, '2')).toEqual(sequential);
      expect(loadWith(org, '2')).toEqual(loadWith(org, '1'));
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
