import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../../lib/config/diagnostics';
import { loadConfigFor } from '../../lib/cli/load-config';
import { captureIO, MINIMAL, scratch } from '../config/support';

/** The command preamble every config-reading command shares: load, print, refuse in the command's words. */
const dirs = scratch();
afterAll(() => dirs.cleanup());

describe('loadConfigFor', () => {
  it('returns the config and prints nothing by default when it is valid', () => {
    const io = captureIO();
    const loaded = loadConfigFor(io, { root: MINIMAL, refusal: () => 'never' });
    expect(loaded?.config.teams.length).toBeGreaterThan(0);
    expect(io.stderr).toEqual([]);
  });

  it('on an error prints every diagnostic, runs onRefusal, then the refusal with the error count', () => {
    const root = dirs.copy(MINIMAL);
    rmSync(join(root, 'config', 'teams'), { recursive: true });
    const io = captureIO(root);
    const order: string[] = [];
    const loaded = loadConfigFor(io, {
      root,
      onRefusal: () => order.push(`stopped after ${io.stderr.length} line(s)`),
      refusal: (errors) => `cmd: ${errors} error(s)`,
    });
    expect(loaded).toBeUndefined();
    expect(io.stderr.at(-1)).toBe('cmd: 1 error(s)');
    expect(io.stderr[0]).toMatch(/^config\/teams  \(file\)  teams folder not found/);
    expect(order).toEqual(['stopped after 1 line(s)']);
  });

  it('tolerated errors do not stop it; report replaces printing; adjust can make warnings stop it', () => {
    const root = dirs.copy(MINIMAL);
    rmSync(join(root, 'config', 'teams'), { recursive: true });
    const io = captureIO(root);
    expect(loadConfigFor(io, { root, tolerateErrors: (d) => d.code === 'teams-missing', refusal: () => 'never' })?.diagnostics.map((d) => d.code)).toEqual([
      'teams-missing',
    ]);

    const reported: Diagnostic[][] = [];
    const strict = (diagnostics: Diagnostic[]) => [...diagnostics, { ...diagnostics[0], level: 'error' as const, code: 'made-strict' }];
    const refused = loadConfigFor(io, {
      root,
      tolerateErrors: (d) => d.code === 'teams-missing',
      adjust: strict,
      report: (all) => reported.push(all),
      refusal: (errors) => `cmd: ${errors}`,
    });
    expect(refused).toBeUndefined();
    expect(reported.map((all) => all.map((d) => d.code))).toEqual([['teams-missing', 'made-strict']]);
    expect(io.stderr.at(-1)).toBe('cmd: 2');
  });
});
