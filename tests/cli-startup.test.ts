// What the built `pixmill` loads and starts before it does anything: `--version` and `--help`
// never load sharp, a mistyped flag starts no worker, and no worker outlives the command, whether
// the batch ran or was refused. A preload hook in the CLI's process records what it required and
// which children it forked. Run after `electron-vite build`.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PIXMILL_BIN, runChild } from './cli-runner.js';
import { isAlive, makeImage, tempDir } from './fixtures.js';

let root: string;
let hook: string;
let photos: string;
let runs = 0;

// CommonJS, so it runs before the CLI's first line: at exit it writes the modules in require's
// cache (sharp is CommonJS, so an ES import of it lands there too) and the pids it forked.
const HOOK = `
const childProcess = require('node:child_process');
const { writeFileSync } = require('node:fs');
const forked = [];
const fork = childProcess.fork;
childProcess.fork = function (...args) {
  const child = fork.apply(this, args);
  forked.push(child.pid);
  return child;
};
// A worker started with this hook (it inherits no execArgv, but should it) must not overwrite the record.
if (!process.send) process.on('exit', () => {
  writeFileSync(process.env.PIXMILL_STARTUP_LOG, JSON.stringify({ modules: Object.keys(require.cache), forked }));
});
`;

interface Startup {
  code: number | null;
  stderr: string;
  modules: string[];
  forked: number[];
}

/** Runs the built CLI with the hook; the hook's record is only the CLI's own (workers skip it). */
async function startup(...args: string[]): Promise<Startup> {
  const log = join(root, `startup-${++runs}.json`);
  const result = await runChild(process.execPath, ['--require', hook, PIXMILL_BIN, ...args], {
    env: { ...process.env, PIXMILL_STARTUP_LOG: log },
  });
  const record = JSON.parse(await readFile(log, 'utf8')) as { modules: string[]; forked: number[] };
  return { code: result.code, stderr: result.stderr, ...record };
}

const loads = (modules: string[], pkg: string): boolean => modules.some((m) => m.includes(`/node_modules/${pkg}/`));

/** The pids still running once their parent has gone; a worker told to stop gets a moment to exit. */
async function survivors(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 50 && pids.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(isAlive);
}

beforeAll(async () => {
  root = await tempDir('pixmill-startup-');
  hook = join(root, 'hook.cjs');
  await writeFile(hook, HOOK);
  photos = join(root, 'photos');
  await makeImage(join(photos, 'a.jpg'), { width: 800, height: 600 });
});

describe('pixmill start-up', () => {
  it('answers --version without the CLI bundle, and --help without sharp', async () => {
    const version = await startup('--version');
    expect(version.code).toBe(0);
    expect(loads(version.modules, 'commander')).toBe(false);
    expect(loads(version.modules, 'sharp')).toBe(false);

    const help = await startup('--help');
    expect(help.code).toBe(0);
    // The hook sees what the CLI requires: the grammar's own module is there.
    expect(loads(help.modules, 'commander')).toBe(true);
    expect(loads(help.modules, 'sharp')).toBe(false);

    const runHelp = await startup('run', '--help');
    expect(runHelp.code).toBe(0);
    expect(loads(runHelp.modules, 'sharp')).toBe(false);
    expect(runHelp.forked).toEqual([]);
  });

  it('starts no worker for a mistyped flag', async () => {
    const badQuality = await startup('run', photos, '-o', join(root, 'out-q'), '--quality', '500');
    expect(badQuality.code).toBe(2);
    expect(badQuality.forked).toEqual([]);
    const badMode = await startup('run', photos, '-o', join(root, 'out-m'), '--mode', 'fast');
    expect(badMode.code).toBe(2);
    expect(badMode.forked).toEqual([]);
  });

  it('leaves no worker behind when the inputs are refused after the workers started', async () => {
    const refused = await startup('run', join(root, 'missing'), '-o', join(root, 'out-r'), '--mode', 'processes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot read/);
    expect(refused.forked.length).toBeGreaterThan(0);
    expect(await survivors(refused.forked)).toEqual([]);
  });

  it('leaves no worker behind after a batch, in processes and auto mode', async () => {
    for (const mode of ['processes', 'auto']) {
      const run = await startup('run', photos, '-o', join(root, `out-${mode}`), '-r', '200', '--mode', mode, '--quiet');
      expect(run.code, run.stderr).toBe(0);
      expect(run.forked.length).toBeGreaterThan(0);
      expect(await survivors(run.forked)).toEqual([]);
    }
  });
});
