import { Construct } from 'constructs';
import { Team } from '@cdktf/provider-pagerduty/lib/team';
import { TeamMembership } from '@cdktf/provider-pagerduty/lib/team-membership';
import { membershipConstructId } from '../config/construct-ids';
import { FORCED_TEAM_ROLE } from '../config/schema/values';
import type { PersonModel } from '../model/types';
import type { UserDirectory } from './users';
import { requireDisplayName, requireProp } from './validation';

const TEAM_ROLES = new Set(['manager', 'responder', 'observer']);

export interface PagerDutyTeamProps {
  readonly name: string;
  /** Replaces the provider's "Managed by Terraform". */
  readonly description: string;
  /** Every member gets a membership with their configured role. */
  readonly members: readonly PersonModel[];
  readonly users: UserDirectory;
}

/**
 * A `pagerduty_team` and one `pagerduty_team_membership` per member. The role is always set:
 * the provider's default is `manager`, which would quietly give everyone admin rights on the team.
 */
export class PagerDutyTeam extends Construct {
  public readonly team: Team;
  /** Memberships by member id. */
  public readonly memberships: Readonly<Record<string, TeamMembership>>;

  constructor(scope: Construct, id: string, props: PagerDutyTeamProps) {
    super(scope, id);
    requireDisplayName(props.name, this.node.path, 'team name');
    this.team = new Team(this, 'team', { name: props.name, description: props.description.trim() });
    const memberships: Record<string, TeamMembership> = {};
    for (const member of props.members) {
      requireProp(
        TEAM_ROLES.has(member.role),
        this.node.path,
        `member "${member.id}" has role ${JSON.stringify(member.role)}; expected manager, responder or observer`,
      );
      // PagerDuty forces it for owners, admins and stakeholders; the provider fails at apply otherwise (checks/members.ts).
      const forced = member.accountRole === undefined ? undefined : FORCED_TEAM_ROLE[member.accountRole];
      requireProp(
        forced === undefined || forced === member.role,
        this.node.path,
        `member "${member.id}" has account role ${member.accountRole}, whose team role PagerDuty always sets to ${forced}, not ${member.role}`,
      );
      memberships[member.id] = new TeamMembership(this, membershipConstructId(member.id), {
        teamId: this.team.id,
        userId: props.users.userId(member.id),
        role: member.role,
      });
    }
    this.memberships = memberships;
  }

  /** The team's PagerDuty id (a reference). */
  get teamId(): string {
    return this.team.id;
  }
}
