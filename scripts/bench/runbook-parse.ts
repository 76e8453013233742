/**
 * `npm run build && node dist/scripts/bench/runbook-parse.js [teams]` (default 1000)
 *
 * CPU time of parseMarkdown over the runbooks the benchmark generates for that many teams (12 per
 * team), in memory: the Markdown reader's share of runbook lint, without file reads or rules.
 * Prints one JSON object; the median of 3 passes after a warm-up.
 */
import { parseMarkdown } from '../../lib/runbooks/markdown';
import { buildTeam } from './generate';

function main(argv: string[]): void {
  const teams = Number(argv[0] ?? 1000);
  if (!Number.isInteger(teams) || teams < 1) throw new Error(`teams must be a positive integer, got ${argv[0]}`);
  const texts: string[] = [];
  for (let index = 0; index < teams; index++) texts.push(...buildTeam(index, '2026-01-01').runbooks.values());
  for (const text of texts.slice(0, 500)) parseMarkdown(text);
  const passes: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    const started = process.cpuUsage();
    for (const text of texts) parseMarkdown(text);
    const used = process.cpuUsage(started);
    passes.push((used.user + used.system) / 1000);
  }
  const median = passes.sort((a, b) => a - b)[1];
  process.stdout.write(
    `${JSON.stringify({ teams, runbooks: texts.length, cpuMs: Math.round(median), microsecondsPerRunbook: Math.round((median * 1000) / texts.length) })}\n`,
  );
}

main(process.argv.slice(2));
