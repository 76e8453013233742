import type { MarkdownDocument } from '../../../runbooks/markdown';
import { runbookCatalog } from '../../../runbooks/catalog';
import { linkProblems } from '../../../runbooks/links';
import type { LintRule } from '../../types';
import { findingsPerRunbook } from './shared';

export const runbookLinksRule: LintRule = {
  id: 'runbook-links',
  defaultLevel: 'error',
  scope: 'organization',
  description: 'Links from a runbook to files in the repository resolve, and their #anchors name a heading.',
  check: (context) => {
    const { root, directory, baseUrl } = context.model.runbooks;
    const documents = new Map<string, MarkdownDocument | undefined>();
    const { knownFiles } = runbookCatalog(context.model);
    return findingsPerRunbook(context, (runbook) => linkProblems(runbook, { root, directory, baseUrl, documents, knownFiles }));
  },
};
