import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrgModel, TeamModel } from '../model/types';

/**
 * The teams a change can affect, so review and affected synthesize and lint only those: a team
 * stack is a function of its team's model and the organization-level settings (lib/stacks/
 * team-stack.ts), and a team's lint findings of those plus the runbook files. When the
 * organization-level part, the runbooks folder or managed users (the organization stack depends on
 * every team) differ, everything may change and the answer is undefined: compare all teams.
 * Otherwise it is the teams added, removed or whose resolved model differs; stacks and findings
 * of every other team are equal on both sides and would compare as unchanged anyway.
 */
export function teamsToCompare(base: OrgModel | undefined, head: OrgModel | undefined): ReadonlySet<string> | undefined {
  if (!base || !head) return undefined;
  if (base.pagerduty.users === 'managed' || head.pagerduty.users === 'managed') return undefined;
  if (organizationKey(base) !== organizationKey(head)) return undefined;
  if (!sameFiles(join(base.runbooks.root, base.runbooks.directory), join(head.runbooks.root, head.runbooks.directory))) return undefined;
  const before = teamKeys(base.teams);
  const after = teamKeys(head.teams);
  return new Set([...new Set([...before.keys(), ...after.keys()])].filter((id) => before.get(id) !== after.get(id)));
}

/** Everything but the teams; the checkout's own root is not an input (stacks are canonicalized without it). */
const organizationKey = (model: OrgModel) => JSON.stringify({ ...model, teams: [], runbooks: { ...model.runbooks, root: '' } });

const teamKeys = (teams: readonly TeamModel[]) => new Map(teams.map((team) => [team.id, JSON.stringify(team)]));

/** Whether two folders hold the same file names with the same bytes (symbolic links are not followed). */
function sameFiles(a: string, b: string): boolean {
  const left = listFiles(a);
  const right = listFiles(b);
  if (left.length !== right.length || left.some((file, index) => file !== right[index] || file.startsWith(NOT_A_FILE))) return false;
  return left.every((file) => readFileSync(join(a, file)).equals(readFileSync(join(b, file))));
}

/** Marks symbolic links and other non-files: where they point is not compared, so they count as a difference. */
const NOT_A_FILE = '\0';

function listFiles(folder: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(join(folder, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(folder, relative);
      return entry.isFile() ? [relative] : [`${NOT_A_FILE}${relative}`];
    })
    .sort();
}
