import type { Diagnostic } from '../config/diagnostics';
import { loadConfig, type LoadedConfig, type LoadOptions } from '../config/load';
import { printDiagnostics, type CommandIO } from './io';

/**
 * The preamble of every command that reads config, once: load it, print its diagnostics, and when
 * an error stops the command, say so in the command's own words. The command then returns
 * EXIT.invalid; otherwise it continues with the config and the diagnostics it printed.
 */
export interface ConfigPreamble extends LoadOptions {
  /** `always`: the diagnostics are printed whether or not they stop the command (validate, synth); by default only when they do. */
  print?: 'always' | 'on-refusal';
  /** The command's reading of the diagnostics (lint --strict, synth --require-remote-state: unfinished onboarding becomes an error). */
  adjust?: (diagnostics: Diagnostic[]) => Diagnostic[];
  /** Reports the diagnostics instead of printing them (lint --format json). */
  report?: (diagnostics: Diagnostic[]) => void;
  /** Runs before the refusal is printed (stopping threads started ahead). */
  onRefusal?: () => void;
  /** The command's last line when config stops it, from the number of errors. */
  refusal: (errors: number) => string;
}

export interface LoadedForCommand {
  config: LoadedConfig;
  /** As the command read them (`adjust`), and as printed. */
  diagnostics: Diagnostic[];
}

/** The config, or undefined after the refusal was printed (the command returns EXIT.invalid). */
export function loadConfigFor(io: CommandIO, preamble: ConfigPreamble): LoadedForCommand | undefined {
  const loaded = loadConfig(preamble);
  const diagnostics = preamble.adjust ? preamble.adjust(loaded.diagnostics) : loaded.diagnostics;
  const errors = diagnostics.filter((d) => d.level === 'error');
  const stopped = !loaded.config || errors.some((d) => !preamble.tolerateErrors?.(d));
  const report = preamble.report ?? ((all: Diagnostic[]) => printDiagnostics(io, all));
  if (stopped || preamble.print === 'always') report(diagnostics);
  if (!stopped) return { config: loaded.config!, diagnostics };
  preamble.onRefusal?.();
  io.err(preamble.refusal(errors.length));
  return undefined;
}
