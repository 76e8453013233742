import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_TREE, snapshotAtRef } from '../../lib/git/tree-at-ref';
import { TempRepo } from './git-repo';

describe('snapshotAtRef', () => {
  const repo = new TempRepo({ withExample: false });
  afterAll(() => repo.dispose());
  beforeAll(() => {
    // The project in a sub-folder of the repository, a custom runbooks folder, and an
    // export-ignore attribute that `git archive` would honour (a snapshot must not).
    repo.write('oncall/config/organization.yaml', 'name: X\nrunbooks: { baseUrl: https://x.example/, directory: docs/runbooks }\n');
    repo.write('oncall/config/teams/a.yaml', 'name: A\n');
    repo.write('oncall/docs/runbooks/a/r.md', '# R\n');
    repo.write('oncall/other/ignored.txt', 'not copied\n');
    repo.write('.gitattributes', 'oncall/config/teams/* export-ignore\n');
    repo.commit('base');
    repo.write('oncall/config/teams/a.yaml', 'name: A changed\n');
  });

  it('copies config and the configured runbooks folder as they are at the ref, relative to the project root', () => {
    const snapshot = snapshotAtRef({ root: join(repo.root, 'oncall'), ref: 'HEAD' });
    try {
      expect(snapshot.configExists).toBe(true);
      expect(snapshot.objectId).toBe(repo.git('rev-parse', 'HEAD').trim());
      expect(readFileSync(join(snapshot.root, 'config/teams/a.yaml'), 'utf8')).toBe('name: A\n');
      expect(readFileSync(join(snapshot.root, 'docs/runbooks/a/r.md'), 'utf8')).toBe('# R\n');
      expect(existsSync(join(snapshot.root, 'other'))).toBe(false);
    } finally {
      snapshot.dispose();
    }
    expect(existsSync(snapshot.root)).toBe(false);
  });

  it('the empty tree has no config', () => {
    const snapshot = snapshotAtRef({ root: repo.root, ref: EMPTY_TREE });
    expect(snapshot.configExists).toBe(false);
    snapshot.dispose();
  });

  it('refuses option-like refs', () => {
    expect(() => snapshotAtRef({ root: repo.root, ref: '--output=/tmp/x' })).toThrow(/looks like an option/);
  });
});
