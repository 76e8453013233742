import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { synthCommand } from '../../lib/cli/commands/synth';
import { EXIT, UsageError, type CommandIO } from '../../lib/cli/io';
import * as appModule from '../../lib/stacks/app';
import { copyExample, editYaml, loadModel, readStacks, REPO_ROOT } from './helpers';

interface Captured extends CommandIO {
  stdout: string[];
  stderr: string[];
}
const captureIO = (cwd: string): Captured => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), color: false, cwd, env: process.env };
};

/** Every file under `dir` with its content, for before/after comparisons. */
function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const leftovers = (root: string) => readdirSync(root).filter((name) => name.startsWith('.cdktf.out.'));

let root: string;
let out: string;
const run = async (...args: string[]) => {
  const io = captureIO(root);
  const code = await synthCommand.run(['--root', root, ...args], io);
  return { code, io };
};
const breakConfig = () =>
  editYaml(join(root, 'config/teams/payments.yaml'), (doc) => doc.setIn(['services', 'checkout-api', 'monitors', 'error-rate', 'severity'], 'SEV9'));
/** Level 2 pages hannah directly while she is also on call in L1: an error-level lint finding. */
const addLintError = () =>
  editYaml(join(root, 'config/teams/data.yaml'), (doc) => doc.addIn(['escalation', 'levels', 1, 'targets'], doc.createNode({ user: 'hannah' })));

beforeEach(() => {
  root = copyExample();
  out = join(root, 'cdktf.out');
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('npm run synth', () => {
  it('writes every stack and a summary of what it wrote', async () => {
    const { code, io } = await run('--allow-lint-errors');
    expect(code).toBe(EXIT.ok);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['team-data', 'team-payments', 'team-platform']);
    expect(io.stdout[0]).toMatch(/^synthesized 3 stack\(s\) into cdktf\.out/);
    // One integration-key output per PagerDuty service: each team has two services, one of them with a business-hours twin.
    expect(io.stdout.slice(1)).toEqual([
      expect.stringMatching(/^ {2}team-data +\d+ resources, \d+ data sources, 3 outputs$/),
      expect.stringMatching(/^ {2}team-payments +\d+ resources, \d+ data sources, 3 outputs$/),
      expect.stringMatching(/^ {2}team-platform +\d+ resources, \d+ data sources, 3 outputs$/),
    ]);
    expect(leftovers(root)).toEqual([]);
  });

  it('builds only the requested team stack', async () => {
    const spy = jest.spyOn(appModule, 'buildApp');
    const { code, io } = await run('--stack', 'team-data', '--out', 'single');
    expect(code).toBe(EXIT.ok);
    expect(spy).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ stacks: ['team-data'] }));
    expect(readdirSync(join(root, 'single', 'stacks'))).toEqual(['team-data']);
    expect(io.stdout[0]).toBe('synthesized 1 stack(s) into single');
  });

  it('rejects an unknown stack with a suggestion', async () => {
    await expect(run('--stack', 'team-paymnets')).rejects.toThrow(
      new UsageError('synth: unknown stack "team-paymnets"; did you mean "team-payments"? (team stacks: team-data, team-payments, team-platform)'),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('writes nothing when the config is invalid', async () => {
    breakConfig();
    const { code, io } = await run('--allow-lint-errors');
    expect(code).toBe(EXIT.invalid);
    expect(io.stderr.join('\n')).toMatch(/config\/teams\/payments\.yaml:\d+:\d+ .*SEV9/);
    expect(io.stderr.at(-1)).toMatch(/nothing was written/);
    expect(existsSync(out)).toBe(false);
    expect(leftovers(root)).toEqual([]);
  });

  it('leaves the previous output untouched when the config becomes invalid', async () => {
    expect((await run('--allow-lint-errors')).code).toBe(EXIT.ok);
    const before = snapshotTree(out);
    breakConfig();
    expect((await run('--allow-lint-errors')).code).toBe(EXIT.invalid);
    expect(snapshotTree(out)).toEqual(before);
  });

  it('refuses on error-level lint findings unless told otherwise', async () => {
    addLintError();
    const refused = await run('--stack', 'team-data');
    expect(refused.code).toBe(EXIT.invalid);
    expect(refused.io.stderr.join('\n')).toMatch(
      /^config\/teams\/data\.yaml:\d+:\d+  escalation\.levels\[\d\]\S*  .*hannah.* \[escalation-person-on-two-levels\]$/m,
    );
    expect(refused.io.stderr.at(-1)).toMatch(/lint found \d+ error-level problem\(s\); fix them or pass --allow-lint-errors\. Nothing was written\./);
    expect(existsSync(out)).toBe(false);

    const allowed = await run('--stack', 'team-data', '--allow-lint-errors');
    expect(allowed.code).toBe(EXIT.ok);
    expect(allowed.io.stdout[0]).toMatch(/despite \d+ lint error\(s\)$/);
  });

  describe.each([
    ['on a lint thread while cdktf synthesizes', undefined],
    ['before synthesizing (one thread)', '1'],
  ])('full synth, lint %s', (_how, workers) => {
    const setLintWorkers = (value: string | undefined) => (value === undefined ? delete process.env.ONCALL_WORKERS : (process.env.ONCALL_WORKERS = value));
    const previous = process.env.ONCALL_WORKERS;
    beforeEach(() => setLintWorkers(workers));
    afterEach(() => setLintWorkers(previous));

    it('refuses on error-level findings, keeping the previous output', async () => {
      expect((await run('--allow-lint-errors')).code).toBe(EXIT.ok); // the example's own findings depend on today's date
      const before = snapshotTree(out);
      addLintError();
      const refused = await run();
      expect(refused.code).toBe(EXIT.invalid);
      expect(refused.io.stderr.join('\n')).toMatch(
        /^config\/teams\/data\.yaml:\d+:\d+  escalation\.levels\[\d\]\S*  .*hannah.* \[escalation-person-on-two-levels\]$/m,
      );
      expect(refused.io.stderr.at(-1)).toMatch(/lint found \d+ error-level problem\(s\); fix them or pass --allow-lint-errors\. Nothing was written\./);
      expect(refused.io.stdout).toEqual([]);
      expect(snapshotTree(out)).toEqual(before);
      expect(leftovers(root)).toEqual([]);

      const allowed = await run('--allow-lint-errors');
      expect(allowed.code).toBe(EXIT.ok);
      expect(allowed.io.stdout[0]).toMatch(/despite \d+ lint error\(s\)$/);
    });

    it('puts the lint verdict before a synthesis failure', async () => {
      addLintError();
      writeFileSync(join(root, 'not-a-folder'), '');
      const refused = await run('--out', join(root, 'not-a-folder', 'cdktf.out')); // synthesis would fail: ENOTDIR
      expect(refused.code).toBe(EXIT.invalid);
      expect(refused.io.stderr.join('\n')).toMatch(
        /^config\/teams\/data\.yaml:\d+:\d+  escalation\.levels\[\d\]\S*  .*hannah.* \[escalation-person-on-two-levels\]$/m,
      );
      expect(refused.io.stderr.at(-1)).toMatch(/Nothing was written\.$/);
      // Allowed findings: the synthesis error itself comes out, after the findings.
      const failing = synthCommand.run(['--root', root, '--out', join(root, 'not-a-folder', 'cdktf.out'), '--allow-lint-errors'], captureIO(root));
      await expect(failing).rejects.toThrow(/ENOTDIR/);
    });
  });

  it('keeps the previous output when synthesis fails halfway', async () => {
    expect((await run('--allow-lint-errors')).code).toBe(EXIT.ok);
    const before = snapshotTree(out);
    const real = appModule.buildApp;
    jest.spyOn(appModule, 'buildApp').mockImplementation((model, options) => {
      const app = real(model, options);
      mkdirSync(join(options.outdir, 'stacks', 'team-data'), { recursive: true });
      writeFileSync(join(options.outdir, 'stacks', 'team-data', 'cdk.tf.json'), '{"partial":');
      if (app) throw new Error('disk full');
      return app;
    });
    await expect(run('--allow-lint-errors')).rejects.toThrow('disk full');
    expect(snapshotTree(out)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it('keeps the previous output when a construct rejects its props', async () => {
    expect((await run('--allow-lint-errors')).code).toBe(EXIT.ok);
    const before = snapshotTree(out);
    // Valid config (1-1440 minutes) that PagerDuty's content-based grouping cannot take (5-60 or 1440).
    editYaml(join(root, 'config/teams/platform.yaml'), (doc) => doc.setIn(['services', 'kubernetes', 'alertGrouping', 'timeoutMinutes'], 90));
    await expect(run('--allow-lint-errors')).rejects.toThrow(
      /service-kubernetes: content-based grouping window must be 5-60 minutes or 1440 \(a day\), got 90/,
    );
    expect(snapshotTree(out)).toEqual(before);
    expect(leftovers(root)).toEqual([]);
  });

  it('never writes or prints the provider secrets from the environment', async () => {
    const sentinels = { PAGERDUTY_TOKEN: 'sentinel-pd-token-9f83', DD_API_KEY: 'sentinel-dd-api-4c21', DD_APP_KEY: 'sentinel-dd-app-77ab' };
    const saved = Object.fromEntries(Object.keys(sentinels).map((k) => [k, process.env[k]]));
    Object.assign(process.env, sentinels);
    try {
      const { code, io } = await run('--allow-lint-errors');
      expect(code).toBe(EXIT.ok);
      const everything = [...io.stdout, ...io.stderr, ...Object.values(snapshotTree(out))].join('\n');
      for (const secret of Object.values(sentinels)) expect(everything).not.toContain(secret);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  describe('--require-remote-state', () => {
    it('refuses the local backend with exit 1, naming organization.yaml and its line, and writes nothing', async () => {
      const { code, io } = await run('--require-remote-state', '--allow-lint-errors');
      expect(code).toBe(EXIT.invalid);
      const backendLine =
        readFileSync(join(root, 'config/organization.yaml'), 'utf8')
          .split('\n')
          .findIndex((line) => /^\s+type: local/.test(line)) + 1;
      expect(io.stderr).toContainEqual(
        `config/organization.yaml:${backendLine}:9  backend.type  config/organization.yaml keeps Terraform state in the local backend ("state/<stack>.tfstate"), which a CI runner loses after the job; configure a remote backend there (expected backend type s3, remote or cloud, found "local")`,
      );
      expect(io.stderr.at(-1)).toBe('synth: --require-remote-state: state must live in a remote backend (s3, remote or cloud); nothing was written.');
      expect(existsSync(out)).toBe(false);
      expect(leftovers(root)).toEqual([]);
    });

    it('refuses the implicit default (no backend key) too', async () => {
      editYaml(join(root, 'config/organization.yaml'), (doc) => doc.deleteIn(['backend']));
      const { code, io } = await run('--require-remote-state', '--allow-lint-errors');
      expect(code).toBe(EXIT.invalid);
      expect(io.stderr.join('\n')).toMatch(/^config\/organization\.yaml {2}backend\.type {2}.*local backend/m);
    });

    it('is passed by every synth step of the pull-request and deploy-stack workflows', () => {
      for (const workflow of ['pull-request.yml', 'deploy-stack.yml']) {
        const synthLines = readFileSync(join(REPO_ROOT, '.github', 'workflows', workflow), 'utf8')
          .split('\n')
          .filter((line) => /npm run synth\b/.test(line));
        expect(synthLines.length).toBeGreaterThan(0);
        for (const line of synthLines) expect(line).toContain('--require-remote-state');
      }
    });

    it('synthesizes with a remote backend, and the local example without the flag, whatever CI says', async () => {
      const savedCI = process.env.CI;
      process.env.CI = 'true';
      try {
        expect((await run('--allow-lint-errors')).code).toBe(EXIT.ok);
        editYaml(join(root, 'config/organization.yaml'), (doc) =>
          doc.set('backend', doc.createNode({ type: 's3', bucket: 'oncall-state', region: 'eu-west-1' })),
        );
        const { code } = await run('--require-remote-state', '--allow-lint-errors');
        expect(code).toBe(EXIT.ok);
        expect(readStacks(out).json['team-data'].terraform?.backend).toHaveProperty('s3');
      } finally {
        if (savedCI === undefined) delete process.env.CI;
        else process.env.CI = savedCI;
      }
    });
  });

  it('puts managed users in an organization stack that every team stack references', async () => {
    editYaml(join(root, 'config/organization.yaml'), (doc) => doc.setIn(['pagerduty', 'users'], 'managed'));
    expect((await run('--allow-lint-errors', '--stack', 'team-payments')).code).toBe(EXIT.ok);
    const { json } = readStacks(out);
    expect(Object.keys(json)).toEqual(['organization', 'team-payments']);
    // The whole organization, even for a one-team synth: applying it must never delete people.
    const users = Object.values(json.organization.resource!.pagerduty_user);
    const people = new Set(loadModel(root).teams.flatMap((t) => t.members.map((m) => m.email.toLowerCase())));
    expect(users).toHaveLength(people.size);
    expect(users.find((u) => u.email === 'alice.moreau@example.com')).toMatchObject({ name: 'Alice Moreau', role: 'user', time_zone: 'America/New_York' });
    const payments = json['team-payments'];
    expect(payments.data?.pagerduty_user).toBeUndefined();
    expect(payments.data?.terraform_remote_state).toEqual({
      'cross-stack-reference-input-organization': {
        backend: 'local',
        config: { path: '../../../state/organization.tfstate' },
        workspace: '${terraform.workspace}',
      },
    });
    for (const membership of Object.values(payments.resource!.pagerduty_team_membership)) {
      expect(membership.user_id).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-organization\.outputs\./);
    }
  });
});

describe('main.ts (the cdktf app command)', () => {
  // What cdktf.json runs: `node bin/app.js` (the compiled main.ts).
  const app = (cwd: string, environment: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'app.js')], { cwd, env: environment, encoding: 'utf8' });
  // Without CDKTF_OUTDIR (set only by the cdktf CLI) the app writes ./cdktf.out.
  const { CDKTF_OUTDIR: _unset, ...inherited } = process.env;
  const env = { ...inherited, CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true' };

  it('synthesizes into cdktf.out with state paths relative to each stack', () => {
    expect(JSON.parse(readFileSync(join(REPO_ROOT, 'cdktf.json'), 'utf8')).app).toBe('node bin/app.js');
    expect(app(root, env).status).toBe(0);
    const { json } = readStacks(out);
    expect(Object.keys(json)).toEqual(['team-data', 'team-payments', 'team-platform']);
    expect(json['team-data'].terraform?.backend).toEqual({ local: { path: '../../../state/team-data.tfstate' } });
  });

  it('exits 1 with located diagnostics before creating anything when config is invalid', () => {
    breakConfig();
    const result = app(root, env);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/config\/teams\/payments\.yaml:\d+:\d+ .*SEV9/);
    expect(result.stderr).toMatch(/nothing was synthesized/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses on error-level lint findings unless ONCALL_ALLOW_LINT_ERRORS=1', () => {
    // Business hours only for the primary (and its derived secondary): level 1 has a gap at night.
    editYaml(join(root, 'config/teams/payments.yaml'), (doc) =>
      doc.setIn(['rotations', 'primary', 'coverage'], [{ days: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'], from: '09:00', to: '17:00' }]),
    );
    const refused = app(root, env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^config\/teams\/payments\.yaml:\d+:\d+  escalation\.levels\[0\]  .* \[escalation-first-level-gap\]$/m);
    expect(refused.stderr).toMatch(/ONCALL_ALLOW_LINT_ERRORS=1\. Nothing was synthesized/);
    expect(existsSync(out)).toBe(false);

    const allowed = app(root, { ...env, ONCALL_ALLOW_LINT_ERRORS: '1' });
    expect(allowed.status).toBe(0);
    expect(readStacks(out).json['team-payments']).toBeDefined();
  });
});
