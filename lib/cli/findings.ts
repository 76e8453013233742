import { join } from 'node:path';
import type { Diagnostic } from '../config/diagnostics';
import { MAX_CONFIG_FILE_BYTES, locate, parseYaml } from '../config/yaml-source';
import { formatFinding } from '../lint/format';
import type { Finding } from '../lint/types';
import { readRegularText } from '../util/regular-file';
import { red, yellow, type CommandIO } from './io';

/**
 * Findings with `file:line:col` for a config path, as validate gives its diagnostics. Rules work
 * on the model, which has no positions; each YAML file that has findings is parsed once here.
 * A file that cannot be read again keeps its findings without a line (the path still says where).
 */
export function locateFindings(root: string, findings: readonly Finding[]): Finding[] {
  const sources = new Map<string, ReturnType<typeof parseYaml>['source']>();
  const sourceOf = (file: string) => {
    if (!sources.has(file)) {
      try {
        sources.set(file, parseYaml(file, readRegularText(join(root, file), MAX_CONFIG_FILE_BYTES)).source);
      } catch {
        sources.set(file, undefined);
      }
    }
    return sources.get(file);
  };
  return findings.map((finding) => {
    if (!finding.file || finding.line !== undefined || !/\.ya?ml$/i.test(finding.file)) return finding;
    const source = sourceOf(finding.file);
    return source ? { ...finding, ...locate(source, finding.path ?? []) } : finding;
  });
}

/** Prints findings one per line (formatFinding), each followed by its suggested config, if any. */
export function printFindings(write: (line: string) => void, io: CommandIO, findings: readonly Finding[]): void {
  for (const finding of findings) {
    write((finding.level === 'error' ? red : yellow)(io, formatFinding(finding)));
    if (finding.suggestion) {
      write('    suggested config (YAML):');
      for (const line of finding.suggestion.split('\n')) write(`      ${line}`);
    }
  }
}

/** Errors and warnings over everything a command printed: config diagnostics and lint findings. */
export function problemCounts(diagnostics: readonly Diagnostic[], findings: readonly Finding[] = []): { errors: number; warnings: number } {
  return {
    errors: diagnostics.filter((d) => d.level === 'error').length + findings.filter((f) => f.level === 'error').length,
    warnings: diagnostics.filter((d) => d.level === 'warning').length + findings.filter((f) => f.level === 'warn').length,
  };
}
