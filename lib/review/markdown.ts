import { formatPath } from '../config/diagnostics';
import type { Finding } from '../lint/types';
import { diffBlock, diffLines } from './line-diff';
import { NO_DESTRUCTIVE_CHANGES } from './terraform-diff';
import type { BeforeAfter, DestructiveChange, ResourceChange, Review, StackChange, TeamReview, Turn } from './types';

/** GitHub rejects comments over 65,536 characters; stay well below. */
export const MAX_COMMENT_CHARS = 60_000;

export interface MarkdownOptions {
  /** Leave out unchanged sections and gantt charts (used when the full comment is too long). */
  compact?: boolean;
}

/** The PR comment. Starts with the marker so the workflow can find and update its own comment. */
export function renderMarkdown(review: Review, options: MarkdownOptions = {}): string {
  const full = render(review, options);
  if (full.length <= MAX_COMMENT_CHARS || options.compact) return clip(full);
  return clip(render(review, { compact: true }));
}

function render(review: Review, options: MarkdownOptions): string {
  const out: string[] = [review.marker, '## On-call review', '', introduction(review), ''];
  out.push(...destructiveSection(review.destructive));
  out.push(...otherRemovals(review));
  out.push(...summarySection(review));
  for (const team of review.teams) out.push(...teamSection(team, review, options));
  if (review.lintAvailable) out.push(...organizationSection(review));
  const otherStacks = review.stacks.filter((stack) => !review.teams.some((team) => team.stacks.includes(stack.stack)));
  if (otherStacks.length > 0) {
    out.push('### Other stacks', '');
    for (const stack of otherStacks) out.push(...terraformSection(stack));
  }
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function introduction(review: Review): string {
  const base = review.base.objectId ? `\`${review.base.label}\` (\`${review.base.objectId.slice(0, 12)}\`)` : `\`${review.base.label}\``;
  const lines = [
    `Compares ${base} with ${review.head.label === 'working tree' ? 'this change' : `\`${review.head.label}\``}. Rotation preview: 4 weeks from ${review.from}.`,
  ];
  if (!review.base.configExists) lines.push('', 'The base has no `config/` folder: every team and stack is new.');
  if (review.base.problem)
    lines.push('', `**The base config could not be read** (${review.base.problem}); it is treated as empty, so everything shows as added.`);
  return lines.join('\n');
}

function destructiveSection(destructive: DestructiveChange[]): string[] {
  if (destructive.length === 0) return [`**No destructive changes**: ${NO_DESTRUCTIVE_CHANGES}.`, ''];
  const out = [
    `### :warning: Destructive changes (${destructive.length})`,
    '',
    'Deploying these destroys state that cannot be restored by re-applying; the deploy waits for approval.',
    '',
  ];
  out.push(...stateMoves(destructive.filter((change) => change.action === 'state-moved')));
  for (const change of destructive) {
    if (!change.resource) continue;
    const verb = change.action === 'removed' ? 'Removes' : `Replaces (\`${(change.attributes ?? []).join('`, `')}\` changed)`;
    out.push(`- **${verb}** ${resourceLabel(change.resource)} in \`${change.stack}\`: ${change.consequence}.`);
  }
  return [...out, ''];
}

/**
 * One line per kind of move: a backend change moves every stack alike, and the locations differ
 * only by the stack name, which is shown as `<stack>`.
 */
function stateMoves(moves: DestructiveChange[]): string[] {
  const groups = new Map<string, { stacks: string[]; consequence: string }>();
  for (const move of moves) {
    const generic = (location: string) => location.split(move.stack).join('<stack>');
    const key = `\`${generic(move.stateLocation!.before)}\` -> \`${generic(move.stateLocation!.after)}\``;
    const group = groups.get(key) ?? { stacks: [], consequence: move.consequence };
    group.stacks.push(move.stack);
    groups.set(key, group);
  }
  return [...groups].map(
    ([locations, group]) =>
      `- **Moves the Terraform state** of ${group.stacks.map((stack) => `\`${stack}\``).join(', ')} (${locations}): ${group.consequence}.`,
  );
}

/** Removals that are not destructive by the review's definition, still named so nothing removed goes unseen. */
function otherRemovals(review: Review): string[] {
  const destructive = new Set(review.destructive.map((change) => change.resource && `${change.stack} ${change.resource.type}.${change.resource.logicalId}`));
  const lines: string[] = [];
  let count = 0;
  for (const stack of review.stacks) {
    const removed = stack.resources.filter((r) => r.action === 'removed' && !destructive.has(`${stack.stack} ${r.type}.${r.logicalId}`));
    if (removed.length === 0) continue;
    count += removed.length;
    const byType = new Map<string, ResourceChange[]>();
    for (const resource of removed) byType.set(resource.type, [...(byType.get(resource.type) ?? []), resource]);
    const parts = [...byType].map(([type, resources]) => {
      const names = resources.filter((r) => r.name).map((r) => `"${r.name}"`);
      return `${resources.length} \`${type}\`${names.length > 0 ? ` (${names.join(', ')})` : ''}`;
    });
    lines.push(`- \`${stack.stack}\`${stack.change === 'removed' ? ' (whole stack)' : ''}: ${parts.join('; ')}`);
  }
  if (count === 0) return [];
  const monitors = review.stacks.some((stack) => stack.resources.some((r) => r.action === 'removed' && r.type === 'datadog_monitor'));
  const note = monitors ? '; a removed monitor takes its id, history, mutes and downtimes with it' : '';
  return [
    `**Removed** (${count}; not destructive as defined above; the deploy still waits for approval, since its gate is the real plan and any removal there needs a reviewer${note}):`,
    '',
    ...lines,
    '',
  ];
}

function summarySection(review: Review): string[] {
  if (review.teams.length === 0 && review.stacks.length === 0)
    return ['No team or stack is affected: the change does not alter who is paged or any synthesized Terraform.', ''];
  const out = [
    '### Summary',
    '',
    '| Team | Change | Stacks | Escalation | Routing | Rotations | Lint (new / fixed) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const team of review.teams) {
    const stacks = team.stacks.map((name) => `\`${name}\`${stackNote(review, name)}`).join(', ') || '-';
    const lint = review.lintAvailable ? `${team.lint.introduced.length} / ${team.lint.fixed.length}` : 'n/a';
    out.push(
      `| ${team.name} (\`${team.id}\`) | ${team.change} | ${stacks} | ${mark(team.escalation)} | ${mark(team.routing)} | ${mark(team.rotations)} | ${lint} |`,
    );
  }
  const plan = review.stacks.map((s) => `\`${s.stack}\` (${s.change}${s.destructive ? ', destructive' : ''})`);
  out.push('', `Stacks CI plans and deploys: ${plan.length > 0 ? plan.join(', ') : 'none'}.`, '');
  const { introduced, fixed } = review.organization.lint;
  if (review.lintAvailable && introduced.length + fixed.length > 0)
    out.push(`Organization-level lint (findings about no current team, below): ${introduced.length} new / ${fixed.length} fixed.`, '');
  return [...out, ...changeFindingsSummary(review)];
}

/** One line per team whose change itself is flagged (e.g. a roster edited in place): easy to miss further down. */
function changeFindingsSummary(review: Review): string[] {
  const flagged = review.teams.filter((team) => team.changeFindings.length > 0);
  if (flagged.length === 0) return [];
  const lines = flagged.map((team) => {
    const findings = team.changeFindings.map((f) => `${f.level} \`${f.ruleId}\`${f.path ? ` at \`${formatPath(f.path)}\`` : ''}`);
    return `- ${team.name} (\`${team.id}\`): ${findings.join('; ')}`;
  });
  return [":warning: **This change itself is flagged** (details and suggested config at the top of each team's section):", '', ...lines, ''];
}

function stackNote(review: Review, name: string): string {
  const stack = review.stacks.find((s) => s.stack === name);
  return stack ? ` (${stack.change})` : ' (unchanged)';
}

const mark = (section: { changed: boolean }) => (section.changed ? '**changed**' : 'same');

function teamSection(team: TeamReview, review: Review, options: MarkdownOptions): string[] {
  const out = [`### ${team.name} (\`${team.id}\`): ${team.change}`, ''];
  out.push(...changeFindingsSection(team));
  out.push('#### Escalation chain', '', ...textSection(team.escalation, (lines) => lines, options));
  out.push('#### Severity routing', '', ...textSection(team.routing, (lines) => lines.map((line) => line.text), options));
  out.push('#### Rotations', '', ...rotationSection(team, options));
  if (review.lintAvailable) out.push('#### Lint', '', ...lintSection(team.lint));
  for (const name of team.stacks) {
    const stack = review.stacks.find((s) => s.stack === name);
    if (stack) out.push(...terraformSection(stack));
  }
  return out;
}

function textSection<T>(section: BeforeAfter<T>, toLines: (value: T) => string[], options: MarkdownOptions): string[] {
  const before = section.before ? toLines(section.before) : [];
  const after = section.after ? toLines(section.after) : [];
  if (!section.changed) {
    if (options.compact) return ['Unchanged.', ''];
    return details('Unchanged (show)', ['```', ...after, '```']);
  }
  return ['```diff', diffBlock(diffLines(before, after)), '```', ''];
}

function rotationSection(team: TeamReview, options: MarkdownOptions): string[] {
  const { rotations } = team;
  const out: string[] = [];
  if (rotations.changed) out.push(...handoffChanges(team));
  if (options.compact) return out.length > 0 ? out : ['Unchanged.', ''];
  const chart = (source: string) => ['```mermaid', source, '```', ''];
  if (!rotations.changed)
    return rotations.ganttAfter ? details('Unchanged: who is on call over the next 4 weeks (show)', chart(rotations.ganttAfter)) : ['No rotations.', ''];
  if (rotations.ganttBefore) out.push('Before:', '', ...chart(rotations.ganttBefore));
  if (rotations.ganttAfter) out.push(rotations.ganttBefore ? 'After:' : 'On call over the next 4 weeks:', '', ...chart(rotations.ganttAfter));
  return out;
}

/** Turns whose holder changes, in words: the part of a gantt comparison a reviewer must not miss. */
function handoffChanges(team: TeamReview): string[] {
  const before = new Map((team.rotations.before ?? []).map((r) => [r.id, r]));
  const after = new Map((team.rotations.after ?? []).map((r) => [r.id, r]));
  const lines: string[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const old = before.get(id);
    const current = after.get(id);
    if (!old) lines.push(`- rotation \`${id}\` is new (${current!.hours}).`);
    else if (!current) lines.push(`- rotation \`${id}\` is removed.`);
    else {
      if (old.hours !== current.hours) lines.push(`- rotation \`${id}\` hours: ${old.hours} -> ${current.hours}.`);
      for (const change of holderChanges(old.turns, current.turns)) {
        lines.push(`- rotation \`${id}\`, ${utc(change.start)} to ${utc(change.end)}: ${change.before} -> ${change.after}`);
      }
    }
  }
  return lines.length > 0 ? [...lines, ''] : [];
}

/** Periods in which a different person (or nobody) holds the rotation, merged where contiguous. */
export function holderChanges(before: Turn[], after: Turn[]): { start: string; end: string; before: string; after: string }[] {
  const cuts = [...new Set([...before, ...after].flatMap((t) => [t.start, t.end]))].sort();
  const holder = (turns: Turn[], at: string) => turns.find((t) => t.start <= at && at < t.end)?.memberName ?? 'nobody';
  const changes: { start: string; end: string; before: string; after: string }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [was, is] = [holder(before, cuts[i]), holder(after, cuts[i])];
    if (was === is) continue;
    const last = changes[changes.length - 1];
    if (last && last.end === cuts[i] && last.before === was && last.after === is) last.end = cuts[i + 1];
    else changes.push({ start: cuts[i], end: cuts[i + 1], before: was, after: is });
  }
  return changes;
}

/**
 * Findings about the change itself, with the config that fixes each in a fenced block. Never
 * folded, even in compact mode: they are the part of the review a reviewer must act on.
 */
function changeFindingsSection(team: TeamReview): string[] {
  if (team.changeFindings.length === 0) return [];
  const out = [`#### :warning: Flagged change (${team.changeFindings.length})`, ''];
  for (const finding of team.changeFindings) {
    const where = [finding.file, finding.path ? formatPath(finding.path) : undefined]
      .filter(Boolean)
      .map((part) => `\`${part}\``)
      .join(' ');
    out.push(`**${finding.level}** \`${finding.ruleId}\`${where ? ` (${where})` : ''}: ${finding.message}`, '');
    if (finding.suggestion) out.push('Suggested config:', '', '```yaml', finding.suggestion, '```', '');
  }
  return out;
}

/** Findings about no current team (e.g. the runbooks of a deleted team): lint fails on them like on any other. */
function organizationSection(review: Review): string[] {
  const { lint, hints } = review.organization;
  if (lint.introduced.length + lint.fixed.length === 0) return [];
  return ['### Organization', '', '#### Lint', '', ...lintSection(lint), ...hints.flatMap((hint) => [`To fix: ${hint}`, ''])];
}

function lintSection({ introduced, fixed }: TeamReview['lint']): string[] {
  if (introduced.length + fixed.length === 0) return ['No findings introduced or fixed.', ''];
  const line = (f: Finding) => `- ${f.level} \`${f.ruleId}\`: ${f.message}${f.file ? ` (${f.file})` : ''}`;
  return [
    ...(introduced.length > 0 ? [`Introduced (${introduced.length}):`, '', ...introduced.map(line), ''] : []),
    ...(fixed.length > 0 ? [`Fixed (${fixed.length}):`, '', ...fixed.map(line), ''] : []),
  ];
}

function terraformSection(stack: StackChange): string[] {
  const counts = (['added', 'changed', 'replaced', 'removed'] as const)
    .map((action) => `${stack.resources.filter((r) => r.action === action).length} ${action}`)
    .join(', ');
  const rows = ['| Action | Resource | Changed attributes |', '| --- | --- | --- |', ...stack.resources.map(resourceRow)];
  const heading = `#### Terraform: \`${stack.stack}\` (${stack.change}; ${counts})`;
  const move = stack.stateLocation
    ? [
        `State moves from \`${stack.stateLocation.before}\` to \`${stack.stateLocation.after}\`: run \`terraform init -migrate-state\` for this stack before deploying.`,
        '',
      ]
    : [];
  if (stack.resources.length === 0) return [heading, '', ...move, 'No resource changes.', ''];
  return stack.resources.length > 12
    ? [heading, '', ...move, ...details(`${stack.resources.length} resources (show)`, rows)]
    : [heading, '', ...move, ...rows, ''];
}

function resourceRow(change: ResourceChange): string {
  const attributes = change.attributes?.length ? change.attributes.map((a) => `\`${a}\``).join(', ') : '';
  return `| ${change.action} | ${resourceLabel(change).replace(/\|/g, '\\|')} | ${attributes} |`;
}

const resourceLabel = (resource: { type: string; logicalId: string; name?: string }) =>
  `\`${resource.type}.${resource.logicalId}\`${resource.name ? ` "${resource.name}"` : ''}`;

/** GitHub needs blank lines around Markdown inside <details> to render it. */
const details = (summary: string, body: string[]) => ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];

function clip(markdown: string): string {
  if (markdown.length <= MAX_COMMENT_CHARS) return markdown;
  const note =
    '\n\n_The review is longer than a GitHub comment allows and was cut here; run `npm run review` locally or read the JSON artifact for the rest._\n';
  return markdown.slice(0, MAX_COMMENT_CHARS - note.length) + note;
}

/** `2026-03-09T15:00Z` -> `2026-03-09 15:00 UTC`. */
const utc = (iso: string) => iso.replace('T', ' ').replace(/Z$/, ' UTC');
