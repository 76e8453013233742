import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, posix, relative } from 'node:path';
import { readRegularFile } from '../util/regular-file';
import type { z } from 'zod';
import { excerpt, sortDiagnostics, type Diagnostic } from './diagnostics';
import { ID_PATTERN, MAX_ID_LENGTH, organizationSchema, teamSchema, type OrganizationConfig, type TeamConfig } from './schema';
import { parseCleanInParallel } from './parallel-parse';
import { cachedYamlData } from './yaml-cache';
import { fileTooLarge, locate, MAX_CONFIG_FILE_BYTES, parseYaml, parseYamlAndStore, parseYamlCached, type ParsedYaml, type YamlSource } from './yaml-source';
import { SEMANTIC_CHECKS } from './checks';
import { placeholderComments } from './checks/placeholders';

export interface TeamFile {
  /** The file name without extension: the team's stable id. */
  id: string;
  file: string;
  config: TeamConfig;
}

export interface LoadedConfig {
  /** Absolute repository root; runbook paths resolve against it. */
  root: string;
  organization: { file: string; config: OrganizationConfig };
  /** Sorted by id, so file system order never leaks into output. */
  teams: TeamFile[];
}

export interface LoadResult {
  /** Present only when there is no error-level diagnostic. */
  config?: LoadedConfig;
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  /** Repository root holding `config/` (and the runbooks directory). */
  root: string;
  /** Config folder relative to root (default `config`). */
  configDir?: string;
  /**
   * Error-level diagnostics this accepts do not withhold `config` (they are still returned).
   * For commands that fix exactly that error, e.g. new-runbook creating a linked runbook file.
   */
  tolerateErrors?: (diagnostic: Diagnostic) => boolean;
}

/**
 * Loads and validates the whole config tree. Never throws for bad input: every problem becomes a
 * located diagnostic, and all of them are collected in one run.
 */
export function loadConfig(options: LoadOptions): LoadResult {
  const configDir = options.configDir ?? 'config';
  const sources = new Map<string, YamlSource>();
  /** Text of files that came from the parse cache, re-parsed only if a diagnostic needs a position. */
  const unparsed = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];

  /**
   * `known`: the file's data when it came from the parse cache or was parsed ahead
   * (parseCleanInParallel); `lookedUp`: the cache was already asked, so it is not asked again.
   */
  const validateText = <T>(file: string, text: string, schema: z.ZodType<T>, known?: unknown, lookedUp = false): T | undefined => {
    const parsed: ParsedYaml = known !== undefined ? { data: known, diagnostics: [] } : lookedUp ? parseYamlAndStore(file, text) : parseYamlCached(file, text);
    if (parsed.source) sources.set(file, parsed.source);
    else unparsed.set(file, text);
    diagnostics.push(...parsed.diagnostics);
    if (parsed.diagnostics.length > 0) return undefined;
    const result = schema.safeParse(parsed.data);
    if (result.success) return result.data;
    // Loaded on the first invalid file only (with the time-zone hints and did-you-mean it uses): valid config never needs it.
    const { schemaIssuesToDiagnostics } = require('./schema-issues') as typeof import('./schema-issues');
    diagnostics.push(...schemaIssuesToDiagnostics(file, schema, parsed.data, result.error.issues));
    return undefined;
  };

  const organizationFile = posix.join(configDir, 'organization.yaml');
  let realRoot: string | undefined;
  const realRootOnce = () => (realRoot ??= realpathSync.native(options.root));
  const organizationText = readText(options.root, organizationFile, diagnostics, realRootOnce);
  const organization = organizationText === undefined ? undefined : validateText(organizationFile, organizationText, organizationSchema);

  // All team files are read first, so the ones not in the parse cache can be parsed on several
  // cores at once; diagnostics are still collected file by file, in the same order as one by one.
  const teamFiles = listTeamFiles(options.root, configDir, diagnostics).map(({ id, file }) => {
    const readProblems: Diagnostic[] = [];
    const text = readText(options.root, file, readProblems, realRootOnce);
    return { id, file, text, readProblems, cached: text === undefined ? undefined : cachedYamlData(text) };
  });
  const toParse = teamFiles.filter((team) => team.text !== undefined && team.cached === undefined) as { file: string; text: string }[];
  const parsedAhead = new Map<string, unknown>();
  const parallel = parseCleanInParallel(toParse);
  if (parallel) toParse.forEach(({ file }, index) => parsedAhead.set(file, parallel[index]));

  const teams: TeamFile[] = [];
  for (const { id, file, text, readProblems, cached } of teamFiles) {
    diagnostics.push(...readProblems);
    if (text === undefined) continue;
    const config = validateText(file, text, teamSchema, cached ?? parsedAhead.get(file), true);
    if (config) teams.push({ id, file, config });
    if (config) diagnostics.push(...placeholderComments(file, text));
  }

  if (organization) {
    // Meaning checks also run over the team files that are well-formed when another file is not,
    // so one run reports every problem; a shape error still withholds the config.
    const shapeValid = !diagnostics.some((d) => d.level === 'error' && !options.tolerateErrors?.(d));
    const loaded: LoadedConfig = { root: options.root, organization: { file: organizationFile, config: organization }, teams };
    for (const check of SEMANTIC_CHECKS) diagnostics.push(...check(loaded));
    const sorted = locateAll(diagnostics, sources, unparsed);
    const blocking = !shapeValid || sorted.some((d) => d.level === 'error' && !options.tolerateErrors?.(d));
    return blocking ? { diagnostics: sorted } : { config: loaded, diagnostics: sorted };
  }
  return { diagnostics: locateAll(diagnostics, sources, unparsed) };
}

/**
 * Fills in line and column from the YAML source; unknown keys point at the key itself. Every
 * config diagnostic passes here, so this is also where a quoted value is cut to a short excerpt:
 * messages end up in CI logs and pull-request comments, and a value may be something nobody
 * meant to publish.
 */
function locateAll(diagnostics: Diagnostic[], sources: Map<string, YamlSource>, unparsed: Map<string, string>): Diagnostic[] {
  for (const d of diagnostics) {
    if (d.found !== undefined) d.found = excerpt(d.found);
    const text = d.line === undefined ? unparsed.get(d.file) : undefined;
    if (text !== undefined && !sources.has(d.file)) {
      const { source } = parseYaml(d.file, text);
      if (source) sources.set(d.file, source);
    }
    const source = sources.get(d.file);
    if (source && d.line === undefined) Object.assign(d, locate(source, d.path, d.code === 'schema-unrecognized-keys'));
  }
  return sortDiagnostics(diagnostics);
}

function readText(root: string, file: string, diagnostics: Diagnostic[], realRoot: () => string): string | undefined {
  const absolute = join(root, file);
  const refuse = (message: string, expected: string, found: string, code: string) => {
    diagnostics.push({ level: 'error', file, path: [], line: 1, column: 1, message, expected, found, code });
    return undefined;
  };
  try {
    // A pull request can make a config file a symbolic link to anything the CI runner can read
    // (credentials, /proc/self/environ): its content would be parsed and quoted in messages.
    if (!isInside(realRoot(), realpathSync.native(absolute))) {
      return refuse(
        'file is a symbolic link that leads outside the repository (its content is not read)',
        'a file inside the repository',
        'a link to a path outside it',
        'file-outside-repository',
      );
    }
    const read = readRegularFile(absolute, MAX_CONFIG_FILE_BYTES);
    if (read.kind === 'not-regular')
      return refuse('config files are regular files; this one is not read', 'a regular YAML file', read.what, 'file-not-regular');
    if (read.kind === 'too-large') {
      diagnostics.push(fileTooLarge(file, read.size > MAX_CONFIG_FILE_BYTES ? read.size : undefined));
      return undefined;
    }
    if (read.bytes.includes(0)) return refuse('file is binary, not YAML text', 'UTF-8 text', 'a NUL byte', 'file-binary');
    return read.bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    diagnostics.push({
      level: 'error',
      file,
      path: [],
      message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? (error as Error).message})`,
      code: 'file-unreadable',
    });
    return undefined;
  }
}

const isInside = (realRoot: string, real: string) => {
  const fromRoot = relative(realRoot, real);
  return fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot));
};

function listTeamFiles(root: string, configDir: string, diagnostics: Diagnostic[]): { id: string; file: string }[] {
  const teamsDir = posix.join(configDir, 'teams');
  const absolute = join(root, teamsDir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    diagnostics.push({
      level: 'error',
      file: teamsDir,
      path: [],
      message: 'teams folder not found',
      expected: 'a folder with one <team-id>.yaml per team',
      found: 'nothing',
      code: 'teams-missing',
    });
    return [];
  }
  const files = readdirSync(absolute)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();
  const seen = new Map<string, string>();
  const teams: { id: string; file: string }[] = [];
  for (const name of files) {
    const file = posix.join(teamsDir, name);
    const id = name.replace(/\.ya?ml$/i, '');
    if (!ID_PATTERN.test(id) || id.length > MAX_ID_LENGTH) {
      diagnostics.push(invalidTeamFileName(file, name, id, files));
      continue;
    }
    const previous = seen.get(id.toLowerCase());
    if (previous) {
      diagnostics.push({
        level: 'error',
        file,
        path: [],
        message: `team id "${id}" is defined twice`,
        expected: 'one file per team',
        found: `also ${previous}`,
        code: 'team-id-duplicate',
      });
      continue;
    }
    seen.set(id.toLowerCase(), file);
    teams.push({ id, file });
  }
  if (files.length === 0) {
    diagnostics.push({
      level: 'error',
      file: teamsDir,
      path: [],
      message: 'no team files',
      expected: 'at least one <team-id>.yaml',
      found: 'an empty folder',
      code: 'teams-empty',
    });
  }
  return teams;
}

/**
 * Explains a team file name that is not a valid id. Upper case gets its own message: on a
 * case-insensitive file system `Payments.yaml` and `payments.yaml` are one file, and as ids they
 * would be the same team.
 */
function invalidTeamFileName(file: string, name: string, id: string, allNames: string[]): Diagnostic {
  const base = { level: 'error' as const, file, path: [], line: 1, column: 1, code: 'team-id-invalid' };
  const lower = id.toLowerCase();
  if (ID_PATTERN.test(lower) && lower.length <= MAX_ID_LENGTH) {
    const twin = allNames.find((other) => other !== name && other.replace(/\.ya?ml$/i, '') === lower);
    if (twin) {
      return {
        ...base,
        code: 'team-id-case-duplicate',
        message: `"${name}" and "${twin}" differ only in case: team ids are lowercase, so both would be team "${lower}"`,
        expected: 'one file per team, named in lowercase',
        found: JSON.stringify(name),
      };
    }
    return {
      ...base,
      message: `team file names are lowercase (the file name is the team id): rename it to "${lower}.yaml"`,
      expected: JSON.stringify(`${lower}.yaml`),
      found: JSON.stringify(name),
    };
  }
  return {
    ...base,
    message: 'team file name is the team id and must be lowercase kebab-case',
    expected: `a-z, 0-9 and single dashes, at most ${MAX_ID_LENGTH} characters, then .yaml`,
    found: JSON.stringify(name),
  };
}
