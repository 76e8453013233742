import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Lazy } from 'cdktf';
import { applyCdktfWorkarounds, cdktfLogicalId, CDKTF_VERSION, checkCdktfVersion } from '../../lib/cdktf/workarounds';

/** Every reliance on cdktf internals lives in lib/cdktf/workarounds.ts, checked against the pinned version. */
const ROOT = resolve(__dirname, '..', '..');
const creationStack = () => (Lazy.anyValue({ produce: () => 1 }) as unknown as { creationStack: string[] }).creationStack;

describe('cdktf workarounds', () => {
  it('are written for the cdktf version package.json pins, and refuse another', () => {
    const pinned = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.cdktf;
    expect(pinned).toBe(CDKTF_VERSION);
    expect(() => checkCdktfVersion()).not.toThrow();
    expect(() => checkCdktfVersion('0.22.0')).toThrow(
      'cdktf 0.22.0 is installed, but lib/cdktf/workarounds.ts is written for cdktf 0.21.0: check each workaround',
    );
  });

  it('token creation stacks: recorded by default, none once applied; real errors keep theirs', () => {
    expect(creationStack().length).toBeGreaterThan(0);
    applyCdktfWorkarounds();
    applyCdktfWorkarounds(); // idempotent
    expect(creationStack()).toEqual([]);
    expect(new TypeError('bad value').stack).toMatch(/^TypeError: bad value\n {4}at .*cdktf-workarounds\.test\.ts/);
    expect(Error.prepareStackTrace).toBeUndefined(); // nothing global is patched
  });

  it("logical ids are cdktf's own", () => {
    expect(cdktfLogicalId(['users', 'user-ann@example.com'])).toBe('users_user-annexamplecom_3F68ADEE'); // what TerraformStack.allocateLogicalId gives that path
  });

  it('nothing else in lib/ reaches into cdktf internals', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && path !== join(ROOT, 'lib', 'cdktf', 'workarounds.ts')) {
          const text = readFileSync(path, 'utf8');
          if (/from 'cdktf\/lib\/|require\('cdktf\/lib\/|prepareStackTrace|captureStackTrace =/.test(text)) offenders.push(relative(ROOT, path));
        }
      }
    };
    walk(join(ROOT, 'lib'));
    expect(offenders).toEqual([]);
  });
});
