import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs one command as its own process and measures wall time (in this process, around the
 * spawn, so start-up is included) and peak resident memory. Peak RSS comes from GNU
 * `/usr/bin/time -v` when it exists; otherwise every Node process of the run loads a tiny probe
 * (NODE_OPTIONS=--require) that records `process.resourceUsage().maxRSS` at exit. Both report
 * the largest single process of the run (tsx, for one, runs the program in a child process).
 */
export interface Measurement {
  wallMs: number;
  /**
   * CPU time (user + system) of the run, ms: much less disturbed than wall time by other work
   * on the machine, so it is the better number to compare runs on a busy host.
   */
  cpuMs: number;
  /** Largest resident set of any process of the run, in MB (MiB). */
  peakRssMb: number;
  exitCode: number;
  /** Last lines of stderr (and stdout) for failure reports. */
  tail: string;
}

export interface RunSpec {
  argv: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Where stdout/stderr of the run are written (kept for inspection). */
  logPrefix: string;
  /** Stop the command after this many seconds (coreutils `timeout`; exit code 124). */
  timeoutSeconds?: number;
}

/** Exit code of a run stopped by `timeoutSeconds`. */
export const TIMED_OUT = 124;
const COREUTILS_TIMEOUT = ['/usr/bin/timeout', '/bin/timeout'].find((file) => existsSync(file));

export type RssMethod = 'gnu-time' | 'node-probe';

export const GNU_TIME = '/usr/bin/time';

export function rssMethod(): RssMethod {
  if (!existsSync(GNU_TIME)) return 'node-probe';
  const probe = spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /Maximum resident set size/.test(probe.stderr) ? 'gnu-time' : 'node-probe';
}

const PROBE_SOURCE = `'use strict';
// Written by scripts/bench/measure.ts: appends this process's peak RSS (KiB) and CPU time (µs) at exit.
process.on('exit', () => {
  try {
    const usage = process.resourceUsage();
    require('node:fs').appendFileSync(process.env.ONCALL_BENCH_RSS_FILE, usage.maxRSS + ' ' + (usage.userCPUTime + usage.systemCPUTime) + '\\n');
  } catch {}
});
`;

export function measure(spec: RunSpec, method: RssMethod): Measurement {
  const scratch = mkdtempSync(join(tmpdir(), 'oncall-measure-'));
  const timeFile = join(scratch, 'time.txt');
  const rssFile = join(scratch, 'rss.txt');
  const probe = join(scratch, 'rss-probe.cjs');
  let env: NodeJS.ProcessEnv = { ...process.env, ...spec.env };
  let argv = spec.timeoutSeconds && COREUTILS_TIMEOUT ? [COREUTILS_TIMEOUT, String(spec.timeoutSeconds), ...spec.argv] : spec.argv;
  if (method === 'gnu-time') {
    argv = [GNU_TIME, '-v', '-o', timeFile, ...argv];
  } else {
    writeFileSync(probe, PROBE_SOURCE);
    env = { ...env, ONCALL_BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${probe}`.trim() };
  }
  const stdout = openSync(`${spec.logPrefix}.out.txt`, 'w');
  const stderr = openSync(`${spec.logPrefix}.err.txt`, 'w');
  const started = process.hrtime.bigint();
  const result = spawnSync(argv[0], argv.slice(1), { cwd: spec.cwd, env, stdio: ['ignore', stdout, stderr] });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  closeSync(stdout);
  closeSync(stderr);
  if (result.error) throw new Error(`cannot run ${spec.argv.join(' ')}: ${result.error.message}`);
  const usage = method === 'gnu-time' ? gnuTimeUsage(readIfExists(timeFile)) : probeUsage(readIfExists(rssFile));
  rmSync(scratch, { recursive: true, force: true });
  return {
    wallMs: Math.round(wallMs),
    cpuMs: Math.round(usage.cpuMs),
    peakRssMb: Math.round(usage.peakKib / 1024),
    exitCode: result.status ?? 128,
    tail: tailOf(`${spec.logPrefix}.err.txt`, `${spec.logPrefix}.out.txt`),
  };
}

interface Usage {
  peakKib: number;
  cpuMs: number;
}

/** Peak RSS and user + system time from GNU `time -v` output (it covers the whole process tree). */
export function gnuTimeUsage(report: string): Usage {
  const number = (pattern: RegExp) => Number(pattern.exec(report)?.[1] ?? 0);
  return {
    peakKib: number(/Maximum resident set size \(kbytes\):\s*(\d+)/),
    cpuMs: (number(/User time \(seconds\):\s*([\d.]+)/) + number(/System time \(seconds\):\s*([\d.]+)/)) * 1000,
  };
}

/** The probe's lines, one per Node process: the largest RSS, and the CPU time summed. */
export function probeUsage(lines: string): Usage {
  const rows = lines
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').map(Number));
  return { peakKib: Math.max(0, ...rows.map(([kib]) => kib)), cpuMs: rows.reduce((sum, [, micros]) => sum + (micros ?? 0) / 1000, 0) };
}

function readIfExists(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function tailOf(...files: string[]): string {
  return files
    .map((file) => readIfExists(file).trimEnd().split('\n').slice(-6).join('\n'))
    .filter(Boolean)
    .join('\n');
}
