import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { CommandIO } from '../../lib/cli/io';
import { MAX_CONFIG_FILE_BYTES } from '../../lib/config/yaml-source';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const MINIMAL = join(FIXTURES, 'minimal');
export const COMPLETE = join(FIXTURES, 'complete');
export const BAD_CORPUS = join(FIXTURES, 'bad');
export const REPO_ROOT = join(__dirname, '..', '..');
/** The bundled example organization the tool's tests run on (never the repository's own config/). */
export const EXAMPLE = join(REPO_ROOT, 'examples', 'example-corp');

export interface CapturedIO extends CommandIO {
  stdout: string[];
  stderr: string[];
  /** Everything written, stdout then stderr. */
  text(): string;
}

/** A CommandIO that records output instead of printing it (no colours, fixed cwd). */
export function captureIO(cwd = EXAMPLE): CapturedIO {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    color: false,
    cwd,
    env: {},
    text: () => [...stdout, ...stderr].join('\n'),
  };
}

/** Temporary directories made by a test file, removed in afterAll via `cleanup`. */
export function scratch() {
  const made: string[] = [];
  return {
    /** A fresh copy of a fixture tree; returns its root. */
    copy(fixture: string): string {
      const parent = mkdtempSync(join(tmpdir(), 'oncall-config-'));
      made.push(parent);
      const root = join(parent, 'repo');
      cpSync(fixture, root, { recursive: true });
      return root;
    },
    /** A fresh empty directory. */
    empty(): string {
      const dir = mkdtempSync(join(tmpdir(), 'oncall-config-'));
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Replaces text in a file of a copied tree; fails loudly when the text is not there. */
export function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

/** What a corpus case's expected.json may ask for: inputs that cannot be committed as files. */
export interface CaseSetup {
  /** Append a NUL byte to this file. */
  binary?: string;
  /** Grow this file past the size limit (with YAML comments, so only the size is wrong). */
  oversize?: string;
  /** Create this path as a symlink to a Markdown file outside the repository. */
  symlinkOutside?: string;
  /** Replace this file with a symlink to a credentials-like file outside the repository. */
  symlinkToSecret?: string;
  /** Replace this file with a symlink to an absolute path (a device such as /dev/zero). */
  symlinkToDevice?: { path: string; target: string };
  /** Replace this file with a FIFO (named pipe): FIFOs cannot be committed. */
  fifo?: string;
  /** Replace this file with an empty folder of the same name: empty folders cannot be committed. */
  folder?: string;
}

/** What symlinkToSecret points at: must never appear in any output. */
export const OUTSIDE_SECRET = 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export function applySetup(root: string, setup: CaseSetup | undefined): void {
  if (!setup) return;
  if (setup.binary) appendFileSync(join(root, setup.binary), Buffer.from([0x0a, 0x00, 0x0a]));
  if (setup.oversize) {
    const line = `# ${'padding '.repeat(12)}\n`;
    appendFileSync(join(root, setup.oversize), line.repeat(Math.ceil((MAX_CONFIG_FILE_BYTES + 1) / line.length)));
  }
  if (setup.symlinkOutside) {
    const outside = join(dirname(root), 'outside-the-repo.md');
    writeFileSync(outside, '# Not part of the repository\n');
    const link = join(root, setup.symlinkOutside);
    symlinkSync(relative(dirname(link), outside), link);
  }
  if (setup.symlinkToSecret) {
    const outside = join(dirname(root), 'credentials');
    writeFileSync(outside, `${OUTSIDE_SECRET}\n`);
    rmSync(join(root, setup.symlinkToSecret));
    symlinkSync(outside, join(root, setup.symlinkToSecret));
  }
  if (setup.symlinkToDevice) {
    rmSync(join(root, setup.symlinkToDevice.path));
    symlinkSync(setup.symlinkToDevice.target, join(root, setup.symlinkToDevice.path));
  }
  if (setup.fifo) {
    rmSync(join(root, setup.fifo));
    const made = spawnSync('mkfifo', [join(root, setup.fifo)]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  }
  if (setup.folder) {
    rmSync(join(root, setup.folder));
    mkdirSync(join(root, setup.folder));
  }
}

/** A JavaScript stack frame, as printed by Node ("    at fn (file.ts:1:2)"). */
export const STACK_FRAME = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;
