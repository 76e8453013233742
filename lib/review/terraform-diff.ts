import { createHash } from 'node:crypto';
import { stateLocationChange } from './state-location';
import type { ChangeKind, DestructiveChange, ResourceChange, StackChange } from './types';

/** A synthesized stack: the parsed `cdk.tf.json`. */
export type StackJson = Record<string, unknown>;

/**
 * Attributes whose change makes Terraform destroy and re-create the resource (ForceNew in the
 * provider schema). Sources: shared/provider-notes.md — pagerduty_service_integration `service`
 * and `vendor`; datadog_monitor `type`; datadog_integration_pagerduty_service_object
 * `service_name`.
 */
const FORCE_NEW: Record<string, readonly string[]> = {
  pagerduty_service_integration: ['service', 'vendor'],
  datadog_monitor: ['type'],
  datadog_integration_pagerduty_service_object: ['service_name'],
};

/** Datadog reports "query alert" and "metric alert" interchangeably and the provider suppresses that diff. */
const EQUIVALENT_MONITOR_TYPES = new Set(['query alert', 'metric alert']);

/**
 * Resources whose removal loses what people rely on during an incident, and what exactly. Other
 * removals (monitors, memberships, orchestrations, integrations of a removed service) are not
 * destructive by this definition; the review lists them under the headline all the same.
 */
const REMOVAL_CONSEQUENCES: Record<string, string> = {
  pagerduty_schedule: 'the schedule, its overrides and on-call history are deleted (the delete fails while an escalation policy still targets it only)',
  pagerduty_escalation_policy: 'the escalation policy is deleted; services still using it cannot page anyone',
  pagerduty_service: 'the service, its incident history and its integration keys are deleted; alerts sent to it are lost',
  pagerduty_team: 'the PagerDuty team and its memberships are deleted; a re-created team gets a new id, so reports and filters on the old one are lost',
  datadog_integration_pagerduty_service_object: 'the `@pagerduty-<service>` handle is deleted; monitors that still mention it stop paging that service',
};

/** The headline's promise when nothing above happens, kept next to the definition it summarizes. */
export const NO_DESTRUCTIVE_CHANGES =
  "no PagerDuty service, escalation policy, schedule or team and no Datadog PagerDuty service object is removed or replaced, and no stack's Terraform state moves";

/** What a state move means, per stack (the review groups stacks whose locations differ alike). */
export const STATE_MOVED_CONSEQUENCE =
  'state location changes: run `terraform init -migrate-state` for each stack before deploying, otherwise every resource is created again';

const REPLACEMENT_CONSEQUENCES: Record<string, string> = {
  pagerduty_service_integration: 'a new integration key is issued; alerts sent with the old key are dropped until Datadog has the new one',
  datadog_monitor: 'the monitor gets a new id: its history, links, mutes and downtimes are lost',
  datadog_integration_pagerduty_service_object: 'the `@pagerduty-<service>` handle changes; monitors that still use the old handle stop paging',
};

/**
 * Canonical form for comparing and hashing: cdktf's `//` metadata (construct paths, versions,
 * stack names) dropped at every level, absolute paths of the synthesizing checkout made relative,
 * object keys sorted. Two checkouts of the same config then hash the same.
 */
export function canonicalize(value: unknown, roots: readonly string[] = []): unknown {
  if (typeof value === 'string') return roots.reduce((text, root) => (root ? text.split(root).join('.') : text), value);
  if (Array.isArray(value)) return value.map((item) => canonicalize(item, roots));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => key !== '//')
        .sort()
        .map((key) => [key, canonicalize((value as Record<string, unknown>)[key], roots)]),
    );
  }
  return value;
}

export const stackHash = (canonical: unknown) => createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);

export interface StackDiff {
  stacks: StackChange[];
  destructive: DestructiveChange[];
}

/** Compares two sets of canonical stacks resource by resource (type + logical id). */
export function diffStacks(base: ReadonlyMap<string, StackJson>, head: ReadonlyMap<string, StackJson>): StackDiff {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const stacks: StackChange[] = [];
  const destructive: DestructiveChange[] = [];
  for (const stack of names) {
    const before = base.get(stack);
    const after = head.get(stack);
    const baseHash = before ? stackHash(before) : undefined;
    const headHash = after ? stackHash(after) : undefined;
    if (baseHash === headHash) continue;
    const change: ChangeKind = !before ? 'added' : !after ? 'removed' : 'changed';
    const resources = diffResources(resourcesOf(before), resourcesOf(after));
    const stateLocation = before && after ? stateLocationChange(before, after) : undefined;
    const stackDestructive = [
      ...(stateLocation ? [{ stack, action: 'state-moved' as const, stateLocation, consequence: STATE_MOVED_CONSEQUENCE }] : []),
      ...resources.flatMap((resource) => destructiveChange(stack, resource)),
    ];
    destructive.push(...stackDestructive);
    stacks.push({ stack, change, baseHash, headHash, destructive: stackDestructive.length > 0, ...(stateLocation ? { stateLocation } : {}), resources });
  }
  const resourceKey = (change: DestructiveChange) => (change.resource ? `${change.resource.type}.${change.resource.logicalId}` : '');
  destructive.sort((a, b) => destructiveRank(a) - destructiveRank(b) || a.stack.localeCompare(b.stack) || resourceKey(a).localeCompare(resourceKey(b)));
  return { stacks, destructive };
}

type ResourceTable = Map<string, { type: string; logicalId: string; body: Record<string, unknown> }>;

function resourcesOf(stack: StackJson | undefined): ResourceTable {
  const table: ResourceTable = new Map();
  const resources = (stack?.resource ?? {}) as Record<string, Record<string, Record<string, unknown>>>;
  for (const type of Object.keys(resources)) {
    for (const logicalId of Object.keys(resources[type])) table.set(`${type}.${logicalId}`, { type, logicalId, body: resources[type][logicalId] });
  }
  return table;
}

function diffResources(before: ResourceTable, after: ResourceTable): ResourceChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: ResourceChange[] = [];
  for (const key of keys) {
    const old = before.get(key);
    const current = after.get(key);
    const { type, logicalId, body } = (current ?? old)!;
    const name = displayName(body);
    if (!old) changes.push({ action: 'added', type, logicalId, name });
    else if (!current) changes.push({ action: 'removed', type, logicalId, name: displayName(old.body) });
    else {
      const attributes = changedPaths(old.body, current.body, '');
      if (attributes.length === 0) continue;
      const forceNew = forceNewChanges(type, old.body, current.body);
      changes.push({ action: forceNew.length > 0 ? 'replaced' : 'changed', type, logicalId, name, attributes });
    }
  }
  return changes;
}

function forceNewChanges(type: string, before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return (FORCE_NEW[type] ?? []).filter((attribute) => {
    const [a, b] = [before[attribute], after[attribute]];
    if (type === 'datadog_monitor' && attribute === 'type' && EQUIVALENT_MONITOR_TYPES.has(String(a)) && EQUIVALENT_MONITOR_TYPES.has(String(b))) return false;
    return JSON.stringify(a) !== JSON.stringify(b);
  });
}

function destructiveChange(stack: string, change: ResourceChange): DestructiveChange[] {
  const resource = { type: change.type, logicalId: change.logicalId, name: change.name };
  if (change.action === 'removed' && REMOVAL_CONSEQUENCES[change.type]) {
    return [{ stack, action: 'removed', resource, consequence: REMOVAL_CONSEQUENCES[change.type] }];
  }
  if (change.action === 'replaced') {
    const attributes = (FORCE_NEW[change.type] ?? []).filter((a) => change.attributes?.includes(a));
    return [{ stack, action: 'replaced', resource, attributes, consequence: REPLACEMENT_CONSEQUENCES[change.type] ?? 'destroyed and created again' }];
  }
  return [];
}

/**
 * State moves first (every resource of the stack would be duplicated), then removed services
 * (incident history), escalation policies, schedules, service objects, teams, then replacements.
 */
function destructiveRank(change: DestructiveChange): number {
  if (change.action === 'state-moved') return -1;
  const order = ['pagerduty_service', 'pagerduty_escalation_policy', 'pagerduty_schedule', 'datadog_integration_pagerduty_service_object', 'pagerduty_team'];
  const index = order.indexOf(change.resource!.type);
  return change.action === 'removed' ? (index === -1 ? order.length : index) : order.length + 1;
}

function displayName(body: Record<string, unknown>): string | undefined {
  for (const key of ['name', 'service_name']) if (typeof body[key] === 'string') return body[key] as string;
  return undefined;
}

const MAX_PATHS = 12;

/** Attribute paths that differ, deepest common path first reported (`layer[1].users`), at most MAX_PATHS. */
export function changedPaths(before: unknown, after: unknown, path: string, found: string[] = []): string[] {
  if (found.length >= MAX_PATHS) return found;
  if (JSON.stringify(before) === JSON.stringify(after)) return found;
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = isPlainObject(before) && isPlainObject(after);
  if (bothArrays && before.length === after.length) {
    before.forEach((item, index) => changedPaths(item, after[index], `${path}[${index}]`, found));
  } else if (bothObjects) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      changedPaths(before[key], after[key], path ? `${path}.${key}` : key, found);
    }
  } else if (found.length < MAX_PATHS) found.push(path || '(whole resource)');
  return found;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
