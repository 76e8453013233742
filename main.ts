/**
 * cdktf entry point (`cdktf synth / plan / deploy`, via cdktf.json). Loads and validates
 * config/ first: any error is printed and the process exits 1 before a single construct exists,
 * so nothing is written. `npm run synth` does the same plus lint and an atomic output swap.
 */
import { resolve } from 'node:path';
import { formatDiagnostic, hasErrors } from './lib/config/diagnostics';
import { loadConfig } from './lib/config/load';
import { buildModel } from './lib/model/build';
import { buildApp, DEFAULT_OUTDIR } from './lib/stacks/app';

function main(): number {
  const root = process.cwd();
  const result = loadConfig({ root });
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  if (!result.config || hasErrors(result.diagnostics)) {
    process.stderr.write(`main.ts: config has ${result.diagnostics.filter((d) => d.level === 'error').length} error(s); nothing was synthesized.\n`);
    return 1;
  }
  // The cdktf CLI tells the app where to write; terraform later runs from that same folder.
  const outdir = resolve(root, process.env.CDKTF_OUTDIR ?? DEFAULT_OUTDIR);
  const app = buildApp(buildModel(result.config), { outdir, terraformOutdir: outdir, projectRoot: root });
  app.synth();
  return 0;
}

process.exitCode = main();
