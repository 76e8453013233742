import type { Phase } from './phases';
import { COMMAND_IDS, type CommandId, type SizeResult, type TargetCheck } from './targets';

/** Everything one `npm run bench` measured; written as JSON and rendered as Markdown tables. */
export interface BenchReport {
  startedAt: string;
  machine: MachineInfo;
  /** How the commands were started (the npm scripts' launcher). */
  launcher: string;
  rssMethod: string;
  repeat: number;
  generation: { teams: number; files: number; ms: number }[];
  sizes: SizeResult[];
  startup?: StartupResult[];
  targets: TargetCheck[];
  profiles?: Record<string, unknown>;
  /** Per size: where a full synth spends its time, measured in one process. */
  phases?: { teams: number; phases: Phase[] }[];
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryMb: number;
  node: string;
  platform: string;
  /** 1-minute load average before and after the run: other work on the machine skews timings. */
  loadBefore: number;
  loadAfter?: number;
}

export interface StartupResult {
  label: string;
  argv: string;
  medianMs: number;
  peakRssMb: number;
}

const COMMAND_LABELS: Record<CommandId, string> = {
  validate: 'validate',
  lint: 'lint (365-day coverage + runbooks)',
  synth: 'synth (all stacks)',
  'plain-cdktf': 'baseline: plain cdktf, same Terraform',
  'synth-team': 'synth --stack team-<id>',
  review: 'review of a one-team change',
  affected: 'affected of a one-team change',
  'validate-warm': 'validate, parse cache warm (as in CI)',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const teamsLabel = (teams: number) => `${teams.toLocaleString('en-US')} teams`;

export function commandTable(report: BenchReport): string {
  const sizes = report.sizes;
  const header = ['command', ...sizes.map((size) => teamsLabel(size.teams))];
  const rows = COMMAND_IDS.map((command) => [
    COMMAND_LABELS[command],
    ...sizes.map((size) => {
      const result = size.commands[command];
      if (!result) return 'not run';
      if (!result.ok) return result.note ?? `failed (exit ${result.exitCode})`;
      return `${seconds(result.medianMs)} (cpu ${seconds(result.cpuMs)}), ${result.peakRssMb} MB`;
    }),
  ]);
  return markdownTable(header, rows);
}

export function targetTable(targets: readonly TargetCheck[]): string {
  const format = (value: number | undefined, unit: TargetCheck['unit']) =>
    value === undefined ? '-' : unit === 'ms' ? seconds(value) : unit === 'MB' ? `${value} MB` : `${value.toFixed(2)}x`;
  return markdownTable(
    ['target', 'measured', 'limit', 'verdict'],
    targets.map((target) => [
      target.description,
      format(target.actual, target.unit),
      `${target.unit === 'x' ? '' : '< '}${format(target.limit, target.unit)}`,
      target.verdict,
    ]),
  );
}

export function startupTable(startup: readonly StartupResult[]): string {
  return markdownTable(
    ['launcher', 'command line', 'median wall', 'peak RSS'],
    startup.map((row) => [row.label, `\`${row.argv}\``, seconds(row.medianMs), `${row.peakRssMb} MB`]),
  );
}

/** Phases as rows, sizes as columns: "1.23 s (45%)". */
export function phaseTable(split: readonly { teams: number; phases: Phase[] }[]): string {
  const names = split[0]?.phases.map((phase) => phase.name) ?? [];
  const rows = names.map((name) => [
    name,
    ...split.map(({ phases }) => {
      const total = phases.reduce((sum, phase) => sum + phase.ms, 0);
      const phase = phases.find((candidate) => candidate.name === name);
      return phase ? `${seconds(phase.ms)} (${Math.round((100 * phase.ms) / Math.max(total, 1))}%)` : '-';
    }),
  ]);
  rows.push(['total (one process, no start-up)', ...split.map(({ phases }) => seconds(phases.reduce((sum, phase) => sum + phase.ms, 0)))]);
  rows.push(['largest RSS between phases', ...split.map(({ phases }) => `${Math.max(...phases.map((phase) => phase.rssMb))} MB`)]);
  return markdownTable(['synth phase', ...split.map(({ teams }) => teamsLabel(teams))], rows);
}

export function machineLine(report: BenchReport): string {
  const m = report.machine;
  return `${m.cpus} CPU (${m.cpuModel}), ${Math.round(m.totalMemoryMb / 1024)} GB RAM, Node ${m.node} on ${m.platform}; launcher \`${report.launcher}\`; peak RSS via ${report.rssMethod}; median of ${report.repeat} run(s); load average ${m.loadBefore.toFixed(2)} before${m.loadAfter === undefined ? '' : `, ${m.loadAfter.toFixed(2)} after`}; ${report.startedAt}`;
}

export function renderReport(report: BenchReport): string {
  const parts = [`Machine: ${machineLine(report)}`, '', commandTable(report), '', targetTable(report.targets)];
  if (report.startup?.length) parts.push('', 'Start-up (validate of the smallest organization):', '', startupTable(report.startup));
  if (report.phases?.length) parts.push('', 'Where a full synth spends its time (one process):', '', phaseTable(report.phases));
  return parts.join('\n');
}

export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Replaces the text between `<!-- bench:start -->` and `<!-- bench:end -->` in a Markdown document. */
export function replaceBenchSection(document: string, content: string): string {
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`the document has no "${start}" ... "${end}" section to update`);
  return `${document.slice(0, from + start.length)}\n${content}\n${document.slice(to)}`;
}
