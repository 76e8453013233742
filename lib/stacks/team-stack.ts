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
}

/** One team's state: its PagerDuty objects and Datadog monitors, planned and applied alone. */
export class TeamStack extends TerraformStack {
  public readonly onCall: TeamOnCall;

  constructor(scope: Construct, props: TeamStackProps) {
    const name = teamStackName(props.team.id);
    super(scope, name);
    configureBackend(this, props.model.backend, { stackName: name, projectRoot: props.projectRoot, outdir: props.outdir });
    addPagerdutyProvider(this);
    // A team without services has no Datadog objects; an unused provider would still need keys.
    if (props.team.services.length > 0) addDatadogProvider(this);
    this.onCall = new TeamOnCall(this, 'oncall', {
      team: props.team,
      unclassifiedSeverity: props.model.unclassifiedSeverity,
      datadogVendorId: props.model.pagerduty.datadogVendorId,
      users: props.users,
    });
  }
}
