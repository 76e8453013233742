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
  id?: string;
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  /** Absent on a job that calls a reusable workflow (`uses`). */
  steps?: Step[];
  uses?: string;
  with?: Record<string, string>;
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; 'max-parallel'?: number; matrix?: unknown };
  environment?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

const workflows = readdirSync(WORKFLOWS_DIR)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => ({ file, workflow: parse(readFileSync(join(WORKFLOWS_DIR, file), 'utf8')) as Workflow }));
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
const workflowNamed = (file: string) => workflows.find((w) => w.file === file)!.workflow;
const SECRETS = ['PAGERDUTY_TOKEN', 'DD_API_KEY', 'DD_APP_KEY'];
const isTerraformStep = (step: Step) => /^\s*terraform (init|plan|apply)\b/m.test(step.run ?? '');

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
  it('there are a pull-request workflow, a deploy workflow and its per-stack reusable workflow', () => {
    expect(workflows.map((w) => w.file).sort()).toEqual(['deploy-stack.yml', 'deploy.yml', 'pull-request.yml']);
  });

  it.each(workflows.map((w) => [w.file, w.workflow] as const))(
    "%s gates on `npm run check` and then `npm test` (the organization's snapshots and invariants run with it)",
    (file, workflow) => {
      const called = steps(workflow).flatMap((step) => (step.run ? npmScriptsCalled(step.run) : []));
      // deploy-stack.yml is called by deploy.yml once that gate has passed; it only synthesizes (strictly).
      if (file === 'deploy-stack.yml') return expect(called).toEqual(['synth']);
      expect(called).toContain('check');
      expect(called).toContain('test');
      expect(called.indexOf('check')).toBeLessThan(called.indexOf('test'));
    },
  );

  it.each(workflows.map((w) => [w.file, w.workflow] as const))('%s gives API credentials to terraform steps only', (_file, workflow) => {
    const text = JSON.stringify(workflow);
    for (const secret of SECRETS) {
      expect(workflow.env?.[secret]).toBeUndefined();
      for (const job of Object.values(workflow.jobs)) expect(job.env?.[secret]).toBeUndefined();
      const holders = steps(workflow).filter((step) => step.env?.[secret] !== undefined);
      // Every mention of the secret is one of these step-level env entries.
      expect(text.split(`secrets.${secret} `).length - 1).toBe(holders.length);
      for (const step of holders) {
        expect(step.env![secret]).toBe(`\${{ secrets.${secret} }}`);
        expect(isTerraformStep(step)).toBe(true);
        expect(step.run).not.toMatch(/\bnpm\b|\bnode\b|\btsx\b/);
      }
    }
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
    const workflow = workflowNamed('pull-request.yml');
    const plan = workflow.jobs.plan;
    expect(plan.strategy?.matrix).toBe('${{ fromJSON(needs.check.outputs.matrix) }}');
    const workers = plan.strategy!['max-parallel']! * Number(workflow.env!.PLAN_PARALLELISM);
    // 960 requests/min per key (PagerDuty) = 16/s; at most ~2 requests/s per Terraform worker.
    expect(workers).toBeLessThanOrEqual(8);
    const planRun = plan.steps!.map((s) => s.run ?? '').join('\n');
    expect(planRun).toContain('-parallelism="$PLAN_PARALLELISM"');
    // Speculative plans never take the state lock a deploy needs.
    expect(planRun).toMatch(/terraform plan .*-lock=false/);
    const terraformSteps = plan.steps!.filter(isTerraformStep);
    expect(terraformSteps).toHaveLength(1);
    for (const secret of SECRETS) expect(terraformSteps[0].env?.[secret]).toBe(`\${{ secrets.${secret} }}`);
    const script = workflow.jobs.comment.steps!.map((s) => JSON.stringify(s)).join('\n');
    expect(script).toContain('<!-- oncall-as-code-review -->');
    expect(script).toContain('updateComment');
  });

  it('the PR plan synthesizes the commit the review describes: the merge commit against its first parent', () => {
    const workflow = workflowNamed('pull-request.yml');
    const check = workflow.jobs.check;
    expect(check.outputs?.base).toBe('${{ steps.base.outputs.base }}');
    expect(check.steps!.find((s) => s.name === 'Base commit')?.run).toContain('git rev-parse HEAD^1');
    const checkRuns = check.steps!.map((s) => s.run ?? '').join('\n');
    expect(checkRuns).toMatch(/npm run affected -- --base "\$BASE_SHA"/);
    expect(checkRuns).toMatch(/npm run review -- --base "\$BASE_SHA"/);
    for (const step of check.steps!.filter((s) => /--base "\$BASE_SHA"/.test(s.run ?? ''))) expect(step.env?.BASE_SHA).toBe('${{ steps.base.outputs.base }}');
    const checkout = workflow.jobs.plan.steps!.find((s) => s.uses?.startsWith('actions/checkout@'))!;
    expect(checkout.with?.ref).toBe("${{ matrix.change == 'removed' && needs.check.outputs.base || github.sha }}");
    expect(JSON.stringify(workflow)).not.toContain('pull_request.head.sha');
  });

  it.each(['pull-request.yml', 'deploy-stack.yml'])('%s lists removed and replaced resources before the tail of the plan', (file) => {
    const runs = steps(workflowNamed(file))
      .map((s) => s.run ?? '')
      .join('\n');
    const destroys = runs.indexOf("grep -E '^  # .* (will be destroyed|must be replaced|will be replaced)'");
    expect(destroys).toBeGreaterThan(0);
    expect(runs.indexOf('tail -n', destroys)).toBeGreaterThan(destroys);
  });

  it('the deploy workflow is serialized and deploys, per affected stack, what changed since the last successful deploy', () => {
    const workflow = workflowNamed('deploy.yml');
    expect(workflow.concurrency).toEqual({ group: 'oncall-deploy', 'cancel-in-progress': false });
    const prepare = workflow.jobs.prepare;
    const prepareRuns = prepare.steps!.map((s) => s.run ?? '').join('\n');
    expect(prepareRuns).toMatch(/npm run review -- --base "\$BASE" --format json --out review\.json/);
    expect(prepareRuns).toContain('{include: [.stacks[] | {stack, change, destructive}]}');
    // Base: the deployed tag, else the commit before the push, else the empty tree.
    const base = prepare.steps!.find((s) => s.name === 'Base commit')!.run!;
    const tag = base.indexOf('refs/tags/$DEPLOYED_TAG');
    const before = base.indexOf('base="$BEFORE"');
    const emptyTree = base.indexOf('4b825dc642cb6eb9a060e54bf8d69288fbee4904');
    expect(tag).toBeGreaterThan(0);
    expect(before).toBeGreaterThan(tag);
    expect(emptyTree).toBeGreaterThan(before);
    expect(workflow.env?.DEPLOYED_TAG).toBe('oncall-deployed');

    const deploy = workflow.jobs.deploy;
    expect(deploy.uses).toBe('./.github/workflows/deploy-stack.yml');
    expect(deploy.strategy).toEqual({ 'fail-fast': false, 'max-parallel': 1, matrix: '${{ fromJSON(needs.prepare.outputs.matrix) }}' });
    expect(deploy.with?.ref).toBe("${{ matrix.change == 'removed' && needs.prepare.outputs.base || github.sha }}");
  });

  it('the deployed tag moves to the pushed commit only after every stack deployed, with the only write permission', () => {
    const workflow = workflowNamed('deploy.yml');
    const mark = workflow.jobs['mark-deployed'];
    expect(mark.needs).toEqual(['prepare', 'deploy']);
    const condition = mark.if!.replace(/\s+/g, ' ').trim();
    expect(condition).toBe("!cancelled() && needs.prepare.result == 'success' && (needs.deploy.result == 'success' || needs.prepare.outputs.any == 'false')");
    expect(mark.permissions).toEqual({ contents: 'write' });
    const runs = mark.steps!.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('git tag --force "$DEPLOYED_TAG" "$GITHUB_SHA"');
    expect(runs).toContain('git push --force origin "refs/tags/$DEPLOYED_TAG"');
    for (const { workflow: w } of workflows) expect(w.permissions).toEqual({ contents: 'read' });
    const writers = workflows.flatMap(({ file, workflow: w }) =>
      Object.entries(w.jobs)
        .filter(([, job]) => job.permissions?.contents === 'write')
        .map(([id]) => `${file}:${id}`),
    );
    expect(writers).toEqual(['deploy.yml:mark-deployed']);
  });

  it('a stack is gated on its real plan and applies exactly that saved plan', () => {
    const workflow = workflowNamed('deploy-stack.yml');
    expect(Object.keys(workflow.on as object)).toEqual(['workflow_call']);
    const { plan, apply } = workflow.jobs;
    const planRuns = plan.steps!.map((s) => s.run ?? '').join('\n');
    expect(planRuns).toMatch(/terraform plan [^\n]*\\\n[^\n]*-out=tfplan/);
    expect(planRuns).toContain('terraform show -json tfplan');
    expect(planRuns).toContain('select(.change.actions | index("delete"))');
    expect(plan.outputs?.destructive).toBe('${{ steps.verdict.outputs.destructive }}');
    const upload = plan.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with?.name).toBe('plan-${{ inputs.stack }}');
    expect(String(upload.with?.path)).toContain('/tfplan');
    expect(upload.with?.['include-hidden-files']).toBe(true); // .terraform.lock.hcl

    expect(apply.needs).toBe('plan');
    expect(apply.environment).toBe("${{ needs.plan.outputs.destructive == 'true' && 'oncall-destructive' || 'oncall' }}");
    const download = apply.steps!.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with?.name).toBe('plan-${{ inputs.stack }}');
    const applyRuns = apply.steps!.map((s) => s.run ?? '').join('\n');
    expect(applyRuns).toMatch(/terraform apply [^\n]* tfplan$/m);
    expect(applyRuns).not.toContain('-auto-approve');
    expect(applyRuns).not.toContain('npm');
    expect(Number(workflow.env!.APPLY_PARALLELISM)).toBeLessThanOrEqual(8);
    expect(applyRuns).toContain('-parallelism="$APPLY_PARALLELISM"');
  });

  it("the review's destructive verdict (e.g. a backend change, which plans as creates only) also requires approval", () => {
    const stack = workflowNamed('deploy-stack.yml');
    expect(stack.env!.REVIEW_DESTRUCTIVE).toBe('${{ inputs.review-destructive }}');
    const verdict = stack.jobs.plan.steps!.find((s) => s.id === 'verdict')!.run!;
    expect(verdict).toContain('[ "$REVIEW_DESTRUCTIVE" = "true" ]');
    const deploy = workflowNamed('deploy.yml');
    const prepareRuns = deploy.jobs.prepare.steps!.map((s) => s.run ?? '').join('\n');
    expect(prepareRuns).toContain('{stack, change, destructive}');
    expect(deploy.jobs.deploy.with?.['review-destructive']).toBe('${{ matrix.destructive }}');
  });
});

describe('npmScriptsCalled', () => {
  it('reads the script name after flags', () => {
    expect(npmScriptsCalled('npm ci && npm test\nnpm run --silent affected -- --base x\nnpm run review')).toEqual(['test', 'affected', 'review']);
  });
});
