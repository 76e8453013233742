import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic } from './diagnostics';

/** Files above this size are refused before parsing: config is hand-written, never megabytes. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** Aliases beyond this are refused: an alias bomb ("billion laughs") must fail, not hang. */
export const MAX_ALIAS_COUNT = 100;

export interface YamlSource {
  /** Path relative to the repository root, as shown in messages. */
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export interface ParsedYaml {
  source?: YamlSource;
  data?: unknown;
  diagnostics: Diagnostic[];
}

export function parseYaml(file: string, text: string): ParsedYaml {
  const byteLength = Buffer.byteLength(text, 'utf8');
  if (byteLength > MAX_CONFIG_FILE_BYTES) {
    return {
      diagnostics: [
        {
          level: 'error',
          file,
          path: [],
          message: 'file is too large to be config',
          expected: `at most ${MAX_CONFIG_FILE_BYTES} bytes`,
          found: `${byteLength} bytes`,
          code: 'yaml-too-large',
        },
      ],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const source: YamlSource = { file, doc, lines };
  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((error) => {
    const pos = lines.linePos(error.pos[0]);
    return {
      level: 'error' as const,
      file,
      path: [],
      message: `YAML ${error.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'}: ${firstLine(error.message)}`,
      line: pos.line,
      column: pos.col,
      code: `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`,
    };
  });
  if (diagnostics.length > 0) return { source, diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return {
      source,
      diagnostics: [{ level: 'error', file, path: [], message: 'file is empty', expected: 'a mapping of settings', found: 'nothing', line: 1, column: 1, code: 'yaml-empty' }],
    };
  }
  try {
    return { source, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch (error) {
    return {
      source,
      diagnostics: [
        {
          level: 'error',
          file,
          path: [],
          message: `YAML aliases expand too much (more than ${MAX_ALIAS_COUNT} alias uses): ${firstLine((error as Error).message)}`,
          line: 1,
          column: 1,
          code: 'yaml-alias-limit',
        },
      ],
    };
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Line and column of a path inside the document: the value's position, or with `key` the
 * position of the mapping key itself (for "unknown key" messages). Falls back to the deepest
 * part of the path that exists, so every message gets a useful line.
 */
export function locate(source: YamlSource, path: readonly (string | number)[], key = false): { line: number; column: number } {
  let node: unknown = source.doc.contents;
  let best: [number, number, number] | undefined = (node as Node | null)?.range ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (last && key) {
        best = keyNode.range ?? best;
        break;
      }
      node = pair.value;
      best = (node as Node | null)?.range ?? keyNode.range ?? best;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (!node) break;
      best = (node as Node).range ?? best;
    } else {
      break;
    }
  }
  const pos = source.lines.linePos(best ? best[0] : 0);
  return { line: pos.line, column: pos.col };
}
