import { stepProblems } from '../../../runbooks/structure';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookNumberedStepsRule: LintRule = {
  id: 'runbook-numbered-steps',
  defaultLevel: 'error',
  scope: 'organization',
  description: 'Investigation and Mitigation are numbered procedures ("1. ...").',
  check: (context) => findingsPerRunbook(context, stepProblems),
};
