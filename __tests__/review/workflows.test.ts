import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './git-repo';

/**
 * The CI workflows call npm scripts by name; a renamed script would only fail on GitHub. This
 * reads every workflow and checks what it calls exists, and that third-party actions are pinned.
 */
const WORKFLOWS_DIR = join(REPO_ROOT, '.github', 'workflows');
const scripts = Object.keys((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

interface Step {
  run?: string;
  uses?: string;
}
interface Job {
  steps: Step[];
  strategy?: { 'max-parallel'?: number; matrix?: unknown };
  environment?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: unknown;
  env?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const workflows = readdirSync(WORKFLOWS_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => ({ file, workflow: parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as Workflow }));
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps);

/** `npm run X`, `npm run --silent X`, `npm test` (= the test script), `npm ci` (built in). */
function npmScriptsCalled(command: string): string[] {
  const called: string[] = [];
  for (const match of command.matchAll(/\bnpm[ \t]+(run(?:-script)?|test|t)\b((?:[ \t]+-{1,2}[\w-]+)*)[ \t]*([\w:.-]*)/g)) {
    if (match[1] !== 'run' && match[1] !== 'run-script') called.push('test');
    else if (match[3]) called.push(match[3]);
    else throw new Error(`cannot read the script name in "${match[0]}"`);
  }
  return called;
}

describe('GitHub workflows', () => {
  it('there are a pull-request and a deploy workflow', () => {
    expect(workflows.map((w) => w.file).sort()).toEqual(['deploy.yml', 'pull-request.yml']);
  });

  it.each(workflows.map((w) => [w.file, w.workflow] as const))('%s only calls npm scripts package.json defines', (_file, workflow) => {
    const called = steps(workflow).flatMap((step) => (step.run ? npmScriptsCalled(step.run) : []));
    expect(called.length).toBeGreaterThan(0);
    for (const script of called) expect(scripts).toContain(script);
  });

  it.each(workflows.map((w) => [w.file, w.workflow] as const))('%s pins every action to a full commit SHA', (_file, workflow) => {
    const uses = steps(workflow).flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it('the PR workflow plans affected stacks as a matrix within the PagerDuty budget and updates one comment', () => {
    const { workflow } = workflows.find((w) => w.file === 'pull-request.yml')!;
    const plan = workflow.jobs.plan;
    expect(plan.strategy?.matrix).toBe('${{ fromJSON(needs.check.outputs.matrix) }}');
    const workers = plan.strategy!['max-parallel']! * Number(workflow.env!.PLAN_PARALLELISM);
    // 960 requests/min per key (PagerDuty) = 16/s; at most ~2 requests/s per Terraform worker.
    expect(workers).toBeLessThanOrEqual(8);
    const planRun = plan.steps.map((s) => s.run ?? '').join('\n');
    expect(planRun).toContain('-parallelism="$PLAN_PARALLELISM"');
    for (const secret of ['PAGERDUTY_TOKEN', 'DD_API_KEY', 'DD_APP_KEY']) expect(plan.env?.[secret]).toBe(`\${{ secrets.${secret} }}`);
    const script = workflow.jobs.comment.steps.map((s) => JSON.stringify(s)).join('\n');
    expect(script).toContain('<!-- oncall-as-code-review -->');
    expect(script).toContain('updateComment');
  });

  it('the deploy workflow is serialized, takes its matrix from the review JSON and gates destructive stacks', () => {
    const { workflow } = workflows.find((w) => w.file === 'deploy.yml')!;
    expect(workflow.concurrency).toEqual({ group: 'oncall-deploy', 'cancel-in-progress': false });
    const prepare = workflow.jobs.prepare.steps.map((s) => s.run ?? '').join('\n');
    expect(prepare).toMatch(/npm run review -- --base .* --format json --out review\.json/);
    expect(prepare).toContain('{include: [.stacks[] | {stack, change, destructive}]}');
    const deploy = workflow.jobs.deploy;
    expect(deploy.environment).toBe("${{ matrix.destructive && 'oncall-destructive' || 'oncall' }}");
    expect(deploy.strategy?.['max-parallel']).toBe(1);
    expect(Number(workflow.env!.APPLY_PARALLELISM)).toBeLessThanOrEqual(8);
  });
});

describe('npmScriptsCalled', () => {
  it('reads the script name after flags', () => {
    expect(npmScriptsCalled('npm ci && npm test\nnpm run --silent affected -- --base x\nnpm run review')).toEqual(['test', 'affected', 'review']);
  });
});
