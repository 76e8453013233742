import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import type { CommandSpec } from '../../lib/cli/args';
import type { CommandIO } from '../../lib/cli/io';

export const REPO_ROOT = join(__dirname, '..', '..');
/** The bundled example organization the tool's tests run on (never the repository's own config/). */
export const EXAMPLE = join(REPO_ROOT, 'examples', 'example-corp');

/**
 * A throw-away git repository holding a copy of the bundled example (config + runbooks), with
 * the example committed as the base. Tests then change the working tree (or commit) and compare.
 */
export class TempRepo {
  readonly root = mkdtempSync(join(tmpdir(), 'oncall-review-repo-'));

  constructor(options: { withExample?: boolean } = {}) {
    this.git('init', '-q', '-b', 'main');
    if (options.withExample ?? true) {
      this.copyExample();
      this.commit('base: bundled example');
    }
  }

  /** The bundled example's config and runbooks, into the working tree. */
  copyExample(): void {
    cpSync(join(EXAMPLE, 'config'), join(this.root, 'config'), { recursive: true });
    cpSync(join(EXAMPLE, 'runbooks'), join(this.root, 'runbooks'), { recursive: true });
  }

  git(...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=Review Test', '-c', 'user.email=review@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.root,
      stdio: ['ignore', 'pipe', 'pipe'],
    }).toString();
  }

  commit(message: string): void {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
  }

  read(file: string): string {
    return readFileSync(join(this.root, file), 'utf8');
  }

  write(file: string, text: string): void {
    mkdirSync(dirname(join(this.root, file)), { recursive: true });
    writeFileSync(join(this.root, file), text);
  }

  /** Edits a YAML file through the Document API, so comments and layout elsewhere survive. */
  editYaml(file: string, edit: (doc: ReturnType<typeof parseDocument>) => void): void {
    const doc = parseDocument(this.read(file));
    edit(doc);
    this.write(file, String(doc));
  }

  /** Replaces exactly one occurrence of `from` (fails loudly when the example changed under the test). */
  replaceOnce(file: string, from: string, to: string): void {
    const text = this.read(file);
    const count = text.split(from).length - 1;
    if (count !== 1) throw new Error(`${file}: expected exactly one "${from}", found ${count}`);
    this.write(file, text.replace(from, to));
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCommand(spec: CommandSpec, argv: string[], cwd: string): Promise<CommandResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIO = { out: (line) => stdout.push(line), err: (line) => stderr.push(line), color: false, cwd, env: {} };
  const code = await spec.run(argv, io);
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}
