import type { Diagnostic } from '../diagnostics';
import { datadogServiceNames } from '../names';
import { error, type SemanticCheck } from './types';

interface Claim {
  file: string;
  teamId: string;
  serviceId: string;
}

/**
 * `datadog_integration_pagerduty_service_object` names are global to the Datadog organization and
 * its `service_key` is never read back (provider-notes): two services deriving the same name means
 * whichever stack applies last owns `@pagerduty-<name>`, so one team's monitors page the other
 * team's service. Ids are kebab-case, so `payments-checkout` + `api` and `payments` +
 * `checkout-api` both give `payments-checkout-api`; refuse that before anything is generated.
 */
export const checkDatadogServiceNames: SemanticCheck = ({ teams }) => {
  const found: Diagnostic[] = [];
  const claimed = new Map<string, Claim>();
  for (const { id: teamId, file, config } of teams) {
    for (const serviceId of Object.keys(config.services)) {
      const claim: Claim = { file, teamId, serviceId };
      const names = datadogServiceNames(teamId, serviceId).map((name) => name.toLowerCase());
      const clash = names.map((name) => ({ name, earlier: claimed.get(name) })).find((c) => c.earlier);
      if (clash?.earlier) {
        const { earlier, name } = clash;
        found.push(
          error(
            file,
            ['services', serviceId],
            'datadog-service-name-duplicate',
            `team "${teamId}" service "${serviceId}" and team "${earlier.teamId}" service "${earlier.serviceId}" (${earlier.file}) both need the Datadog PagerDuty service object "${name}": its @pagerduty-${name} handle would page only one of them; rename one of the service ids (or the team file)`,
            'a "<team id>-<service id>" name (and its "-business-hours" variant) unique in the organization',
            `"${name}" claimed twice`,
          ),
        );
        continue;
      }
      for (const name of names) claimed.set(name, claim);
    }
  }
  return found;
};
