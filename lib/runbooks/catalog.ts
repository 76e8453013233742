import { realpathSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { resolveRunbookFile } from '../config/checks/runbook-paths';
import { filesKnownInside, listMarkdownFiles } from '../config/runbook-files';
import type { MonitorModel, OrgModel, ServiceModel, TeamModel } from '../model/types';
import { readRunbook, type Runbook } from './runbook';

/** One monitor and the runbook it links (resolved and read). */
export interface MonitorRunbookLink {
  team: TeamModel;
  service: ServiceModel;
  monitor: MonitorModel;
  /** Path of the monitor inside its team file, for findings. */
  configPath: string[];
  /** Absent when the monitor links nothing or the file is unusable (config validation says why). */
  runbook?: Runbook;
}

/** Every runbook file and every monitor's link, read once per model. */
export interface RunbookCatalog {
  /** Runbooks directory relative to the repository root, forward slashes. */
  directory: string;
  /** The generated index, relative to the repository root. */
  indexFile: string;
  /** Every Markdown runbook under the directory (and any other file a monitor links), sorted by path. */
  runbooks: Runbook[];
  /** Every monitor of every team, in model order. */
  monitors: MonitorRunbookLink[];
  /** Monitors linking each runbook, by runbook path (relative to the runbooks directory). */
  linkedBy: Map<string, MonitorRunbookLink[]>;
  /**
   * Absolute paths of the Markdown files listed under the runbooks folder when that folder is
   * inside the repository (empty otherwise): regular files reached without following a symbolic
   * link, so a link to one of them exists and stays inside the repository without asking the file
   * system again (filesKnownInside).
   */
  knownFiles: ReadonlySet<string>;
}

const catalogs = new WeakMap<OrgModel, RunbookCatalog>();

/** The catalog for a model, built on first use (rules share it; a new model reads the files again). */
export function runbookCatalog(model: OrgModel): RunbookCatalog {
  let catalog = catalogs.get(model);
  if (!catalog) {
    catalog = buildCatalog(model);
    catalogs.set(model, catalog);
  }
  return catalog;
}

/**
 * Makes `runbookCatalog(model)` a catalog that reads only the runbooks findings about `teams` can
 * come from: those a monitor of one of these teams links, and those no monitor links (their team
 * is their owner or folder, known only after reading). Links of every team are still resolved, so
 * `linkedBy`, unlinked runbooks and the responsible team are what the full catalog says; other
 * teams' links simply carry no `runbook`. For `synth --stack` and review, which lint a few teams
 * of a large organization. Pass a model object of its own (e.g. `{ ...model }`): the full catalog
 * of the original object stays untouched.
 */
export function restrictRunbookCatalog(model: OrgModel, teams: ReadonlySet<string>): void {
  catalogs.set(model, buildCatalog(model, teams));
}

/**
 * Makes the catalog of `model` use runbooks already read and parsed (by a lint thread while the
 * config was loading, lib/lint/runbook-prefetch.ts), by absolute path. One is used only when its
 * path and file are what the catalog gives that file; any other file is read as usual.
 */
export function useParsedRunbooks(model: OrgModel, runbooks: ReadonlyMap<string, Runbook>): void {
  providedRunbooks.set(model, runbooks);
}

const providedRunbooks = new WeakMap<OrgModel, ReadonlyMap<string, Runbook>>();

/** A runbook's path as monitors link it: relative to the runbooks folder, forward slashes. */
export const runbookPathOf = (base: string, absolute: string) => relative(base, absolute).split(sep).join('/');

/** The runbooks directory as the catalog names it: relative to the root, forward slashes, no trailing slash. */
export const normalizedRunbooksDirectory = (directory: string) => posix.normalize(directory.split(sep).join('/')).replace(/\/+$/, '');

function buildCatalog(model: OrgModel, onlyTeams?: ReadonlySet<string>): RunbookCatalog {
  const root = model.runbooks.root;
  const directory = normalizedRunbooksDirectory(model.runbooks.directory);
  const base = join(root, directory);
  const byPath = new Map<string, Runbook>();
  const parsed = providedRunbooks.get(model);
  const pathOf = (absolute: string) => runbookPathOf(base, absolute);
  const load = (absolute: string, path = pathOf(absolute)) => {
    let runbook = byPath.get(path);
    if (!runbook) {
      const file = posix.join(directory, path);
      const ready = parsed?.get(absolute);
      runbook = ready && ready.path === path && ready.file === file ? ready : readRunbook(absolute, path, file);
      byPath.set(path, runbook);
    }
    return runbook;
  };

  let realRoot: string | undefined;
  const realRootOnce = () => (realRoot ??= realpathSync.native(root)); // once per catalog, not per monitor
  const listed = listMarkdownFiles(base);
  // A link naming a file the listing found needs no system call (filesKnownInside says why).
  const knownFiles = filesKnownInside(base, listed, realRootOnce);
  const monitors: MonitorRunbookLink[] = [];
  const linked: { link: MonitorRunbookLink; file: string; path: string }[] = [];
  const linkingTeamIds = new Map<string, Set<string>>();
  for (const team of model.teams) {
    for (const service of team.services) {
      for (const monitor of service.monitors) {
        const link: MonitorRunbookLink = { team, service, monitor, configPath: ['services', service.id, 'monitors', monitor.id] };
        if (monitor.runbook) {
          const { file } = resolveRunbookFile(root, directory, monitor.runbook.path, realRootOnce, knownFiles);
          if (file) {
            const path = pathOf(file);
            linked.push({ link, file, path });
            linkingTeamIds.set(path, (linkingTeamIds.get(path) ?? new Set()).add(team.id));
          }
        }
        monitors.push(link);
      }
    }
  }
  const wanted = (path: string) => {
    if (!onlyTeams) return true;
    const linking = linkingTeamIds.get(path);
    return !linking || [...linking].some((id) => onlyTeams.has(id));
  };
  for (const absolute of listed) {
    const path = pathOf(absolute);
    if (wanted(path)) load(absolute, path);
  }
  const linkedBy = new Map<string, MonitorRunbookLink[]>();
  for (const { link, file, path } of linked) {
    if (wanted(path)) link.runbook = load(file, path);
    linkedBy.set(path, [...(linkedBy.get(path) ?? []), link]);
  }
  const runbooks = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { directory, indexFile: posix.join(directory, 'README.md'), runbooks, monitors, linkedBy, knownFiles };
}

/** The teams whose monitors link a runbook, by id, sorted. */
export function linkingTeams(catalog: RunbookCatalog, runbook: Runbook): string[] {
  // Every runbook rule asks for every runbook (via responsibleTeam): computed once per catalog.
  let byPath = linkingTeamsCache.get(catalog);
  if (!byPath) linkingTeamsCache.set(catalog, (byPath = new Map()));
  let teams = byPath.get(runbook.path);
  if (!teams) byPath.set(runbook.path, (teams = [...new Set((catalog.linkedBy.get(runbook.path) ?? []).map((link) => link.team.id))].sort()));
  return [...teams];
}

const linkingTeamsCache = new WeakMap<RunbookCatalog, Map<string, string[]>>();

/**
 * The team a finding about a runbook file belongs to: the team whose monitors link it (it is
 * paged with it, so it fixes it), else its declared owner when that is a team, else the first
 * folder of its path (runbooks/<team>/...), else the organization.
 */
export function responsibleTeam(model: OrgModel, catalog: RunbookCatalog, runbook: Runbook): string {
  const linking = linkingTeams(catalog, runbook);
  if (linking.length > 0) return linking[0];
  const teamIds = new Set(model.teams.map((t) => t.id));
  const owner = runbook.owner?.value;
  if (owner && teamIds.has(owner)) return owner;
  const folder = runbook.path.split('/')[0];
  return runbook.path.includes('/') && teamIds.has(folder) ? folder : UNOWNED_SCOPE;
}

/** Scope of findings about a runbook no team can be named for (lint's label for organization-wide findings). */
export const UNOWNED_SCOPE = '(organization)';
