export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/**
 * Order-preserving line diff (longest common subsequence). Inputs are a few dozen lines of
 * escalation or routing text, so the quadratic table is cheap and the output is minimal.
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  const common: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      common[i][j] = before[i] === after[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      out.push({ op: ' ', text: before[i++] });
      j++;
    } else if (j < m && (i === n || common[i][j + 1] >= common[i + 1][j])) {
      out.push({ op: '+', text: after[j++] });
    } else {
      out.push({ op: '-', text: before[i++] });
    }
  }
  // Show removals before additions inside each changed run, as `diff -u` does.
  return groupRuns(out);
}

function groupRuns(lines: DiffLine[]): DiffLine[] {
  const result: DiffLine[] = [];
  let run: DiffLine[] = [];
  const flush = () => {
    result.push(...run.filter((l) => l.op === '-'), ...run.filter((l) => l.op === '+'));
    run = [];
  };
  for (const line of lines) {
    if (line.op === ' ') {
      flush();
      result.push(line);
    } else run.push(line);
  }
  flush();
  return result;
}

/** A ```diff block body: GitHub colours `-` and `+` lines. */
export const diffBlock = (lines: DiffLine[]) => lines.map((l) => `${l.op} ${l.text}`).join('\n');
