import type { Diagnostic } from '../diagnostics';
import { error, type SemanticCheck } from './types';

/**
 * Features that depend on the PagerDuty plan, which Terraform cannot know before apply:
 * - intelligent and content-based alert grouping need an add-on plan (terraform-provider-pagerduty
 *   v3.30.8 website/docs/r/service.html.markdown, `alert_grouping`: "the alert grouping features are
 *   available only on certain plans ... `intelligent` ... Available on Enterprise and Event
 *   Intelligence plan"); the API refuses the grouping setting at apply. (`time` grouping is on
 *   more plans and is not gated here.)
 * - custom support hours (the business-hours service's `use_support_hours` rule, `support_hours`
 *   and `scheduled_actions`) need a plan that has them (support.pagerduty.com, "Configurable Service
 *   Settings": support hours depend on the plan); apply fails on that service.
 * The organization declares what its plan has (`pagerduty.capabilities`, all off by default) and a
 * config needing an undeclared one is refused here, with the line that needs it.
 */
export const checkCapabilities: SemanticCheck = ({ organization, teams }) => {
  const capabilities = organization.config.pagerduty.capabilities;
  const supportHoursLevels = new Set(organization.config.severities.filter((s) => s.paging && s.urgency === 'support-hours').map((s) => s.id));
  const found: Diagnostic[] = [];
  const refuse = (file: string, path: (string | number)[], capability: keyof typeof capabilities, what: string, foundText: string) =>
    found.push(
      error(
        file,
        path,
        'capability-undeclared',
        `${what}, a PagerDuty plan feature the organization has not declared: set pagerduty.capabilities.${capability}: true in ${organization.file} if your plan has it (otherwise apply fails)`,
        `pagerduty.capabilities.${capability}: true, or a config without it`,
        foundText,
      ),
    );
  for (const { file, config } of teams) {
    for (const [serviceId, service] of Object.entries(config.services)) {
      const grouping = service.alertGrouping?.type;
      if (grouping === 'intelligent' && !capabilities.intelligentAlertGrouping) {
        refuse(
          file,
          ['services', serviceId, 'alertGrouping', 'type'],
          'intelligentAlertGrouping',
          `service "${serviceId}" uses intelligent alert grouping`,
          '"intelligent"',
        );
      }
      if (grouping === 'content-based' && !capabilities.contentBasedAlertGrouping) {
        refuse(
          file,
          ['services', serviceId, 'alertGrouping', 'type'],
          'contentBasedAlertGrouping',
          `service "${serviceId}" uses content-based alert grouping`,
          '"content-based"',
        );
      }
      if (capabilities.supportHours) continue;
      // One finding per service: its business-hours service is what needs the feature.
      const first = Object.entries(service.monitors).find(([, monitor]) => supportHoursLevels.has(monitor.severity));
      if (first) {
        const [monitorId, monitor] = first;
        refuse(
          file,
          ['services', serviceId, 'monitors', monitorId, 'severity'],
          'supportHours',
          `monitor "${monitorId}" of service "${serviceId}" pages at the support-hours level ${monitor.severity}, which needs custom support hours`,
          `"${monitor.severity}"`,
        );
      }
    }
  }
  return found;
};
