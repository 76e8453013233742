import { runLint } from '../../lib/lint/run';
import { COVERAGE_RULES } from '../../lib/lint/rules/coverage';
import type { Finding } from '../../lib/lint/types';
import { members, orgModel, pagingService, primarySecondaryTeam, utc } from '../model/fixtures';

const FROM = utc('2026-02-02T00:00Z');
const lint = (teams: Record<string, unknown>, organization: Record<string, unknown> = {}) =>
  runLint(orgModel(teams, organization), { from: FROM, rules: COVERAGE_RULES });
const ids = (findings: Finding[]) => findings.map((f) => f.ruleId);
const only = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

const FIVE = ['a', 'b', 'c', 'd', 'e'];
/** Five people, weekly primary + derived secondary, 24/7, 5 min delay: triggers nothing. */
const healthy = () => primarySecondaryTeam(FIVE);

describe('a healthy team', () => {
  it('passes every coverage rule', () => {
    expect(lint({ payments: healthy() })).toEqual([]);
  });
});

describe('escalation-first-level-gap', () => {
  it('fires when level 1 is a business-hours rotation, naming the first gap in local and UTC time', () => {
    const team = healthy();
    (team.rotations.primary as Record<string, unknown>).coverage = [
      { days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], from: '09:00', to: '17:00' },
    ];
    const [finding] = only(lint({ payments: team }), 'escalation-first-level-gap');
    expect(finding).toMatchObject({ level: 'error', teamId: 'payments', file: 'config/teams/payments.yaml', path: ['escalation', 'levels', 0] });
    expect(finding.message).toContain('team Payments (payments)');
    expect(finding.message).toContain('rotation "primary"');
    expect(finding.instants![0]).toBe('Sun 2026-02-01 19:00 America/New_York (2026-02-02 00:00 UTC)');
    expect(finding.instants![1]).toBe('Mon 2026-02-02 09:00 America/New_York (2026-02-02 14:00 UTC)');
    expect(finding.message).toContain('under both turn-length readings');
  });

  it('fires when the rotation starts after the window does', () => {
    const team = healthy();
    (team.rotations.primary as Record<string, unknown>).start = '2026-03-02';
    expect(ids(lint({ payments: team }))).toContain('escalation-first-level-gap');
  });

  it('does not fire when a direct user target covers the gaps', () => {
    const team = healthy();
    (team.rotations.primary as Record<string, unknown>).coverage = [{ days: ['monday'], from: '09:00', to: '17:00' }];
    team.escalation.levels[0].targets = [{ rotation: 'primary' }, { user: 'a' }] as never;
    expect(ids(lint({ payments: team }))).not.toContain('escalation-first-level-gap');
  });
});

describe('service-nobody-on-call', () => {
  it('fires for each paging service when no level reaches anybody', () => {
    const team = healthy();
    (team.rotations.primary as Record<string, unknown>).coverage = [{ days: ['monday'], from: '09:00', to: '17:00' }];
    const [finding] = only(lint({ payments: team }), 'service-nobody-on-call');
    expect(finding).toMatchObject({ level: 'error', path: ['services', 'api'] });
    expect(finding.message).toContain('paging service "api"');
  });

  it('does not fire when a later level fills the gaps of level 1', () => {
    const team = healthy();
    (team.rotations.primary as Record<string, unknown>).coverage = [{ days: ['monday'], from: '09:00', to: '17:00' }];
    team.escalation.levels[1].targets = [{ user: 'a' }] as never;
    const findings = lint({ payments: team });
    expect(ids(findings)).toContain('escalation-first-level-gap');
    expect(ids(findings)).not.toContain('service-nobody-on-call');
  });

  it('ignores services that never page', () => {
    const team = { ...healthy(), services: { api: pagingService('SEV2') } };
    (team.rotations.primary as Record<string, unknown>).coverage = [{ days: ['monday'], from: '09:00', to: '17:00' }];
    expect(ids(lint({ payments: team }))).not.toContain('service-nobody-on-call');
  });
});

describe('escalation-person-on-two-levels', () => {
  it('fires when a manager in the primary rotation is also the level-2 target', () => {
    const team = healthy();
    team.escalation.levels[1].targets = [{ rotation: 'secondary' }, { user: 'c' }] as never;
    const [finding] = only(lint({ payments: team }), 'escalation-person-on-two-levels');
    expect(finding.level).toBe('error');
    expect(finding.message).toContain('"c" is on call on escalation level 1');
    expect(finding.message).toContain('level 1 via rotation "primary", level 2 as a direct target');
    // Weekly turns from Monday 2026-01-05 go a b c d e a b c: c's first turn in the window starts 2026-02-23.
    expect(finding.instants![0]).toBe('Mon 2026-02-23 10:00 America/New_York (2026-02-23 15:00 UTC)');
  });

  it('fires when two independent rotations put the same person on two levels at once', () => {
    const team = healthy();
    team.rotations.secondary = { members: ['e', 'a', 'b', 'c', 'd'].reverse(), start: '2026-01-05', handoff: { day: 'monday', time: '10:00' } } as never;
    expect(ids(lint({ payments: team }))).toContain('escalation-person-on-two-levels');
  });

  it('does not fire for a derived secondary, nor for one person targeted directly on several levels', () => {
    const team = healthy();
    team.escalation.levels.push(
      ...([
        { targets: [{ user: 'manager' }], delayMinutes: 30 },
        { targets: [{ user: 'manager' }], delayMinutes: 30 },
      ] as never[]),
    );
    (team.members as Record<string, unknown>).manager = members('manager').manager;
    expect(ids(lint({ payments: team }))).not.toContain('escalation-person-on-two-levels');
  });
});

describe('follow-the-sun-gap', () => {
  const region = (zone: string, people: string[], from: string, to: string) => ({
    timeZone: zone,
    members: people,
    start: '2026-01-05',
    handoff: { day: 'monday', time: '10:00' },
    coverage: [{ days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'], from, to }],
  });
  const sunTeam = (emeaTo: string) => ({
    name: 'Platform',
    description: 'Platform team.',
    timeZone: 'Etc/UTC',
    members: members('a', 'b', 'c', 'd', 'e', 'f'),
    rotations: {
      americas: region('America/Los_Angeles', ['a', 'b'], '07:00', '19:00'),
      emea: region('Europe/Berlin', ['c', 'd'], '07:00', emeaTo),
      apac: region('Australia/Sydney', ['e', 'f'], '07:00', '19:00'),
    },
    followTheSun: ['americas', 'emea', 'apac'],
    escalation: {
      levels: [{ targets: [{ rotation: 'americas' }, { rotation: 'emea' }, { rotation: 'apac' }], delayMinutes: 5 }, { targets: [{ user: 'a' }] }],
    },
  });

  it('does not fire for 07:00-19:00 regions in Los Angeles, Berlin and Sydney', () => {
    expect(ids(lint({ platform: sunTeam('19:00') }))).not.toContain('follow-the-sun-gap');
  });

  it('fires when a region ends too early to reach the next one', () => {
    const [finding] = only(lint({ platform: sunTeam('15:00') }), 'follow-the-sun-gap');
    expect(finding).toMatchObject({ level: 'error', path: ['followTheSun'] });
    expect(finding.message).toContain('"americas", "emea", "apac"');
    expect(finding.message).toMatch(/starting on 2026-02-02 \(UTC\)/);
  });
});

describe('rotation-consecutive-turns', () => {
  it('fires when a roster change leaves one person, naming them and the first two turns', () => {
    const team = healthy();
    team.rotations.primary = {
      rosters: [
        { effectiveFrom: '2026-01-05T10:00', members: FIVE },
        { effectiveFrom: '2026-02-09T10:00', members: ['a'] },
      ],
      start: '2026-01-05',
      handoff: { day: 'monday', time: '10:00' },
    } as never;
    team.rotations.secondary = { members: ['b', 'c'], start: '2026-01-05', handoff: { day: 'monday', time: '10:00' } } as never;
    const findings = only(lint({ payments: team }), 'rotation-consecutive-turns');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('"a" is on call for two consecutive turns');
    expect(findings[0].instants).toEqual([
      'Mon 2026-02-09 10:00 America/New_York (2026-02-09 15:00 UTC)',
      'Mon 2026-02-23 10:00 America/New_York (2026-02-23 15:00 UTC)',
    ]);
  });

  it('does not fire for an ordinary rotation', () => {
    expect(ids(lint({ payments: healthy() }))).not.toContain('rotation-consecutive-turns');
  });
});

describe('rotation-24x7-too-few-people', () => {
  it('fires for a four-person 24/7 rotation', () => {
    const [finding] = only(lint({ payments: primarySecondaryTeam(['a', 'b', 'c', 'd']) }), 'rotation-24x7-too-few-people');
    expect(finding).toMatchObject({ level: 'warn', path: ['rotations', 'primary'] });
    expect(finding.message).toContain('only 4 people');
  });

  it('does not fire for five people, nor for a small business-hours rotation', () => {
    const team = primarySecondaryTeam(['a', 'b']);
    (team.rotations.primary as Record<string, unknown>).coverage = [{ days: ['monday'], from: '09:00', to: '17:00' }];
    expect(ids(lint({ payments: healthy() }))).not.toContain('rotation-24x7-too-few-people');
    expect(ids(lint({ payments: team }))).not.toContain('rotation-24x7-too-few-people');
  });
});

describe('rotation-handoff-at-night', () => {
  it('fires for a 02:00 handoff, naming who hands over to whom', () => {
    const team = healthy();
    (team.rotations.primary as Record<string, unknown>).handoff = { day: 'monday', time: '02:00' };
    const [finding] = only(lint({ payments: team }), 'rotation-handoff-at-night');
    expect(finding.level).toBe('warn');
    expect(finding.instants![0]).toMatch(/^Mon 2026-02-02 02:00 America\/New_York/);
    expect(finding.message).toContain('under both turn-length readings');
  });

  it('fires only under the fixed-seconds reading for a 07:30 handoff after a DST change', () => {
    const team = healthy();
    // Anchored in summer time (EDT): 52 fixed weeks later, after the November change, 07:30 EDT is 06:30 EST.
    Object.assign(team.rotations.primary, { start: '2026-06-01', handoff: { day: 'monday', time: '07:30' } });
    const [finding] = only(lint({ payments: team }), 'rotation-handoff-at-night');
    expect(finding.message).toContain('only if PagerDuty reads turn lengths as fixed-seconds time');
    expect(finding.instants![0]).toMatch(/06:30 America\/New_York/);
  });

  it('does not fire for a 10:00 handoff', () => {
    expect(ids(lint({ payments: healthy() }))).not.toContain('rotation-handoff-at-night');
  });
});

describe('escalation-first-delay-over-ack-target', () => {
  it("fires when level 1 waits longer than the top paging severity's ack target", () => {
    const team = healthy();
    team.escalation.levels[0].delayMinutes = 10;
    const [finding] = only(lint({ payments: team }), 'escalation-first-delay-over-ack-target');
    expect(finding.message).toContain('waits 10 min');
    expect(finding.message).toContain('5 min acknowledgement target of SEV0');
  });

  it('uses the most severe level the team actually receives', () => {
    const team = { ...healthy(), services: { api: pagingService('SEV1') } };
    team.escalation.levels[0].delayMinutes = 10;
    expect(ids(lint({ payments: team }))).not.toContain('escalation-first-delay-over-ack-target');
  });
});

describe('service-single-level-policy', () => {
  it('fires for a paging service behind a one-level policy', () => {
    const team = healthy();
    team.escalation.levels = [team.escalation.levels[0]];
    const [finding] = only(lint({ payments: team }), 'service-single-level-policy');
    expect(finding).toMatchObject({ level: 'warn', teamId: 'payments' });
    expect(finding.message).toContain('service "api" pages for SEV0');
  });

  it('does not fire for two levels, nor for a service that never pages', () => {
    const single = { ...healthy(), services: { api: pagingService('SEV2') } };
    single.escalation.levels = [single.escalation.levels[0]];
    expect(ids(lint({ payments: healthy() }))).not.toContain('service-single-level-policy');
    expect(ids(lint({ payments: single }))).not.toContain('service-single-level-policy');
  });
});
