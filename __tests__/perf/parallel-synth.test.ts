import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrgModel } from '../../lib/model/types';
import { synthesizeApp } from '../../lib/stacks/parallel-synth';
import { loadModel, EXAMPLE } from '../synth/helpers';

/**
 * A full synth split over several processes (lib/stacks/parallel-synth.ts) must write exactly the
 * files a single-process synth writes, manifest included, and leave no scratch folder behind.
 */
const previous = process.env.ONCALL_WORKERS;
afterAll(() => {
  if (previous === undefined) delete process.env.ONCALL_WORKERS;
  else process.env.ONCALL_WORKERS = previous;
});

function filesUnder(folder: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [name, text] of filesUnder(folder, relative)) files.set(name, text);
    else files.set(relative, readFileSync(join(folder, relative), 'utf8'));
  }
  return files;
}

async function synthesizeWith(model: OrgModel, workers: string): Promise<Map<string, string>> {
  process.env.ONCALL_WORKERS = workers;
  const parent = mkdtempSync(join(tmpdir(), 'parallel-synth-'));
  try {
    await synthesizeApp(model, { outdir: join(parent, 'out'), terraformOutdir: '/repo/cdktf.out', projectRoot: '/repo' });
    expect(readdirSync(parent)).toEqual(['out']); // the workers' scratch folder is gone
    return filesUnder(join(parent, 'out'));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

describe('parallel synth', () => {
  const model = loadModel(EXAMPLE);

  it('writes byte-identical output with 2 and 3 processes', async () => {
    const single = await synthesizeWith(model, '1');
    expect([...single.keys()].filter((name) => name.endsWith('cdk.tf.json')).length).toBe(model.teams.length);
    expect(await synthesizeWith(model, '2')).toEqual(single);
    expect(await synthesizeWith(model, '3')).toEqual(single);
  }, 60_000);

  it('refuses a worker count that is not a whole number', async () => {
    await expect(synthesizeWith(model, 'two')).rejects.toThrow('ONCALL_WORKERS must be a whole number of threads, 1 or more (1: no worker threads), not "two"');
  });
});
