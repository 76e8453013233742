// synth replaces its output folder wholesale: it must refuse anything that is not its own output
// (issue 12, item 2), repair what a killed run left, and take turns with a concurrent synth (item 7).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { synthCommand } from '../../lib/cli/commands/synth';
import { EXIT, UsageError, type CommandIO } from '../../lib/cli/io';
import { checkReplaceableOutput, partsPrefix, recoverLeftovers, retiredPath, stagingPath } from '../../lib/util/output-folder';
import { lockPath, OutputLockedError, withOutputLock } from '../../lib/util/output-lock';
import { isProcessAlive } from '../../lib/util/process-alive';
import { makeTempDir, removeDeadTempDirs } from '../../lib/util/temp-dirs';
import { copyExample } from './helpers';

const captureIO = (cwd: string) => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CommandIO = { out: (l) => stdout.push(l), err: (l) => stderr.push(l), color: false, cwd, env: process.env };
  return { io, stdout, stderr };
};

/** Every path under `dir` (files with their content), for "nothing was touched". */
function tree(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats?.isDirectory()) {
        entries[`${relative(dir, path)}/`] = '';
        walk(path);
      } else entries[relative(dir, path)] = stats?.isFile() ? readFileSync(path, 'utf8') : '(link)';
    }
  };
  walk(dir);
  return entries;
}

/** A PID that certainly belongs to no process any more: a child that has exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  expect(pid).toBeGreaterThan(0);
  expect(isProcessAlive(pid!)).toBe(false);
  return pid!;
}

let root: string;
const synth = async (cwd: string, ...args: string[]) => {
  const captured = captureIO(cwd);
  const code = await synthCommand.run(['--root', root, '--allow-lint-errors', ...args], captured.io);
  return { code, ...captured };
};
/** Names beside the output that synth's scratch folders and lock use. */
const scratchLeft = (parent: string, out = 'cdktf.out') =>
  readdirSync(parent)
    .filter((name) => name.startsWith(`.${out}.`))
    .sort();

beforeEach(() => {
  root = copyExample();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('synth --out refuses what is not its output (exit 2, nothing touched)', () => {
  const refused = async (cwd: string, out: string, reason: RegExp) => {
    const before = tree(root);
    const attempt = synth(cwd, '--out', out);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(reason);
    await expect(attempt).rejects.toThrow(/Nothing was touched\.$/);
    expect(tree(root)).toEqual(before);
  };

  it.each([
    ['.', /^synth: --out \. is the project root;/],
    ['config', /--out config is the project's config\/ folder/],
    ['config/teams', /is inside the project's config\/ folder/],
    ['runbooks', /is the project's runbooks\/ folder/],
    ['runbooks/payments', /is inside the project's runbooks\/ folder/],
    ['..', /contains the project root/],
    ['config/../.', /is the project root/],
  ])('--out %s', async (out, reason) => {
    await refused(root, out, reason);
  });

  it('refuses the current directory and its parents when the project root is elsewhere', async () => {
    const cwd = join(root, 'work', 'here');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, 'notes.txt'), 'mine');
    await refused(cwd, '.', /is the current directory/);
    await refused(cwd, '..', /contains the current directory/);
  });

  it('refuses config/ reached through a link, and a link as the output', async () => {
    symlinkSync(join(root, 'config'), join(root, 'config-link'));
    await refused(root, 'config-link', /symbolic link|config\/ folder/);
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'elsewhere'), join(root, 'cdktf.out'));
    await refused(root, 'cdktf.out', /is a symbolic link/);
    expect(existsSync(join(root, 'elsewhere'))).toBe(true);
  });

  it('refuses a regular file named like the output, keeping its content', async () => {
    writeFileSync(join(root, 'cdktf.out'), 'precious');
    await refused(root, 'cdktf.out', /is a regular file, not a synth output folder/);
    expect(readFileSync(join(root, 'cdktf.out'), 'utf8')).toBe('precious');
  });

  it('refuses a folder it did not write, and its own output once someone added to it', async () => {
    mkdirSync(join(root, 'build'));
    writeFileSync(join(root, 'build', 'index.html'), '<p>');
    await refused(root, 'build', /is a folder synth did not write \(no cdktf manifest\.json at its top\)/);
    writeFileSync(join(root, 'build', 'manifest.json'), '{"name":"web app"}');
    await refused(root, 'build', /has a manifest\.json that is not a cdktf manifest/);

    expect((await synth(root, '--out', 'out')).code).toBe(EXIT.ok);
    writeFileSync(join(root, 'out', 'terraform.tfstate'), '{}');
    await refused(root, 'out', /holds an entry synth does not write \(terraform\.tfstate\)/);
  });

  it('refuses before reading the config: an invalid config still gets the usage error', async () => {
    writeFileSync(join(root, 'config', 'organization.yaml'), 'severities: [');
    await refused(root, 'config', /is the project's config\/ folder/);
  });

  it('replaces a missing folder, an empty one and its own previous output', async () => {
    mkdirSync(join(root, 'empty'));
    expect((await synth(root, '--out', 'empty')).code).toBe(EXIT.ok);
    expect(readdirSync(join(root, 'empty')).sort()).toEqual(['manifest.json', 'stacks']);
    expect((await synth(root, '--out', 'empty')).code).toBe(EXIT.ok);
    expect((await synth(root, '--out', 'new/nested')).code).toBe(EXIT.ok);
    expect(existsSync(join(root, 'new/nested/manifest.json'))).toBe(true);
    expect(scratchLeft(root, 'empty')).toEqual([]);
  });

  it('checkReplaceableOutput protects the folders the model names (runbooks directory, local state)', () => {
    mkdirSync(join(root, 'state'));
    expect(checkReplaceableOutput(join(root, 'state'), { root, cwd: root, folders: ['state'] })).toBe("is the project's state/ folder");
    expect(checkReplaceableOutput(join(root, 'missing'), { root, cwd: root })).toBeUndefined();
  });
});

describe('a killed synth is repaired by the next run', () => {
  let out: string;
  let previous: Record<string, string>;
  beforeEach(async () => {
    expect((await synth(root)).code).toBe(EXIT.ok);
    out = join(root, 'cdktf.out');
    previous = tree(out);
  });

  it('puts back the previous output when a run died between the two renames', () => {
    const dead = deadPid();
    cpSync(out, retiredPath(out, dead), { recursive: true });
    rmSync(out, { recursive: true });
    mkdirSync(stagingPath(out, dead)); // its half-written new output
    const recovery = recoverLeftovers(out);
    expect(recovery.restored).toBe(retiredPath(out, dead));
    expect(recovery.removed).toEqual([stagingPath(out, dead)]);
    expect(tree(out)).toEqual(previous);
    expect(scratchLeft(root)).toEqual([]);
  });

  it('does not put back an incomplete previous output (a stack file missing)', () => {
    const dead = deadPid();
    cpSync(out, retiredPath(out, dead), { recursive: true });
    rmSync(join(retiredPath(out, dead), 'stacks', 'team-data', 'cdk.tf.json'));
    rmSync(out, { recursive: true });
    expect(recoverLeftovers(out)).toEqual({ removed: [retiredPath(out, dead)] });
    expect(existsSync(out)).toBe(false);
  });

  it("leaves a live process's folders alone and never follows a link that matches the pattern", () => {
    const live = process.ppid;
    mkdirSync(stagingPath(out, live));
    const dead = deadPid();
    mkdirSync(join(root, 'target'));
    symlinkSync(join(root, 'target'), retiredPath(out, dead));
    expect(recoverLeftovers(out)).toEqual({ removed: [] });
    expect(scratchLeft(root)).toEqual([`.cdktf.out.old-${dead}`, `.cdktf.out.tmp-${live}`]);
    expect(existsSync(join(root, 'target'))).toBe(true);
  });

  it('synth reports what it repaired and leaves nothing behind', async () => {
    const dead = deadPid();
    cpSync(out, retiredPath(out, dead), { recursive: true });
    rmSync(out, { recursive: true });
    mkdirSync(`${partsPrefix(out, dead)}Ab12Cd`);
    const { code, stderr } = await synth(root);
    expect(code).toBe(EXIT.ok);
    expect(stderr.join('\n')).toContain(
      `synth: put back the previous output from .cdktf.out.old-${dead} (a synth was killed while replacing cdktf.out); removed 1 folder(s) left by killed synth runs (.cdktf.out.parts-${dead}-Ab12Cd)`,
    );
    expect(tree(out)).toEqual(previous);
    expect(scratchLeft(root)).toEqual([]);
  });
});

describe('concurrent synths into one output take turns', () => {
  it('two synths at once both succeed and leave one complete output', async () => {
    const results = await Promise.all([synth(root), synth(root), synth(root, '--stack', 'team-data')]);
    expect(results.map((result) => result.code)).toEqual([EXIT.ok, EXIT.ok, EXIT.ok]);
    const manifest = JSON.parse(readFileSync(join(root, 'cdktf.out', 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
    for (const { synthesizedStackPath } of Object.values(manifest.stacks)) expect(existsSync(join(root, 'cdktf.out', synthesizedStackPath))).toBe(true);
    expect(scratchLeft(root)).toEqual([]);
  });

  it('the lock serializes callers in one process and releases on a throw', async () => {
    const out = join(root, 'x');
    const order: string[] = [];
    const slow = (name: string) => async () => {
      order.push(`${name} in`);
      await new Promise((wake) => setTimeout(wake, 30));
      order.push(`${name} out`);
    };
    await Promise.all([withOutputLock(out, slow('a'), { pollMs: 5 }), withOutputLock(out, slow('b'), { pollMs: 5 })]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out']);
    await expect(
      withOutputLock(out, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(lockPath(out))).toBe(false);
  });

  it("takes over a dead holder's lock, and waits for a live one until the timeout, naming it", async () => {
    const out = join(root, 'x');
    writeFileSync(lockPath(out), `${deadPid()}\n`);
    expect(await withOutputLock(out, () => 'ran')).toBe('ran');
    writeFileSync(lockPath(out), `${process.ppid}\n`);
    const waited: (number | undefined)[] = [];
    const attempt = withOutputLock(out, () => 'ran', { timeoutMs: 100, pollMs: 10, onWait: (holder) => waited.push(holder) });
    await expect(attempt).rejects.toBeInstanceOf(OutputLockedError);
    await expect(attempt).rejects.toThrow(`is locked by process ${process.ppid}`);
    expect(waited).toEqual([process.ppid]);
    expect(readFileSync(lockPath(out), 'utf8')).toBe(`${process.ppid}\n`); // someone else's: never removed
  });
});

describe('temporary folders of killed reviews', () => {
  it('are named with their PID and removed only when that process is dead, ours and real folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'temp-dirs-'));
    try {
      const dead = deadPid();
      const names = [
        `oncall-synth-${dead}-aB3dE6`,
        `oncall-base-${dead}-Zz9Yy8`,
        `oncall-base-${process.ppid}-aaaaaa`,
        `oncall-bench-100-aaaaaa`,
        `oncall-synth-abcdef`,
      ];
      for (const name of names) mkdirSync(join(dir, name));
      writeFileSync(join(dir, `oncall-synth-${dead}-file00`), '');
      expect(removeDeadTempDirs(dir).sort()).toEqual([join(dir, `oncall-base-${dead}-Zz9Yy8`), join(dir, `oncall-synth-${dead}-aB3dE6`)]);
      expect(readdirSync(dir).sort()).toEqual(
        [`oncall-base-${process.ppid}-aaaaaa`, 'oncall-bench-100-aaaaaa', 'oncall-synth-abcdef', `oncall-synth-${dead}-file00`].sort(),
      );
      mkdirSync(join(dir, `oncall-synth-${dead}-bbbbbb`));
      expect(removeDeadTempDirs(dir, { uid: (process.getuid?.() ?? 0) + 1 })).toEqual([]); // another user's
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makeTempDir names the folder with this process', () => {
    const made = makeTempDir('synth');
    try {
      expect(made).toMatch(new RegExp(`oncall-synth-${process.pid}-[A-Za-z0-9]{6}$`));
    } finally {
      rmSync(made, { recursive: true, force: true });
    }
  });
});
