/**
 * Runbook text for synthetic monitors, in the format of the bundled example (runbooks/payments/*.md):
 * front matter (owner, lastUpdated, severity), a "<monitor> - <service> runbook" title and the
 * sections the runbook checker requires, with numbered steps and the monitor query quoted verbatim
 * in the Trigger section. Content is plausible rather than prose-perfect: it exists so that lint
 * does the same work per runbook as it does on a real repository.
 */
export interface RunbookFacts {
  teamId: string;
  teamName: string;
  serviceId: string;
  serviceName: string;
  monitorName: string;
  query: string;
  severity: string;
  /** YYYY-MM-DD, not in the future and inside the org's maximum runbook age. */
  lastUpdated: string;
  escalationName: string;
  primaryRotationName: string;
  secondaryRotationName: string;
  managerName: string;
  chatHandle: string;
  /** File name (same folder) of a related runbook, for a relative link that resolves. */
  relatedFile: string;
  relatedTitle: string;
}

export function runbookMarkdown(f: RunbookFacts): string {
  const namespace = f.teamId;
  const deployment = f.serviceId;
  return `---
owner: ${f.teamId}
lastUpdated: ${f.lastUpdated}
severity: ${f.severity}
---
# ${f.monitorName} - ${f.serviceName} runbook

## Trigger
\`\`\`text
${f.query}
\`\`\`
The monitor fires when the query above crosses its critical threshold for ${f.serviceName}.
Expected severity: **${f.severity}**.

## Impact
- Users of ${f.serviceName} see errors or slow responses while the condition lasts.
- Downstream consumers of ${f.teamName} may queue work until the service recovers.

## Prerequisites
- \`kubectl\` access to namespace \`${namespace}\` in \`prod-use1\`.
- Datadog read access to the ${f.serviceName} dashboard.

## Investigation
1. Check the pods:
   \`\`\`bash
   kubectl --context prod-use1 -n ${namespace} get pods -l app=${deployment}
   \`\`\`
   Normal: all pods \`Running\` and ready. Abnormal: restarts, \`CrashLoopBackOff\` or pending pods.
2. Read recent logs:
   \`\`\`bash
   kubectl --context prod-use1 -n ${namespace} logs deploy/${deployment} --since=15m | tail -50
   \`\`\`
   Normal: request logs only. Abnormal: timeouts, connection errors, stack traces.
3. Compare with the last deploy:
   \`\`\`bash
   kubectl --context prod-use1 -n ${namespace} rollout history deploy/${deployment}
   \`\`\`
   Abnormal: a revision rolled out shortly before the alert started.

## Mitigation
1. Roll back a bad deploy:
   \`\`\`bash
   kubectl --context prod-use1 -n ${namespace} rollout undo deploy/${deployment}
   \`\`\`
2. Add capacity when saturated:
   \`\`\`bash
   kubectl --context prod-use1 -n ${namespace} scale deploy/${deployment} --replicas=12
   \`\`\`

## Verification
- The monitor recovers within two evaluation windows.
- \`kubectl --context prod-use1 -n ${namespace} get pods -l app=${deployment}\` shows every pod ready.

## Rollback
- Re-apply the previous revision: \`kubectl --context prod-use1 -n ${namespace} rollout undo deploy/${deployment}\`.
- Scale back to the usual replica count once traffic is normal.

## Escalation
PagerDuty escalation policy **${f.escalationName}**; chat ${f.chatHandle}.
1. Level \`primary on-call\` (rotation **${f.primaryRotationName}**) responds first.
2. Level \`secondary on-call\` (rotation **${f.secondaryRotationName}**) after 5 minutes without acknowledgement.
3. ${f.managerName} (engineering manager) when there is no progress after 30 minutes.

## Context
- Dashboard: https://app.datadoghq.com/dashboard/${f.teamId}/${f.serviceId}
- Design: https://wiki.example.com/${f.teamId}/${f.serviceId}
- Related: [${f.relatedTitle}](${f.relatedFile})
`;
}
