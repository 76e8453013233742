import { formatProblem } from '../config/diagnostics';
import type { Finding } from './types';

/**
 * One finding on one line, in the format of config diagnostics (formatProblem): validate, lint,
 * synth and the cdktf app print problems the same way, the rule id at the end.
 */
export function formatFinding(f: Finding): string {
  return formatProblem({ ...f, level: f.level === 'warn' ? 'warning' : 'error' }, `${f.message} [${f.ruleId}]`);
}
