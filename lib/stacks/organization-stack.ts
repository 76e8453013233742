import type { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { ManagedUsers, managedPeople } from '../constructs/users';
import type { OrgModel } from '../model/types';
import { configureBackend } from './backend';
import { addPagerdutyProvider } from '../constructs/providers';

export const ORGANIZATION_STACK = 'organization';

export interface OrganizationStackProps {
  readonly model: OrgModel;
  readonly projectRoot: string;
  readonly outdir: string;
}

/**
 * Objects shared by teams: today the PagerDuty users, when the organization manages them
 * (`pagerduty.users: managed`). Always built from every team, even when only some team stacks
 * are synthesized, so applying it can never delete another team's people.
 */
export class OrganizationStack extends TerraformStack {
  public readonly users: ManagedUsers;

  constructor(scope: Construct, props: OrganizationStackProps) {
    super(scope, ORGANIZATION_STACK);
    configureBackend(this, props.model.backend, { stackName: ORGANIZATION_STACK, projectRoot: props.projectRoot, outdir: props.outdir });
    addPagerdutyProvider(this);
    this.users = new ManagedUsers(this, 'users', { people: managedPeople(props.model.teams) });
  }
}
