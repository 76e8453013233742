import { constructIdClashes, priorityConstructClaims, teamConstructClaims, type ConstructClaim } from '../construct-ids';
import { formatPath, type Diagnostic } from '../diagnostics';
import { error, type SemanticCheck } from './types';

/**
 * Two config objects whose construct ids are spelled the same crash synth ("There is already a
 * Construct with name ...") after validation passed. The ids come from the same functions the
 * constructs call (lib/config/construct-ids.ts), so every kind of object is covered, including
 * kinds added later. Each clash is reported at both places, each naming the other.
 */
export const checkConstructIds: SemanticCheck = ({ organization, teams }) => {
  const found: Diagnostic[] = [];
  const report = (file: string, claim: ConstructClaim, other: ConstructClaim) =>
    found.push(
      error(
        file,
        [...claim.path],
        'construct-id-duplicate',
        `${claim.what} and ${other.what} (${formatPath(other.path)}) both become construct "${claim.id}", which synth refuses; rename one of the ids`,
        'ids whose joined construct ids differ',
        `"${claim.id}" twice`,
      ),
    );
  const reportBoth = (file: string, claims: ConstructClaim[]) => {
    for (const { first, second } of constructIdClashes(claims)) {
      report(file, second, first);
      report(file, first, second);
    }
  };
  reportBoth(organization.file, priorityConstructClaims(organization.config.severities));
  for (const { file, config } of teams) {
    reportBoth(
      file,
      teamConstructClaims({
        memberIds: Object.keys(config.members),
        rotationIds: Object.keys(config.rotations),
        services: Object.entries(config.services).map(([id, service]) => ({ id, monitorIds: Object.keys(service.monitors) })),
      }),
    );
  }
  return found;
};
