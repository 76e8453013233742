import type { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { TeamOnCall, type UserSource } from '../constructs/team-on-call';
import type { OrgModel, TeamModel } from '../model/types';
import { configureBackend } from './backend';
import { addDatadogProvider, addPagerdutyProvider } from '../constructs/providers';
import { prepareStackWithoutCrossStackReferences } from '../cdktf/workarounds';

export const teamStackName = (teamId: string) => `team-${teamId}`;

export interface TeamStackProps {
  readonly model: OrgModel;
  readonly team: TeamModel;
  readonly users: UserSource;
  readonly projectRoot: string;
  readonly outdir: string;
  /**
   * False when nothing in this stack can refer to another stack (users are looked up, so there is
   * no organization stack). cdktf's synth then skips this stack's preparing resolve pass, which
   * only looks for cross-stack references: about 45% of cdktf's synth time (docs/performance.md).
   * Default true.
   */
  readonly mayReferenceOtherStacks?: boolean;
}

/** One team's state: its PagerDuty objects and Datadog monitors, planned and applied alone. */
export class TeamStack extends TerraformStack {
  public readonly onCall: TeamOnCall;
  private readonly mayReferenceOtherStacks: boolean;

  constructor(scope: Construct, props: TeamStackProps) {
    const name = teamStackName(props.team.id);
    super(scope, name);
    this.mayReferenceOtherStacks = props.mayReferenceOtherStacks ?? true;
    configureBackend(this, props.model.backend, { stackName: name, projectRoot: props.projectRoot, outdir: props.outdir });
    addPagerdutyProvider(this);
    // A team without services has no Datadog objects; an unused provider would still need keys.
    if (props.team.services.length > 0) addDatadogProvider(this, props.model.datadog.site);
    this.onCall = new TeamOnCall(this, 'oncall', {
      team: props.team,
      unclassifiedSeverity: props.model.unclassifiedSeverity,
      datadogVendorId: props.model.pagerduty.datadogVendorId,
      users: props.users,
    });
  }

  /** A stack that cannot reference another skips cdktf's cross-stack resolution pass (lib/cdktf/workarounds.ts). */
  public prepareStack(): void {
    if (this.mayReferenceOtherStacks) return super.prepareStack();
    prepareStackWithoutCrossStackReferences(this);
  }
}
