import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';

/**
 * Data flows one way: config -> model -> lint / runbooks -> constructs -> stacks -> cli, with
 * util below everything. Each lib/ folder may import only the folders listed for it; provider
 * bindings only in constructs/, cdktf only where constructs are built, zod only in config/.
 * Read from the import statements of every file (static `import` and lazy `require`).
 */
const LIB = resolve(__dirname, '..', '..', 'lib');

const ALLOWED: Record<string, readonly string[]> = {
  util: [],
  config: ['util'],
  model: ['config', 'util'],
  lint: ['model', 'config', 'runbooks', 'util'], // the runbook rules check runbooks with lib/runbooks
  runbooks: ['model', 'config', 'util'],
  cdktf: ['util'],
  constructs: ['cdktf', 'model', 'config', 'util'],
  stacks: ['constructs', 'cdktf', 'model', 'config', 'util'],
  git: ['config', 'util'],
  review: ['git', 'stacks', 'lint', 'runbooks', 'model', 'config', 'util'], // review synthesizes both sides to compare Terraform
  docs: ['runbooks', 'config', 'lint', 'util'],
  cli: ['review', 'git', 'stacks', 'constructs', 'lint', 'runbooks', 'model', 'config', 'docs', 'util'],
};

/** Packages only some layers may load (each costs start-up or ties the code to a provider). */
const PACKAGES: { pattern: RegExp; layers: readonly string[] }[] = [
  { pattern: /^@cdktf\/provider-/, layers: ['constructs'] },
  { pattern: /^(cdktf|constructs)(\/|$)/, layers: ['cdktf', 'constructs', 'stacks'] },
  { pattern: /^zod(\/|$)/, layers: ['config'] },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const layerOf = (file: string) => relative(LIB, file).split(/[\\/]/)[0];
const IMPORT = /(?:\bfrom\s+|\brequire\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function violations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(LIB)) {
    const layer = layerOf(file);
    const allowed = ALLOWED[layer];
    if (!allowed) {
      found.push(`${relative(LIB, file)}: lib/${layer}/ is not a known layer (add it to ALLOWED with what it may import)`);
      continue;
    }
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (specifier.startsWith('.')) {
        const target = normalize(join(dirname(file), specifier));
        if (!target.startsWith(LIB)) continue;
        const targetLayer = layerOf(target);
        if (targetLayer !== layer && !allowed.includes(targetLayer)) found.push(`${relative(LIB, file)} imports lib/${targetLayer}/ (${specifier})`);
      } else {
        const rule = PACKAGES.find(({ pattern }) => pattern.test(specifier));
        if (rule && !rule.layers.includes(layer)) found.push(`${relative(LIB, file)} loads ${specifier}, allowed only in ${rule.layers.join(', ')}`);
      }
    }
  }
  return found;
}

describe('layers of lib/', () => {
  it('import only downward', () => {
    expect(violations()).toEqual([]);
  });

  it('the check sees imports (it found the ones that exist)', () => {
    const constructsFile = readFileSync(join(LIB, 'constructs', 'users.ts'), 'utf8');
    expect([...constructsFile.matchAll(IMPORT)].map((match) => match[1])).toEqual(
      expect.arrayContaining(['@cdktf/provider-pagerduty/lib/user', '../cdktf/workarounds']),
    );
  });
});
