import { structureProblems } from '../../../runbooks/structure';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookSectionsRule: LintRule = {
  id: 'runbook-sections',
  defaultLevel: 'error',
  scope: 'organization',
  description:
    'Every runbook has a title, owner, last-updated date and the required sections (Trigger, Impact, Investigation, Mitigation, Verification, Rollback, Escalation, Context), none empty.',
  check: (context) => findingsPerRunbook(context, structureProblems),
};
