import { Construct } from 'constructs';
import { DataPagerdutyUser } from '@cdktf/provider-pagerduty/lib/data-pagerduty-user';
import { User } from '@cdktf/provider-pagerduty/lib/user';
import { userConstructId } from '../config/construct-ids';
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
      users[member.id] = new DataPagerdutyUser(this, userConstructId(member.id), { email: member.email });
    }
    this.users = users;
  }

  userId(memberId: string): string {
    const user = this.users[memberId];
    if (!user) throw new ConstructPropsError(this.node.path, `unknown member "${memberId}" (known: ${Object.keys(this.users).join(', ')})`);
    return user.id;
  }
}

/** One person as the organization stack creates them. */
export interface ManagedPerson {
  readonly name: string;
  readonly email: string;
  /** PagerDuty time zone of the person (theirs, else their first team's). */
  readonly timeZone: string;
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
 */
export class ManagedUsers extends Construct {
  /** Resources by lower-cased email (PagerDuty compares emails case-insensitively). */
  public readonly users: Readonly<Record<string, User>>;

  constructor(scope: Construct, id: string, props: ManagedUsersProps) {
    super(scope, id);
    const users: Record<string, User> = {};
    for (const person of props.people) {
      const key = person.email.toLowerCase();
      requireProp(!users[key], this.node.path, `email ${person.email} is listed twice; PagerDuty allows one user per email`);
      users[key] = new User(this, `user-${key}`, {
        name: person.name,
        email: person.email,
        timeZone: person.timeZone,
        // Explicit: the account role is a permission, not something to inherit from a default.
        role: 'user',
        description: `Member of ${person.teams.join(', ')}. Managed by oncall-as-code; edit config/teams, not the PagerDuty UI.`,
      });
    }
    this.users = users;
  }

  userIdByEmail(email: string): string {
    const user = this.users[email.toLowerCase()];
    if (!user) throw new ConstructPropsError(this.node.path, `no managed user with email ${email}`);
    return user.id;
  }
}

/**
 * Collects every person of every team once, keyed by email, in team-id then member-id order.
 * The same email with two different names is a contradiction PagerDuty cannot hold.
 */
export function managedPeople(teams: readonly { id: string; timeZone: string; members: readonly PersonModel[] }[]): ManagedPerson[] {
  const byEmail = new Map<string, { name: string; email: string; timeZone: string; teams: string[] }>();
  for (const team of teams) {
    for (const member of team.members) {
      const key = member.email.toLowerCase();
      const existing = byEmail.get(key);
      if (!existing) {
        byEmail.set(key, { name: member.name, email: member.email, timeZone: member.timeZone ?? team.timeZone, teams: [team.id] });
        continue;
      }
      if (existing.name !== member.name) {
        throw new ConstructPropsError('organization/users', `${member.email} is "${existing.name}" in team ${existing.teams[0]} but "${member.name}" in team ${team.id}; a PagerDuty user has one name`);
      }
      if (!existing.teams.includes(team.id)) existing.teams.push(team.id);
    }
  }
  return [...byEmail.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, person]) => person);
}

/** Team-side view of managed users: member id -> the organization stack's user id. */
export function managedUserDirectory(users: ManagedUsers, members: readonly PersonModel[]): UserDirectory {
  const emails = new Map(members.map((m) => [m.id, m.email]));
  return {
    userId(memberId) {
      const email = emails.get(memberId);
      if (!email) throw new ConstructPropsError(users.node.path, `unknown member "${memberId}"`);
      return users.userIdByEmail(email);
    },
  };
}
