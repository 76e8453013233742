import { didYouMean } from '../config/did-you-mean';
import type { MonitorModel, OrgModel, ServiceModel, TeamModel } from '../model/types';

export interface MonitorLocation {
  team: TeamModel;
  service: ServiceModel;
  monitor: MonitorModel;
}

/**
 * Finds a team's monitor from what a person types: `<service>/<monitor>`, or just `<monitor>`
 * when only one service of the team has a monitor with that id. Errors say what exists.
 */
export function findMonitor(model: OrgModel, teamId: string, reference: string): { found?: MonitorLocation; error?: string } {
  const team = model.teams.find((t) => t.id === teamId);
  if (!team) {
    const suggestion = didYouMean(
      teamId,
      model.teams.map((t) => t.id),
    );
    return { error: `no team "${teamId}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; teams: ${model.teams.map((t) => t.id).join(', ')}` };
  }
  const all = team.services.flatMap((service) => service.monitors.map((monitor) => ({ team, service, monitor })));
  const labels = all.map(({ service, monitor }) => `${service.id}/${monitor.id}`);
  const slash = reference.indexOf('/');
  const matches =
    slash === -1
      ? all.filter(({ monitor }) => monitor.id === reference)
      : all.filter(({ service, monitor }) => service.id === reference.slice(0, slash) && monitor.id === reference.slice(slash + 1));
  if (matches.length === 1) return { found: matches[0] };
  if (matches.length > 1) {
    return {
      error: `monitor "${reference}" exists in several services of team ${team.id}; name one: ${matches.map(({ service, monitor }) => `${service.id}/${monitor.id}`).join(', ')}`,
    };
  }
  const suggestion = didYouMean(reference, slash === -1 ? all.map(({ monitor }) => monitor.id) : labels);
  return {
    error: `team ${team.id} has no monitor "${reference}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; its monitors: ${labels.length > 0 ? labels.join(', ') : 'none'}`,
  };
}
