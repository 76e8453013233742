import { Construct } from 'constructs';
import { Fn, Op, TerraformSelf } from 'cdktf';
import { DataPagerdutyUser } from '@cdktf/provider-pagerduty/lib/data-pagerduty-user';
import { User } from '@cdktf/provider-pagerduty/lib/user';
import { cdktfLogicalId } from '../cdktf/workarounds';
import { userConstructId } from '../config/construct-ids';
import { FORCED_TEAM_ROLE } from '../config/schema/values';
import type { PersonModel } from '../model/types';
import { ConstructPropsError, requireProp } from './validation';

/** Resolves a team member id to a PagerDuty user id (a Terraform reference). */
export interface UserDirectory {
  userId(memberId: string): string;
}

export interface LookedUpUsersProps {
  /** The team's members; each is looked up by its exact email (PagerDuty's lookup is case-sensitive). */
  readonly members: readonly PersonModel[];
}

/**
 * Users that already exist in PagerDuty (`pagerduty.users: lookup`, the default): one
 * `data "pagerduty_user"` per member, in the team's own stack, so no stack owns people.
 */
export class LookedUpUsers extends Construct implements UserDirectory {
  /** Data sources by member id. */
  public readonly users: Readonly<Record<string, DataPagerdutyUser>>;

  constructor(scope: Construct, id: string, props: LookedUpUsersProps) {
    super(scope, id);
    const users: Record<string, DataPagerdutyUser> = {};
    for (const member of props.members) {
      requireProp(!users[member.id], this.node.path, `member "${member.id}" is listed twice`);
      users[member.id] = new DataPagerdutyUser(this, userConstructId(member.id), {
        email: member.email,
        lifecycle: { postcondition: [teamRoleCondition(member)] },
      });
    }
    this.users = users;
  }

  userId(memberId: string): string {
    const user = this.users[memberId];
    if (!user) throw new ConstructPropsError(this.node.path, `unknown member "${memberId}" (known: ${Object.keys(this.users).join(', ')})`);
    return user.id;
  }
}

/**
 * A looked-up user's real account role must allow the member's team role: PagerDuty forces
 * managers for owners and admins and observers for stakeholders, and the team membership would
 * otherwise fail only at apply, after two minutes of retries (terraform-provider-pagerduty v3.30.8
 * pagerdutyplugin/resource_pagerduty_team_membership.go; the data source exposes `role`:
 * pagerdutyplugin/data_source_pagerduty_user.go). A declared `accountRole` must be the real one
 * (validation already matched it with the team role); without one, the account roles that force
 * another team role are excluded. Checked at plan (postconditions need Terraform 1.2).
 */
export function teamRoleCondition(member: Pick<PersonModel, 'id' | 'role' | 'accountRole'>): { condition: unknown; errorMessage: string } {
  const role = TerraformSelf.getString('role');
  if (member.accountRole !== undefined) {
    return {
      condition: Op.eq(role, member.accountRole),
      errorMessage: `Member "${member.id}" is declared with PagerDuty account role ${member.accountRole} in config, but PagerDuty has another one: correct accountRole (and role, the team role, if PagerDuty forces it).`,
    };
  }
  const forcing = Object.entries(FORCED_TEAM_ROLE)
    .filter(([, forced]) => forced !== member.role)
    .map(([accountRole]) => accountRole);
  return {
    condition: Op.not(Fn.contains(forcing, role)),
    errorMessage: `Member "${member.id}" has team role ${member.role}, but their PagerDuty account role is one PagerDuty gives a fixed team role (owner and admin: manager; stakeholders: observer), so the team membership would fail at apply: set role to match, and accountRole.`,
  };
}

/** One person as the organization stack creates them. */
export interface ManagedPerson {
  /** The member id: the user's identity (construct id), the same in every team file. */
  readonly memberId: string;
  readonly name: string;
  readonly email: string;
  /** PagerDuty time zone of the person (theirs, else their first team's). */
  readonly timeZone: string;
  /**
   * PagerDuty account role (`pagerduty_user.role`).
   * @default 'user'
   */
  readonly accountRole?: string;
  /** Team ids the person belongs to, for the description. */
  readonly teams: readonly string[];
}

export interface ManagedUsersProps {
  readonly people: readonly ManagedPerson[];
}

/**
 * Users this repository creates (`pagerduty.users: managed`). They live in the `organization`
 * stack because one person can be in several teams and PagerDuty allows one user per email;
 * team stacks reference them (cdktf wires the cross-stack outputs).
 *
 * Keyed by member id, not e-mail: the provider updates `email` in place, while every
 * `pagerduty_team_membership.user_id` forces replacement (terraform-provider-pagerduty v3.30.8,
 * pagerduty/resource_pagerduty_user.go and pagerdutyplugin/resource_pagerduty_team_membership.go),
 * so an e-mail-derived id would destroy the user and all their memberships on an address change.
 * Renaming a member id is now the identity change (docs/synth.md, "What the providers do to you").
 */
export class ManagedUsers extends Construct {
  /** Resources by member id. */
  public readonly users: Readonly<Record<string, User>>;

  constructor(scope: Construct, id: string, props: ManagedUsersProps) {
    super(scope, id);
    const users: Record<string, User> = {};
    const emails = new Set<string>();
    for (const person of props.people) {
      requireProp(!users[person.memberId], this.node.path, `member id "${person.memberId}" is listed twice`);
      const email = person.email.toLowerCase();
      requireProp(!emails.has(email), this.node.path, `email ${person.email} is listed twice; PagerDuty allows one user per email`);
      emails.add(email);
      users[person.memberId] = new User(this, userConstructId(person.memberId), {
        name: person.name,
        email: person.email,
        timeZone: person.timeZone,
        // Explicit: the account role is a permission, not something to inherit from a default.
        role: person.accountRole ?? 'user',
        description: `Member of ${person.teams.join(', ')}. Managed by oncall-as-code; edit config/teams, not the PagerDuty UI.`,
      });
      // Releases before member-id keys named the user `user-<lower-cased email>`: a `moved` block
      // carries existing state over instead of destroying and recreating the user and every
      // membership. Terraform ignores it when that address is not in the state.
      users[person.memberId].moveFromId(`pagerduty_user.${emailKeyedLogicalId(this.node.id, email)}`);
    }
    this.users = users;
  }

  /** The PagerDuty user id (a reference) of a member. */
  userId(memberId: string): string {
    const user = this.users[memberId];
    if (!user) throw new ConstructPropsError(this.node.path, `no managed user for member "${memberId}"`);
    return user.id;
  }
}

/** The logical id a managed user had when it was keyed by e-mail (construct `<users>/user-<email>`). */
export const emailKeyedLogicalId = (usersConstructId: string, lowerCasedEmail: string) => cdktfLogicalId([usersConstructId, `user-${lowerCasedEmail}`]);

/**
 * Collects every person of every team once, keyed by member id, in member-id order. One member id
 * in two teams with different e-mails, or one e-mail under two member ids, is a contradiction a
 * PagerDuty user cannot hold (validation refuses both first: lib/config/checks/managed-users.ts).
 */
export function managedPeople(teams: readonly { id: string; timeZone: string; members: readonly PersonModel[] }[]): ManagedPerson[] {
  const byId = new Map<string, { memberId: string; name: string; email: string; timeZone: string; accountRole?: string; teams: string[] }>();
  for (const team of teams) {
    for (const member of team.members) {
      const existing = byId.get(member.id);
      if (!existing) {
        byId.set(member.id, {
          memberId: member.id,
          name: member.name,
          email: member.email,
          timeZone: member.timeZone ?? team.timeZone,
          accountRole: member.accountRole,
          teams: [team.id],
        });
        continue;
      }
      if (existing.email.toLowerCase() !== member.email.toLowerCase()) {
        throw new ConstructPropsError(
          'organization/users',
          `member "${member.id}" is ${existing.email} in team ${existing.teams[0]} but ${member.email} in team ${team.id}; a managed user is keyed by member id`,
        );
      }
      if (!existing.teams.includes(team.id)) existing.teams.push(team.id);
    }
  }
  return [...byId.values()].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

/** Team-side view of managed users: member id -> the organization stack's user id. */
export function managedUserDirectory(users: ManagedUsers): UserDirectory {
  return { userId: (memberId) => users.userId(memberId) };
}
