import { HeadingSlugger, headingPlainText } from './slug';

/**
 * Just enough Markdown structure for runbook checks: front matter, ATX headings with their
 * GitHub anchors, fenced code blocks and links, each with its 1-based line. Not a renderer:
 * the rules only need to know where things are, and a dependency-free reader keeps lint fast.
 * Setext headings (underlined with === or ---) are not recognised; runbooks use `#` headings.
 */
export interface MarkdownDocument {
  lines: string[];
  frontMatter?: FrontMatter;
  headings: Heading[];
  fences: CodeFence[];
  links: MarkdownLink[];
  /** Line index (0-based) where the body starts, after the front matter. */
  bodyStart: number;
  /** 0-based indices of lines inside code fences or HTML comments (no headings or links there). */
  literalLines: Set<number>;
}

export interface FrontMatter {
  /** Parsed YAML mapping; empty when it is not a mapping. */
  fields: Record<string, unknown>;
  /** 1-based line of each top-level key. */
  keyLines: Record<string, number>;
  /** Why the block could not be read, when it could not. */
  problem?: string;
  /** 1-based line of the opening `---`. */
  line: number;
}

export interface Heading {
  level: number;
  /** As written, without the `#` markers. */
  text: string;
  /** What GitHub renders (and slugs). */
  plainText: string;
  /** GitHub anchor, unique within the document. */
  slug: string;
  line: number;
}

export interface CodeFence {
  info: string;
  /** The lines between the fences, with the fence's indentation removed. */
  content: string;
  /** 1-based lines of the opening and closing fence (closing = last line when unclosed). */
  line: number;
  endLine: number;
}

export interface MarkdownLink {
  target: string;
  line: number;
}

const FENCE = /^(\s*)(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const INLINE_LINK = /!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/;

export function parseMarkdown(text: string): MarkdownDocument {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const { frontMatter, bodyStart } = readFrontMatter(lines);
  const headings: Heading[] = [];
  const fences: CodeFence[] = [];
  const links: MarkdownLink[] = [];
  const literalLines = new Set<number>();
  const slugger = new HeadingSlugger();

  let fence: { marker: string; indent: number; info: string; start: number; body: string[] } | undefined;
  let inComment = false;
  for (let index = bodyStart; index < lines.length; index++) {
    const line = lines[index];
    if (fence) {
      literalLines.add(index);
      const close = FENCE.exec(line);
      if (close && close[2][0] === fence.marker[0] && close[2].length >= fence.marker.length && close[3].trim() === '') {
        fences.push({ info: fence.info, content: fence.body.join('\n'), line: fence.start + 1, endLine: index + 1 });
        fence = undefined;
      } else {
        fence.body.push(stripIndent(line, fence.indent));
      }
      continue;
    }
    if (inComment) {
      literalLines.add(index);
      if (line.includes('-->')) inComment = false;
      continue;
    }
    const open = FENCE.exec(line);
    if (open && !(open[2][0] === '`' && open[3].includes('`'))) {
      literalLines.add(index);
      fence = { marker: open[2], indent: open[1].length, info: open[3].trim(), start: index, body: [] };
      continue;
    }
    const commentStart = line.indexOf('<!--');
    if (commentStart !== -1 && !line.includes('-->', commentStart)) inComment = true;
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      const written = (heading[2] ?? '').trim();
      const plainText = headingPlainText(written);
      headings.push({ level: heading[1].length, text: written, plainText, slug: slugger.slug(plainText), line: index + 1 });
    }
    links.push(...linksIn(line, index + 1));
  }
  if (fence) fences.push({ info: fence.info, content: fence.body.join('\n'), line: fence.start + 1, endLine: lines.length });
  return { lines, frontMatter, headings, fences, links, bodyStart, literalLines };
}

function stripIndent(line: string, indent: number): string {
  let removed = 0;
  while (removed < indent && line[removed] === ' ') removed++;
  return line.slice(removed);
}

/** Links and images on one line, ignoring inline code spans (commands often contain brackets). */
function linksIn(line: string, lineNumber: number): MarkdownLink[] {
  // Both link forms need "](" or "]:", and blanking code spans cannot create either: most lines end here.
  if (!line.includes('](') && !line.includes(']:')) return [];
  const withoutCode = line.replace(/(`+)(?:(?!\1).)+?\1/g, (span) => ' '.repeat(span.length));
  const found: MarkdownLink[] = [];
  const definition = REFERENCE_DEFINITION.exec(withoutCode);
  if (definition) found.push({ target: unwrapAngle(definition[1]), line: lineNumber });
  for (const match of withoutCode.matchAll(INLINE_LINK)) found.push({ target: unwrapAngle(match[1]), line: lineNumber });
  return found;
}

const unwrapAngle = (target: string) => (target.startsWith('<') && target.endsWith('>') ? target.slice(1, -1) : target);

function readFrontMatter(lines: string[]): { frontMatter?: FrontMatter; bodyStart: number } {
  if (lines[0]?.trim() !== '---') return { bodyStart: 0 };
  const end = lines.findIndex((line, index) => index > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end === -1) return { frontMatter: { fields: {}, keyLines: {}, line: 1, problem: 'the front matter opened on line 1 is never closed with ---' }, bodyStart: lines.length };
  const keyLines: Record<string, number> = {};
  for (let index = 1; index < end; index++) {
    const key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[index]);
    if (key && !(key[1] in keyLines)) keyLines[key[1]] = index + 1;
  }
  const simple = simpleFrontMatter(lines, end);
  if (simple) return { frontMatter: { fields: simple, keyLines, line: 1, problem: undefined }, bodyStart: end + 1 };
  try {
    // Loaded here, not at the top: simple front matter (simpleFrontMatter) never needs it.
    const { parse: parseYaml } = require('yaml') as typeof import('yaml');
    const parsed: unknown = parseYaml(lines.slice(1, end).join('\n'));
    const fields = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    const problem = parsed === null || parsed === undefined || fields === parsed ? undefined : 'the front matter is not a mapping of key: value lines';
    return { frontMatter: { fields, keyLines, line: 1, problem }, bodyStart: end + 1 };
  } catch (error) {
    return { frontMatter: { fields: {}, keyLines, line: 1, problem: `the front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` }, bodyStart: end + 1 };
  }
}

/** A plain YAML scalar that the core schema reads as this very string (no number, bool, null or syntax). */
const PLAIN_STRING = /^[A-Za-z][\w.@/-]*(?: [\w.@/-]+)*$|^\d{4}-\d{2}-\d{2}$/;
const CORE_SCHEMA_WORDS = /^(?:true|false|null)$/i;

/**
 * Front matter made only of `key: plain-text` lines (what runbooks hold: owner, lastUpdated,
 * severity), read without the YAML parser: about 60 µs per file saved over 12,000 runbooks.
 * Anything else (quotes, lists, comments, numbers, repeated keys, indentation) returns undefined
 * and goes to the parser, so the result is always what `yaml` would give.
 */
function simpleFrontMatter(lines: string[], end: number): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = {};
  for (let index = 1; index < end; index++) {
    const match = /^([A-Za-z][\w-]*): +(\S(?:.*\S)?) *$/.exec(lines[index]);
    if (!match) return undefined;
    const [, key, value] = match;
    if (key in fields || CORE_SCHEMA_WORDS.test(key) || !PLAIN_STRING.test(value) || CORE_SCHEMA_WORDS.test(value)) return undefined;
    fields[key] = value;
  }
  return end > 1 ? fields : undefined;
}
