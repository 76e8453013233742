import { PLACEHOLDER_MARKER, placeholderLines } from '../../../runbooks/runbook';
import { excerpt } from '../../../config/diagnostics';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookUnfinishedRule: LintRule = {
  id: 'runbook-unfinished',
  defaultLevel: 'warn',
  scope: 'organization',
  description: `No placeholder marked ${PLACEHOLDER_MARKER} (or a REPLACE-ME copied from a scaffolded team file) is left in a runbook (the scaffolds write them).`,
  check: (context) =>
    findingsPerRunbook(context, (runbook) => {
      const lines = placeholderLines(runbook);
      if (lines.length === 0) return [];
      const first = runbook.document.lines[lines[0] - 1];
      const marker = first.indexOf(PLACEHOLDER_MARKER);
      const what = excerpt((marker >= 0 ? first.slice(marker + PLACEHOLDER_MARKER.length) : first).trim());
      return [
        {
          message: `${lines.length} unfinished placeholder${lines.length === 1 ? '' : 's'} (${PLACEHOLDER_MARKER}) on line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}; first: ${what}`,
          line: lines[0],
        },
      ];
    }),
};
