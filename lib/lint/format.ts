import { formatPath } from '../config/diagnostics';
import type { Finding } from './types';

/** One finding on one line, for commands that print findings among other output (synth, main.ts). */
export function formatFinding(f: Finding): string {
  const where = f.file ? `${f.file}${f.line ? `:${f.line}` : ''}${f.path && f.path.length > 0 ? `  ${formatPath(f.path)}` : ''}  ` : '';
  return `${where}${f.level === 'warn' ? 'warning' : 'error'} [${f.ruleId}] ${f.teamId}: ${f.message}`;
}
