import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * README.md is one readable page, but each topic is written (and partly generated) in docs/*.md.
 * The README holds `<!-- include docs/x.md -->` ... `<!-- end include -->` blocks; this fills them
 * with the topic's text, headings demoted one level, so the two never disagree (a test checks).
 */
const INCLUDE = /<!-- include (\S+) -->\n[\s\S]*?<!-- end include -->/g;

export function assembleReadme(root: string, readme = readFileSync(join(root, 'README.md'), 'utf8')): string {
  return readme.replace(INCLUDE, (_match, file: string) => {
    const text = readFileSync(join(root, file), 'utf8').replace(/^<!--[^\n]*-->\n/, '');
    return `<!-- include ${file} -->\n${demoteHeadings(text).trimEnd()}\n<!-- end include -->`;
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
