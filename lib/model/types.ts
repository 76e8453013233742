import type { BackendConfig, HoursWindowConfig, MemberConfig, MonitorConfig, OrganizationConfig, SeverityConfig, Weekday } from '../config/schema';

/**
 * The resolved, provider-free picture of the organization: every reference resolved, every
 * default applied, every list in a stable order (by id, or by meaning where order matters).
 * Constructs, lint rules and reports all read this; none of them re-read config.
 */
export interface OrgModel {
  name: string;
  /** Most severe first. */
  severities: SeverityModel[];
  /** What PagerDuty applies to events it cannot classify. */
  unclassifiedSeverity: SeverityModel;
  runbooks: OrganizationConfig['runbooks'] & { root: string };
  pagerduty: OrganizationConfig['pagerduty'];
  datadog: OrganizationConfig['datadog'];
  backend: BackendConfig;
  lint: OrganizationConfig['lint'];
  /** Sorted by id. */
  teams: TeamModel[];
}

export interface SeverityModel extends SeverityConfig {
  /** 0 for the most severe level. */
  rank: number;
}

export interface PersonModel extends MemberConfig {
  id: string;
}

export interface TeamModel {
  id: string;
  /** Config file the team came from, relative to the repository root. */
  file: string;
  name: string;
  description: string;
  timeZone: string;
  chatHandle?: string;
  /** Sorted by id. */
  members: PersonModel[];
  /** Sorted by id. */
  rotations: RotationModel[];
  followTheSun?: string[];
  escalation: EscalationModel;
  /** Sorted by id. */
  services: ServiceModel[];
}

/** A PagerDuty schedule layer restriction, in the schedule's time zone. */
export interface RestrictionModel {
  type: 'daily_restriction' | 'weekly_restriction';
  /** HH:MM:SS */
  startTimeOfDay: string;
  durationSeconds: number;
  /** 1 = Monday ... 7 = Sunday (ISO 8601, as PagerDuty). Weekly only. */
  startDayOfWeek?: number;
}

/** One roster version: a PagerDuty schedule layer. */
export interface LayerModel {
  /** RFC 3339 with the zone's offset, whole minutes. */
  start: string;
  /** Absent for the current, open-ended roster. */
  end?: string;
  /** Anchor of the turn sequence: turn k (k may be negative) starts k turns after it, local handoff time. */
  rotationVirtualStart: string;
  /** Member ids in rotation order; the first is on call in the turn starting at rotationVirtualStart. */
  members: string[];
}

export interface RotationModel {
  id: string;
  name: string;
  description: string;
  timeZone: string;
  /** As written (`1w`), and in seconds for PagerDuty's rotation_turn_length_seconds. */
  turnLength: string;
  turnSeconds: number;
  handoff: { day: Weekday; time: string };
  /** Coverage windows as configured; empty means 24/7. */
  coverage: HoursWindowConfig[];
  restrictions: RestrictionModel[];
  /** Oldest first. */
  layers: LayerModel[];
  /**
   * The roster history exactly as config writes it (absent on derived rotations): layers hold the
   * same lists rotated to continue the order, but tools that suggest config edits (review of roster
   * changes) must quote what the person wrote.
   */
  written?: WrittenRosters;
  derivedFrom?: { rotation: string; offsetTurns: number };
}

export interface WrittenRosters {
  /** `members` (one list, effective from the first handoff) or `rosters` (a history). */
  field: 'members' | 'rosters';
  /** Oldest first; `effectiveFrom` is YYYY-MM-DDTHH:MM in the rotation's zone (the first handoff for `members`). */
  rosters: { effectiveFrom: string; members: string[] }[];
}

export type EscalationTargetModel = { kind: 'rotation'; rotationId: string } | { kind: 'user'; memberId: string };

export interface EscalationLevelModel {
  /** 1-based, as people say "level 1". */
  level: number;
  name: string;
  delayMinutes: number;
  targets: EscalationTargetModel[];
}

export interface EscalationModel {
  name: string;
  repeats: number;
  levels: EscalationLevelModel[];
}

export interface SupportHoursModel {
  days: Weekday[];
  /** HH:MM */
  from: string;
  to: string;
  timeZone: string;
}

export interface RunbookLinkModel {
  /** As written in config, relative to the runbooks directory, without the anchor. */
  path: string;
  anchor?: string;
  /** Absolute URL: org base URL + path + #anchor. */
  url: string;
}

export interface MonitorModel {
  id: string;
  /** Name as configured. */
  name: string;
  /** Name as emitted: `[SEV1] <name>`; PagerDuty event orchestration matches the prefix. */
  title: string;
  type: MonitorConfig['type'];
  query: string;
  thresholds?: MonitorConfig['thresholds'];
  severity: SeverityModel;
  runbook?: RunbookLinkModel;
  message?: string;
  /** Config tags plus org tags plus team:, service:, severity:, sorted and de-duplicated. */
  tags: string[];
  noData?: MonitorConfig['noData'];
}

export interface ServiceModel {
  id: string;
  name: string;
  description: string;
  supportHours?: SupportHoursModel;
  /** Seconds, or null for "disabled". Never undefined: PagerDuty's own defaults are a silent policy. */
  acknowledgementTimeoutSeconds: number | null;
  autoResolveTimeoutSeconds: number | null;
  alertGrouping?: { type: 'intelligent' | 'time' | 'content-based'; timeoutMinutes?: number; fields?: string[]; aggregate?: 'all' | 'any' };
  /** Sorted by id. */
  monitors: MonitorModel[];
  /** Distinct paging severities of its monitors, most severe first. */
  pagingSeverities: SeverityModel[];
  /** Datadog PagerDuty service object name; monitors notify `@pagerduty-<this>`. */
  datadogServiceName: string;
  /**
   * The second PagerDuty service that this service's support-hours monitors page; present only
   * when it has such monitors. PagerDuty's `use_support_hours` urgency rule (high inside support
   * hours, low outside, raised to high when they start) applies to a whole service, so those
   * levels get a service of their own (`lib/model/paging-targets.ts`, docs/synth.md).
   */
  businessHoursService?: BusinessHoursServiceModel;
}

export interface BusinessHoursServiceModel {
  /** `<service name> (business hours)`. */
  name: string;
  /** `<datadogServiceName>-business-hours`: support-hours monitors notify `@pagerduty-<this>`. */
  datadogServiceName: string;
  /** The support-hours paging levels routed to it, most severe first. */
  severities: SeverityModel[];
}
