import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { loadConfig } from '../../lib/config/load';
import { runLint } from '../../lib/lint/run';
import { buildModel } from '../../lib/model/build';
import { applyOneTeamChange, exampleOrganizationYaml, generateOrganization } from '../../scripts/bench/generate';

/**
 * The benchmark is only meaningful when its synthetic organizations are valid and clean: a
 * config that fails validation stops every command early, and findings change lint's work.
 */
const RUNBOOK_DATE = '2026-11-18';

describe('synthetic organization generator', () => {
  let root: string;
  let teamIds: string[];

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'oncall-generate-'));
    teamIds = generateOrganization({ root, teams: 3, runbookDate: RUNBOOK_DATE, organizationYaml: exampleOrganizationYaml() }).teamIds;
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes configs that validate without a single diagnostic', () => {
    const result = loadConfig({ root });
    expect(result.diagnostics).toEqual([]);
    expect(result.config?.teams.map((team) => team.id)).toEqual([...teamIds].sort());
  });

  it('gives every team 6 people, 2-3 rotations, 3 services and 4 monitors per service', () => {
    const { config } = loadConfig({ root });
    const rotationCounts = new Set<number>();
    for (const { config: team } of config!.teams) {
      expect(Object.keys(team.members)).toHaveLength(6);
      rotationCounts.add(Object.keys(team.rotations).length);
      expect(Object.keys(team.services)).toHaveLength(3);
      for (const service of Object.values(team.services)) expect(Object.keys(service.monitors)).toHaveLength(4);
    }
    expect([...rotationCounts].sort()).toEqual([2, 3]);
  });

  it('writes one runbook per monitor, owned by the team, and lint (coverage + runbooks) finds nothing', () => {
    for (const id of teamIds) expect(readdirSync(join(root, 'runbooks', id))).toHaveLength(12);
    expect(readFileSync(join(root, 'runbooks', teamIds[0], 'api-health.md'), 'utf8')).toMatch(
      new RegExp(`^---\\nowner: ${teamIds[0]}\\nlastUpdated: ${RUNBOOK_DATE}\\n`),
    );
    const model = buildModel(loadConfig({ root }).config!);
    const findings = runLint(model, { from: DateTime.fromISO('2026-11-25T00:00:00Z', { zone: 'utc' }) });
    expect(findings.map((finding) => `${finding.ruleId}: ${finding.message}`)).toEqual([]);
  });

  it('writes no YAML anchors or aliases (each alias makes loading search the whole document)', () => {
    for (const id of teamIds) expect(readFileSync(join(root, 'config', 'teams', `${id}.yaml`), 'utf8')).not.toMatch(/(?:^|\s)[&*][a-z]\w*\s*$/m);
  });

  it('applies the review change to one team only and keeps the config valid', () => {
    const before = teamIds.map((id) => readFileSync(join(root, 'config', 'teams', `${id}.yaml`), 'utf8'));
    applyOneTeamChange(root, teamIds[0]);
    const after = teamIds.map((id) => readFileSync(join(root, 'config', 'teams', `${id}.yaml`), 'utf8'));
    expect(after[0]).not.toEqual(before[0]);
    expect(after[0]).toContain('time: "11:00"');
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(loadConfig({ root }).diagnostics).toEqual([]);
  });

  it('refuses an organization template without the severities the monitors use', () => {
    const other = mkdtempSync(join(tmpdir(), 'oncall-generate-'));
    try {
      const template = exampleOrganizationYaml().replace(/id: SEV3/, 'id: SEV9');
      expect(() => generateOrganization({ root: other, teams: 1, runbookDate: RUNBOOK_DATE, organizationYaml: template })).toThrow(/lacks severities SEV3/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
