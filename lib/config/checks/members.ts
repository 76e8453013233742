import type { Diagnostic } from '../diagnostics';
import type { TeamFile } from '../load';
import { FORCED_TEAM_ROLE } from '../schema/values';
import { error, warning, type SemanticCheck } from './types';

/**
 * PagerDuty team roles (Advanced Permissions, "Team Roles": https://support.pagerduty.com/docs/advanced-permissions
 * and https://support.pagerduty.com/docs/team-based-permissions): a Manager administers the team's
 * services, schedules and escalation policies, a Responder responds to the team's incidents, an
 * Observer only has read access to them. Someone put on call as an observer is paged but cannot
 * acknowledge, so every page to them runs out its escalation delay unanswered.
 */
export const checkObserversOnCall: SemanticCheck = ({ teams }) => teams.flatMap(observersOnCall);

function observersOnCall({ file, config }: TeamFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  const refuse = (memberId: string, path: (string | number)[], where: string) => {
    if (!Object.hasOwn(config.members, memberId) || config.members[memberId].role !== 'observer') return;
    found.push(
      error(
        file,
        path,
        'observer-on-call',
        `"${memberId}" has the PagerDuty team role observer (read-only) but is ${where}: an observer cannot acknowledge or resolve the team's incidents, so their pages go unanswered; make them a responder or take them off`,
        'a member with role responder or manager',
        `"${memberId}" (role: observer)`,
      ),
    );
  };
  for (const [rotationId, rotation] of Object.entries(config.rotations)) {
    const path = ['rotations', rotationId];
    rotation.members?.forEach((memberId, index) => refuse(memberId, [...path, 'members', index], `in rotation "${rotationId}"`));
    rotation.rosters?.forEach((roster, rosterIndex) =>
      roster.members.forEach((memberId, index) => refuse(memberId, [...path, 'rosters', rosterIndex, 'members', index], `in rotation "${rotationId}"`)),
    );
  }
  config.escalation.levels.forEach((level, levelIndex) =>
    level.targets.forEach((target, targetIndex) => {
      if ('user' in target)
        refuse(target.user, ['escalation', 'levels', levelIndex, 'targets', targetIndex, 'user'], `an escalation target on level ${levelIndex + 1}`);
    }),
  );
  return found;
}

/**
 * In `lookup` mode every member is found with `data.pagerduty_user`, which matches the email
 * exactly, case-sensitively (terraform-provider-pagerduty issue #442, provider-notes). A mismatch
 * fails only at plan, far from this line; mixed case is the usual cause, so it is pointed out here.
 */
export const checkEmailCase: SemanticCheck = ({ organization, teams }) => {
  if (organization.config.pagerduty.users !== 'lookup') return [];
  const found: Diagnostic[] = [];
  for (const { file, config } of teams) {
    for (const [memberId, member] of Object.entries(config.members)) {
      if (member.email === member.email.toLowerCase()) continue;
      found.push(
        warning(
          file,
          ['members', memberId, 'email'],
          'member-email-case',
          'the PagerDuty user lookup by email is case-sensitive (provider issue #442): make sure it matches PagerDuty exactly',
          'the address exactly as PagerDuty stores it (usually all lower case)',
          JSON.stringify(member.email),
        ),
      );
    }
  }
  return found;
};

/**
 * PagerDuty forces the team role of owners, admins and stakeholders (FORCED_TEAM_ROLE, with its
 * sources); terraform-provider-pagerduty v3.30.8 (pagerdutyplugin/resource_pagerduty_team_membership.go,
 * requestGetTeamMembership) reads the membership back after create/update and retries for two
 * minutes while the role differs from the configured one, then fails: `Role "manager" fetched is
 * different from configuration "responder"`. So such a combination is refused here, where the line
 * can be shown. (With lookup users whose accountRole is not declared, a postcondition on the user
 * lookup catches it at plan: lib/constructs/users.ts.)
 */
export const checkTeamRoleForAccountRole: SemanticCheck = ({ teams }) => {
  const found: Diagnostic[] = [];
  for (const { file, config } of teams) {
    for (const [memberId, member] of Object.entries(config.members)) {
      const forced = member.accountRole === undefined ? undefined : FORCED_TEAM_ROLE[member.accountRole];
      if (forced === undefined || member.role === forced) continue;
      found.push(
        error(
          file,
          ['members', memberId, 'role'],
          'team-role-forced-by-account-role',
          `"${memberId}" has the PagerDuty account role ${member.accountRole}, whose team role PagerDuty always sets to ${forced}: the team membership would fail at apply ("Role ... fetched is different from configuration")`,
          `role: ${forced}`,
          `role: ${member.role}`,
        ),
      );
    }
  }
  return found;
};
