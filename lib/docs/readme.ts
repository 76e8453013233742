import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseMarkdown } from '../runbooks/markdown';

/**
 * README.md is the page people read first; the topics it includes are written in docs/*.md. The
 * README holds `<!-- include docs/x.md -->` ... `<!-- end include -->` blocks; this fills them
 * with the topic's text, headings demoted one level and links rewritten for the README's folder,
 * so the two never disagree (a test checks). Reference topics are linked from the README instead.
 */
const INCLUDE = /<!-- include (\S+) -->\n[\s\S]*?<!-- end include -->/g;

export function assembleReadme(root: string, readme = readFileSync(join(root, 'README.md'), 'utf8')): string {
  return readme.replace(INCLUDE, (_match, file: string) => {
    const text = readFileSync(join(root, file), 'utf8').replace(/^<!--[^\n]*-->\n/, '');
    return `<!-- include ${file} -->\n${demoteHeadings(rebaseLinks(text, file)).trimEnd()}\n<!-- end include -->`;
  });
}

/** Adds one `#` to every ATX heading outside fenced code blocks. */
export function demoteHeadings(markdown: string): string {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker) {
        if (!fence) fence = marker;
        else if (marker.startsWith(fence) && line.trim() === marker) fence = undefined;
        return line;
      }
      return !fence && /^#{1,5} /.test(line) ? `#${line}` : line;
    })
    .join('\n');
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * A docs file's relative links are written from its own folder (`config-reference.md#lint`,
 * `../README.md#quick-start`); in the README they must be written from the repository root
 * (`docs/config-reference.md#lint`, `#quick-start`). Which text is a link is commonmark's call
 * (parseMarkdown: not in code blocks or code spans); each one is rewritten on its own line, and
 * a destination written in a way this cannot find there (escapes, entities) is refused loudly.
 */
export function rebaseLinks(markdown: string, file: string): string {
  const from = posix.dirname(file);
  if (from === '.') return markdown;
  const rebasedByLine = new Map<number, Map<string, string>>();
  for (const { target, line } of parseMarkdown(markdown).links) {
    if (target === '' || target.startsWith('#') || target.startsWith('/') || EXTERNAL.test(target)) continue;
    const hash = target.indexOf('#');
    const [path, fragment] = hash === -1 ? [target, ''] : [target.slice(0, hash), target.slice(hash)];
    const rebased = posix.normalize(posix.join(from, path));
    const onLine = rebasedByLine.get(line) ?? new Map<string, string>();
    onLine.set(target, `${rebased === 'README.md' && fragment !== '' ? '' : rebased}${fragment}`);
    rebasedByLine.set(line, onLine);
  }
  const lines = markdown.split('\n');
  for (const [line, rebased] of rebasedByLine) {
    // `](target)`, `](target "title")`, `](<target>)` and `[label]: target`: whole destinations, each once.
    const targets = [...rebased.keys()].sort((a, b) => b.length - a.length).map((target) => target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const written = new RegExp(`(\\]\\(<?|\\]: *<?)(${targets.join('|')})(?=[>)\\s]|$)`, 'g');
    const found = new Set<string>();
    lines[line - 1] = lines[line - 1].replace(written, (_match, opening: string, target: string) => {
      found.add(target);
      return `${opening}${rebased.get(target)}`;
    });
    const missing = [...rebased.keys()].find((target) => !found.has(target));
    if (missing !== undefined)
      throw new Error(`${file}:${line}: cannot rewrite the link to ${missing} for the README: write its destination plainly, on the line of its text`);
  }
  return lines.join('\n');
}
