import type { Finding } from '../lint/types';
import type { StateLocationChange } from './state-location';

/**
 * What `review --format json` prints: the same content as the Markdown comment, for bots. Every
 * list is in a stable order, so two runs over the same trees give byte-identical output.
 */
export interface Review {
  /** The HTML comment the PR workflow searches for to update its one comment in place. */
  marker: string;
  base: SideSummary;
  head: SideSummary;
  /** ISO date the rotation preview and lint window start at. */
  from: string;
  /** Removals and replacements that lose state or history in PagerDuty/Datadog, most important first. */
  destructive: DestructiveChange[];
  /** Teams whose resources or paging behaviour differ, by id. */
  teams: TeamReview[];
  /** Organization-level lint findings (about no current team, e.g. a runbook folder of a removed team). */
  organization: OrganizationReview;
  /** Stacks whose synthesized Terraform differs, by name: what CI plans and deploys. */
  stacks: StackChange[];
  /** True when lint ran on the working tree (findings are then compared with the base's). */
  lintAvailable: boolean;
}

export interface SideSummary {
  /** `origin/main`, a SHA, or "working tree". */
  label: string;
  /** Commit (or tree) id for a git ref; absent for the working tree. */
  objectId?: string;
  /** False when the base ref has no config folder: every team and stack counts as added. */
  configExists: boolean;
  /** Why this side's config could not be used (invalid at that ref); the review then treats it as empty. */
  problem?: string;
}

export type ChangeKind = 'added' | 'changed' | 'removed';

export interface DestructiveChange {
  stack: string;
  /**
   * `removed`; `replaced` when a force-new attribute changes (the resource is destroyed and created
   * again); `state-moved` when the stack's Terraform backend points elsewhere (its state must be
   * migrated before deploying, else every resource of the stack is created again).
   */
  action: 'removed' | 'replaced' | 'state-moved';
  /** The resource removed or replaced; absent for `state-moved`, which concerns the whole stack. */
  resource?: ResourceRef;
  /** Force-new attributes that changed (replacements only). */
  attributes?: string[];
  /** Where the stack's state is before and after (`state-moved` only). */
  stateLocation?: StateLocationChange;
  /** What an on-call team loses, in plain words. */
  consequence: string;
}

export interface ResourceRef {
  type: string;
  logicalId: string;
  /** Display name (`name` / `service_name` attribute) when the resource has one. */
  name?: string;
}

export interface ResourceChange extends ResourceRef {
  action: 'added' | 'changed' | 'replaced' | 'removed';
  /** Attribute paths that differ (changed / replaced), e.g. `layer[0].users`. */
  attributes?: string[];
}

export interface StackChange {
  stack: string;
  change: ChangeKind;
  /** Content hash of the synthesized stack, ignoring cdktf metadata; absent on the side without the stack. */
  baseHash?: string;
  headHash?: string;
  /** Any resource of this stack, or its state location, is listed in `destructive`. */
  destructive: boolean;
  /** The stack's Terraform backend points elsewhere at the head (see DestructiveChange `state-moved`). */
  stateLocation?: StateLocationChange;
  resources: ResourceChange[];
}

export interface TeamReview {
  id: string;
  name: string;
  change: ChangeKind;
  /** Stacks synthesized for this team (`team-<id>`). */
  stacks: string[];
  escalation: BeforeAfter<string[]>;
  routing: BeforeAfter<RoutingLine[]>;
  rotations: RotationsReview;
  lint: { introduced: Finding[]; fixed: Finding[] };
  /**
   * Findings of the change rules (base compared with head, e.g. a roster edited in place that
   * reshuffles turns), with their suggested config; shown first in the team's section.
   */
  changeFindings: Finding[];
}

export interface OrganizationReview {
  /**
   * Findings whose teamId names no team of that side (lint prints them under "(organization)"),
   * introduced and fixed, matched like a team's.
   */
  lint: { introduced: Finding[]; fixed: Finding[] };
  /** What to do about them, e.g. the runbooks folder a removed team left behind. */
  hints: string[];
}

/** `before` is absent for an added team, `after` for a removed one. */
export interface BeforeAfter<T> {
  before?: T;
  after?: T;
  changed: boolean;
}

export interface RoutingLine {
  severity: string;
  /** Pages through the escalation policy, or only notifies handles. */
  pages: boolean;
  /** Human sentence, the line shown in the Markdown diff. */
  text: string;
}

export interface RotationsReview {
  /** Turns in the preview window, per rotation. */
  before?: RotationPreview[];
  after?: RotationPreview[];
  changed: boolean;
  /** Mermaid gantt source for each side (the Markdown embeds them). */
  ganttBefore?: string;
  ganttAfter?: string;
}

export interface RotationPreview {
  id: string;
  name: string;
  timeZone: string;
  /** "24/7", or the coverage windows in local time. */
  hours: string;
  turns: Turn[];
}

export interface Turn {
  /** Member id and display name. */
  member: string;
  memberName: string;
  /** ISO instants (UTC, whole minutes), clipped to the preview window. */
  start: string;
  end: string;
}

export const REVIEW_MARKER = '<!-- oncall-as-code-review -->';
