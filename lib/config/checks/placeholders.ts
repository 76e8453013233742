import type { Diagnostic } from '../diagnostics';
import { error, visitStrings, warning, type SemanticCheck } from './types';

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
    visitStrings(config, [], (value, path) => {
      if (!PLACEHOLDER_PATTERN.test(value)) return;
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
