import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrgModel } from '../../lib/model/types';
import { buildApp } from '../../lib/stacks/app';
import { TeamStack } from '../../lib/stacks/team-stack';
import { loadModel, EXAMPLE } from '../synth/helpers';

/**
 * With users looked up, team stacks cannot refer to another stack, so TeamStack skips cdktf's
 * preparing resolve pass (lib/stacks/team-stack.ts). The output must be byte-identical to a synth
 * that runs it; if a change ever adds a cross-stack reference, this comparison fails.
 */
function synthesizeAll(model: OrgModel, preparingPass: boolean): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'prepare-stack-'));
  try {
    const app = buildApp(model, { outdir, terraformOutdir: '/repo/cdktf.out', projectRoot: '/repo' });
    if (preparingPass) for (const child of app.node.children) if (child instanceof TeamStack) Object.assign(child, { mayReferenceOtherStacks: true });
    app.synth();
    const files = new Map<string, string>([['manifest.json', readFileSync(join(outdir, 'manifest.json'), 'utf8')]]);
    for (const stack of readdirSync(join(outdir, 'stacks')).sort()) files.set(stack, readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    return files;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('team stacks without the preparing resolve pass', () => {
  const model = loadModel(EXAMPLE);

  it('applies to the bundled example (users looked up)', () => {
    expect(model.pagerduty.users).toBe('lookup');
  });

  it('writes byte-identical output', () => {
    const skipped = synthesizeAll(model, false);
    expect(skipped.size).toBeGreaterThan(2);
    expect(skipped).toEqual(synthesizeAll(model, true));
  });

  it('keeps the pass when users are managed (team stacks then refer to the organization stack)', () => {
    const app = buildApp({ ...model, pagerduty: { ...model.pagerduty, users: 'managed' } }, { outdir: join(tmpdir(), 'prepare-stack-unused') });
    const teams = app.node.children.filter((child): child is TeamStack => child instanceof TeamStack);
    expect(teams.length).toBeGreaterThan(0);
    for (const stack of teams) expect((stack as unknown as { mayReferenceOtherStacks: boolean }).mayReferenceOtherStacks).toBe(true);
  });
});
