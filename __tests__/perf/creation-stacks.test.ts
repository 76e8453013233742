import { Lazy } from 'cdktf';
import { skipCdktfTokenCreationStacks } from '../../lib/stacks/creation-stacks';

/** Tokens cdktf creates keep no creation stack once buildApp installed the hook; errors keep theirs. */
const creationStack = () => (Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] }).creationStack;

describe('skipping cdktf token creation stacks', () => {
  it('cdktf records a stack per token by default, none after installing', () => {
    expect(creationStack().length).toBeGreaterThan(0);
    skipCdktfTokenCreationStacks();
    skipCdktfTokenCreationStacks(); // idempotent
    expect(creationStack()).toEqual([]);
  });

  it('still formats real errors and captures made outside cdktf', () => {
    skipCdktfTokenCreationStacks();
    const error = new TypeError('bad value');
    expect(error.stack).toMatch(/^TypeError: bad value\n {4}at /);
    const target: { stack?: string } = {};
    Error.captureStackTrace(target);
    expect(target.stack).toMatch(/\n {4}at .*creation-stacks\.test\.ts/);
  });
});
