import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookUnlinkedRule: LintRule = {
  id: 'runbook-unlinked',
  defaultLevel: 'warn',
  scope: 'organization',
  description: 'Every runbook is linked by at least one monitor (an unlinked runbook is never read during a page).',
  check: (context) =>
    findingsPerRunbook(context, (runbook, catalog) =>
      catalog.linkedBy.has(runbook.path)
        ? []
        : [{ message: `no monitor links this runbook: add "runbook: ${runbook.path}" to the monitor it is for, or delete it` }],
    ),
};
