import type { DateTime } from 'luxon';
import type { Finding } from '../lint/types';
import type { OrgModel, TeamModel } from '../model/types';
import { describeEscalation, describeRouting } from './describe-team';
import { renderGantt } from './gantt';
import { previewRotations } from './rotation-preview';
import type { ReviewSide } from './sides';
import { teamIdOfStack } from './synthesize';
import { diffStacks } from './terraform-diff';
import { REVIEW_MARKER, type BeforeAfter, type ChangeKind, type OrganizationReview, type Review, type RotationsReview, type TeamReview } from './types';
import { runbooksDirectoryIn } from '../config/schema/values';

export interface ReviewOptions {
  /** Start of the rotation preview and the lint window. */
  from: DateTime;
  /** Length of the rotation preview (the issue asks for the next 4 weeks). */
  previewDays?: number;
  /** Findings of the change rules (lib/lint/run.ts runChangeLint), shown per team. */
  changeFindings?: Finding[];
}

/** Pure: two loaded sides in, the review content out. Markdown and JSON both render this. */
export function buildReview(base: ReviewSide, head: ReviewSide, options: ReviewOptions): Review {
  const previewDays = options.previewDays ?? 28;
  const { stacks, destructive } = diffStacks(base.stacks, head.stacks);
  const changedStacks = new Set(stacks.map((s) => s.stack));
  const allStacks = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])];
  const teamIds = [...new Set([...(base.model?.teams ?? []), ...(head.model?.teams ?? [])].map((t) => t.id))].sort();
  const teams: TeamReview[] = [];
  for (const id of teamIds) {
    const before = base.model?.teams.find((t) => t.id === id);
    const after = head.model?.teams.find((t) => t.id === id);
    const teamStacks = allStacks.filter((stack) => teamIdOfStack(stack) === id).sort();
    const review = reviewTeam(base.model, before, head.model, after, options.from, previewDays);
    review.stacks = teamStacks;
    review.lint = lintChanges(
      base.findings,
      head.findings,
      (finding) => finding.teamId === id,
      (finding) => finding.teamId === id,
    );
    review.changeFindings = (options.changeFindings ?? []).filter((finding) => finding.teamId === id);
    const affected =
      review.change !== 'changed' ||
      teamStacks.some((stack) => changedStacks.has(stack)) ||
      review.escalation.changed ||
      review.routing.changed ||
      review.rotations.changed ||
      review.lint.introduced.length + review.lint.fixed.length > 0 ||
      review.changeFindings.length > 0;
    if (affected) teams.push(review);
  }
  return {
    marker: REVIEW_MARKER,
    base: base.summary,
    head: head.summary,
    from: options.from.toISODate()!,
    destructive,
    teams,
    organization: organizationReview(base, head, teams),
    stacks,
    lintAvailable: head.findings !== undefined,
  };
}

function reviewTeam(
  baseOrg: OrgModel | undefined,
  before: TeamModel | undefined,
  headOrg: OrgModel | undefined,
  after: TeamModel | undefined,
  from: DateTime,
  days: number,
): TeamReview {
  const change: ChangeKind = !before ? 'added' : !after ? 'removed' : 'changed';
  const team = (after ?? before)!;
  return {
    id: team.id,
    name: team.name,
    change,
    stacks: [],
    escalation: beforeAfter(before && describeEscalation(before), after && describeEscalation(after)),
    routing: beforeAfter(before && baseOrg && describeRouting(baseOrg, before), after && headOrg && describeRouting(headOrg, after)),
    rotations: rotationsReview(before, after, from, days),
    lint: { introduced: [], fixed: [] },
    changeFindings: [],
  };
}

function beforeAfter<T>(before: T | undefined, after: T | undefined): BeforeAfter<T> {
  return { ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), changed: JSON.stringify(before) !== JSON.stringify(after) };
}

function rotationsReview(before: TeamModel | undefined, after: TeamModel | undefined, from: DateTime, days: number): RotationsReview {
  const previewBefore = before && previewRotations(before, from, days);
  const previewAfter = after && previewRotations(after, from, days);
  const range = `${from.toISODate()} + ${days / 7} weeks`;
  const changed = JSON.stringify(previewBefore) !== JSON.stringify(previewAfter);
  return {
    ...(previewBefore ? { before: previewBefore } : {}),
    ...(previewAfter ? { after: previewAfter } : {}),
    changed,
    // An unchanged rotation needs one chart; a changed one shows both so handoffs can be compared.
    ...(previewBefore && (changed || !previewAfter) ? { ganttBefore: renderGantt(`${before!.name} on call before, ${range}`, previewBefore) } : {}),
    ...(previewAfter ? { ganttAfter: renderGantt(`${after!.name} on call${previewBefore && changed ? ' after' : ''}, ${range}`, previewAfter) } : {}),
  };
}

/**
 * Organization-level findings: those whose teamId names no team of their side (lint groups them
 * under "(organization)"), such as runbook-owner errors for the runbooks folder of a deleted team.
 */
function organizationReview(base: ReviewSide, head: ReviewSide, teams: readonly TeamReview[]): OrganizationReview {
  const notATeamOf = (side: ReviewSide) => {
    const ids = new Set((side.model?.teams ?? []).map((team) => team.id));
    return (finding: Finding) => !ids.has(finding.teamId);
  };
  const lint = lintChanges(base.findings, head.findings, notATeamOf(base), notATeamOf(head));
  return { lint, hints: leftoverRunbookHints(head, teams, lint.introduced) };
}

/** A removed team's runbooks left behind: say what to do with them, since lint then fails the PR. */
function leftoverRunbookHints(head: ReviewSide, teams: readonly TeamReview[], introduced: readonly Finding[]): string[] {
  const directory = runbooksDirectoryIn(head.model);
  return teams
    .filter((team) => team.change === 'removed')
    .map((team) => `${directory}/${team.id}/`)
    .filter((folder) => introduced.some((finding) => finding.file?.startsWith(folder)))
    .map(
      (folder) =>
        `\`${folder}\` belongs to a removed team: move its runbooks to the team taking them over (and link them from its monitors) or delete the folder.`,
    );
}

/**
 * Findings are matched on rule, place and message with instants blanked out: a handoff moved by an
 * hour shifts the instants a finding quotes, and that is the same problem, not one fixed and one
 * introduced. The level is ignored too, so re-levelling a rule is not a change either. `inBase` /
 * `inHead` pick the findings in scope on each side (a team's, or the organization's).
 */
function lintChanges(
  base: Finding[] | undefined,
  head: Finding[] | undefined,
  inBase: (f: Finding) => boolean,
  inHead: (f: Finding) => boolean,
): TeamReview['lint'] {
  const key = (f: Finding) => JSON.stringify([f.ruleId, f.file ?? '', f.path ?? [], withoutInstants(f.message)]);
  const baseScoped = (base ?? []).filter(inBase);
  const headScoped = (head ?? []).filter(inHead);
  const baseKeys = new Set(baseScoped.map(key));
  const headKeys = new Set(headScoped.map(key));
  return {
    introduced: head ? headScoped.filter((f) => !baseKeys.has(key(f))) : [],
    fixed: base && head ? baseScoped.filter((f) => !headKeys.has(key(f))) : [],
  };
}

/** Dates and times as lint quotes them ("Mon 2026-03-23 09:00 America/New_York", "2026-03-23 13:00 UTC"). */
const INSTANT =
  /\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?(?: (?:UTC|[A-Z][A-Za-z_]+(?:\/[A-Za-z_+-]+)+))?/g;

export const withoutInstants = (message: string) => message.replace(INSTANT, '<instant>');
