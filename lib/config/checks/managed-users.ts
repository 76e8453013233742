import type { Diagnostic } from '../diagnostics';
import { error, warning, type SemanticCheck } from './types';

interface Person {
  file: string;
  memberId: string;
  email: string;
  name: string;
  accountRole: string;
}

/**
 * With `pagerduty.users: managed` the organization stack creates one `pagerduty_user` per member
 * id (lib/constructs/users.ts): the member id is the user's identity, because the provider updates
 * `email` in place but every `pagerduty_team_membership.user_id` forces replacement
 * (terraform-provider-pagerduty v3.30.8 pagerduty/resource_pagerduty_user.go: `email` has no
 * ForceNew; pagerdutyplugin/resource_pagerduty_team_membership.go: `user_id` RequiresReplace), so
 * an id derived from the e-mail would destroy the user and every membership on an address change.
 * Hence across all team files: one member id is one person (same e-mail, same account role), and
 * one e-mail has one member id (PagerDuty allows one user per e-mail, compared case-insensitively).
 */
export const checkManagedUsers: SemanticCheck = ({ organization, teams }) => {
  if (organization.config.pagerduty.users !== 'managed') return [];
  const found: Diagnostic[] = [];
  const byId = new Map<string, Person>();
  const byEmail = new Map<string, Person>();
  for (const { file, config } of teams) {
    for (const [memberId, member] of Object.entries(config.members)) {
      const person: Person = { file, memberId, email: member.email, name: member.name, accountRole: member.accountRole ?? 'user' };
      const path = ['members', memberId];
      const same = byId.get(memberId);
      if (same) {
        if (same.email.toLowerCase() !== person.email.toLowerCase()) {
          found.push(
            error(
              file,
              [...path, 'email'],
              'managed-user-id-two-emails',
              `member id "${memberId}" is ${same.email} in ${same.file}: a managed PagerDuty user is keyed by member id, so one id must be one person in every team (use another id for another person)`,
              same.email,
              person.email,
            ),
          );
        }
        if (same.accountRole !== person.accountRole) {
          found.push(
            error(
              file,
              [...path, 'accountRole'],
              'managed-user-account-role-mismatch',
              `member "${memberId}" has account role ${same.accountRole} in ${same.file}: one PagerDuty user has one account role`,
              same.accountRole,
              person.accountRole,
            ),
          );
        }
        if (same.name !== person.name) {
          found.push(
            warning(
              file,
              [...path, 'name'],
              'member-name-mismatch',
              `member "${memberId}" is named "${same.name}" in ${same.file}; the managed PagerDuty user takes the first`,
              'the same name in every team',
              JSON.stringify(person.name),
            ),
          );
        }
        continue;
      }
      byId.set(memberId, person);
      const email = person.email.toLowerCase();
      const other = byEmail.get(email);
      if (other && other.memberId !== memberId) {
        found.push(
          error(
            file,
            [...path, 'email'],
            'managed-user-email-two-ids',
            `${person.email} is member "${other.memberId}" in ${other.file}: PagerDuty allows one user per e-mail, so the same person needs the same member id in every team`,
            `member id "${other.memberId}"`,
            `"${memberId}"`,
          ),
        );
      }
      if (!other) byEmail.set(email, person);
    }
  }
  return found;
};
