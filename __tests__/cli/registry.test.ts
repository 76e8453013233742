import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { COMMANDS } from '../../lib/cli/registry';

const REPO_ROOT = join(__dirname, '..', '..');

describe('command registry', () => {
  it.each(Object.keys(COMMANDS))("%s: the listed summary is the command's own and the module loads", (name) => {
    const spec = COMMANDS[name].load();
    expect(spec.name).toBe(name);
    expect(COMMANDS[name].summary).toBe(spec.summary);
  });

  it('every npm script that runs the CLI names a registered command', () => {
    const scripts: Record<string, string> = require(join(REPO_ROOT, 'package.json')).scripts;
    const cliCommands = Object.values(scripts)
      .map((script) => /bin\/run\.js (\S+)/.exec(script)?.[1])
      .filter((command): command is string => command !== undefined);
    expect(cliCommands.length).toBeGreaterThanOrEqual(10);
    for (const command of cliCommands) expect(COMMANDS[command]).toBeDefined();
  });

  it('lists the commands without loading cdktf, and rejects an unknown one with exit 2', () => {
    const listAndReport = [
      "process.argv = [process.argv[0], 'bin/run.js', '--help'];",
      "process.on('exit', () => console.log('cdktf modules loaded: ' + Object.keys(require.cache).filter((p) => p.includes('/node_modules/cdktf/')).length));",
      "require('./bin/run.js');",
    ].join(' ');
    const listed = spawnSync(process.execPath, ['-e', listAndReport], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('Commands:');
    expect(listed.stdout).toContain(`  synth         ${COMMANDS.synth.summary}`);
    expect(listed.stdout).toContain('cdktf modules loaded: 0');

    const unknown = spawnSync(process.execPath, ['bin/run.js', 'sinth'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "sinth"');
  });
});
