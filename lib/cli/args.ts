import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { didYouMean } from '../config/did-you-mean';
import { UsageError, type CommandIO } from './io';
import { TOOL_ROOT } from '../util/tool-root';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  multiple?: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  options: Record<string, OptionSpec>;
  /**
   * Names of the positional arguments the command takes, in order (`oncall <team>`); more than
   * these are a usage error. Default: none.
   */
  positionals?: readonly string[];
  /** Longer help text shown after the options. */
  details?: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

/**
 * Strict parsing, as terraform and kubectl do it: unknown flags and unexpected arguments are usage
 * errors (exit 2) with a hint, never silently ignored.
 */
export function parseCommandArgs(spec: CommandSpec, argv: string[], env: NodeJS.ProcessEnv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${spec.name}: ${optionProblem(spec, error as NodeJS.ErrnoException)}`);
  }
  const allowed = spec.positionals ?? [];
  if (parsed.positionals.length > allowed.length) {
    const extra = parsed.positionals.slice(allowed.length);
    const takes = allowed.length === 0 ? 'takes no arguments' : `takes ${allowed.map((name) => `<${name}>`).join(' ')}`;
    throw new UsageError(`${spec.name}: unexpected argument "${extra[0]}" (${spec.name} ${takes})${npmAteOptionHint(spec, env, extra)}`);
  }
  return parsed;
}

/** "unknown option --stak; did you mean --stack?" instead of parseArgs' long wording. */
function optionProblem(spec: CommandSpec, error: NodeJS.ErrnoException): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message;
  const typed = /option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (!typed) return error.message;
  const suggestion = didYouMean(typed.replace(/^-+/, '').split('=')[0], [...Object.keys(spec.options), 'help', 'version']);
  return `unknown option ${typed}${
    suggestion
      ? `; did you mean --${suggestion}?`
      : ` (options: ${Object.keys(spec.options)
          .map((name) => `--${name}`)
          .join(', ')})`
  }`;
}

/**
 * `npm run synth --stack team-data` (no `--`) makes npm take `--stack` as its own setting
 * (npm_config_stack=true) and pass only `team-data` to the command, which then synthesized every
 * stack. The hint rebuilds the intended command when it can pair flags with values.
 */
function npmAteOptionHint(spec: CommandSpec, env: NodeJS.ProcessEnv, extra: readonly string[]): string {
  if (!env.npm_lifecycle_event) return '';
  const eaten = Object.keys(spec.options).filter((name) => env[`npm_config_${name.replace(/-/g, '_')}`] === 'true');
  if (eaten.length === 0) return '; npm passes options to the command only after `--`';
  const intended =
    eaten.length === extra.length ? eaten.map((name, index) => `--${name} ${extra[index]}`).join(' ') : eaten.map((name) => `--${name} ...`).join(' ');
  return `; npm took --${eaten.join(', --')} for itself: put \`--\` before the command's options, e.g. npm run ${spec.name} -- ${intended}`;
}

/** `--root`: every command reads the repository at the working directory unless told otherwise. */
export const ROOT_OPTION: OptionSpec = { type: 'string', description: 'Repository root holding config/ (default: current directory)' };

/** The repository root a command works on: --root resolved against the command's working directory. */
export const rootOf = (values: { root?: unknown }, io: CommandIO): string => resolve(io.cwd, (values.root as string | undefined) ?? '.');

export function helpText(spec: CommandSpec): string {
  const lines = [`Usage: npm run ${spec.name} -- ${spec.usage.replace(/^\S+\s*/, '')}`.trimEnd(), '', spec.summary, ''];
  const options: Record<string, OptionSpec> = {
    ...spec.options,
    help: { type: 'boolean', description: 'Show this help' },
    version: { type: 'boolean', description: 'Print the version of oncall-as-code' },
  };
  lines.push('Options:');
  for (const [name, o] of Object.entries(options)) {
    lines.push(`  --${name}${o.type === 'string' ? ' VALUE' : ''}`.padEnd(28) + o.description);
  }
  if (spec.details) lines.push('', spec.details);
  lines.push('', 'Exit codes: 0 ok, 1 invalid config or error-level findings, 2 usage error, 3 other failure.');
  return lines.join('\n');
}

/** Before `--`, as parseArgs reads it: `new-runbook shop -- --help` names a monitor "--help". */
const flagsOf = (argv: string[]) => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv);
export const wantsHelp = (argv: string[]) => flagsOf(argv).some((arg) => arg === '--help' || arg === '-h');
export const wantsVersion = (argv: string[]) => flagsOf(argv).includes('--version');

/** "oncall-as-code 0.1.0": the version of this repository's package.json. */
export function versionText(): string {
  const { name, version } = require(join(TOOL_ROOT, 'package.json')) as { name: string; version: string };
  return `${name} ${version}`;
}

export type { CommandIO };
