import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { loadConfig } from '../../lib/config/load';
import { runLint } from '../../lib/lint/run';
import { buildModel } from '../../lib/model/build';
import type { OrgModel } from '../../lib/model/types';
import { exampleOrganizationYaml, generateOrganization } from '../../scripts/bench/generate';

/**
 * `runLint(model, { teams })` (synth --stack, review) skips other teams' work; its findings must be
 * exactly the full run's findings about those teams plus the organization-scope ones, including
 * cross-team runbook findings (a runbook linked by another team, unlinked runbooks).
 */
const FROM = DateTime.fromISO('2026-12-01T00:00:00Z', { zone: 'utc' });

describe('lint restricted to some teams', () => {
  let root: string;
  let teamIds: string[];
  let model: OrgModel;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'oncall-lint-teams-'));
    teamIds = generateOrganization({ root, teams: 4, runbookDate: '2026-11-18', organizationYaml: exampleOrganizationYaml() }).teamIds.sort();
    const [a, b, c] = teamIds;
    const teamFile = (id: string) => join(root, 'config', 'teams', `${id}.yaml`);
    // Team a's first monitor links team b's runbook (runbook-owner finding for a, drift for a/b).
    const aText = readFileSync(teamFile(a), 'utf8');
    const firstLink = /runbook: (\S+)/.exec(aText)![1];
    const bRunbook = /runbook: (\S+)/.exec(readFileSync(teamFile(b), 'utf8'))![1];
    writeFileSync(teamFile(a), aText.replace(`runbook: ${firstLink}`, `runbook: ${bRunbook}`).replace(/time: "?'?1\d:00"?'?/, 'time: "23:00"'));
    // An unlinked runbook owned by team c, one owned by nobody, and a stale one of team c.
    mkdirSync(join(root, 'runbooks', 'misc'), { recursive: true });
    writeFileSync(join(root, 'runbooks', 'misc', 'owned.md'), `---\nowner: ${c}\nlastUpdated: 2020-01-01\n---\n# Orphan\n\n## Trigger\nnothing\n`);
    writeFileSync(join(root, 'runbooks', 'misc', 'nobody.md'), '# Nobody\n\nSee [missing](./missing.md).\n');
    const loaded = loadConfig({ root });
    expect(loaded.config).toBeDefined();
    model = buildModel(loaded.config!);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has findings for several teams and the organization, so the comparison means something', () => {
    const scopes = new Set(runLint(model, { from: FROM }).map((f) => f.teamId));
    expect(scopes.size).toBeGreaterThanOrEqual(3);
    expect(scopes.has('(organization)')).toBe(true);
    const rules = new Set(runLint(model, { from: FROM }).map((f) => f.ruleId));
    for (const id of ['runbook-owner', 'runbook-unlinked', 'runbook-age', 'rotation-handoff-at-night']) expect(rules).toContain(id);
  });

  it.each([[[0]], [[1]], [[2]], [[3]], [[0, 2]], [[0, 1, 2, 3]]])('equals the full run filtered, for teams %j', (indices) => {
    const full = runLint(model, { from: FROM });
    const teams = new Set(indices.map((i) => teamIds[i]));
    const known = new Set(teamIds);
    const expected = full.filter((f) => teams.has(f.teamId) || !known.has(f.teamId));
    expect(runLint(model, { from: FROM, teams })).toEqual(expected);
  });

  it('leaves the full run of the same model object unchanged afterwards', () => {
    const before = runLint(model, { from: FROM });
    runLint(model, { from: FROM, teams: new Set([teamIds[0]]) });
    expect(runLint(model, { from: FROM })).toEqual(before);
  });
});
