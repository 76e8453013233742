import type { Construct } from 'constructs';
import { DatadogProvider } from '@cdktf/provider-datadog/lib/provider';
import { PagerdutyProvider } from '@cdktf/provider-pagerduty/lib/provider';

/**
 * Providers with no credential attribute at all: the PagerDuty provider reads PAGERDUTY_TOKEN and
 * the Datadog provider DD_API_KEY / DD_APP_KEY from the environment of `terraform plan/apply`,
 * so no secret can end up in the synthesized JSON, the state's config or a log.
 */
export function addPagerdutyProvider(scope: Construct): PagerdutyProvider {
  return new PagerdutyProvider(scope, 'pagerduty', {});
}

export function addDatadogProvider(scope: Construct): DatadogProvider {
  return new DatadogProvider(scope, 'datadog', {});
}
