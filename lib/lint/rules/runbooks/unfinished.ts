import { PLACEHOLDER_MARKER, placeholderLines } from '../../../runbooks/runbook';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookUnfinishedRule: LintRule = {
  id: 'runbook-unfinished',
  defaultLevel: 'warn',
  scope: 'organization',
  description: `No placeholder marked ${PLACEHOLDER_MARKER} is left in a runbook (the scaffold writes them).`,
  check: (context) =>
    findingsPerRunbook(context, (runbook) => {
      const lines = placeholderLines(runbook);
      if (lines.length === 0) return [];
      const first = runbook.document.lines[lines[0] - 1];
      const what = first.slice(first.indexOf(PLACEHOLDER_MARKER) + PLACEHOLDER_MARKER.length).trim();
      return [
        {
          message: `${lines.length} unfinished placeholder${lines.length === 1 ? '' : 's'} (${PLACEHOLDER_MARKER}) on line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}; first: ${what}`,
          line: lines[0],
        },
      ];
    }),
};
