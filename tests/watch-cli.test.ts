// `pixmill watch` as a person or a script runs it: the built CLI in a child process, a folder a
// file is copied into, Ctrl-C. Run after `electron-vite build` (the `test` script does).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIXMILL_BIN, pixmill } from './cli-runner.js';
import { makeImage, tempDir } from './fixtures.js';

interface Ended {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI started in `cwd`; `until` resolves once stdout or stderr matches. */
function start(cwd: string, args: string[]) {
  const child: ChildProcess = spawn(process.execPath, [PIXMILL_BIN, 'watch', ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const text = { stdout: '', stderr: '' };
  const waiters: { stream: 'stdout' | 'stderr'; re: RegExp; resolve: () => void }[] = [];
  const ended = new Promise<Ended>((done) => child.on('close', (code) => done({ code, ...text })));
  for (const stream of ['stdout', 'stderr'] as const)
    child[stream]!.on('data', (d: Buffer) => {
      text[stream] += d.toString();
      for (const w of waiters.filter((x) => x.stream === stream && x.re.test(text[stream]))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  const until = (stream: 'stdout' | 'stderr', re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (re.test(text[stream])) return resolve();
      waiters.push({ stream, re, resolve });
      void ended.then(() => reject(new Error(`pixmill watch ended before ${stream} matched ${re}: ${text.stderr}`)));
    });
  return { child, ended, until };
}

const QUICK = ['--debounce', '100', '--stable', '300', '--workers', '1', '--mode', 'threads', '--resize', '100'];

let root: string;
let photo: string;
beforeAll(async () => {
  root = await tempDir('pixmill-watch-cli-');
  photo = await makeImage(join(root, 'photo.jpg'), { width: 320, height: 240 });
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('pixmill watch', () => {
  it('processes a file copied in, prints a line per batch, and on Ctrl-C stops with the totals, exit 0', async () => {
    const cwd = join(root, 'human');
    await mkdir(join(cwd, 'in'), { recursive: true });
    const w = start(cwd, ['in', '--out', 'out', ...QUICK]);
    await w.until('stderr', /Watching 1 folder for new images… \(Ctrl-C to stop\)/);
    await writeFile(join(cwd, 'in', 'new.jpg'), await sharp(photo).toBuffer());
    await w.until('stdout', /\d\d:\d\d:\d\d {2}1 processed → out\/\n/);
    w.child.kill('SIGINT');
    const r = await w.ended;
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d {2}0 processed → out\/$/);
    expect(lines.at(-1)).toBe('Stopped after 2 batches: 1 processed → out/');
    expect((await sharp(join(cwd, 'out', 'new.jpg')).metadata()).width).toBe(100);
  });

  it('--json: one JSON line per event, the watch’s own among them', async () => {
    const cwd = join(root, 'json');
    await mkdir(join(cwd, 'in'), { recursive: true });
    const w = start(cwd, ['in', '--out', 'out', '--json', ...QUICK]);
    await w.until('stdout', /"type":"watch-ready"/);
    await writeFile(join(cwd, 'in', 'new.jpg'), await sharp(photo).toBuffer());
    await w.until('stdout', /"type":"watch-idle"[^\n]*"processed":1/);
    w.child.kill('SIGTERM');
    const r = await w.ended;
    expect(r.code, r.stderr).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; file?: string });
    const done = events.filter((e) => e.type === 'file-done');
    expect(done.map((e) => e.file)).toEqual([join(cwd, 'in', 'new.jpg')]);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['watch-batch', 'summary', 'watch-ready']));
    expect(events.at(-1)).toEqual({ type: 'watch-stopped', reason: 'Stopped.' });
  });

  it('refuses bad flags exactly as run does, exit code 2', async () => {
    const input = join(root, 'refusals');
    await mkdir(input, { recursive: true });
    const refusals = [
      ['--quality', '500'],
      ['--workers', '0', '--json'],
      ['--quiet', '--verbose'],
    ];
    const answers = await Promise.all(
      refusals.map((flags) =>
        Promise.all(['run', 'watch'].map((command) => pixmill(command, input, '--out', join(root, 'never'), ...flags))),
      ),
    );
    for (const [i, [run, watch]] of answers.entries()) {
      expect([watch!.code, run!.code], refusals[i]!.join(' ')).toEqual([2, 2]);
      expect(watch!.stderr).toBe(run!.stderr.replace('pixmill run --help', 'pixmill watch --help'));
      expect(watch!.stdout).toBe(run!.stdout);
    }
    // The output folder may not contain an input, for a watch as for a run.
    const inside = await pixmill('watch', input, '--out', root);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/^error: --out: the output folder .* contains the input folder/);
  });
});
