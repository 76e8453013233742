import type { StackJson } from './terraform-diff';

/**
 * Where a stack's Terraform state lives, read from its synthesized `terraform.backend` /
 * `terraform.cloud` block. A different location at the head means Terraform there starts from
 * empty state (CI initialises a fresh runner) and would create every resource a second time,
 * unless the state is migrated first.
 */
export interface StateLocation {
  /** Backend type: local, s3, remote, cloud, ... */
  type: string;
  /** The backend's settings without those that only say how state is locked or encrypted. */
  settings: Record<string, unknown>;
}

export interface StateLocationChange {
  before: string;
  after: string;
}

/**
 * Settings that change how state is locked or encrypted at rest, not where it is: changing them
 * needs no migration (a fresh CI runner initialises with the new ones).
 */
const NOT_LOCATION = new Set(['encrypt', 'kms_key_id', 'dynamodb_table', 'use_lockfile']);

export function stateLocationOf(stack: StackJson): StateLocation | undefined {
  const terraform = (stack.terraform ?? {}) as Record<string, unknown>;
  if (isObject(terraform.cloud)) return { type: 'cloud', settings: terraform.cloud };
  const backend = isObject(terraform.backend) ? terraform.backend : {};
  const [type] = Object.keys(backend);
  if (!type || !isObject(backend[type])) return undefined;
  const settings = Object.fromEntries(Object.entries(backend[type] as Record<string, unknown>).filter(([key]) => !NOT_LOCATION.has(key)));
  return { type, settings };
}

/** The two locations in words when a stack present on both sides keeps its state elsewhere at the head. */
export function stateLocationChange(before: StackJson, after: StackJson): StateLocationChange | undefined {
  const [was, is] = [stateLocationOf(before), stateLocationOf(after)];
  // Stacks are canonical (keys sorted), so equal locations serialize equally.
  if (JSON.stringify(was) === JSON.stringify(is)) return undefined;
  return { before: describeStateLocation(was), after: describeStateLocation(is) };
}

/** `s3://bucket/oncall/team-x.tfstate (eu-west-1)`, `local file ../../../state/team-x.tfstate`, `cloud app.terraform.io/acme workspace oncall-team-x`. */
export function describeStateLocation(location: StateLocation | undefined): string {
  if (!location) return 'local file terraform.tfstate (no backend configured)';
  const s = location.settings;
  switch (location.type) {
    case 'local':
      return `local file ${String(s.path ?? 'terraform.tfstate')}`;
    case 's3':
      return `s3://${String(s.bucket)}/${String(s.key)}${s.region ? ` (${String(s.region)})` : ''}`;
    case 'remote':
    case 'cloud': {
      const workspaces = isObject(s.workspaces) ? s.workspaces : {};
      const workspace = workspaces.name !== undefined ? `workspace ${String(workspaces.name)}` : `workspaces ${JSON.stringify(workspaces)}`;
      return `${location.type} ${String(s.hostname ?? 'app.terraform.io')}/${String(s.organization)} ${workspace}`;
    }
    default:
      return `${location.type} ${JSON.stringify(s)}`;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
