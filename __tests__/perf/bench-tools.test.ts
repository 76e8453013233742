import { gnuTimeUsage, measure, probeUsage } from '../../scripts/bench/measure';
import { ownerOf, summarizeProfile, type CpuProfile } from '../../scripts/bench/profile';
import { markdownTable, replaceBenchSection } from '../../scripts/bench/report';
import { evaluateTargets, median, type CommandResult, type SizeResult } from '../../scripts/bench/targets';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ok = (medianMs: number, peakRssMb = 100): CommandResult => ({
  wallMs: [medianMs],
  medianMs,
  minMs: medianMs,
  cpuMs: medianMs,
  peakRssMb,
  exitCode: 0,
  ok: true,
});

describe('target evaluation', () => {
  const sizes: SizeResult[] = [
    { teams: 100, commands: { validate: ok(300), lint: ok(600, 250), synth: ok(2500, 280), 'synth-team': ok(900), review: ok(4000) } },
    { teams: 1000, commands: { validate: ok(2000), lint: ok(3500), synth: ok(14000, 950), 'synth-team': ok(1500), review: ok(50000) } },
  ];
  const verdicts = Object.fromEntries(evaluateTargets(sizes).map((target) => [target.id, [target.actual, target.verdict]]));

  it('adds validate and lint, the two processes a pull request runs', () => {
    expect(verdicts['100.validate+lint']).toEqual([900, 'pass']);
    expect(verdicts['1000.validate+lint']).toEqual([5500, 'fail']);
  });

  it('checks memory against the largest command at 100 teams and synth at 1,000', () => {
    expect(verdicts['100.rss']).toEqual([280, 'pass']);
    expect(verdicts['1000.synth.rss']).toEqual([950, 'fail']);
  });

  it('flags growth worse than linear (ratio above 11)', () => {
    expect(verdicts['growth.review']).toEqual([12.5, 'fail']);
    expect(verdicts['growth.synth-team']).toEqual([1.67, 'pass']);
  });

  it('says n/a, not pass, when a size or command was not measured', () => {
    const partial = evaluateTargets([{ teams: 100, commands: { validate: ok(300), lint: { ...ok(0), ok: false, note: 'not built yet' } } }]);
    expect(partial.find((target) => target.id === '100.validate+lint')?.verdict).toBe('n/a');
    expect(partial.find((target) => target.id === '1000.synth')?.verdict).toBe('n/a');
  });

  it('takes the median of repetitions', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(3);
  });
});

describe('CPU profile summary', () => {
  // root -> main (ours) -> parse (yaml) ; main -> helper (ours) ; gc
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 5] },
      { id: 2, callFrame: { functionName: 'main', url: 'file:///repo/lib/cli/commands/lint.ts', lineNumber: 1 }, children: [3, 4] },
      { id: 3, callFrame: { functionName: 'parse', url: 'file:///repo/node_modules/yaml/dist/parse.js', lineNumber: 1 } },
      { id: 4, callFrame: { functionName: 'helper', url: 'file:///repo/lib/model/build.ts', lineNumber: 1 } },
      { id: 5, callFrame: { functionName: '(garbage collector)', url: '', lineNumber: -1 } },
    ],
    samples: [2, 3, 3, 4, 5],
    timeDeltas: [1000, 2000, 3000, 1000, 3000],
  };
  const summary = summarizeProfile(profile, '/repo');

  it('splits self time by owner: ours, each package, the runtime and GC', () => {
    expect(summary.totalMs).toBe(10);
    expect(summary.byOwner).toEqual([
      { name: 'yaml', ms: 5, share: 0.5 },
      { name: 'gc', ms: 3, share: 0.3 },
      { name: 'ours', ms: 2, share: 0.2 },
    ]);
    expect(summary.dependencyFunctions[0]).toEqual({ name: 'yaml:parse', ms: 5, share: 0.5 });
  });

  it('attributes inclusive time to our functions, so phases show', () => {
    expect(summary.ourInclusive[0]).toEqual({ name: 'lib/cli/commands/lint.ts:main', ms: 7, share: 0.7 });
    expect(summary.ourFunctions.map((bucket) => bucket.name)).toEqual(['lib/cli/commands/lint.ts:main', 'lib/model/build.ts:helper']);
  });

  it('names scoped packages and runtime frames', () => {
    expect(ownerOf('file:///repo/node_modules/@cdktf/provider-datadog/lib/monitor/index.js', 'x')).toBe('@cdktf/provider-datadog');
    expect(ownerOf('node:fs', 'readFileSync')).toBe('node');
    expect(ownerOf('file:///repo/node_modules/a/node_modules/cdktf/lib/app.js', 'x')).toBe('cdktf');
  });
});

describe('resource usage', () => {
  it('reads peak RSS and CPU time from GNU time -v output', () => {
    const report = 'User time (seconds): 1.25\n\tSystem time (seconds): 0.25\n\tMaximum resident set size (kbytes): 204800\n';
    expect(gnuTimeUsage(report)).toEqual({ peakKib: 204800, cpuMs: 1500 });
  });

  it('takes the largest process and the summed CPU from probe lines', () => {
    expect(probeUsage('1000 500000\n3000 250000\n')).toEqual({ peakKib: 3000, cpuMs: 750 });
  });

  it('measures a real process with the Node probe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-measure-test-'));
    try {
      const result = measure({ argv: [process.execPath, '-e', 'process.exitCode = 3'], cwd: dir, logPrefix: join(dir, 'run') }, 'node-probe');
      expect(result.exitCode).toBe(3);
      expect(result.peakRssMb).toBeGreaterThan(10);
      expect(result.wallMs).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('report rendering', () => {
  it('pads Markdown tables', () => {
    expect(markdownTable(['a', 'bb'], [['ccc', 'd']])).toBe('| a   | bb |\n|-----|----|\n| ccc | d  |');
  });

  it('replaces only the marked section of the performance document', () => {
    const doc = '# P\n<!-- bench:start -->\nold\n<!-- bench:end -->\nrest\n';
    expect(replaceBenchSection(doc, 'new')).toBe('# P\n<!-- bench:start -->\nnew\n<!-- bench:end -->\nrest\n');
    expect(() => replaceBenchSection('# P\n', 'new')).toThrow(/no "<!-- bench:start -->"/);
  });
});
