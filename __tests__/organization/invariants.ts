/**
 * What must hold for every organization's generated Terraform, whatever its config says: checked
 * on the synthesized stacks (what terraform would apply), not only on the config. Each returns
 * the problems found, as lines that name the team, service and monitor; empty means it holds.
 */
import { lstatSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { RULES } from '../../lib/lint/rules';
import type { OrgModel } from '../../lib/model/types';

/** A stack's JSON, the parts the invariants read. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  provider?: Record<string, Record<string, unknown>[]>;
  output?: Record<string, { value?: unknown; sensitive?: boolean }>;
}

/**
 * Every monitor of a paging severity links a runbook that exists (a regular file inside the
 * runbooks folder), and the monitor Terraform creates carries that link: the person woken at 3 am
 * gets the page and the page says what to do.
 */
export function pagingRunbookProblems(model: OrgModel, stacks: ReadonlyMap<string, StackJson>): string[] {
  const problems: string[] = [];
  const runbooksDir = resolve(model.runbooks.root, model.runbooks.directory);
  for (const team of model.teams) {
    const monitors = Object.values(stacks.get(`team-${team.id}`)?.resource?.datadog_monitor ?? {});
    for (const service of team.services) {
      for (const monitor of service.monitors.filter((m) => m.severity.paging)) {
        const label = `${team.file}: ${team.id}/${service.id}/${monitor.id} (${monitor.severity.id}, pages)`;
        if (!monitor.runbook) {
          problems.push(`${label} links no runbook; write one (npm run new-runbook) and set the monitor's runbook`);
          continue;
        }
        const file = join(runbooksDir, monitor.runbook.path);
        const inside = relative(runbooksDir, file);
        if (inside.startsWith('..') || isAbsolute(inside) || !isRegularFile(file)) {
          problems.push(`${label} links ${monitor.runbook.path}, which is not a file in ${model.runbooks.directory}/`);
        }
        const emitted = monitors.find((m) => m.name === monitor.title && Array.isArray(m.tags) && m.tags.includes(`service:${service.id}`));
        if (!emitted) problems.push(`${label}: no datadog_monitor named ${JSON.stringify(monitor.title)} in stack team-${team.id}`);
        else if (typeof emitted.message !== 'string' || !emitted.message.includes(monitor.runbook.url)) {
          problems.push(`${label}: the datadog_monitor's message does not carry the runbook link ${monitor.runbook.url}`);
        }
      }
    }
  }
  return problems;
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The lint rules that say a page would reach nobody: the first escalation level has a gap, or a
 * service has nobody on call. Run whatever lint.rules sets for them (an invariant is not a
 * policy an organization turns off), over the lint window from `from`.
 */
export const COVERAGE_INVARIANT_RULES = ['escalation-first-level-gap', 'service-nobody-on-call'] as const;

export function coverageProblems(model: OrgModel, from: DateTime): string[] {
  const context = { model, from, windowDays: model.lint.windowDays };
  return RULES.filter((rule) => (COVERAGE_INVARIANT_RULES as readonly string[]).includes(rule.id)).flatMap((rule) =>
    rule.check(context).map((finding) => `${finding.file ?? finding.teamId}: ${finding.message} [${rule.id}]`),
  );
}

/** Provider arguments that hold credentials; the providers read them from the environment instead. */
const CREDENTIAL_ARGUMENTS = ['token', 'user_token', 'api_key', 'app_key', 'api_token', 'password', 'client_secret'];
/** Environment variables whose values CI holds; none may appear in the output. */
export const SECRET_VARIABLES = ['PAGERDUTY_TOKEN', 'PAGERDUTY_USER_TOKEN', 'DD_API_KEY', 'DD_APP_KEY', 'DATADOG_API_KEY', 'DATADOG_APP_KEY'];

/**
 * No credential in a stack: provider blocks set none, no value of a secret variable in `env`
 * occurs in the text, no string is shaped like a Datadog key (32 or 40 hex digits on its own) or a
 * private key, and every output that passes an integration key on is sensitive.
 */
export function secretProblems(stack: string, text: string, env: NodeJS.ProcessEnv): string[] {
  const json = JSON.parse(text) as StackJson;
  const problems: string[] = [];
  for (const [provider, blocks] of Object.entries(json.provider ?? {})) {
    for (const block of blocks) {
      for (const argument of CREDENTIAL_ARGUMENTS.filter((name) => name in block)) {
        problems.push(`${stack}: provider "${provider}" sets ${argument}; credentials come from the environment of the job that runs terraform`);
      }
    }
  }
  for (const variable of SECRET_VARIABLES) {
    const value = env[variable];
    // Short values would match by accident; real tokens are 20 characters and more.
    if (value && value.length >= 8 && text.includes(value)) problems.push(`${stack}: contains the value of ${variable}`);
  }
  for (const value of strings(json)) {
    if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$/i.test(value)) problems.push(`${stack}: a string shaped like an API or application key (${value.slice(0, 4)}...)`);
    if (value.includes('-----BEGIN')) problems.push(`${stack}: a string holding a PEM block (-----BEGIN ...)`);
  }
  for (const [name, output] of Object.entries(json.output ?? {})) {
    if (JSON.stringify(output.value ?? '').includes('integration_key') && output.sensitive !== true) {
      problems.push(`${stack}: output ${name} passes an integration key on without sensitive = true`);
    }
  }
  return problems;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
