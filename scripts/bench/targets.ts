/**
 * The performance targets of issue 8 (2-core machine) and their evaluation against one
 * benchmark run. Targets are benchmarked, never asserted in unit tests: timings on shared CI
 * machines are too noisy for a pass/fail test.
 */
export type CommandId = 'validate' | 'lint' | 'synth' | 'plain-cdktf' | 'synth-team' | 'review' | 'affected' | 'validate-warm';

/**
 * In running order: plain-cdktf (the baseline: plain cdktf code building the Terraform synth just
 * wrote, scripts/bench/plain-cdktf.ts) right after synth; validate-warm last, when the commands
 * before it have filled the parse cache.
 */
export const COMMAND_IDS: readonly CommandId[] = ['validate', 'lint', 'synth', 'plain-cdktf', 'synth-team', 'review', 'affected', 'validate-warm'];

export interface CommandResult {
  /** Wall time of each repetition, ms. */
  wallMs: number[];
  medianMs: number;
  minMs: number;
  /** Median CPU time (user + system), ms: compare this between runs on a busy machine. */
  cpuMs: number;
  /** Largest peak RSS over the repetitions, MB. */
  peakRssMb: number;
  exitCode: number;
  ok: boolean;
  /** Why the command was not measured or failed. */
  note?: string;
}

export interface SizeResult {
  teams: number;
  commands: Partial<Record<CommandId, CommandResult>>;
}

export type Verdict = 'pass' | 'fail' | 'n/a';

export interface TargetCheck {
  id: string;
  description: string;
  actual?: number;
  limit: number;
  unit: 'ms' | 'MB' | 'x';
  verdict: Verdict;
}

/** The 1,000-team / 100-team time ratio above which growth is worse than linear. */
export const MAX_GROWTH_RATIO = 11;

export function evaluateTargets(sizes: readonly SizeResult[]): TargetCheck[] {
  const at = (teams: number) => sizes.find((size) => size.teams === teams);
  const time = (teams: number, command: CommandId) => {
    const result = at(teams)?.commands[command];
    return result?.ok ? result.medianMs : undefined;
  };
  const rss = (teams: number, command: CommandId) => {
    const result = at(teams)?.commands[command];
    return result?.ok ? result.peakRssMb : undefined;
  };
  const sum = (...values: (number | undefined)[]) => (values.some((value) => value === undefined) ? undefined : values.reduce((a, b) => a! + b!, 0));
  const maxRss = (teams: number) => {
    const values = COMMAND_IDS.map((command) => rss(teams, command)).filter((value): value is number => value !== undefined);
    return values.length === 0 ? undefined : Math.max(...values);
  };

  const cpu = (teams: number, command: CommandId) => {
    const result = at(teams)?.commands[command];
    return result?.ok ? result.cpuMs : undefined;
  };
  const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || !b ? undefined : Math.round((a / b) * 100) / 100);
  const checks: TargetCheck[] = [
    // Against plain cdktf building identical Terraform in the same run (issue 15).
    check('100.synth.cpu/plain', '100 teams: full synth CPU / plain cdktf CPU', ratio(cpu(100, 'synth'), cpu(100, 'plain-cdktf')), 1.2, 'x'),
    check('1000.synth.cpu/plain', '1,000 teams: full synth CPU / plain cdktf CPU', ratio(cpu(1000, 'synth'), cpu(1000, 'plain-cdktf')), 1.2, 'x'),
    check('100.synth.rss/plain', '100 teams: full synth peak RSS / plain cdktf peak RSS', ratio(rss(100, 'synth'), rss(100, 'plain-cdktf')), 1, 'x'),
    check('1000.synth.rss/plain', '1,000 teams: full synth peak RSS / plain cdktf peak RSS', ratio(rss(1000, 'synth'), rss(1000, 'plain-cdktf')), 1, 'x'),
    check(
      '1000.pr-path/plain',
      '1,000 teams, one team changed: review + affected + synth --stack wall / plain cdktf wall',
      ratio(sum(time(1000, 'review'), time(1000, 'affected'), time(1000, 'synth-team')), time(1000, 'plain-cdktf')),
      0.1,
      'x',
    ),
    check('100.validate+lint', '100 teams: validate + lint (two processes)', sum(time(100, 'validate'), time(100, 'lint')), 1000, 'ms'),
    check('100.validate-warm+lint', '100 teams: the same, parse cache restored (CI)', sum(time(100, 'validate-warm'), time(100, 'lint')), 1000, 'ms'),
    check('100.synth', '100 teams: full synth, end to end', time(100, 'synth'), 3000, 'ms'),
    check('100.rss', '100 teams: peak RSS of any command', maxRss(100), 300, 'MB'),
    check('1000.validate+lint', '1,000 teams: validate + lint (two processes)', sum(time(1000, 'validate'), time(1000, 'lint')), 5000, 'ms'),
    check('1000.validate-warm+lint', '1,000 teams: the same, parse cache restored (CI)', sum(time(1000, 'validate-warm'), time(1000, 'lint')), 5000, 'ms'),
    check('1000.synth', '1,000 teams: full synth', time(1000, 'synth'), 15000, 'ms'),
    check('1000.synth.rss', '1,000 teams: full synth peak RSS', rss(1000, 'synth'), 900, 'MB'),
    check('1000.synth-team', '1,000 teams: single-team synth', time(1000, 'synth-team'), 2000, 'ms'),
  ];
  for (const command of COMMAND_IDS) {
    const small = time(100, command);
    const large = time(1000, command);
    const ratio = small && large ? Math.round((large / small) * 100) / 100 : undefined;
    checks.push(check(`growth.${command}`, `${command}: 1,000-team time / 100-team time`, ratio, MAX_GROWTH_RATIO, 'x'));
  }
  return checks;
}

function check(id: string, description: string, actual: number | undefined, limit: number, unit: TargetCheck['unit']): TargetCheck {
  return { id, description, actual, limit, unit, verdict: actual === undefined ? 'n/a' : actual <= limit ? 'pass' : 'fail' };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}
