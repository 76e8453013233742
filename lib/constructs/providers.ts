import { TerraformStack } from 'cdktf';
import { DatadogProvider } from '@cdktf/provider-datadog/lib/provider';
import { PagerdutyProvider } from '@cdktf/provider-pagerduty/lib/provider';
import { DATADOG_SITE_API_URLS, type DatadogSite } from '../config/schema/values';

/**
 * The PagerDuty provider version every stack requires, instead of the 3.30.8 the bindings were
 * generated for (cdktf writes `terraformGeneratorMetadata.providerVersion` into
 * `required_providers`, cdktf/lib/terraform-provider.js; a stack override replaces it).
 *
 * Why: in 3.30.8 `pagerduty_alert_grouping_setting` Read compares the API answer with the previous
 * state, retries six times ten seconds apart and then keeps the old state (drift made in the UI is
 * never shown; every such resource adds ~60 s to each plan), and import leaves only the id.
 * Fixed in 3.31.0 (import, PR #1086) and 3.31.5 (Read, PR #1103). Checked by diffing the provider
 * source v3.30.8..v3.31.5 (docs/synth.md, "What the providers do to you"): every attribute the
 * constructs emit keeps its name, type and meaning; the changes are the grouping Read fix, `name`
 * becoming optional on the grouping setting (we always set it), `pagerduty_service_integration`
 * reading back `vendor` only for vendor integrations (what we set), and two computed service
 * attributes (`status`, `last_incident_timestamp`) deprecated, which we never set; the vendored
 * go-pagerduty client sends team create/update bodies wrapped in `team` as the REST API documents
 * (same attributes), and event orchestration conditions tolerate empty entries. Pinned exactly,
 * like every dependency: 3.32 deprecates `pagerduty_schedule` and adds grouping checks that were
 * not reviewed here.
 */
export const PAGERDUTY_PROVIDER_VERSION = '3.31.5';

/**
 * Providers with no credential attribute at all: the PagerDuty provider reads PAGERDUTY_TOKEN and
 * the Datadog provider DD_API_KEY / DD_APP_KEY from the environment of `terraform plan/apply`,
 * so no secret can end up in the synthesized JSON, the state's config or a log.
 */
export function addPagerdutyProvider(stack: TerraformStack): PagerdutyProvider {
  const provider = new PagerdutyProvider(stack, 'pagerduty', {});
  stack.addOverride('terraform.required_providers.pagerduty.version', PAGERDUTY_PROVIDER_VERSION);
  return provider;
}

/**
 * With a site, the provider's `api_url` is that site's API (the provider's default is US1,
 * terraform-provider-datadog v3.82.0 datadog/provider.go `api_url` / DD_HOST); without one the
 * block stays empty, so DD_HOST still works.
 */
export function addDatadogProvider(stack: TerraformStack, site?: DatadogSite): DatadogProvider {
  return new DatadogProvider(stack, 'datadog', site === undefined ? {} : { apiUrl: DATADOG_SITE_API_URLS[site] });
}
