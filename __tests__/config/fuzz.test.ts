import fc from 'fast-check';
import { FuzzHarness, generatedTree, mutatedTree, plantedTree } from '../../scripts/fuzz';
import { EXAMPLE } from './support';

/**
 * The fuzz properties of scripts/fuzz.ts with a fixed seed and a bounded number of runs, so CI is
 * stable; `npm run fuzz` runs them long with a random seed.
 */
const SEED = 20260105;
const RUNS = 150;

const harness = new FuzzHarness(EXAMPLE);
afterAll(() => harness.dispose());

test('the unmutated bundled example loads and builds', () => {
  expect(() => harness.check(harness.exampleTree())).not.toThrow();
});

test('random mutations of the bundled example give diagnostics or a buildable model, never a throw', () => {
  fc.assert(
    fc.property(mutatedTree(harness.exampleTree()), (tree) => harness.check(tree)),
    { seed: SEED, numRuns: RUNS },
  );
});

test('generated organizations give diagnostics or a buildable model, never a throw', () => {
  fc.assert(
    fc.property(generatedTree, (tree) => harness.check(tree)),
    { seed: SEED, numRuns: RUNS },
  );
});

test('hostile text (${, %{, @handles, {{templates}}, cdktf markers, control characters) is refused or synthesized literally', () => {
  let synthesized = 0;
  fc.assert(
    fc.property(plantedTree, (planted) => {
      if (harness.checkLiteral(planted)) synthesized++;
    }),
    { seed: SEED, numRuns: 40 },
  );
  // Not vacuous: many trees get through validation and are checked in the Terraform JSON.
  expect(synthesized).toBeGreaterThanOrEqual(8); // a fifth of the runs
});
