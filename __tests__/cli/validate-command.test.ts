import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaCommand } from '../../lib/cli/commands/schema';
import { validateCommand } from '../../lib/cli/commands/validate';
import { EXIT, UsageError } from '../../lib/cli/io';
import { captureIO, edit, MINIMAL, REPO_ROOT, scratch } from '../config/support';

const dirs = scratch();
afterAll(() => dirs.cleanup());

describe('validate', () => {
  test('prints a one-line summary and exits 0 on valid config', async () => {
    const io = captureIO(MINIMAL);
    expect(await validateCommand.run([], io)).toBe(EXIT.ok);
    expect(io.stdout).toEqual(['valid: 1 teams, 2 rotations, 1 services, 1 monitors (0 warnings)']);
    expect(io.stderr).toEqual([]);
  });

  test('--root points at another repository', async () => {
    const io = captureIO('/nonexistent');
    expect(await validateCommand.run(['--root', MINIMAL], io)).toBe(EXIT.ok);
  });

  test('warnings are printed but do not fail the run', async () => {
    const root = dirs.copy(MINIMAL);
    edit(root, 'config/teams/shop.yaml', '        severity: SEV1\n        runbook: shop/checkout-errors.md\n', '        severity: SEV2\n');
    const io = captureIO(root);
    expect(await validateCommand.run([], io)).toBe(EXIT.ok);
    expect(io.stderr).toEqual([
      expect.stringMatching(/^config\/teams\/shop\.yaml:\d+:\d+  services\.checkout\.monitors\.errors  warning: monitor "errors" links no runbook/),
    ]);
    expect(io.stdout).toEqual(['valid: 1 teams, 2 rotations, 1 services, 1 monitors (1 warning)']);
  });

  test('exits 1 with located errors and says nothing was synthesized', async () => {
    const root = dirs.copy(MINIMAL);
    edit(root, 'config/teams/shop.yaml', 'timeZone: Europe/Berlin', 'timeZone: UTC');
    const io = captureIO(root);
    expect(await validateCommand.run([], io)).toBe(EXIT.invalid);
    expect(io.stderr).toEqual([
      'config/teams/shop.yaml:4:11  timeZone  time zone must be one PagerDuty accepts (a fixed list narrower than IANA; e.g. Etc/UTC, Europe/Berlin); did you mean "Etc/UTC"? (found "UTC")',
      'validate: 1 error(s); nothing was synthesized.',
    ]);
    expect(io.stdout).toEqual([]);
  });

  test('an unknown flag is a usage error', async () => {
    await expect(validateCommand.run(['--strict'], captureIO())).rejects.toThrow(UsageError);
  });
});

describe('schema', () => {
  test('--check passes on the committed files', async () => {
    const io = captureIO(REPO_ROOT);
    expect(await schemaCommand.run(['--check'], io)).toBe(EXIT.ok);
    expect(io.stdout).toEqual(['schema: 4 generated files are up to date.']);
  });

  test('--check exits 1 and names a stale file; a plain run rewrites it', async () => {
    const root = dirs.empty();
    for (const dir of ['schema', 'docs', '__tests__/fixtures/complete']) cpSync(join(REPO_ROOT, dir), join(root, dir), { recursive: true });
    writeFileSync(join(root, 'schema/team.schema.json'), '{}\n');
    const check = captureIO(root);
    expect(await schemaCommand.run(['--check'], check)).toBe(EXIT.invalid);
    expect(check.stderr).toEqual(['schema/team.schema.json  out of date with lib/config/schema', 'schema: run `npm run schema` and commit the result.']);

    const write = captureIO(root);
    expect(await schemaCommand.run([], write)).toBe(EXIT.ok);
    expect(write.stdout).toEqual(['schema: wrote schema/team.schema.json.']);
    expect(readFileSync(join(root, 'schema/team.schema.json'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'schema/team.schema.json'), 'utf8'));
  });
});
