import { formatDiagnostic, type Diagnostic } from '../config/diagnostics';

/** Where a command writes; tests pass a capturing implementation. */
export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
  /** Colours only when writing to a terminal (and NO_COLOR is unset). */
  color: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const processIO = (): CommandIO => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  cwd: process.cwd(),
  env: process.env,
});

const paint = (io: CommandIO, code: number, text: string) => (io.color ? `\u001b[${code}m${text}\u001b[0m` : text);
export const red = (io: CommandIO, text: string) => paint(io, 31, text);
export const yellow = (io: CommandIO, text: string) => paint(io, 33, text);
export const green = (io: CommandIO, text: string) => paint(io, 32, text);
export const bold = (io: CommandIO, text: string) => paint(io, 1, text);

export function printDiagnostics(io: CommandIO, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const line = formatDiagnostic(d);
    io.err(d.level === 'error' ? red(io, line) : yellow(io, line));
  }
}

/** Exit codes shared by every command (documented in the README). */
export const EXIT = {
  ok: 0,
  /** Config is invalid, or lint found error-level problems. */
  invalid: 1,
  /** Wrong command-line usage. */
  usage: 2,
  /** Something outside the config failed (git, file system). */
  failure: 3,
} as const;

export class UsageError extends Error {}
