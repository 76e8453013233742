import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import fc from 'fast-check';
import { constructIdClashes, priorityConstructClaims, teamConstructClaims } from '../../lib/config/construct-ids';
import { loadConfig } from '../../lib/config/load';
import { TeamOnCall } from '../../lib/constructs/team-on-call';
import { buildModel } from '../../lib/model/build';
import type { OrgModel, TeamModel } from '../../lib/model/types';
import { loadModel } from './helpers';

const FIXTURES = join(__dirname, '..', 'fixtures');

/** A team's TeamOnCall in a bare stack (no backend, no providers: only the construct tree matters). */
function teamOnCall(model: OrgModel, team: TeamModel): TeamOnCall {
  const stack = new TerraformStack(new App({ outdir: join(tmpdir(), 'construct-ids-unused'), stackTraces: false, skipValidation: true }), 'test');
  return new TeamOnCall(stack, 'oncall', { team, unclassifiedSeverity: model.unclassifiedSeverity, datadogVendorId: 'PAM4FGS' });
}

/** Construct ids below `oncall`: its children, and the children of the users and team constructs. */
function createdIds(onCall: TeamOnCall): string[] {
  const ids: string[] = [];
  for (const child of onCall.node.children as IConstruct[]) {
    ids.push(child.node.id);
    if (child.node.id === 'users' || child.node.id === 'team') {
      for (const grandchild of child.node.children) if (grandchild.node.id.includes('-')) ids.push(`${child.node.id}/${grandchild.node.id}`);
    }
  }
  return ids.sort();
}

const claimsOf = (model: OrgModel, team: TeamModel) => [
  ...teamConstructClaims({
    memberIds: team.members.map((m) => m.id),
    rotationIds: team.rotations.map((r) => r.id),
    services: team.services.map((s) => ({ id: s.id, monitorIds: s.monitors.map((m) => m.id) })),
  }),
  ...priorityConstructClaims(model.severities),
];

describe('construct ids come from one module', () => {
  it.each(['complete', 'minimal'])('every construct TeamOnCall creates for the %s fixture is claimed by the config check', (fixture) => {
    const model = loadModel(join(FIXTURES, fixture));
    for (const team of model.teams) {
      const claimed = new Set(claimsOf(model, team).map((claim) => claim.id));
      // A new kind of child added to TeamOnCall without a claim in lib/config/construct-ids.ts shows up here.
      expect(createdIds(teamOnCall(model, team)).filter((id) => !claimed.has(id))).toEqual([]);
    }
  });

  it('the collision validation refuses is the one that crashes synth', () => {
    const root = join(FIXTURES, 'bad', 'construct-id-collision');
    const strict = loadConfig({ root });
    expect(strict.config).toBeUndefined();
    expect(strict.diagnostics.filter((d) => d.code === 'construct-id-duplicate').map((d) => `${d.file}:${d.line}`)).toEqual([
      'config/teams/shop.yaml:39',
      'config/teams/shop.yaml:49',
    ]);
    // With the check switched off, the constructs refuse the same config: that is the crash it prevents.
    const tolerant = loadConfig({ root, tolerateErrors: (d) => d.code === 'construct-id-duplicate' });
    const model = buildModel(tolerant.config!);
    expect(() => teamOnCall(model, model.teams[0])).toThrow(/There is already a Construct with name 'monitor-event-pipeline-consumer-lag'/);
  });

  it('reports a clash exactly when two service/monitor id pairs join to the same construct id', () => {
    // Ids from few short parts, so that joined ids often coincide.
    const part = fc.constantFrom('a', 'b', 'ab', 'a-b', 'b-a');
    const services = fc.uniqueArray(fc.record({ id: part, monitorIds: fc.uniqueArray(part, { maxLength: 3 }) }), { selector: (s) => s.id, maxLength: 4 });
    fc.assert(
      fc.property(services, (list) => {
        const claims = teamConstructClaims({ memberIds: [], rotationIds: [], services: list });
        const joined = claims.map((c) => c.id);
        expect(constructIdClashes(claims).length).toBe(joined.length - new Set(joined).size);
      }),
    );
  });
});
