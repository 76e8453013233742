/**
 * What a person does after `npm run new-team` and `npm run new-runbook`, done by a program: every
 * placeholder replaced with a plausible value. The adoption check (scripts/adoption-check.ts) and
 * the onboarding-gate tests use it to reach a finished team without hand-editing.
 */

export interface FilledTeam {
  /** Team id (file name), used in the made-up emails. */
  id: string;
  /** Display name, prefixed to the placeholder people's names. */
  name: string;
  /** Domain of the made-up emails. @default 'example.org' */
  emailDomain?: string;
}

const PLACEHOLDER_PERSON = /REPLACE-ME ((?:Team Lead|Engineer \d+))/g;
const PLACEHOLDER_EMAIL = /replace-me\.([a-z0-9-]+)@example\.com/g;

function fillPeople(text: string, team: FilledTeam): string {
  const domain = team.emailDomain ?? 'example.org';
  return text.replace(PLACEHOLDER_PERSON, `${team.name} $1`).replace(PLACEHOLDER_EMAIL, `$1.${team.id}@${domain}`);
}

/** A scaffolded team file with every REPLACE-ME value filled in and every REPLACE-ME comment gone. */
export function fillInTeamFile(text: string, team: FilledTeam): string {
  const filled = fillPeople(text, team)
    .replace(/"REPLACE-ME: (.)([^"]*)"/g, (_, first: string, rest: string) => JSON.stringify(first.toUpperCase() + rest))
    .replace(/^[ \t]*#[ \t]*REPLACE-ME\b.*\r?\n/gim, '')
    .replace(/[ \t]+#[ \t]*REPLACE-ME\b.*$/gim, '');
  return assertFilled(filled, 'team file');
}

/** A scaffolded runbook with every TODO(runbook) marker answered and the team's placeholders filled. */
export function fillInRunbook(text: string, team: FilledTeam): string {
  const filled = fillPeople(text, team)
    .replace(/TODO\(runbook\): (.)/g, (_, first: string) => first.toUpperCase())
    .replace(/REPLACE-ME: (.)/g, (_, first: string) => first.toUpperCase());
  return assertFilled(filled, 'runbook');
}

/** A line that still has a placeholder the tool reports: in a value, or opening a comment (the header only mentions the word). */
const UNFILLED = /^[^#]*replace-me|#\s*replace-me|TODO\(runbook\)/i;

function assertFilled(text: string, what: string): string {
  const lines = text.split('\n');
  const left = lines.findIndex((line) => UNFILLED.test(line));
  if (left >= 0)
    throw new Error(
      `fill-in: the ${what} still has a placeholder on line ${left + 1}: ${lines[left].trim()} (the scaffold changed; update scripts/adoption/fill-in.ts)`,
    );
  return text;
}
