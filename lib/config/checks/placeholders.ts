import { excerpt, type Diagnostic } from '../diagnostics';
import { error, visitStrings, warning, type SemanticCheck } from './types';

/** The word `npm run new-team` puts in every value a person must replace. */
export const PLACEHOLDER = 'REPLACE-ME';
const PLACEHOLDER_PATTERN = /replace-me/i;

/**
 * Scaffolded values left in place are reported where they are: a warning (the file is valid so
 * onboarding can start with one PR), but an error for member emails when this repository manages
 * PagerDuty users, because those would be created as real users with made-up addresses.
 */
export const checkPlaceholders: SemanticCheck = ({ organization, teams }) => {
  const managedUsers = organization.config.pagerduty.users === 'managed';
  const found: Diagnostic[] = [];
  for (const { file, config } of teams) {
    visitStrings(config, [], (value, path) => {
      if (!PLACEHOLDER_PATTERN.test(value)) return;
      const isEmail = path.length === 3 && path[0] === 'members' && path[2] === 'email';
      const make = managedUsers && isEmail ? error : warning;
      found.push(
        make(
          file,
          path,
          'placeholder-left',
          `placeholder from \`npm run new-team\` still here${managedUsers && isEmail ? ': with managed users this would create a PagerDuty user with a made-up email' : ''}`,
          'the real value',
          JSON.stringify(value),
        ),
      );
    });
  }
  return found;
};

/**
 * Diagnostic codes of onboarding left unfinished: warnings for a local run, errors where CI
 * decides (lib/cli/strict.ts).
 */
export const PLACEHOLDER_CODES: readonly string[] = ['placeholder-left', 'placeholder-comment'];

/** A YAML comment (after a line start or a blank) that opens with the placeholder word. */
const PLACEHOLDER_COMMENT = /(^|\s)#\s*(replace-me\b.*)$/i;

/**
 * The scaffold marks some values only in a comment (`chatHandle: '@slack-x-alerts' # REPLACE-ME`,
 * `# REPLACE-ME: the query` above the query) because the value must stay valid. A comment is not
 * config data, so this reads the text: each such comment is reported at the key it trails or, on a
 * line of its own, at the next key. Only comments that open with the word count, so the header's
 * "grep -n REPLACE-ME" instructions do not.
 */
export function placeholderComments(file: string, text: string): Diagnostic[] {
  if (!/#\s*replace-me/i.test(text)) return [];
  const lines = text.split(/\r?\n/);
  const hits: { line: number; column: number; comment: string }[] = [];
  lines.forEach((content, index) => {
    const match = PLACEHOLDER_COMMENT.exec(content);
    if (match) hits.push({ line: index + 1, column: match.index + match[1].length + 1, comment: match[2].trim() });
  });
  if (hits.length === 0) return [];
  const keys = keyLines(text);
  return hits.map(({ line, column, comment }) => {
    const key = keys.find((k) => k.line >= line);
    return {
      level: 'warning',
      file,
      path: key?.path ?? [],
      line,
      column,
      code: 'placeholder-comment',
      message: `placeholder from \`npm run new-team\` still marked here ("${excerpt(comment)}"): put in the real value, then delete the comment`,
      expected: 'the real value, without the REPLACE-ME comment',
    };
  });
}

/** The line of every mapping key and sequence item, with its path, in document order. */
function keyLines(text: string): { line: number; path: (string | number)[] }[] {
  // Required here, as in yaml-source.ts: finished config never needs a second parse (start-up time).
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const found: { line: number; path: (string | number)[] }[] = [];
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const walk = (node: unknown, path: (string | number)[]) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const line = lineOf(pair.key as never);
        if (line !== undefined) found.push({ line, path: [...path, key] });
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const line = lineOf(item as never);
        if (line !== undefined) found.push({ line, path: [...path, index] });
        walk(item, [...path, index]);
      });
    }
  };
  walk(doc.contents, []);
  return found.sort((a, b) => a.line - b.line);
}
