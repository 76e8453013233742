import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config/load';
import { edit, MINIMAL, scratch } from './support';

/**
 * Issue 13: combinations terraform plan accepts that PagerDuty refuses at apply (team role vs
 * account role, undeclared plan features, one person under two identities when users are managed).
 */
const dirs = scratch();
afterAll(() => dirs.cleanup());

const ORG = 'config/organization.yaml';
const SHOP = 'config/teams/shop.yaml';
const BEN = 'ben: { name: Ben Ode, email: ben@example.com, role: responder }';

function codes(root: string): string[] {
  return loadConfig({ root })
    .diagnostics.filter((d) => d.level === 'error')
    .map((d) => `${d.code} ${d.path.join('.')}`);
}

/** A second team file with the given members line (ids and e-mails decide the checks). */
function addWarehouse(root: string, members: string): void {
  writeFileSync(
    join(root, 'config/teams/warehouse.yaml'),
    `name: Warehouse\ndescription: Stock.\ntimeZone: Europe/Berlin\nmembers:\n${members}\nrotations:\n  primary:\n    members: [dev]\n    start: '2026-01-05'\n    handoff: { day: monday, time: '10:00' }\nescalation:\n  levels:\n    - targets: [{ rotation: primary }]\n`,
  );
}

describe('team role forced by the account role', () => {
  it.each([
    ['owner', 'responder', 'manager'],
    ['admin', 'observer', 'manager'],
    ['read_only_user', 'responder', 'observer'],
    ['read_only_limited_user', 'manager', 'observer'],
  ])('refuses accountRole %s with team role %s (PagerDuty makes it %s)', (accountRole, role, _forced) => {
    const root = dirs.copy(MINIMAL);
    edit(root, SHOP, BEN, `ben: { name: Ben Ode, email: ben@example.com, role: ${role}, accountRole: ${accountRole} }`);
    expect(codes(root)).toContain('team-role-forced-by-account-role members.ben.role');
  });

  it.each(['user', 'limited_user', 'observer', 'restricted_access'])('leaves the team role free for accountRole %s', (accountRole) => {
    const root = dirs.copy(MINIMAL);
    edit(root, SHOP, BEN, `ben: { name: Ben Ode, email: ben@example.com, role: responder, accountRole: ${accountRole} }`);
    expect(codes(root)).toEqual([]);
  });
});

describe('declared PagerDuty plan features', () => {
  const withGrouping = (root: string, type: string) =>
    edit(
      root,
      SHOP,
      '    description: Takes payments.\n',
      `    description: Takes payments.\n    alertGrouping: { type: ${type}, fields: [summary], aggregate: all }\n`,
    );

  it.each([
    ['intelligent', 'intelligentAlertGrouping'],
    ['content-based', 'contentBasedAlertGrouping'],
  ])('%s grouping needs pagerduty.capabilities.%s', (type, capability) => {
    const root = dirs.copy(MINIMAL);
    withGrouping(root, type);
    expect(codes(root)).toEqual(['capability-undeclared services.checkout.alertGrouping.type']);
    edit(root, ORG, 'runbooks:\n', `pagerduty: { capabilities: { ${capability}: true } }\nrunbooks:\n`);
    expect(codes(root)).toEqual([]);
  });

  it('time grouping needs no declaration', () => {
    const root = dirs.copy(MINIMAL);
    edit(root, SHOP, '    description: Takes payments.\n', '    description: Takes payments.\n    alertGrouping: { type: time, timeoutMinutes: 10 }\n');
    expect(codes(root)).toEqual([]);
  });

  it('a support-hours severity paging a service needs supportHours', () => {
    const root = dirs.copy(MINIMAL);
    edit(root, ORG, '    urgency: high\n', '    urgency: support-hours\n');
    edit(
      root,
      SHOP,
      '    description: Takes payments.\n',
      "    description: Takes payments.\n    supportHours: { days: [monday], from: '09:00', to: '17:00' }\n",
    );
    expect(codes(root)).toEqual(['capability-undeclared services.checkout.monitors.errors.severity']);
    edit(root, ORG, 'runbooks:\n', 'pagerduty: { capabilities: { supportHours: true } }\nrunbooks:\n');
    expect(codes(root)).toEqual([]);
  });
});

describe('managed users: one member id is one person', () => {
  const managed = () => {
    const root = dirs.copy(MINIMAL);
    edit(root, ORG, 'runbooks:\n', 'pagerduty: { users: managed }\nrunbooks:\n');
    return root;
  };

  it('refuses one member id with two e-mails across teams', () => {
    const root = managed();
    addWarehouse(
      root,
      '  ben: { name: Ben Ode, email: ben.ode@example.com, role: responder }\n  dev: { name: Dev Roy, email: dev@example.com, role: manager }',
    );
    expect(codes(root)).toEqual(['managed-user-id-two-emails members.ben.email']);
  });

  it('refuses one member id with two account roles across teams', () => {
    const root = managed();
    addWarehouse(
      root,
      '  ben: { name: Ben Ode, email: ben@example.com, role: manager, accountRole: admin }\n  dev: { name: Dev Roy, email: dev@example.com, role: manager }',
    );
    expect(codes(root)).toEqual(['managed-user-account-role-mismatch members.ben.accountRole']);
  });

  it('accepts the same person under the same id in several teams', () => {
    const root = managed();
    addWarehouse(root, '  ben: { name: Ben Ode, email: BEN@example.com, role: manager }\n  dev: { name: Dev Roy, email: dev@example.com, role: manager }');
    expect(codes(root)).toEqual([]);
  });

  it('lets lookup users differ per team (each team looks its members up itself)', () => {
    const root = dirs.copy(MINIMAL);
    addWarehouse(root, '  benny: { name: Ben Ode, email: ben@example.com, role: responder }\n  dev: { name: Dev Roy, email: dev@example.com, role: manager }');
    expect(codes(root)).toEqual([]);
  });
});
