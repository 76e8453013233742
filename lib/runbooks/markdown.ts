import type { Node, Parser } from 'commonmark';
import GithubSlugger from 'github-slugger';

/**
 * What runbook checks need from a Markdown file: front matter, headings (ATX and setext) with
 * their GitHub anchors, code blocks, link targets and numbered list items, each with its 1-based
 * line. The body is parsed by commonmark.js, the reference implementation of the CommonMark spec
 * (docs/dependencies.md says why this parser), so a link in a code block, a destination with
 * parentheses or an HTML comment around a heading mean here what they mean on GitHub.
 */
export interface MarkdownDocument {
  lines: string[];
  frontMatter?: FrontMatter;
  headings: Heading[];
  codeBlocks: CodeBlock[];
  links: MarkdownLink[];
  /** 1-based lines where an item of a numbered list ("1. ...", "2) ...") with content starts. */
  numberedItemLines: number[];
  /** Line index (0-based) where the body starts, after the front matter. */
  bodyStart: number;
  /** 0-based indices of lines inside code blocks or HTML blocks (comments): no prose there. */
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
  /** What GitHub renders (and slugs): the text of the heading's inline content. */
  plainText: string;
  /** GitHub anchor, unique within the document. */
  slug: string;
  line: number;
}

export interface CodeBlock {
  /** The info string of a fenced block (`bash` in ```` ```bash ````); empty for indented blocks. */
  info: string;
  /** The block's text without fences or indentation, no final line break. */
  content: string;
  /** 1-based first and last line (fences included; the last line of its container when unclosed). */
  line: number;
  endLine: number;
}

export interface MarkdownLink {
  /** The destination as the link's href (escapes and entities resolved, URL-encoded by CommonMark's rules). */
  target: string;
  line: number;
}

export function parseMarkdown(text: string): MarkdownDocument {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  const { frontMatter, bodyStart } = readFrontMatter(lines);
  const document: MarkdownDocument = { lines, frontMatter, headings: [], codeBlocks: [], links: [], numberedItemLines: [], bodyStart, literalLines: new Set() };
  if (bodyStart >= lines.length) return document;
  let bodyOffset = 0;
  for (let index = 0; index < bodyStart; index++) bodyOffset += lines[index].length + 1;
  const body = normalized.slice(bodyOffset);
  const parser = commonmark();
  notes = { links: new WeakMap(), definitions: [], headingTextLines: new WeakMap() };
  try {
    readTree(parser.parse(body), document, notes);
  } finally {
    notes = undefined;
  }
  return document;
}

/** Walks the parsed body once, collecting every fact in document order. */
function readTree(root: Node, document: MarkdownDocument, found: ParseNotes): void {
  const offset = document.bodyStart; // commonmark's lines are 1-based within the body
  const slugger = new GithubSlugger(); // GitHub's anchor rules, repeats numbered -1, -2, ...
  const walker = root.walker();
  let leafLine = 0; // first line of the paragraph or heading whose inline content is being walked
  for (let event = walker.next(); event; event = walker.next()) {
    if (!event.entering) continue;
    const node = event.node;
    switch (node.type) {
      case 'paragraph':
        leafLine = node.sourcepos[0][0] + offset;
        break;
      case 'heading': {
        const [start, end] = [node.sourcepos[0][0], node.sourcepos[1][0]];
        leafLine = (end > start ? end - (found.headingTextLines.get(node) ?? end - start) : start) + offset; // setext: above the underline
        // Slugged untrimmed: on GitHub, `## :fire: Hot fix` is #-hot-fix (an image adds no text).
        const text = textContent(node);
        document.headings.push({ level: node.level, plainText: text.trim(), slug: slugger.slug(text), line: leafLine });
        break;
      }
      case 'code_block': {
        const [line, endLine] = lineRange(node, offset, document.lines.length);
        document.codeBlocks.push({ info: node.info?.trim() ?? '', content: (node.literal ?? '').replace(/\n$/, ''), line, endLine });
        for (let index = line - 1; index < endLine; index++) document.literalLines.add(index);
        break;
      }
      case 'html_block': {
        const [line, endLine] = lineRange(node, offset, document.lines.length);
        for (let index = line - 1; index < endLine; index++) document.literalLines.add(index);
        break;
      }
      case 'item':
        if (node.parent?.listType === 'ordered' && node.firstChild) document.numberedItemLines.push(node.sourcepos[0][0] + offset);
        break;
      case 'link':
      case 'image': {
        const link = found.links.get(node);
        // Reference links ([text][label]) are checked once, at their definition.
        if (link?.inline) document.links.push({ target: node.destination ?? '', line: leafLine + link.lineOffset });
        break;
      }
    }
  }
  const claimed = new Set<number>();
  for (const definition of found.definitions) document.links.push({ target: definition.destination, line: definitionLine(document, definition, claimed) });
  document.links.sort((a, b) => a.line - b.line);
}

/** 1-based first and last line of a block; commonmark ends an unclosed block at 0 or past the text. */
function lineRange(node: Node, offset: number, lineCount: number): [number, number] {
  const start = node.sourcepos[0][0] + offset;
  const end = Math.min(Math.max(node.sourcepos[1][0] + offset, start), lineCount);
  return [start, end];
}

/**
 * The text GitHub slugs: the rendered heading's text. Inline code keeps its content, links keep
 * their text; images (their alt text is an attribute) and HTML tags add nothing.
 */
function textContent(heading: Node): string {
  let text = '';
  // Iterative: a heading may nest emphasis thousands deep (hostile input must not overflow the stack).
  const walker = heading.walker();
  for (let event = walker.next(); event; event = walker.next()) {
    const node = event.node;
    if (!event.entering) continue;
    if (node.type === 'text' || node.type === 'code') text += node.literal ?? '';
    else if (node.type === 'softbreak' || node.type === 'linebreak') text += ' ';
    else if (node.type === 'image') walker.resumeAt(node, false); // skip its alt text
  }
  return text;
}

/**
 * Line numbers of inline content. commonmark.js records lines for blocks only, so its inline
 * scanner is observed (observeInlineParser): each link is noted with the number of line breaks
 * between the start of its paragraph and its `[` or `<`, and each link reference definition with
 * the text it was read from. The commonmark version is pinned; the line assertions in
 * __tests__/runbooks/markdown.test.ts fail if these internals change.
 */
interface InlineLink {
  inline: boolean;
  lineOffset: number;
}
interface Definition {
  /** The first line of the definition as the parser saw it (container markers removed). */
  firstLine: string;
  destination: string;
}
interface ParseNotes {
  links: WeakMap<Node, InlineLink>;
  definitions: Definition[];
  /** Lines of text of each heading (setext headings may have several). */
  headingTextLines: WeakMap<Node, number>;
}
/** What the observed parser noted during the current parseMarkdown call (parsing is synchronous). */
let notes: ParseNotes | undefined;

/** The parts of commonmark's InlineParser (lib/inlines.js, 0.31.2) that are observed. */
interface InlineParserInternals {
  subject: string;
  pos: number;
  brackets: { index: number } | null;
  parseCloseBracket(block: Node): boolean;
  parseAutolink(block: Node): boolean;
  parseReference(subject: string, refmap: object): number;
  parseLinkDestination(): string | null;
  parse(block: Node): void;
}

function observeInlineParser(parser: InlineParserInternals): void {
  // A commonmark release without these methods would leave every link unnoticed: refuse it loudly.
  const missing = (['parse', 'parseCloseBracket', 'parseAutolink', 'parseReference', 'parseLinkDestination'] as const).filter(
    (name) => typeof parser[name] !== 'function',
  );
  if (missing.length > 0)
    throw new Error(`commonmark's inline parser has no ${missing.join(', ')}: lib/runbooks/markdown.ts needs commonmark 0.31.2 (package.json)`);
  // A paragraph without `[` or `<` holds no link, and nothing else of a paragraph's inline content
  // is used: most paragraphs skip inline parsing (headings never do: their text is slugged).
  const parseInline = parser.parse;
  parser.parse = function parseInlineIfNeeded(block) {
    const content = (block as unknown as { _string_content: string | null })._string_content;
    if (block.type === 'paragraph' && content !== null && !content.includes('[') && !content.includes('<')) return;
    // A setext heading keeps the position of the paragraph it was, link definitions included:
    // its text starts as many lines above the underline as the text has.
    if (block.type === 'heading' && content !== null) notes?.headingTextLines.set(block, content.replace(/\n$/, '').split('\n').length);
    parseInline.call(this, block);
  };
  const newlines = { subject: '', pos: 0, count: 0 };
  /** Notes a link node that starts at `index` of the paragraph's text: its line within the paragraph. */
  const noteLink = (subject: string, index: number, node: Node, inline: boolean) => {
    // Count line breaks up to the link, continuing from the last count in the same paragraph.
    if (newlines.subject !== subject || newlines.pos > index) Object.assign(newlines, { subject, pos: 0, count: 0 });
    for (let at = subject.indexOf('\n', newlines.pos); at !== -1 && at < index; at = subject.indexOf('\n', at + 1)) newlines.count++;
    newlines.pos = index;
    notes?.links.set(node, { inline, lineOffset: newlines.count });
  };
  const isLink = (node: Node | null): node is Node => node !== null && (node.type === 'link' || node.type === 'image');

  const closeBracket = parser.parseCloseBracket;
  parser.parseCloseBracket = function observedCloseBracket(block) {
    const opener = this.brackets;
    const before = block.lastChild;
    const afterBracket = this.pos + 1;
    const result = closeBracket.call(this, block);
    const node = block.lastChild;
    if (opener && node !== before && isLink(node)) {
      // An inline link has its destination right after `]`; a reference link has a label or nothing.
      noteLink(this.subject, opener.index, node, this.subject.charCodeAt(afterBracket) === 0x28 /* ( */ && this.pos > afterBracket);
    }
    return result;
  };
  const autolink = parser.parseAutolink;
  parser.parseAutolink = function observedAutolink(block) {
    const start = this.pos;
    const result = autolink.call(this, block);
    if (result && isLink(block.lastChild)) noteLink(this.subject, start, block.lastChild, true);
    return result;
  };
  const destination = parser.parseLinkDestination;
  let lastDestination: string | null = null;
  parser.parseLinkDestination = function observedDestination() {
    lastDestination = destination.call(this);
    return lastDestination;
  };
  const reference = parser.parseReference;
  parser.parseReference = function observedReference(subject, refmap) {
    lastDestination = null;
    const consumed = reference.call(this, subject, refmap);
    // `[^note]: text` is a footnote on GitHub (GFM), not a link definition.
    if (consumed > 0 && lastDestination !== null && !subject.startsWith('[^')) {
      const end = subject.indexOf('\n');
      notes?.definitions.push({ firstLine: subject.slice(0, end === -1 || end > consumed ? consumed : end).trimEnd(), destination: lastDestination });
    }
    return consumed;
  };
}

/**
 * The line of a link reference definition: the first line outside code and HTML blocks, not yet
 * given to another definition, that ends with the definition's first line after nothing but
 * indentation and container markers (`>`, `-`, `1.`). Definitions are rare; a scan is enough.
 */
const CONTAINER_PREFIX = /^[ \t>*+\-0-9.)]*$/;
function definitionLine(document: MarkdownDocument, definition: Definition, claimed: Set<number>): number {
  for (let index = document.bodyStart; index < document.lines.length; index++) {
    if (claimed.has(index) || document.literalLines.has(index)) continue;
    const line = document.lines[index].trimEnd();
    if (line.endsWith(definition.firstLine) && CONTAINER_PREFIX.test(line.slice(0, line.length - definition.firstLine.length))) {
      claimed.add(index);
      return index + 1;
    }
  }
  return document.bodyStart + 1;
}

let shared: Parser | undefined;
/** One parser for the process (parse() resets its state), loaded on first use: validate never parses Markdown. */
function commonmark(): Parser {
  if (!shared) {
    const { Parser: CommonMarkParser } = require('commonmark') as typeof import('commonmark');
    shared = new CommonMarkParser();
    observeInlineParser((shared as unknown as { inlineParser: InlineParserInternals }).inlineParser);
  }
  return shared;
}

function readFrontMatter(lines: string[]): { frontMatter?: FrontMatter; bodyStart: number } {
  if (lines[0]?.trim() !== '---') return { bodyStart: 0 };
  const end = lines.findIndex((line, index) => index > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end === -1)
    return {
      frontMatter: { fields: {}, keyLines: {}, line: 1, problem: 'the front matter opened on line 1 is never closed with ---' },
      bodyStart: lines.length,
    };
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
    return {
      frontMatter: { fields: {}, keyLines, line: 1, problem: `the front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}` },
      bodyStart: end + 1,
    };
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
