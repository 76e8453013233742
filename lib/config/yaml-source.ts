import type { Alias, Document, LineCounter, Node } from 'yaml';
import type { Diagnostic } from './diagnostics';
import { cachedYamlData, storeYamlData } from './yaml-cache';

/**
 * The yaml package, loaded on first use: when every file comes from the parse cache
 * (yaml-cache.ts) and nothing needs a position, a command never loads it (~30 ms of start-up).
 */
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= require('yaml') as typeof import('yaml'));

/** Files above this size are refused before parsing: config is hand-written, never megabytes. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;
/** Aliases beyond this are refused: an alias bomb ("billion laughs") must fail, not hang. */
export const MAX_ALIAS_COUNT = 100;
/**
 * Aliases per file beyond this are refused before any is resolved: resolving looks each alias's
 * anchor up through the document, so 20,000 aliases in a 64 KB file took a minute to refuse.
 * Hand-written config uses a handful.
 */
export const MAX_ALIASES_PER_FILE = 100;

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

/** `bytes` is the size when known (a file that grew while being read, or a /proc-like one, has none). */
export function fileTooLarge(file: string, bytes?: number): Diagnostic {
  return {
    level: 'error',
    file,
    path: [],
    line: 1,
    column: 1,
    message: 'file is too large to be config (hand-written config is never this big; split it or check what generated it)',
    expected: `at most ${MAX_CONFIG_FILE_BYTES} bytes (1 MiB)`,
    found: bytes === undefined ? `more than ${MAX_CONFIG_FILE_BYTES} bytes` : `${bytes} bytes`,
    code: 'yaml-too-large',
  };
}

/**
 * parseYaml through the content-addressed cache (yaml-cache.ts): a file parsed cleanly before
 * returns its data without `source`; call parseYaml for positions when a diagnostic needs them.
 */
export function parseYamlCached(file: string, text: string): ParsedYaml {
  const cached = cachedYamlData(text);
  if (cached !== undefined) return { data: cached, diagnostics: [] };
  return parseYamlAndStore(file, text);
}

/** parseYaml, storing a clean parse in the cache: for a file already looked up there and not found. */
export function parseYamlAndStore(file: string, text: string): ParsedYaml {
  const parsed = parseYaml(file, text);
  if (parsed.diagnostics.length === 0) storeYamlData(text, parsed.data);
  return parsed;
}

export function parseYaml(file: string, text: string): ParsedYaml {
  const byteLength = Buffer.byteLength(text, 'utf8');
  if (byteLength > MAX_CONFIG_FILE_BYTES) return { diagnostics: [fileTooLarge(file, byteLength)] };
  const { LineCounter, parseDocument, visit, isCollection, isScalar, isSeq } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
  const source: YamlSource = { file, doc, lines };
  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((error) => {
    const pos = lines.linePos(error.pos[0]);
    return {
      level: 'error' as const,
      file,
      path: [],
      message: yamlErrorMessage(error.code, firstLine(error.message), restOfLine(text, error.pos[0])),
      line: pos.line,
      column: pos.col,
      code: `yaml-${error.code.toLowerCase().replace(/_/g, '-')}`,
    };
  });
  if (diagnostics.length > 0) return { source, diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return {
      source,
      diagnostics: [
        {
          level: 'error',
          file,
          path: [],
          message: 'file is empty',
          expected: 'a mapping of settings',
          found: 'nothing',
          line: 1,
          column: 1,
          code: 'yaml-empty',
        },
      ],
    };
  }
  const aliases: Alias[] = [];
  const complexKeys: Node[] = [];
  visit(doc, {
    Alias: (_key, node) => void aliases.push(node),
    Pair: (_key, pair) => void (isCollection(pair.key) && complexKeys.push(pair.key)),
  });
  const at = (node: Node) => {
    const pos = lines.linePos(node.range?.[0] ?? 0);
    return { line: pos.line, column: pos.col };
  };
  if (complexKeys.length > 0) {
    // A list or mapping used as a key ("? [a, b]: c") has no meaning in config.
    return {
      source,
      diagnostics: complexKeys.map((key) => ({
        level: 'error' as const,
        file,
        path: [],
        ...at(key),
        message: 'YAML key is a list or mapping; keys must be plain names',
        expected: 'a name such as "members"',
        found: isSeq(key) ? 'a list' : 'a mapping',
        code: 'yaml-complex-key',
      })),
    };
  }
  if (aliases.length > MAX_ALIASES_PER_FILE) {
    return {
      source,
      diagnostics: [
        {
          level: 'error',
          file,
          path: [],
          ...at(aliases[MAX_ALIASES_PER_FILE]),
          message: 'YAML file uses too many aliases (refused as a resource-exhaustion risk); write the values out instead',
          expected: `at most ${MAX_ALIASES_PER_FILE} aliases (*name) in one file`,
          found: `${aliases.length} aliases`,
          code: 'yaml-alias-count',
        },
      ],
    };
  }
  const unresolved = aliases.filter((alias) => alias.resolve(doc) === undefined);
  if (unresolved.length > 0) {
    return {
      source,
      diagnostics: unresolved.map((alias) => ({
        level: 'error' as const,
        file,
        path: [],
        ...at(alias),
        message: `YAML alias *${alias.source} refers to no anchor`,
        expected: `an anchor &${alias.source} earlier in the file`,
        found: `*${alias.source}`,
        code: 'yaml-alias-unresolved',
      })),
    };
  }
  try {
    return { source, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics: [] };
  } catch (error) {
    // The yaml library counts the nodes each alias expands to and throws past the limit, so a
    // "billion laughs" file fails in milliseconds instead of exhausting memory.
    return {
      source,
      diagnostics: [
        {
          level: 'error',
          file,
          path: [],
          ...(aliases.length > 0 ? at(aliases[0]) : { line: 1, column: 1 }),
          message: 'YAML aliases expand too much (refused as a resource-exhaustion risk); write the values out instead of nesting aliases',
          expected: `aliases that expand to at most ${MAX_ALIAS_COUNT} nodes each`,
          found: `${aliases.length} aliases (${firstLine((error as Error).message).toLowerCase()})`,
          code: 'yaml-alias-limit',
        },
      ],
    };
  }
}

/** The yaml library's wording, with the cases people hit most rephrased as what to do. */
function yamlErrorMessage(code: string, libraryMessage: string, sourceText: string): string {
  switch (code) {
    case 'DUPLICATE_KEY': {
      const key = /^\s*["']?([^"':\n]+)/.exec(sourceText)?.[1]?.trim();
      return `YAML duplicate key${key ? ` "${key}"` : ''}: each key may appear once per mapping (the later value would silently win elsewhere)`;
    }
    case 'MULTIPLE_DOCS':
      return 'YAML syntax error: a config file holds one YAML document; remove the "---" separator and what follows, or move it to its own file';
    case 'TAB_AS_INDENT':
      return 'YAML syntax error: tabs are not allowed as indentation; indent with spaces';
    default:
      return `YAML syntax error: ${libraryMessage}`;
  }
}

function restOfLine(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end === -1 ? undefined : end);
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
  const { isMap, isPair, isScalar, isSeq } = yaml();
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
