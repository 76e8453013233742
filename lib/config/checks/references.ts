import type { Diagnostic } from '../diagnostics';
import { didYouMean } from '../did-you-mean';
import type { OrganizationConfig } from '../schema';
import { TEAM_CHAT } from '../schema/values';
import type { TeamFile } from '../load';
import { error, quoteList, type SemanticCheck } from './types';

/**
 * Every id a team file uses resolves: members, rotations, severities, derived rotations. Lookups
 * are own-property only: `constructor` is a valid id and must not resolve to Object.prototype's.
 */
export const checkReferences: SemanticCheck = ({ organization, teams }) => teams.flatMap((team) => checkTeamReferences(team, organization.config));

function unknown(file: string, path: (string | number)[], what: string, value: string, known: string[], code: string): Diagnostic {
  const hint = didYouMean(value, known);
  return error(
    file,
    path,
    code,
    `unknown ${what} "${value}"${hint ? `; did you mean "${hint}"?` : ''}`,
    known.length === 0 ? `a ${what} defined in this file` : known.length <= 12 ? `one of ${quoteList(known)}` : `a ${what} defined in this file`,
    `"${value}"`,
  );
}

function checkTeamReferences({ file, config }: TeamFile, organization: OrganizationConfig): Diagnostic[] {
  const found: Diagnostic[] = [];
  const memberIds = Object.keys(config.members);
  const rotationIds = Object.keys(config.rotations);

  const checkMemberList = (members: string[], path: (string | number)[]) => {
    const seen = new Set<string>();
    members.forEach((member, index) => {
      if (!Object.hasOwn(config.members, member)) found.push(unknown(file, [...path, index], 'member', member, memberIds, 'member-unknown'));
      if (seen.has(member))
        found.push(
          error(file, [...path, index], 'member-repeated', `"${member}" is listed twice in one rotation`, 'each member once per roster', `"${member}" again`),
        );
      seen.add(member);
    });
  };

  for (const [rotationId, rotation] of Object.entries(config.rotations)) {
    const path = ['rotations', rotationId];
    if (rotation.derivedFrom) {
      const inherited = (['members', 'rosters', 'start', 'turnLength', 'handoff', 'coverage', 'timeZone'] as const).filter(
        (key) => rotation[key] !== undefined,
      );
      for (const key of inherited) {
        found.push(
          error(
            file,
            [...path, key],
            'rotation-derived-override',
            `"${key}" is inherited from the rotation "${rotation.derivedFrom.rotation}" this one is derived from`,
            `no "${key}" on a derived rotation`,
            'a value',
          ),
        );
      }
      const base = Object.hasOwn(config.rotations, rotation.derivedFrom.rotation) ? config.rotations[rotation.derivedFrom.rotation] : undefined;
      if (rotation.derivedFrom.rotation === rotationId) {
        found.push(
          error(
            file,
            [...path, 'derivedFrom', 'rotation'],
            'rotation-derived-self',
            'a rotation cannot be derived from itself',
            'another rotation',
            `"${rotationId}"`,
          ),
        );
      } else if (!base) {
        found.push(unknown(file, [...path, 'derivedFrom', 'rotation'], 'rotation', rotation.derivedFrom.rotation, rotationIds, 'rotation-unknown'));
      } else if (base.derivedFrom) {
        found.push(
          error(
            file,
            [...path, 'derivedFrom', 'rotation'],
            'rotation-derived-chain',
            `"${rotation.derivedFrom.rotation}" is itself derived; derive from the rotation that lists members`,
            'a rotation with members',
            `a derived rotation`,
          ),
        );
      } else {
        const rosters = base.rosters ?? (base.members ? [{ members: base.members }] : []);
        for (const roster of rosters) {
          if (roster.members.length > 0 && rotation.derivedFrom.offsetTurns % roster.members.length === 0) {
            found.push(
              error(
                file,
                [...path, 'derivedFrom', 'offsetTurns'],
                'rotation-derived-overlap',
                `with ${roster.members.length} member(s) an offset of ${rotation.derivedFrom.offsetTurns} turns puts the same person on both rotations at once`,
                `an offset that is not a multiple of ${roster.members.length}`,
                String(rotation.derivedFrom.offsetTurns),
              ),
            );
            break;
          }
        }
      }
      continue;
    }
    if (rotation.members && rotation.rosters) {
      found.push(
        error(file, [...path, 'rosters'], 'rotation-members-and-rosters', 'give either members or rosters, not both', 'one of members, rosters', 'both'),
      );
    } else if (!rotation.members && !rotation.rosters) {
      found.push(error(file, path, 'rotation-members-missing', `rotation "${rotationId}" has nobody in it`, 'members (or rosters, or derivedFrom)', 'nothing'));
    }
    if (!rotation.start)
      found.push(
        error(
          file,
          [...path, 'start'],
          'rotation-start-missing',
          `rotation "${rotationId}" needs the date of its first handoff`,
          'a date YYYY-MM-DD',
          'nothing',
        ),
      );
    if (rotation.members) checkMemberList(rotation.members, [...path, 'members']);
    rotation.rosters?.forEach((roster, index) => checkMemberList(roster.members, [...path, 'rosters', index, 'members']));
  }

  config.followTheSun?.forEach((rotationId, index) => {
    if (!Object.hasOwn(config.rotations, rotationId))
      found.push(unknown(file, ['followTheSun', index], 'rotation', rotationId, rotationIds, 'rotation-unknown'));
    if (config.followTheSun!.indexOf(rotationId) !== index)
      found.push(
        error(file, ['followTheSun', index], 'rotation-repeated', `"${rotationId}" is listed twice`, 'each region rotation once', `"${rotationId}" again`),
      );
  });

  config.escalation.levels.forEach((level, levelIndex) => {
    const seen = new Set<string>();
    level.targets.forEach((target, targetIndex) => {
      const path = ['escalation', 'levels', levelIndex, 'targets', targetIndex];
      const key = 'rotation' in target ? `rotation:${target.rotation}` : `user:${target.user}`;
      if (seen.has(key))
        found.push(error(file, path, 'escalation-target-repeated', `${key} is targeted twice on one level`, 'each target once per level', key));
      seen.add(key);
      if ('rotation' in target && !Object.hasOwn(config.rotations, target.rotation))
        found.push(unknown(file, [...path, 'rotation'], 'rotation', target.rotation, rotationIds, 'rotation-unknown'));
      if ('user' in target && !Object.hasOwn(config.members, target.user))
        found.push(unknown(file, [...path, 'user'], 'member', target.user, memberIds, 'member-unknown'));
    });
  });

  const severities = new Map(organization.severities.map((s) => [s.id, s]));
  const severityIds = [...severities.keys()];
  for (const [serviceId, service] of Object.entries(config.services)) {
    for (const [monitorId, monitor] of Object.entries(service.monitors)) {
      const path = ['services', serviceId, 'monitors', monitorId, 'severity'];
      const severity = severities.get(monitor.severity);
      if (!severity) {
        found.push(unknown(file, path, 'severity', monitor.severity, severityIds, 'severity-unknown'));
        continue;
      }
      if (severity.notify.includes(TEAM_CHAT) && !config.chatHandle) {
        found.push(
          error(
            file,
            path,
            'team-chat-missing',
            `severity "${severity.id}" notifies the team chat, but the team has no chatHandle`,
            'chatHandle at the top of the file, e.g. @slack-team-alerts',
            'nothing',
          ),
        );
      }
      if (severity.paging && severity.urgency === 'support-hours' && !service.supportHours) {
        found.push(
          error(
            file,
            path,
            'support-hours-missing',
            `severity "${severity.id}" follows support hours, but service "${serviceId}" has no supportHours`,
            'supportHours on the service',
            'nothing',
          ),
        );
      }
    }
  }
  return found;
}
