import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a mistyped word, or undefined when nothing is close enough to be a
 * plausible typo. A candidate containing the input (UTC -> Etc/UTC) also counts.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    const score = hay === needle ? 0 : needle.length >= 3 && hay.includes(needle) ? 1 : distance(needle, hay);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return bestScore <= limit ? best : undefined;
}
