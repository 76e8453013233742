import { TEAM_CHAT } from '../schema/values';
import { didYouMean } from '../did-you-mean';
import type { Diagnostic } from '../diagnostics';
import { error, quoteList, type SemanticCheck } from './types';

export const checkSeverities: SemanticCheck = ({ organization }) => {
  const { file, config } = organization;
  const found: Diagnostic[] = [];
  const seen = new Map<string, number>();
  config.severities.forEach((severity, index) => {
    const path = ['severities', index];
    const key = severity.id.toLowerCase();
    if (seen.has(key)) {
      found.push(
        error(
          file,
          [...path, 'id'],
          'severity-duplicate',
          `severity "${severity.id}" is defined twice`,
          'unique ids (case-insensitive)',
          `also at severities[${seen.get(key)}]`,
        ),
      );
    }
    seen.set(key, index);
    if (severity.paging) {
      if (!severity.urgency)
        found.push(
          error(
            file,
            [...path, 'urgency'],
            'severity-urgency-missing',
            `paging severity "${severity.id}" needs a PagerDuty urgency`,
            'high, low or support-hours',
            'nothing',
          ),
        );
      if (!severity.ackTargetMinutes)
        found.push(
          error(
            file,
            [...path, 'ackTargetMinutes'],
            'severity-ack-missing',
            `paging severity "${severity.id}" needs an acknowledgement target`,
            'minutes, e.g. 5',
            'nothing',
          ),
        );
    } else {
      if (severity.urgency)
        found.push(
          error(
            file,
            [...path, 'urgency'],
            'severity-urgency-unused',
            `severity "${severity.id}" does not page, so an urgency would never apply`,
            'no urgency (or paging: true)',
            severity.urgency,
          ),
        );
      if (severity.pagerdutyPriority)
        found.push(
          error(
            file,
            [...path, 'pagerdutyPriority'],
            'severity-priority-unused',
            `severity "${severity.id}" does not page, so a PagerDuty priority would never apply`,
            'no pagerdutyPriority (or paging: true)',
            severity.pagerdutyPriority,
          ),
        );
      if (severity.notify.length === 0)
        found.push(
          error(
            file,
            [...path, 'notify'],
            'severity-notify-missing',
            `severity "${severity.id}" neither pages nor notifies anyone: its alerts would go nowhere`,
            `at least one handle or "${TEAM_CHAT}"`,
            'an empty list',
          ),
        );
    }
  });
  if (!config.severities.some((s) => s.paging)) {
    found.push(error(file, ['severities'], 'severity-none-paging', 'no severity pages a human', 'at least one severity with paging: true', 'none'));
  }
  if (config.unclassifiedSeverity !== undefined) {
    const match = config.severities.find((s) => s.id === config.unclassifiedSeverity);
    if (!match) {
      const hint = didYouMean(
        config.unclassifiedSeverity,
        config.severities.map((s) => s.id),
      );
      found.push(
        error(
          file,
          ['unclassifiedSeverity'],
          'severity-unknown',
          `unknown severity "${config.unclassifiedSeverity}"${hint ? `; did you mean "${hint}"?` : ''}`,
          `one of ${quoteList(config.severities.map((s) => s.id))}`,
          `"${config.unclassifiedSeverity}"`,
        ),
      );
    } else if (!match.paging) {
      found.push(
        error(
          file,
          ['unclassifiedSeverity'],
          'severity-unclassified-not-paging',
          'events PagerDuty cannot classify must still page someone',
          'a paging severity',
          `"${match.id}" (paging: false)`,
        ),
      );
    }
  }
  return found;
};
