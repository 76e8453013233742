import { resolve } from 'node:path';
import type { LoadedConfig, TeamFile } from '../config/load';
import { escalationPolicyName } from '../config/names';
import { parseRunbookReference } from '../config/checks/runbook-paths';
import type { MonitorConfig, OrganizationConfig, ServiceConfig, TeamConfig } from '../config/schema';
import { businessHoursServiceFor } from './paging-targets';
import { buildRotations } from './rotations';
import type { EscalationModel, MonitorModel, OrgModel, RunbookLinkModel, ServiceModel, SeverityModel, TeamModel } from './types';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Builds the resolved model from config that passed validation (references are trusted here). */
export function buildModel(config: LoadedConfig): OrgModel {
  const org = config.organization.config;
  const severities: SeverityModel[] = org.severities.map((severity, rank) => ({ ...severity, rank }));
  const unclassifiedId = org.unclassifiedSeverity ?? defaultUnclassifiedSeverity(severities).id;
  return {
    name: org.name,
    severities,
    unclassifiedSeverity: severities.find((s) => s.id === unclassifiedId)!,
    runbooks: { ...org.runbooks, root: resolve(config.root) },
    pagerduty: org.pagerduty,
    datadog: org.datadog,
    backend: org.backend,
    lint: org.lint,
    teams: config.teams.map((team) => buildTeam(team, org, severities)).sort(byId),
  };
}

/**
 * The level for events PagerDuty cannot classify when config names none: the second level ("default
 * to SEV2 until classified"), or the first if only one exists. Such events always page (catch-all),
 * so a level that does not page cannot be the default: then the most severe paging level is taken.
 */
export function defaultUnclassifiedSeverity<T extends { paging: boolean }>(severities: readonly T[]): T {
  const second = severities[Math.min(1, severities.length - 1)];
  return second.paging ? second : (severities.find((s) => s.paging) ?? second);
}

function buildTeam({ id, file, config }: TeamFile, org: OrganizationConfig, severities: SeverityModel[]): TeamModel {
  return {
    id,
    file,
    name: config.name,
    description: config.description,
    timeZone: config.timeZone,
    chatHandle: config.chatHandle,
    members: Object.entries(config.members)
      .map(([memberId, member]) => ({ ...member, id: memberId }))
      .sort(byId),
    rotations: buildRotations(config, org),
    followTheSun: config.followTheSun,
    escalation: buildEscalation(config, org),
    services: Object.entries(config.services)
      .map(([serviceId, service]) => buildService(id, config, serviceId, service, org, severities))
      .sort(byId),
  };
}

function buildEscalation(team: TeamConfig, org: OrganizationConfig): EscalationModel {
  return {
    name: escalationPolicyName(team),
    repeats: team.escalation.repeats ?? org.defaults.escalationRepeats,
    levels: team.escalation.levels.map((level, index) => ({
      level: index + 1,
      name: level.name ?? `level ${index + 1}`,
      delayMinutes: level.delayMinutes ?? org.defaults.escalationDelayMinutes,
      targets: level.targets.map((target) =>
        'rotation' in target ? { kind: 'rotation' as const, rotationId: target.rotation } : { kind: 'user' as const, memberId: target.user },
      ),
    })),
  };
}

function buildService(
  teamId: string,
  team: TeamConfig,
  id: string,
  service: ServiceConfig,
  org: OrganizationConfig,
  severities: SeverityModel[],
): ServiceModel {
  const severityById = new Map(severities.map((s) => [s.id, s]));
  const monitors = Object.entries(service.monitors)
    .map(([monitorId, monitor]) => buildMonitor(teamId, id, monitorId, monitor, severityById.get(monitor.severity)!, org))
    .sort(byId);
  const pagingSeverities = [...new Set(monitors.map((m) => m.severity))].filter((s) => s.paging).sort((a, b) => a.rank - b.rank);
  const autoResolve = pagingSeverities.map((s) => s.autoResolveHours).filter((h): h is number => typeof h === 'number');
  const datadogServiceName = `${teamId}-${id}`;
  return {
    id,
    name: service.name,
    description: service.description,
    supportHours: service.supportHours && { ...service.supportHours, timeZone: service.supportHours.timeZone ?? team.timeZone },
    acknowledgementTimeoutSeconds: acknowledgementTimeoutSeconds(service, pagingSeverities),
    autoResolveTimeoutSeconds:
      service.autoResolveTimeoutMinutes !== undefined
        ? minutesToSeconds(service.autoResolveTimeoutMinutes)
        : autoResolve.length > 0
          ? Math.min(...autoResolve) * 3600
          : null,
    alertGrouping: service.alertGrouping,
    monitors,
    pagingSeverities,
    datadogServiceName,
    businessHoursService: businessHoursServiceFor({ name: service.name, datadogServiceName, pagingSeverities }),
  };
}

const minutesToSeconds = (minutes: number | null) => (minutes === null ? null : minutes * 60);

/**
 * PagerDuty's acknowledgement timeout (an acknowledged incident re-triggers after it): the
 * service's own setting, else the shortest `acknowledgementTimeoutMinutes` among its paging
 * severities that set one (null, "never", only when all of those set null), else the shortest
 * non-zero `renotifyMinutes` as before that field existed, else none.
 */
function acknowledgementTimeoutSeconds(service: ServiceConfig, pagingSeverities: SeverityModel[]): number | null {
  if (service.acknowledgementTimeoutMinutes !== undefined) return minutesToSeconds(service.acknowledgementTimeoutMinutes);
  const chosen = pagingSeverities.map((s) => s.acknowledgementTimeoutMinutes).filter((m) => m !== undefined);
  if (chosen.length > 0) {
    const minutes = chosen.filter((m): m is number => m !== null);
    return minutes.length > 0 ? Math.min(...minutes) * 60 : null;
  }
  const renotify = pagingSeverities.map((s) => s.renotifyMinutes).filter((m) => m > 0);
  return renotify.length > 0 ? Math.min(...renotify) * 60 : null;
}

function buildMonitor(teamId: string, serviceId: string, id: string, monitor: MonitorConfig, severity: SeverityModel, org: OrganizationConfig): MonitorModel {
  const tags = new Set([...org.datadog.tags, ...monitor.tags, `team:${teamId}`, `service:${serviceId}`, `severity:${severity.id.toLowerCase()}`]);
  return {
    id,
    name: monitor.name,
    title: `[${severity.id}] ${monitor.name}`,
    type: monitor.type,
    query: monitor.query.trim(),
    thresholds: monitor.thresholds,
    severity,
    runbook: monitor.runbook ? runbookLink(org.runbooks.baseUrl, monitor.runbook) : undefined,
    message: monitor.message?.trim(),
    tags: [...tags].sort(),
    noData: monitor.noData,
  };
}

export function runbookLink(baseUrl: string, reference: string): RunbookLinkModel {
  const { path, anchor } = parseRunbookReference(reference);
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return { path, anchor, url: `${base}${encoded}${anchor ? `#${encodeURIComponent(anchor)}` : ''}` };
}
