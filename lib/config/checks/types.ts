import type { Diagnostic } from '../diagnostics';
import type { LoadedConfig } from '../load';

/** A meaning-level check over the whole (shape-valid) config; returns every problem it finds. */
export type SemanticCheck = (config: LoadedConfig) => Diagnostic[];

export function error(file: string, path: (string | number)[], code: string, message: string, expected?: string, found?: string): Diagnostic {
  return { level: 'error', file, path, code, message, expected, found };
}

export function warning(file: string, path: (string | number)[], code: string, message: string, expected?: string, found?: string): Diagnostic {
  return { level: 'warning', file, path, code, message, expected, found };
}

export const quoteList = (values: Iterable<string>) => [...values].map((v) => `"${v}"`).join(', ');
