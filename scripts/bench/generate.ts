import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runbookMarkdown } from './runbook';
import { TOOL_ROOT } from '../../lib/util/tool-root';

/**
 * Synthetic organizations for the benchmark: N teams shaped like the bundled example, each with
 * 6 people (5 responders and a manager), 2 or 3 rotations (a primary, a derived secondary and,
 * for every third team, a derived tertiary), 3 services with 4 monitors each (one per severity
 * SEV0..SEV3) and one valid runbook per monitor. Time zones vary so the coverage analysis meets
 * several daylight-saving calendars. Output is deterministic for a given team count and date.
 */
export interface GenerateOptions {
  /** Directory that becomes the repository root (config/, runbooks/). */
  root: string;
  teams: number;
  /** Date written as every runbook's lastUpdated (YYYY-MM-DD); must not be in the future. */
  runbookDate: string;
  /** organization.yaml to copy (the bundled example); its severities must include SEV0..SEV3. */
  organizationYaml: string;
}

export interface GeneratedOrganization {
  teamIds: string[];
  files: number;
}

const DOMAINS = ['billing', 'search', 'identity', 'catalog', 'shipping', 'ledger', 'messaging', 'media', 'pricing', 'fraud', 'growth', 'support'];
const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'America/Los_Angeles',
  'Australia/Sydney',
  'Europe/London',
  'Asia/Tokyo',
  'America/Sao_Paulo',
];
const FIRST_NAMES = ['Ada', 'Bela', 'Carmen', 'Dmitri', 'Esi', 'Farid', 'Gwen', 'Hiro', 'Ilse', 'Joao', 'Kemal', 'Lucia'];
const LAST_NAMES = ['Abara', 'Brandt', 'Costa', 'Dahl', 'Eze', 'Fontaine', 'Gupta', 'Horvat', 'Ito', 'Jensen', 'Kowalski', 'Lind'];
const RESPONDERS = ['ana', 'ben', 'cleo', 'dev', 'eli'];
const MANAGER = 'max';
/** Severities the monitors use; the copied organization.yaml must define them. */
export const REQUIRED_SEVERITIES = ['SEV0', 'SEV1', 'SEV2', 'SEV3'];

export const teamId = (index: number) => `${DOMAINS[index % DOMAINS.length]}-${String(index + 1).padStart(4, '0')}`;

interface MonitorShape {
  id: string;
  label: string;
  type: string;
  severity: string;
  query: (team: string, service: string) => string;
  thresholds: Record<string, number>;
}

const MONITORS: MonitorShape[] = [
  {
    id: 'health',
    label: 'health check failing',
    type: 'service check',
    severity: 'SEV0',
    query: (team, service) => `"http.can_connect".over("service:${team}-${service}","env:prod").by("host").last(3).count_by_status()`,
    thresholds: { critical: 2, warning: 1, ok: 1 },
  },
  {
    id: 'error-rate',
    label: '5xx error rate',
    type: 'query alert',
    severity: 'SEV1',
    query: (team, service) =>
      `sum(last_5m):sum:trace.http.request.errors{service:${team}-${service},env:prod}.as_count() / sum:trace.http.request.hits{service:${team}-${service},env:prod}.as_count() * 100 > 10`,
    thresholds: { critical: 10, warning: 5 },
  },
  {
    id: 'latency',
    label: 'p99 latency high',
    type: 'query alert',
    severity: 'SEV2',
    query: (team, service) => `avg(last_10m):p99:trace.http.request.duration{service:${team}-${service},env:prod} > 2`,
    thresholds: { critical: 2, warning: 1.5 },
  },
  {
    id: 'saturation',
    label: 'CPU saturation',
    type: 'metric alert',
    severity: 'SEV3',
    query: (team, service) => `avg(last_30m):avg:kubernetes.cpu.usage.total{kube_deployment:${team}-${service},env:prod} > 90`,
    thresholds: { critical: 90, warning: 75 },
  },
];

const SERVICES = [
  { id: 'api', label: 'API' },
  { id: 'worker', label: 'worker' },
  { id: 'store', label: 'store' },
];

const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function generateOrganization(options: GenerateOptions): GeneratedOrganization {
  const organization = parse(options.organizationYaml) as { severities?: { id?: string }[]; runbooks?: { directory?: string } };
  const defined = new Set((organization.severities ?? []).map((severity) => severity.id));
  const missing = REQUIRED_SEVERITIES.filter((id) => !defined.has(id));
  if (missing.length > 0) {
    throw new Error(`the organization.yaml used as template lacks severities ${missing.join(', ')}; synthetic monitors need ${REQUIRED_SEVERITIES.join(', ')}`);
  }
  const runbooksDir = organization.runbooks?.directory ?? 'runbooks';
  mkdirSync(join(options.root, 'config', 'teams'), { recursive: true });
  writeFileSync(join(options.root, 'config', 'organization.yaml'), options.organizationYaml);
  let files = 1;
  const teamIds: string[] = [];
  for (let index = 0; index < options.teams; index++) {
    const id = teamId(index);
    teamIds.push(id);
    const { team, runbooks } = buildTeam(index, options.runbookDate);
    // No anchors/aliases for shared objects: hand-written team files rarely use them, and each
    // alias makes the config loader search the whole document for its anchor.
    writeFileSync(
      join(options.root, 'config', 'teams', `${id}.yaml`),
      `# Synthetic benchmark team ${index + 1}\n${stringify(team, { lineWidth: 0, aliasDuplicateObjects: false })}`,
    );
    mkdirSync(join(options.root, runbooksDir, id), { recursive: true });
    for (const [file, text] of runbooks) writeFileSync(join(options.root, runbooksDir, id, file), text);
    files += 1 + runbooks.size;
  }
  return { teamIds, files };
}

/** One team's config object and its runbooks (file name within the team's runbook folder -> text). */
export function buildTeam(index: number, runbookDate: string): { team: Record<string, unknown>; runbooks: Map<string, string> } {
  const id = teamId(index);
  const name = `${title(DOMAINS[index % DOMAINS.length])} ${String(index + 1).padStart(4, '0')}`;
  const zone = ZONES[index % ZONES.length];
  const withTertiary = index % 3 === 2;
  const chatHandle = `@slack-${id}-alerts`;

  const person = (n: number) => `${FIRST_NAMES[(index + n) % FIRST_NAMES.length]} ${LAST_NAMES[(index * 7 + n) % LAST_NAMES.length]}`;
  const members: Record<string, unknown> = {};
  RESPONDERS.forEach((member, n) => {
    members[member] = { name: person(n), email: `${member}.${id}@example.com`, role: 'responder' };
  });
  const managerName = person(RESPONDERS.length);
  members[MANAGER] = { name: managerName, email: `${MANAGER}.${id}@example.com`, role: 'manager' };

  const rotationName = (rotation: string) => `${name} ${rotation}`;
  const rotations: Record<string, unknown> = {
    primary: { name: rotationName('primary'), members: [...RESPONDERS], start: '2026-01-05', turnLength: '1w', handoff: { day: 'monday', time: '10:00' } },
    secondary: { name: rotationName('secondary'), derivedFrom: { rotation: 'primary', offsetTurns: 1 } },
  };
  // The manager is on no rotation and only on the last level, so nobody is on two levels at once.
  const levels: unknown[] = [
    { name: 'primary on-call', targets: [{ rotation: 'primary' }], delayMinutes: 5 },
    { name: 'secondary on-call', targets: [{ rotation: 'secondary' }], delayMinutes: 15 },
  ];
  if (withTertiary) {
    rotations.tertiary = { name: rotationName('tertiary'), derivedFrom: { rotation: 'primary', offsetTurns: 2 } };
    levels.push({ name: 'tertiary on-call', targets: [{ rotation: 'tertiary' }], delayMinutes: 15 });
  }
  levels.push({ name: 'engineering manager', targets: [{ user: MANAGER }], delayMinutes: 30 });
  const escalationName = `${name} escalation`;

  const services: Record<string, unknown> = {};
  const runbooks = new Map<string, string>();
  for (const service of SERVICES) {
    const serviceName = `${name} ${service.label}`;
    const monitors: Record<string, unknown> = {};
    MONITORS.forEach((monitor, n) => {
      const file = `${service.id}-${monitor.id}.md`;
      const related = MONITORS[(n + 1) % MONITORS.length];
      const query = monitor.query(id, service.id);
      const monitorName = `${serviceName} ${monitor.label}`;
      monitors[monitor.id] = {
        name: monitorName,
        type: monitor.type,
        query,
        thresholds: monitor.thresholds,
        severity: monitor.severity,
        runbook: `${id}/${file}`,
      };
      runbooks.set(
        file,
        runbookMarkdown({
          teamId: id,
          teamName: name,
          serviceId: service.id,
          serviceName,
          monitorName,
          query,
          severity: monitor.severity,
          lastUpdated: runbookDate,
          escalationName,
          primaryRotationName: rotationName('primary'),
          secondaryRotationName: rotationName('secondary'),
          managerName,
          chatHandle,
          relatedFile: `${service.id}-${related.id}.md`,
          relatedTitle: `${serviceName} ${related.label}`,
        }),
      );
    });
    services[service.id] = {
      name: serviceName,
      description: `The ${service.label} of ${name}.`,
      supportHours: { days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], from: '09:00', to: '18:00' },
      alertGrouping: { type: 'intelligent' },
      monitors,
    };
  }

  const team = {
    name,
    description: `Synthetic team ${index + 1} for the benchmark.`,
    timeZone: zone,
    chatHandle,
    members,
    rotations,
    escalation: { name: escalationName, repeats: 2, levels },
    services,
  };
  return { team, runbooks };
}

/**
 * The bundled example's organization.yaml (examples/example-corp, not the repository's own
 * config/, which belongs to the organization), the template every synthetic organization copies.
 */
export function exampleOrganizationYaml(): string {
  return readFileSync(join(TOOL_ROOT, 'examples', 'example-corp', 'config', 'organization.yaml'), 'utf8');
}

/**
 * The one-team change the review benchmark compares against the committed base: the first team's
 * primary handoff moves from 10:00 to 11:00 (a change to who is on call when, so review has to
 * recompute rotations and re-synthesize that team).
 */
export function applyOneTeamChange(root: string, id: string): string {
  const file = join(root, 'config', 'teams', `${id}.yaml`);
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(/time: "?'?10:00"?'?/, 'time: "11:00"');
  if (changed === text) throw new Error(`could not find the primary handoff time in ${file}`);
  writeFileSync(file, changed);
  return file;
}
