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

/** Calls `report` with every string in a parsed config value and its path. */
export function visitStrings(value: unknown, path: (string | number)[], report: (text: string, path: (string | number)[]) => void): void {
  if (typeof value === 'string') report(value, path);
  else if (Array.isArray(value)) value.forEach((item, index) => visitStrings(item, [...path, index], report));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) visitStrings(item, [...path, key], report);
}
