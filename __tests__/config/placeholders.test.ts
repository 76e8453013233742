import { loadConfig } from '../../lib/config/load';
import { formatPath } from '../../lib/config/diagnostics';
import { edit, MINIMAL, scratch } from './support';

const TEAM = 'config/teams/shop.yaml';
const ORG = 'config/organization.yaml';
const dirs = scratch();
afterAll(() => dirs.cleanup());

function load(managed: boolean) {
  const root = dirs.copy(MINIMAL);
  edit(root, TEAM, 'ana: { name: Ana Lima, email: ana@example.com', "ana: { name: 'REPLACE-ME Engineer', email: replace-me.ana@example.com");
  if (managed) edit(root, ORG, 'severities:', 'pagerduty: { users: managed }\nseverities:');
  const result = loadConfig({ root });
  return { ...result, placeholders: result.diagnostics.filter((d) => d.code === 'placeholder-left') };
}

describe('placeholders left by new-team', () => {
  it('are warnings at each value in lookup mode; the config still loads', () => {
    const { config, placeholders } = load(false);
    expect(config).toBeDefined();
    expect(placeholders.map((d) => [d.level, d.file, formatPath(d.path), d.line])).toEqual([
      ['warning', TEAM, 'members.ana.name', 7],
      ['warning', TEAM, 'members.ana.email', 7],
    ]);
    expect(placeholders[1].found).toBe('"replace-me.ana@example.com"');
  });

  it('are an error for member emails when PagerDuty users are managed', () => {
    const { config, placeholders } = load(true);
    expect(config).toBeUndefined();
    const email = placeholders.find((d) => formatPath(d.path) === 'members.ana.email')!;
    expect(email.level).toBe('error');
    expect(email.message).toContain('made-up email');
    expect(placeholders.find((d) => formatPath(d.path) === 'members.ana.name')!.level).toBe('warning');
  });
});
