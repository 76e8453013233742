import { buildReview } from '../../review/build-review';
import { chosenFormat, COMPARISON_OPTIONS, compareOrReport, emit, FORMAT_DETAILS, fromDate, requiredBase } from '../review-options';
import { runChangeLint, runLint } from '../../lint/run';
import { renderMarkdown } from '../../review/markdown';
import { parseCommandArgs, rootOf, type CommandSpec } from '../args';
import { EXIT } from '../io';

const FORMATS = ['markdown', 'json'] as const;

export const reviewCommand: CommandSpec = {
  name: 'review',
  summary: 'Review a change: who gets paged, when, for what, and the Terraform it changes (Markdown for a PR comment, or JSON).',
  usage: 'review --base REF [--format markdown|json] [--from DATE] [--out FILE] [--root DIR]',
  options: {
    ...COMPARISON_OPTIONS,
    format: { type: 'string', description: 'markdown (default; a PR comment) or json (same content, for bots)' },
    from: { type: 'string', description: 'First day of the 4-week rotation preview and the lint window, YYYY-MM-DD (default: today, UTC)' },
  },
  details: [
    FORMAT_DETAILS,
    'Destructive changes (a moved Terraform backend; removing or replacing a schedule, escalation policy, service, PagerDuty team or Datadog PagerDuty service object; force-new replacements) are listed first, other removals right below them.',
    'Organization-level lint findings (about no current team, e.g. the runbooks of a removed team) get their own section.',
    "Change findings (a roster edited in place that reshuffles turns, with a rosters block to paste) open each team's section.",
    'The Markdown starts with <!-- oncall-as-code-review --> so a workflow can update one comment in place.',
    'Exit 0 even when the change is destructive: the deploy workflow gates those with an approval environment.',
  ].join('\n'),
  async run(argv, io) {
    const { values } = parseCommandArgs(reviewCommand, argv, io.env);
    const base = requiredBase('review', values);
    const format = chosenFormat('review', values.format, FORMATS);
    const from = fromDate('review', values.from);
    const root = rootOf(values, io);
    const comparison = compareOrReport('review', io, {
      root,
      baseRef: base,
      from,
      lint: (model, at, teams) => runLint(model, { from: at, ...(teams ? { teams } : {}) }),
    });
    if (!comparison) return EXIT.invalid;
    // Roster changes and other findings that need both sides (the head's model is valid here).
    const changeFindings = comparison.base.model ? runChangeLint(comparison.base.model, comparison.head.model!, { from }) : [];
    const review = buildReview(comparison.base, comparison.head, { from, changeFindings });
    const text = format === 'json' ? JSON.stringify(review, null, 2) : renderMarkdown(review);
    const summary = `review: ${review.teams.length} team(s), ${review.stacks.length} stack(s) affected, ${review.destructive.length} destructive change(s)`;
    emit(io, values.out, text, summary);
    return EXIT.ok;
  },
};
