import type { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { TeamOnCall, type UserSource } from '../constructs/team-on-call';
import type { OrgModel, TeamModel } from '../model/types';
import { configureBackend } from './backend';
import { addDatadogProvider, addPagerdutyProvider } from './providers';

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

  /**
   * cdktf's prepareStack makes sure a backend exists, then resolves every element once with
   * `preparing` set, which matters only to references into another stack (they become outputs and
   * remote state). A stack that cannot make such references needs only the first part; the
   * output is byte-identical (__tests__/perf/prepare-stack.test.ts compares both).
   */
  public prepareStack(): void {
    if (this.mayReferenceOtherStacks) return super.prepareStack();
    this.ensureBackendExists();
  }
}
