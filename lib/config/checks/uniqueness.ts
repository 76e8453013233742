import type { Diagnostic } from '../diagnostics';
import { businessHoursServiceName, collisionKey, escalationPolicyName, scheduleName } from '../names';
import { error, type SemanticCheck } from './types';

interface NameUse {
  file: string;
  path: (string | number)[];
  name: string;
  /** Derived from the team name (no explicit name set): a clash is reported on the team name. */
  derived?: boolean;
}

/**
 * Names PagerDuty requires to be unique in the account (teams, services, escalation policies)
 * and names people must be able to tell apart on a phone at 3 am (schedules) are unique across
 * the whole organization, compared the way a human reads them.
 */
export const checkUniqueness: SemanticCheck = ({ teams, organization }) => {
  const found: Diagnostic[] = [];
  const supportHoursSeverities = new Set(organization.config.severities.filter((s) => s.paging && s.urgency === 'support-hours').map((s) => s.id));
  const kinds: Record<string, NameUse[]> = { team: [], service: [], 'escalation policy': [], schedule: [] };
  for (const { file, config } of teams) {
    kinds.team.push({ file, path: ['name'], name: config.name });
    kinds['escalation policy'].push({
      file,
      path: config.escalation.name ? ['escalation', 'name'] : ['name'],
      name: escalationPolicyName(config),
      derived: !config.escalation.name,
    });
    for (const rotationId of Object.keys(config.rotations)) {
      const named = Boolean(config.rotations[rotationId].name);
      kinds.schedule.push({
        file,
        path: named ? ['rotations', rotationId, 'name'] : ['rotations', rotationId],
        name: scheduleName(config, rotationId),
        derived: !named,
      });
    }
    for (const [serviceId, service] of Object.entries(config.services)) {
      kinds.service.push({ file, path: ['services', serviceId, 'name'], name: service.name });
      // Services paged by a support-hours severity get a sibling PagerDuty service with this name.
      if (Object.values(service.monitors).some((m) => supportHoursSeverities.has(m.severity))) {
        kinds.service.push({ file, path: ['services', serviceId, 'name'], name: businessHoursServiceName(service.name) });
      }
    }
  }
  // Checked first, so default names built from a clashing team name are not reported again.
  const teamNameClash = new Set<string>();
  for (const [kind, uses] of Object.entries(kinds)) {
    const first = new Map<string, NameUse>();
    for (const use of uses) {
      const key = collisionKey(use.name);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, use);
        continue;
      }
      if (kind === 'team') teamNameClash.add(use.file);
      else if (use.derived && earlier.derived && teamNameClash.has(use.file)) continue;
      const lookAlike = earlier.name !== use.name;
      found.push(
        error(
          use.file,
          use.path,
          `${kind.replace(/ /g, '-')}-name-duplicate`,
          `${kind} name "${use.name}" ${lookAlike ? 'looks the same as' : 'is already used by'} "${earlier.name}" in ${earlier.file}`,
          `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} name unique in the organization (compared ignoring case${lookAlike ? ' and look-alike characters' : ''})`,
          JSON.stringify(use.name),
        ),
      );
    }
  }

  for (const { file, config } of teams) {
    const inTeam = new Map<string, string>();
    for (const [memberId, member] of Object.entries(config.members)) {
      const email = member.email.toLowerCase();
      const twin = inTeam.get(email);
      if (twin)
        found.push(
          error(
            file,
            ['members', memberId, 'email'],
            'member-email-duplicate',
            `"${memberId}" has the same email as "${twin}"`,
            'one member id per person',
            member.email,
          ),
        );
      inTeam.set(email, memberId);
    }
  }
  return found;
};
