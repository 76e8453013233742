import type { Diagnostic } from '../diagnostics';
import { error, warning, type SemanticCheck } from './types';

/** The word `npm run new-team` puts in every value a person must replace. */
export const PLACEHOLDER = 'REPLACE-ME';
const PLACEHOLDER_PATTERN = /replace-me/i;

/**
 * Scaffolded values left in place are reported where they are: a warning (the file is valid so
 * onboarding can start with one PR), but an error for member emails when this repository manages
 * PagerDuty users, because those would be created as real users with made-up addresses.
 */
export const checkPlaceholders: SemanticCheck = ({ organization, teams }) => {
  const managedUsers = organization.config.pagerduty.users === 'managed';
  const found: Diagnostic[] = [];
  for (const { file, config } of teams) {
    visit(config, [], (value, path) => {
      const isEmail = path.length === 3 && path[0] === 'members' && path[2] === 'email';
      const make = managedUsers && isEmail ? error : warning;
      found.push(
        make(
          file,
          path,
          'placeholder-left',
          `placeholder from \`npm run new-team\` still here${managedUsers && isEmail ? ': with managed users this would create a PagerDuty user with a made-up email' : ''}`,
          'the real value',
          JSON.stringify(value),
        ),
      );
    });
  }
  return found;
};

function visit(value: unknown, path: (string | number)[], report: (value: string, path: (string | number)[]) => void): void {
  if (typeof value === 'string') {
    if (PLACEHOLDER_PATTERN.test(value)) report(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, [...path, index], report));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) visit(item, [...path, key], report);
  }
}
