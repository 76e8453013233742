import { Construct } from 'constructs';
import { DataPagerdutyPriority } from '@cdktf/provider-pagerduty/lib/data-pagerduty-priority';
import {
  businessHoursConstructId,
  ESCALATION_CONSTRUCT_ID,
  monitorConstructId,
  priorityConstructId,
  scheduleConstructId,
  serviceConstructId,
  TEAM_CONSTRUCT_ID,
  USERS_CONSTRUCT_ID,
} from '../config/construct-ids';
import { pagingTargetOf } from '../model/paging-targets';
import type { ServiceModel, SeverityModel, TeamModel } from '../model/types';
import { EscalationPolicy } from './escalation-policy';
import { PagedService } from './paged-service';
import { RotationSchedule } from './rotation-schedule';
import { RunbookMonitor } from './runbook-monitor';
import { PagerDutyTeam } from './team';
import { LookedUpUsers, managedUserDirectory, type ManagedUsers, type UserDirectory } from './users';
import { requireProp } from './validation';

/** Where a team's PagerDuty users come from. */
export type UserSource = { readonly kind: 'lookup' } | { readonly kind: 'managed'; readonly users: ManagedUsers };

export interface TeamOnCallProps {
  readonly team: TeamModel;
  /** The organization's level for events PagerDuty cannot classify. */
  readonly unclassifiedSeverity: SeverityModel;
  /** PagerDuty vendor id of the Datadog integration. */
  readonly datadogVendorId: string;
  /** Default: look users up by email in this stack. */
  readonly users?: UserSource;
}

/**
 * Everything one team needs to be paged: PagerDuty team and memberships, one schedule per
 * rotation, the escalation policy, and per service the PagerDuty service (with its Datadog link
 * and severity routing), its business-hours service when support-hours levels page it, and its
 * Datadog monitors. Construct ids come from config ids only, so renaming or reordering anything
 * in config never changes a Terraform address.
 */
export class TeamOnCall extends Construct {
  public readonly pagerdutyTeam: PagerDutyTeam;
  public readonly users: UserDirectory;
  /** By rotation id. */
  public readonly schedules: Readonly<Record<string, RotationSchedule>>;
  public readonly escalationPolicy: EscalationPolicy;
  /** PagerDuty priority data sources by priority name (one per distinct name). */
  public readonly priorities: Readonly<Record<string, DataPagerdutyPriority>>;
  /** By service id. */
  public readonly services: Readonly<Record<string, PagedService>>;
  /** By service id, for services whose support-hours monitors page a business-hours service. */
  public readonly businessHoursServices: Readonly<Record<string, PagedService>>;
  /** By `<service id>/<monitor id>`. */
  public readonly monitors: Readonly<Record<string, RunbookMonitor>>;

  constructor(scope: Construct, id: string, props: TeamOnCallProps) {
    super(scope, id);
    const { team } = props;
    const source = props.users ?? { kind: 'lookup' };
    requireProp(team.members.length > 0, this.node.path, `team "${team.id}" has no members`);

    this.users = source.kind === 'lookup' ? new LookedUpUsers(this, USERS_CONSTRUCT_ID, { members: team.members }) : managedUserDirectory(source.users);
    this.pagerdutyTeam = new PagerDutyTeam(this, TEAM_CONSTRUCT_ID, {
      name: team.name,
      description: team.description,
      members: team.members,
      users: this.users,
    });
    const teamId = this.pagerdutyTeam.teamId;

    const schedules: Record<string, RotationSchedule> = {};
    for (const rotation of team.rotations) {
      schedules[rotation.id] = new RotationSchedule(this, scheduleConstructId(rotation.id), { rotation, users: this.users, teamId });
    }
    this.schedules = schedules;

    this.escalationPolicy = new EscalationPolicy(this, ESCALATION_CONSTRUCT_ID, {
      escalation: team.escalation,
      scheduleIds: Object.fromEntries(Object.entries(schedules).map(([rotationId, s]) => [rotationId, s.scheduleId])),
      users: this.users,
      teamId,
      description: `How ${team.name} incidents escalate. Managed by oncall-as-code; edit ${team.file}, not the PagerDuty UI.`,
    });

    this.priorities = this.lookUpPriorities(team, props.unclassifiedSeverity);
    const priorityId = (name: string) => {
      const priority = this.priorities[name];
      requireProp(priority !== undefined, this.node.path, `PagerDuty priority "${name}" was not looked up`);
      return priority.id;
    };

    const services: Record<string, PagedService> = {};
    const businessHoursServices: Record<string, PagedService> = {};
    const monitors: Record<string, RunbookMonitor> = {};
    const serviceProps = (service: ServiceModel) => ({
      service,
      escalationPolicyId: this.escalationPolicy.policyId,
      unclassifiedSeverity: props.unclassifiedSeverity,
      priorityId,
      datadogVendorId: props.datadogVendorId,
    });
    for (const service of team.services) {
      const main = new PagedService(this, serviceConstructId(service.id), serviceProps(service));
      services[service.id] = main;
      let businessHours: PagedService | undefined;
      if (service.businessHoursService) {
        const id = businessHoursConstructId(service.id);
        requireProp(
          !team.services.some((other) => serviceConstructId(other.id) === id),
          this.node.path,
          `service "${service.id}" needs construct "${id}" for its business-hours service, but a service id already gives that name; rename one of the services`,
        );
        businessHours = new PagedService(this, id, { ...serviceProps(service), kind: 'business-hours' });
        businessHoursServices[service.id] = businessHours;
      }
      for (const monitor of service.monitors) {
        const target = pagingTargetOf(service, monitor.severity);
        const paged = target ? (target.businessHours ? businessHours : main) : undefined;
        monitors[`${service.id}/${monitor.id}`] = new RunbookMonitor(this, monitorConstructId(service.id, monitor.id), {
          monitor,
          team: { id: team.id, name: team.name, chatHandle: team.chatHandle },
          service: { id: service.id, name: service.name },
          pagerdutyHandle: paged?.pagerdutyHandle,
          dependsOn: paged ? [paged.datadogServiceObject] : undefined,
        });
      }
    }
    this.services = services;
    this.businessHoursServices = businessHoursServices;
    this.monitors = monitors;
  }

  /** One `data "pagerduty_priority"` per distinct priority name the team's services can set. */
  private lookUpPriorities(team: TeamModel, unclassified: SeverityModel): Record<string, DataPagerdutyPriority> {
    const names = new Set<string>();
    for (const service of team.services) {
      for (const severity of [...service.pagingSeverities, unclassified]) if (severity.pagerdutyPriority) names.add(severity.pagerdutyPriority);
    }
    const priorities: Record<string, DataPagerdutyPriority> = {};
    for (const name of [...names].sort()) {
      priorities[name] = new DataPagerdutyPriority(this, priorityConstructId(name), { name });
    }
    return priorities;
  }
}
