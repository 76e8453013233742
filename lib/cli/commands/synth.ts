import { readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { DateTime } from 'luxon';
import type { Diagnostic } from '../../config/diagnostics';
import { didYouMean } from '../../config/did-you-mean';
import type { LoadedConfig } from '../../config/load';
import { locate, parseYaml } from '../../config/yaml-source';
import { runLint } from '../../lint/run';
import { startBackgroundLint } from '../../lint/threads';
import type { Finding } from '../../lint/types';
import { buildModel } from '../../model/build';
import type { OrgModel } from '../../model/types';
import { DEFAULT_OUTDIR, stackNames } from '../../stacks/app';
import { synthesizeApp } from '../../stacks/parallel-synth';
import {
  checkReplaceableOutput,
  exists,
  partsPrefix,
  recoverLeftovers,
  retiredPath,
  stagingPath,
  type ProtectedPlaces,
  type Recovery,
} from '../../util/output-folder';
import { withOutputLock, type LockOptions } from '../../util/output-lock';
import { ROOT_OPTION, parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { locateFindings, printFindings } from '../findings';
import { strictDiagnostics, strictFindings, strictModel, UNFINISHED_RULES } from '../strict';
import { EXIT, green, printDiagnostics, red, UsageError, yellow, type CommandIO } from '../io';
import { loadConfigFor } from '../load-config';

export const synthCommand: CommandSpec = {
  name: 'synth',
  summary: 'Validate and lint config/, then write Terraform JSON for every team stack (offline, no credentials).',
  usage: 'synth [--root DIR] [--out DIR] [--stack team-<id>]... [--allow-lint-errors] [--require-remote-state]',
  options: {
    root: ROOT_OPTION,
    out: { type: 'string', description: `Output directory (default: ${DEFAULT_OUTDIR}, where cdktf plan/deploy look)` },
    stack: { type: 'string', multiple: true, description: 'Only this team stack, e.g. team-payments (repeatable)' },
    'allow-lint-errors': { type: 'boolean', description: 'Synthesize even when lint finds error-level problems' },
    'require-remote-state': {
      type: 'boolean',
      description: 'Refuse (exit 1) when organization.yaml keeps state in the local backend; for CI jobs that plan or apply',
    },
  },
  details: [
    'Output is all or nothing: stacks are written to a temporary folder next to --out and moved into',
    'place only when every stack synthesized, so a failed run leaves the previous output untouched.',
    'With --stack, the output holds only the named stacks (plus `organization` when users are managed).',
    '--out must be a folder synth wrote (a cdktf manifest.json) or an empty or missing one: never the',
    "project root, the current directory, config/, runbooks/, a file, a link or anyone else's folder (exit 2).",
    'Folders left beside it by a killed synth are cleaned up (or put back) by the next run.',
    'Pass --require-remote-state wherever terraform runs on a throw-away machine (CI plan and deploy):',
    'local state would be lost after the job and the next apply would create everything again.',
    'It also makes unfinished onboarding an error (REPLACE-ME placeholders, TODO(runbook) markers),',
    'as `npm run check` does, even with --allow-lint-errors: a scaffold is never deployed unfilled.',
    'Then, with PAGERDUTY_TOKEN, DD_API_KEY and DD_APP_KEY set: npx cdktf plan team-<id> / npx cdktf deploy team-<id>.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseCommandArgs(synthCommand, argv, io.env);
    const root = rootOf(values, io);
    const out = resolve(io.cwd, (values.out as string | undefined) ?? join(root, DEFAULT_OUTDIR));
    // Before anything else: synth replaces --out wholesale, so it must be a folder synth wrote.
    const label = (values.out as string | undefined) ?? (relative(io.cwd, out) || '.');
    refuseUnlessReplaceable(out, { root, cwd: io.cwd }, label);
    const swap = {
      cwd: io.cwd,
      label,
      note: (line: string) => io.err(yellow(io, line)),
    };

    // A full synth lints on another thread while cdktf builds the stacks (synth is mostly cdktf);
    // the output replaces the previous one only once the findings allow it. Started before the
    // config is read, so the thread loads its code meanwhile.
    const background = values.stack === undefined ? startBackgroundLint(root) : undefined;
    // The CI form (plan and deploy) also refuses unfinished onboarding, as `npm run check` does.
    const strict = values['require-remote-state'] === true;
    const loaded = loadConfigFor(io, {
      root,
      print: 'always',
      ...(strict ? { adjust: strictDiagnostics } : {}),
      onRefusal: () => background?.stop(),
      refusal: (errors) => red(io, `synth: config has ${errors} error(s); nothing was written.`),
    });
    if (!loaded) return EXIT.invalid;
    if (values['require-remote-state']) {
      const refusal = localStateRefusal(root, loaded.config);
      if (refusal) {
        background?.stop();
        printDiagnostics(io, [refusal]);
        io.err(red(io, 'synth: --require-remote-state: state must live in a remote backend (s3, remote or cloud); nothing was written.'));
        return EXIT.invalid;
      }
    }
    const built = buildModel(loaded.config);
    const model = strict ? strictModel(built) : built;
    const requested = requestedStacks(model, values.stack as string[] | undefined);

    const teamIds = requested ? new Set(requested.map((s) => s.slice('team-'.length))) : undefined;
    // With --stack, only those teams' findings (and organization-wide ones) count; lint skips the rest.
    const lintOptions = { from: DateTime.now(), ...(teamIds ? { teams: teamIds } : {}) };
    let lintErrors = 0;
    /** Prints the findings; whether they let the output be written. */
    const lintAllows = (found: Finding[]): boolean => {
      const findings = strict ? strictFindings(found) : found;
      printFindings(io.err, io, locateFindings(root, findings));
      lintErrors = findings.filter((f) => f.level === 'error').length;
      const unfinished = findings.some((f) => f.level === 'error' && UNFINISHED_RULES.includes(f.ruleId));
      if (lintErrors === 0 || (values['allow-lint-errors'] && !unfinished)) return true;
      io.err(red(io, `synth: lint found ${lintErrors} error-level problem(s); fix them or pass --allow-lint-errors. Nothing was written.`));
      return false;
    };

    let stacks: StackSummary[] | undefined;
    if (background) {
      const findings = background.run(model, lintOptions);
      let verdict: boolean | undefined;
      const gate = async () => (verdict = lintAllows(await findings));
      try {
        stacks = await synthesizeAtomically(model, { root, out, stacks: requested, gate, ...swap });
      } catch (error) {
        // Synthesis failed: the lint verdict still comes first, as when lint runs before synthesis
        // (its findings printed; a refusal is exit 1, not the synthesis error).
        if (verdict === undefined && !(await gate())) return EXIT.invalid;
        throw error;
      } finally {
        background.stop();
      }
    } else {
      if (!lintAllows(runLint(model, lintOptions))) return EXIT.invalid;
      stacks = await synthesizeAtomically(model, { root, out, stacks: requested, ...swap });
    }
    if (!stacks) return EXIT.invalid; // lint refused the output (said above); the previous output is untouched
    io.out(
      green(io, `synthesized ${stacks.length} stack(s) into ${relative(io.cwd, out) || '.'}${lintErrors > 0 ? ` despite ${lintErrors} lint error(s)` : ''}`),
    );
    for (const s of stacks) io.out(`  ${s.name.padEnd(28)}${s.resources} resources, ${s.dataSources} data sources, ${s.outputs} outputs`);
    return EXIT.ok;
  },
};

/**
 * With `--require-remote-state`: the located reason a local backend is refused, or undefined when
 * state lives remotely. On a CI runner `state/` vanishes with the job, so every deploy would create
 * the whole organization again (duplicate services and monitors, name clashes).
 */
function localStateRefusal(root: string, config: LoadedConfig): Diagnostic | undefined {
  const { file, config: organization } = config.organization;
  if (organization.backend.type !== 'local') return undefined;
  const path = ['backend', 'type'];
  const diagnostic: Diagnostic = {
    level: 'error',
    file,
    path,
    message: `${file} keeps Terraform state in the local backend ("${organization.backend.directory}/<stack>.tfstate"), which a CI runner loses after the job; configure a remote backend there`,
    expected: 'backend type s3, remote or cloud',
    found: '"local"',
    code: 'backend-local-refused',
  };
  try {
    const { source } = parseYaml(file, readFileSync(join(root, file), 'utf8'));
    // Without a `backend` key local is the default, and there is no line to point at.
    if (source?.doc.hasIn(['backend'])) Object.assign(diagnostic, locate(source, path));
  } catch {
    // The file was just loaded; if it cannot be re-read now, the message still names it.
  }
  return diagnostic;
}

/** `--stack` values checked against the model's team stacks; undefined means all. */
function requestedStacks(model: OrgModel, stacks: string[] | undefined): string[] | undefined {
  if (!stacks || stacks.length === 0) return undefined;
  const teamStacks = stackNames(model).filter((name) => name.startsWith('team-'));
  for (const name of stacks) {
    if (!teamStacks.includes(name)) {
      const hint = didYouMean(name, teamStacks) ?? didYouMean(`team-${name}`, teamStacks);
      throw new UsageError(`synth: unknown stack "${name}"${hint ? `; did you mean "${hint}"?` : ''} (team stacks: ${teamStacks.join(', ')})`);
    }
  }
  return [...new Set(stacks)].sort();
}

export interface StackSummary {
  name: string;
  resources: number;
  dataSources: number;
  outputs: number;
}

/** The UsageError (exit 2) for an --out that synth must not replace; undefined when it may. */
function refuseUnlessReplaceable(out: string, places: ProtectedPlaces, label: string): void {
  const reason = checkReplaceableOutput(out, places);
  if (reason === undefined) return;
  throw new UsageError(
    `synth: --out ${label} ${reason}; synth only replaces a folder it wrote (cdktf manifest.json) or an empty/missing one. Nothing was touched.`,
  );
}

/** Project folders the model names, protected like config/ and runbooks/: the runbooks directory and the local state directory. */
function modelFolders(model: OrgModel): string[] {
  return [model.runbooks.directory, ...(model.backend.type === 'local' ? [model.backend.directory] : [])];
}

/** One line about what recovery did, or undefined when it found nothing. */
export function describeRecovery(out: string, recovery: Recovery): string | undefined {
  const parts: string[] = [];
  if (recovery.restored) parts.push(`put back the previous output from ${basename(recovery.restored)} (a synth was killed while replacing ${basename(out)})`);
  if (recovery.removed.length > 0) {
    const names = recovery.removed.map((path) => basename(path)).sort();
    parts.push(`removed ${names.length} folder(s) left by killed synth runs (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''})`);
  }
  return parts.length > 0 ? `synth: ${parts.join('; ')}` : undefined;
}

/** Numbers the synths of this process, so that concurrent ones in one process stage apart. */
let stagingSequence = 0;

/**
 * Synthesizes into `.<out>.tmp-<pid>-<n>` beside `out`, then swaps it into place. A throw anywhere
 * before the swap removes the temporary folder and leaves `out` as it was.
 *
 * `out` must be replaceable (checkReplaceableOutput): checked before anything is created, and
 * again just before the swap (it may have changed meanwhile); a refusal is a UsageError. What
 * killed runs left beside `out` is repaired first (recoverLeftovers, reported through `note`).
 * Recovery and the swap hold the output's lock, so concurrent synths into one output take turns
 * there (the last one to finish wins) instead of renaming over each other.
 */
export async function synthesizeAtomically(
  model: OrgModel,
  options: {
    root: string;
    out: string;
    stacks?: string[];
    /** Asked once everything is synthesized, before the swap: false leaves `out` as it was (returns undefined). */
    gate?: () => Promise<boolean>;
    /** The current directory, never replaced (default process.cwd()). */
    cwd?: string;
    /** How `out` is named in a refusal (default: the path). */
    label?: string;
    /** Where one-line notes go: recovery done, waiting for another synth. */
    note?: (line: string) => void;
    lock?: LockOptions;
  },
): Promise<StackSummary[] | undefined> {
  const out = resolve(options.out);
  const places: ProtectedPlaces = { root: options.root, cwd: options.cwd ?? process.cwd(), folders: modelFolders(model) };
  const label = options.label ?? out;
  refuseUnlessReplaceable(out, places, label);
  let waitNoted = false;
  const lock: LockOptions = {
    ...options.lock,
    onWait: (holder) => {
      options.lock?.onWait?.(holder);
      if (waitNoted) return;
      waitNoted = true;
      options.note?.(`synth: waiting for ${holder === undefined ? 'another synth' : `process ${holder}`} to finish replacing ${basename(out)}`);
    },
  };
  await withOutputLock(
    out,
    () => {
      const line = describeRecovery(out, recoverLeftovers(out));
      if (line) options.note?.(line);
    },
    lock,
  );
  const staging = stagingPath(out, process.pid, ++stagingSequence);
  rmSync(staging, { recursive: true, force: true });
  try {
    // Several processes for a large organization (lib/stacks/parallel-synth.ts); same bytes as one.
    await synthesizeApp(model, { outdir: staging, terraformOutdir: out, projectRoot: options.root, stacks: options.stacks }, partsPrefix(out));
    if (options.gate && !(await options.gate())) {
      rmSync(staging, { recursive: true, force: true });
      return undefined;
    }
    const summaries = summarize(staging);
    await withOutputLock(
      out,
      () => {
        refuseUnlessReplaceable(out, places, label);
        const retired = retiredPath(out);
        rmSync(retired, { recursive: true, force: true });
        const hadOutput = exists(out);
        if (hadOutput) renameSync(out, retired);
        try {
          renameSync(staging, out);
        } catch (error) {
          if (hadOutput) renameSync(retired, out); // the previous output goes back
          throw error;
        }
        rmSync(retired, { recursive: true, force: true });
      },
      lock,
    );
    return summaries;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function summarize(outdir: string): StackSummary[] {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
  return Object.entries(manifest.stacks)
    .map(([name, stack]) => {
      const json = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), 'utf8')) as Record<
        string,
        Record<string, Record<string, unknown>> | undefined
      >;
      const count = (block: Record<string, Record<string, unknown>> | undefined) =>
        Object.values(block ?? {}).reduce((n, items) => n + Object.keys(items).length, 0);
      return { name, resources: count(json.resource), dataSources: count(json.data), outputs: Object.keys(json.output ?? {}).length };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export type { CommandIO };
