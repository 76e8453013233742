/**
 * `npm run build && node dist/scripts/bench/phases.js <org-root> [--team <id>]`
 *
 * Times the phases of a full synth in one process, without profiler overhead: loading our
 * config/model code, loading + validating config, building the model, the coverage rules, the
 * runbook rules, loading cdktf and the provider bindings, creating the constructs, and cdktf's
 * synth (token resolution and writing JSON). Prints one JSON object; scripts/bench.ts runs it
 * with --phases and docs/performance.md shows the split.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Phase {
  name: string;
  ms: number;
  /** Resident set size after the phase, MB. */
  rssMb: number;
}

function main(argv: string[]): void {
  const root = resolve(argv[0] ?? '.');
  const team = argv[1] === '--team' ? argv[2] : undefined;
  const phases: Phase[] = [];
  const time = <T>(name: string, work: () => T): T => {
    const started = process.hrtime.bigint();
    const result = work();
    phases.push({ name, ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6), rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024) });
    return result;
  };

  const { loadConfig, buildModel, runLint, COVERAGE_RULES, RUNBOOK_RULES, DateTime } = time('load our config, model and lint code', () => ({
    ...(require('../../lib/config/load') as typeof import('../../lib/config/load')),
    ...(require('../../lib/model/build') as typeof import('../../lib/model/build')),
    ...(require('../../lib/lint/run') as typeof import('../../lib/lint/run')),
    ...(require('../../lib/lint/rules/coverage') as typeof import('../../lib/lint/rules/coverage')),
    ...(require('../../lib/lint/rules/runbooks') as typeof import('../../lib/lint/rules/runbooks')),
    DateTime: (require('luxon') as typeof import('luxon')).DateTime,
  }));
  const loaded = time('read, parse (YAML, or the parse cache) and validate config', () => loadConfig({ root }));
  if (!loaded.config) throw new Error(`config under ${root} is invalid: ${loaded.diagnostics.length} diagnostic(s)`);
  const model = time('build the model', () => buildModel(loaded.config!));
  const from = DateTime.now();
  time('lint: coverage rules (365 days, both readings)', () => runLint(model, { from, rules: COVERAGE_RULES }));
  time('lint: runbook rules (read + parse every runbook)', () => runLint(model, { from, rules: RUNBOOK_RULES }));
  const { buildApp } = time('load cdktf and the provider bindings', () => require('../../lib/stacks/app') as typeof import('../../lib/stacks/app'));
  const outdir = mkdtempSync(join(tmpdir(), 'oncall-phases-'));
  try {
    const app = time(`create constructs (${team ? `team-${team} only` : 'all stacks'})`, () =>
      buildApp(model, { outdir, stacks: team ? [`team-${team}`] : undefined }),
    );
    time('cdktf synth (resolve tokens, write JSON)', () => app.synth());
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  process.stdout.write(`${JSON.stringify({ root, team, phases })}\n`);
}

main(process.argv.slice(2));
