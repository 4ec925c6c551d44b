// Ctrl-C as a terminal sends it: SIGINT to the whole foreground process group, the CLI and every
// worker it started. The CLI alone decides what a cancel means; workers must not die of the
// terminal's signal (their jobs would be restarted or reported crashed mid-cancel).
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { isTempFile, listFiles, makeImage, tempDir } from './fixtures.js';

const BIN = resolve(import.meta.dirname, '../bin/pixmill.cjs');
const JOURNAL = '.pixmill-journal.jsonl';

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a shell starts it: the leader of a process group of its own (pgid = its pid). */
function start(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; ended: Promise<Ended>; stderrHas: (re: RegExp) => Promise<void> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of waiters.filter((x) => x.re.test(stderr))) w.resolve();
  });
  const ended = new Promise<Ended>((done) =>
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr })),
  );
  const stderrHas = (re: RegExp) =>
    new Promise<void>((ok, fail) => {
      if (re.test(stderr)) return ok();
      waiters.push({ re, resolve: ok });
      void ended.then(() => fail(new Error(`the CLI ended before printing ${re}: ${stderr}`)));
    });
  return { child, ended, stderrHas };
}

/** Resolves once a finished output (not a temp file, not the journal) is in `dir`. */
async function firstOutput(dir: string, ended: Promise<Ended>): Promise<void> {
  let over = false;
  void ended.then(() => (over = true));
  for (;;) {
    const files = await listFiles(dir).catch(() => []);
    if (files.some((f) => f.endsWith('.webp') && !isTempFile(f))) return;
    if (over) throw new Error('the batch ended before its first output');
    await new Promise((r) => setImmediate(r));
  }
}

const ctrlC = (child: ChildProcess): void => void process.kill(-child.pid!, 'SIGINT');

/** Processes (workers included, whatever their process group) whose environment holds `tag`. */
async function processesTagged(tag: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'latin1').catch(() => '');
    if (environ.split('\0').includes(`PIXMILL_INTERRUPT_TEST=${tag}`)) pids.push(Number(entry));
  }
  return pids;
}

let root: string;
let photos: string;
let pipeline: string;
beforeAll(async () => {
  root = await tempDir('pixmill-interrupt-');
  photos = join(root, 'photos');
  await mkdir(photos);
  // Enough work per image (precise sharpening, a blur, WebP at high effort on 4 MP) that jobs are
  // running when the interrupt comes, and enough images that the batch is far from its end.
  const first = await makeImage(join(photos, 'p0.jpg'), { width: 2400, height: 1800 });
  for (let i = 1; i < 24; i++) await copyFile(first, join(photos, `p${i}.jpg`));
  pipeline = join(root, 'heavy.json');
  await writeFile(
    pipeline,
    JSON.stringify({
      steps: [
        { op: 'sharpen', params: { mode: 'precise', sigma: 2 } },
        { op: 'blur', params: { sigma: 1.5 } },
      ],
      output: { format: 'webp', effort: 9 },
    }),
  );
}, 120_000);

describe('Ctrl-C sent to the whole process group (processes mode)', () => {
  it('cancels once, lets running jobs finish or stop, restarts nothing, leaves only counted whole outputs', {
    timeout: 180_000,
  }, async () => {
    const out = join(root, 'out');
    const statsFile = join(root, 'stats.json');
    const args = ['run', photos, '--out', out, '--pipeline', pipeline, '--workers', '2', '--mode', 'processes'];
    const { child, ended, stderrHas } = start([...args, '--json', '--stats-file', statsFile]);
    await firstOutput(out, ended);
    ctrlC(child);
    await stderrHas(/Cancelling… \(press Ctrl-C again to quit at once\)/);
    const r = await ended;

    expect(r.code, r.stderr).toBe(130);
    const summary = JSON.parse(r.stdout) as { processed: number; total: number; errors: { code: string }[] };
    expect(summary.processed).toBeGreaterThan(0);
    expect(summary.processed).toBeLessThan(24);
    expect(summary.errors.map((e) => e.code)).not.toContain('WORKER_CRASHED');
    // No worker was replaced: a worker killed by the terminal's signal would have been, and its
    // job run again on the new one.
    const stats = JSON.parse(await readFile(statsFile, 'utf8')) as { startupMs: number[] };
    expect(stats.startupMs).toHaveLength(2);

    const files = await listFiles(out);
    expect(files.filter(isTempFile)).toEqual([]);
    const images = files.filter((f) => f !== JOURNAL);
    expect(images).toHaveLength(summary.processed);
    for (const f of images) expect((await sharp(join(out, f)).stats()).channels.length).toBeGreaterThanOrEqual(3);
  });

  it('a second Ctrl-C quits at once, with no temp file left behind and no worker left running', {
    timeout: 180_000,
  }, async () => {
    const out = join(root, 'out-twice');
    const tag = String(process.hrtime.bigint());
    const env = { ...process.env, PIXMILL_INTERRUPT_TEST: tag };
    const { child, ended, stderrHas } = start(['run', photos, '--out', out, '--pipeline', pipeline, '--json'], env);
    await firstOutput(out, ended);
    ctrlC(child);
    await stderrHas(/Cancelling/);
    ctrlC(child);
    const r = await ended;
    expect(r.code, r.stderr).toBe(130);
    const files = await listFiles(out);
    expect(files.filter(isTempFile)).toEqual([]);
    for (const f of files.filter((x) => x !== JOURNAL))
      expect((await sharp(join(out, f)).stats()).channels.length).toBeGreaterThanOrEqual(3);
    // The workers (in process groups of their own) went with the CLI.
    if (process.platform === 'linux') expect(await processesTagged(tag)).toEqual([]);
  });
});
