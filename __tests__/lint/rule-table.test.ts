import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintCommand } from '../../lib/cli/commands/lint';
import { renderRuleTableMarkdown, ruleTable } from '../../lib/lint/rule-table';
import { CHANGE_RULES, RULES } from '../../lib/lint/rules';
import { captureIO, REPO_ROOT } from '../config/support';

/** Issue 15: rules declare id, level and scope; lint --list-rules and the docs table come from those declarations. */
describe('rule declarations', () => {
  it('every rule declares a unique id, a level, a scope and a description', () => {
    const all = [...RULES, ...CHANGE_RULES];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const rule of all) {
      expect(['error', 'warn']).toContain(rule.defaultLevel);
      expect(['team', 'organization']).toContain(rule.scope);
      expect(rule.description.length).toBeGreaterThan(20);
    }
  });

  it('lint --list-rules prints every rule with its level, scope and when it runs (text and JSON)', async () => {
    const text = captureIO();
    expect(await lintCommand.run(['--list-rules'], text)).toBe(0);
    expect(text.stdout.join('\n').split('\n')[0]).toMatch(/^RULE +LEVEL +SCOPE +RUNS +DESCRIPTION$/);
    for (const rule of RULES) expect(text.stdout.join('\n')).toMatch(new RegExp(`^${rule.id} +${rule.defaultLevel} +${rule.scope} +state +`, 'm'));
    for (const rule of CHANGE_RULES) expect(text.stdout.join('\n')).toMatch(new RegExp(`^${rule.id} +${rule.defaultLevel} +${rule.scope} +change +`, 'm'));

    const json = captureIO();
    await lintCommand.run(['--list-rules', '--format', 'json'], json);
    expect(JSON.parse(json.stdout.join('\n'))).toEqual(ruleTable());
  });

  it('docs/lint-rules.md is the generated table (npm run schema writes it)', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs/lint-rules.md'), 'utf8')).toBe(renderRuleTableMarkdown());
  });

  it.each([
    ['docs/rotations.md', RULES.filter((r) => r.scope === 'team').concat(CHANGE_RULES)],
    ['docs/runbooks.md', RULES.filter((r) => r.scope === 'organization')],
  ])('the detailed table in %s lists exactly its rules, at their declared levels', (doc, rules) => {
    const text = readFileSync(join(REPO_ROOT, doc), 'utf8');
    const rows = [...text.matchAll(/^\| `([a-z0-9-]+)` \| (error|warn)[^|]* \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows.sort()).toEqual(rules.map((r) => [r.id, r.defaultLevel]).sort());
  });
});
