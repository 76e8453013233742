import { join, resolve } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import type { OrgModel } from '../model/types';
import { applyCdktfWorkarounds } from '../cdktf/workarounds';
import { protectLiteralText } from './literal-text';
import { OrganizationStack } from './organization-stack';
import { TeamStack, teamStackName } from './team-stack';
import type { UserSource } from '../constructs/team-on-call';

export interface BuildAppOptions {
  /** Where `app.synth()` writes. */
  readonly outdir: string;
  /**
   * Team stacks to build (`team-<id>`); default all. Only these teams' constructs are created.
   * The organization stack, when users are managed, is always built in full.
   */
  readonly stacks?: readonly string[];
  /**
   * The output directory terraform will run from; local state paths are written relative to its
   * `stacks/<stack>` folders. Default `<projectRoot>/cdktf.out`, not `outdir`: the synth command
   * writes to a temporary sibling and renames it, and in-memory syntheses (tests, review) into a
   * temp folder must still give the JSON a real run would.
   */
  readonly terraformOutdir?: string;
  /** Repository root for local state (default: the model's root). */
  readonly projectRoot?: string;
}

/** cdktf's default output directory, relative to the project root (cdktf.json `output`). */
export const DEFAULT_OUTDIR = 'cdktf.out';

/** Every stack name the model yields, in synthesis order. */
export function stackNames(model: OrgModel): string[] {
  return [...(model.pagerduty.users === 'managed' ? ['organization'] : []), ...model.teams.map((t) => teamStackName(t.id))];
}

/**
 * The cdktf app: one `team-<id>` stack per team, plus `organization` when users are managed.
 * Stack traces are off so the JSON holds no absolute source paths: the same config gives
 * byte-identical output on every machine. Text from config is written literally (protectLiteralText).
 */
export function buildApp(model: OrgModel, options: BuildAppOptions): App {
  const known = new Set(model.teams.map((t) => teamStackName(t.id)));
  const wanted = options.stacks ? new Set(options.stacks) : known;
  const unknown = [...wanted].filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`unknown stack ${unknown.join(', ')}; team stacks are ${[...known].join(', ')}`);

  applyCdktfWorkarounds(); // the pinned cdktf's version check; token creation stacks off (halves construct time and memory at scale)
  const app = new App({ outdir: options.outdir, stackTraces: false, hclOutput: false });
  const projectRoot = resolve(options.projectRoot ?? model.runbooks.root);
  const placement = { projectRoot, outdir: resolve(options.terraformOutdir ?? join(projectRoot, DEFAULT_OUTDIR)) };
  let users: UserSource = { kind: 'lookup' };
  if (model.pagerduty.users === 'managed') {
    users = { kind: 'managed', users: new OrganizationStack(app, { model, ...placement }).users };
  }
  for (const team of model.teams) {
    if (wanted.has(teamStackName(team.id))) new TeamStack(app, { model, team, users, ...placement, mayReferenceOtherStacks: users.kind === 'managed' });
  }
  // Every stack of the app: config text is written literally, only references stay live.
  for (const stack of app.node.children.filter(TerraformStack.isStack)) protectLiteralText(stack);
  return app;
}
