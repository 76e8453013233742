import { DateTime } from 'luxon';
import type { LoadedConfig } from '../../lib/config/load';
import { organizationSchema, teamSchema } from '../../lib/config/schema';
import { buildModel } from '../../lib/model/build';
import type { OrgModel } from '../../lib/model/types';

/** A minimal valid organization; tests override what they need. */
export const ORGANIZATION = {
  name: 'Test Org',
  severities: [
    { id: 'SEV0', description: 'Outage.', paging: true, urgency: 'high', datadogPriority: 1, ackTargetMinutes: 5, renotifyMinutes: 10 },
    { id: 'SEV1', description: 'Degraded.', paging: true, urgency: 'high', datadogPriority: 2, ackTargetMinutes: 15, renotifyMinutes: 30 },
    { id: 'SEV2', description: 'Minor.', paging: false, datadogPriority: 3, renotifyMinutes: 0, notify: ['@jira-ops'] },
  ],
  runbooks: { baseUrl: 'https://example.com/runbooks/' },
};

export const member = (id: string) => ({ name: id[0].toUpperCase() + id.slice(1), email: `${id}@example.com`, role: 'responder' });
export const members = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, member(id)]));

/** A service paged at `severity` (a SEV0 monitor unless told otherwise). */
export const pagingService = (severity = 'SEV0') => ({
  name: 'API',
  description: 'The API.',
  monitors: {
    errors: {
      name: 'API errors',
      type: 'metric alert',
      query: 'avg(last_5m):avg:api.errors{*} > 1',
      thresholds: { critical: 1 },
      severity,
      runbook: 'api/errors.md',
    },
  },
});

/** Builds the model from in-memory team configs (schema-parsed, so defaults apply as in files). */
export function orgModel(teams: Record<string, unknown>, organization: Record<string, unknown> = {}): OrgModel {
  const org = organizationSchema.parse({ ...ORGANIZATION, ...organization });
  const loaded: LoadedConfig = {
    root: '/nonexistent',
    organization: { file: 'config/organization.yaml', config: org },
    teams: Object.entries(teams)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, config]) => ({ id, file: `config/teams/${id}.yaml`, config: teamSchema.parse(config) })),
  };
  return buildModel(loaded);
}

/** A team with a weekly primary rotation of `people` (Monday 10:00 New York) and a derived secondary. */
export function primarySecondaryTeam(people: string[], extra: Record<string, unknown> = {}) {
  return {
    name: 'Payments',
    description: 'Payments team.',
    timeZone: 'America/New_York',
    members: members(...people),
    rotations: {
      primary: { members: people, start: '2026-01-05', handoff: { day: 'monday', time: '10:00' } },
      secondary: { derivedFrom: { rotation: 'primary', offsetTurns: 1 } },
    },
    escalation: {
      levels: [
        { targets: [{ rotation: 'primary' }], delayMinutes: 5 },
        { targets: [{ rotation: 'secondary' }], delayMinutes: 15 },
      ],
    },
    services: { api: pagingService() },
    ...extra,
  };
}

export const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'utc', setZone: true });
export const ms = (iso: string) => utc(iso).toMillis();
