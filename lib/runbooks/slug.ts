/**
 * GitHub heading anchors, as github.com renders them (and as the github-slugger package
 * reproduces them): the heading's plain text, lower-cased, every character that is not a
 * letter, mark, number, connector punctuation (`_`), space or hyphen removed, then each space
 * turned into a hyphen. Repeated slugs in one file get `-1`, `-2`, ... suffixes.
 */
const REMOVED = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

export function githubSlug(headingText: string): string {
  return headingText.toLowerCase().replace(REMOVED, '').replace(/ /g, '-');
}

/** Hands out unique slugs in document order, the way GitHub numbers duplicate headings. */
export class HeadingSlugger {
  private readonly seen = new Map<string, number>();

  slug(headingText: string): string {
    const base = githubSlug(headingText);
    let candidate = base;
    let count = this.seen.get(base) ?? 0;
    while (this.seen.has(candidate)) candidate = `${base}-${++count}`;
    this.seen.set(base, count);
    this.seen.set(candidate, 0);
    return candidate;
  }
}

/**
 * The plain text GitHub slugs for a heading written in Markdown: inline code keeps its
 * content, links and images keep their text, emphasis markers and HTML tags disappear.
 */
export function headingPlainText(markdown: string): string {
  // Every replacement below needs one of these characters; plain headings (most) skip them all.
  if (!/[`[<*_]/.test(markdown)) return markdown.trim();
  return markdown
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/!?\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/(\*{1,3})(\S(?:.*?\S)?)\1/g, '$2')
    // `_` emphasis only at word edges: snake_case_names keep their underscores.
    .replace(/(^|[^\p{L}\p{N}_])(_{1,3})(\S(?:.*?\S)?)\2(?=$|[^\p{L}\p{N}_])/gu, '$1$3')
    .trim();
}
