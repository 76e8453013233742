import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError, type CommandIO } from './io';

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
  /** Longer help text shown after the options. */
  details?: string;
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** Strict parsing: unknown flags are usage errors, never silently ignored. */
export function parseCommandArgs(spec: CommandSpec, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.multiple ? { multiple: true } : {}) }]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${spec.name}: ${(error as Error).message}`);
  }
}

/** `--root`: every command reads the repository at the working directory unless told otherwise. */
export const ROOT_OPTION: OptionSpec = { type: 'string', description: 'Repository root holding config/ (default: current directory)' };

/** The repository root a command works on: --root resolved against the command's working directory. */
export const rootOf = (values: { root?: unknown }, io: CommandIO): string => resolve(io.cwd, (values.root as string | undefined) ?? '.');

export function helpText(spec: CommandSpec): string {
  const lines = [`Usage: npm run ${spec.name} -- ${spec.usage.replace(/^\S+\s*/, '')}`.trimEnd(), '', spec.summary, ''];
  const options: Record<string, OptionSpec> = { ...spec.options, help: { type: 'boolean', description: 'Show this help' } };
  lines.push('Options:');
  for (const [name, o] of Object.entries(options)) {
    lines.push(`  --${name}${o.type === 'string' ? ' VALUE' : ''}`.padEnd(28) + o.description);
  }
  if (spec.details) lines.push('', spec.details);
  lines.push('', 'Exit codes: 0 ok, 1 invalid config or error-level findings, 2 usage error, 3 other failure.');
  return lines.join('\n');
}

export const wantsHelp = (argv: string[]) => argv.includes('--help') || argv.includes('-h');

export type { CommandIO };
