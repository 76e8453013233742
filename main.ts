/**
 * cdktf entry point (`cdktf synth / plan / deploy`, via cdktf.json). Loads and validates
 * config/ first: any error is printed and the process exits 1 before a single construct exists,
 * so nothing is written; error-level lint findings stop it the same way unless
 * ONCALL_ALLOW_LINT_ERRORS=1. `npm run synth` does the same plus an atomic output swap.
 */
import { resolve } from 'node:path';
import { formatDiagnostic, hasErrors } from './lib/config/diagnostics';
import { loadConfig } from './lib/config/load';
import { buildModel } from './lib/model/build';
import { DateTime } from 'luxon';
import { locateFindings } from './lib/cli/findings';
import { formatFinding } from './lib/lint/format';
import { runLint } from './lib/lint/run';
import { buildApp, DEFAULT_OUTDIR } from './lib/stacks/app';

/** The cdktf CLI passes no flags to the app, so the lint override is an environment variable. */
const ALLOW_LINT_ERRORS = 'ONCALL_ALLOW_LINT_ERRORS';

function main(): number {
  const root = process.cwd();
  const result = loadConfig({ root });
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!result.config || hasErrors(result.diagnostics)) {
    process.stderr.write(`main.ts: config has ${result.diagnostics.filter((d) => d.level === 'error').length} error(s); nothing was synthesized.\n`);
    return 1;
  }
  const model = buildModel(result.config);
  // Same gate as `npm run synth`: error-level policy findings stop `cdktf synth/plan/deploy` too.
  const findings = runLint(model, { from: DateTime.now() });
  for (const finding of locateFindings(root, findings)) process.stderr.write(`${formatFinding(finding)}\n`);
  const lintErrors = findings.filter((f) => f.level === 'error').length;
  if (lintErrors > 0 && process.env[ALLOW_LINT_ERRORS] !== '1') {
    process.stderr.write(`main.ts: lint found ${lintErrors} error-level problem(s); fix them or set ${ALLOW_LINT_ERRORS}=1. Nothing was synthesized.\n`);
    return 1;
  }
  // The cdktf CLI tells the app where to write; terraform later runs from that same folder.
  const outdir = resolve(root, process.env.CDKTF_OUTDIR ?? DEFAULT_OUTDIR);
  const app = buildApp(model, { outdir, terraformOutdir: outdir, projectRoot: root });
  app.synth();
  return 0;
}

process.exitCode = main();
