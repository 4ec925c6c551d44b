// Faults injected into real batches: workers killed or hung, the output disk full, read-only or
// deleted, inputs deleted, changed or unreadable. Each time the batch finishes, every file is
// accounted for, no half-written file is left under a final name, and the originals are untouched.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { renameSync } from 'node:fs';
import { chmod, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../common/events.js';
import { makePipeline } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { hashTree, listFiles, makeImage, tempDir } from './fixtures.js';

const projectRoot = join(import.meta.dirname, '..');
let root: string;
let photos: string;
const COUNT = 16;

beforeAll(async () => {
  root = await tempDir();
  photos = join(root, 'photos');
  await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      makeImage(join(photos, `p${String(i).padStart(2, '0')}.jpg`), { width: 1000, height: 750 }),
    ),
  );
});

const png = (w = 600) =>
  makePipeline({ steps: [{ op: 'resize', params: { by: 'box', width: w, height: w } }], output: { format: 'png' } });

/** Worker processes this test process started (its direct children running the worker entry). */
async function workerPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid !== process.pid) continue;
    const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '');
    if (/worker-entry|image-worker/.test(cmdline)) pids.push(Number(name));
  }
  return pids;
}

/** Every file under a final name decodes completely; no temp file is left anywhere. */
async function expectOnlyWholeOutputs(out: string, summary: BatchSummary): Promise<void> {
  const files = await listFiles(out);
  expect(files.filter((f) => f.split('/').pop()!.startsWith('.pixmill-') && f.endsWith('.tmp'))).toEqual([]);
  const images = files.filter((f) => !f.split('/').pop()!.startsWith('.'));
  for (const f of images) await expect(sharp(join(out, f)).stats(), f).resolves.toBeTruthy();
  expect(summary.processed + summary.failed + summary.skipped).toBe(summary.total);
}

describe('workers', () => {
  it('killed all at once mid-batch: they are replaced, their jobs retried, the batch completes', async () => {
    const before = await hashTree(photos);
    const out = join(root, 'out-kill-all');
    let killed = false;
    const summary = await startBatch({
      inputs: [photos],
      outDir: out,
      spec: png(),
      mode: 'processes',
      workers: 2,
      onEvent: (e) => {
        if (e.type !== 'file-done' || killed) return;
        killed = true;
        void workerPids().then((pids) => {
          for (const pid of pids) process.kill(pid, 'SIGKILL');
        });
      },
    }).done;
    expect(killed).toBe(true);
    expect(summary).toMatchObject({ processed: COUNT, failed: 0, total: COUNT });
    await expectOnlyWholeOutputs(out, summary);
    expect(await hashTree(photos)).toEqual(before);
  });

  it('hung on one image: it is stopped at the time limit, the rest go on', async () => {
    const dir = join(root, 'slow');
    await makeImage(join(dir, 'quick.jpg'), { width: 40, height: 30 });
    await makeImage(join(dir, 'slow.png'), { width: 3000, height: 2000, format: 'png' });
    const out = join(root, 'out-hang');
    // A huge blur stands in for a decoder stuck in a loop: the worker is busy and does not answer.
    const spec = makePipeline({
      steps: [{ op: 'blur', params: { sigma: 300 } }],
      output: { format: 'png' },
      limits: { timeoutSeconds: 2 },
    });
    const summary = await startBatch({ inputs: [dir], outDir: out, spec, mode: 'processes', workers: 2 }).done;
    expect(summary.errors.map((e) => [e.file.split('/').pop(), e.code])).toEqual([['slow.png', 'TIMEOUT']]);
    expect(await listFiles(out)).toEqual(['quick.png']);
  });
});

describe('the output disk', () => {
  const mounted: string[] = [];
  const mount = (dir: string, options: string): boolean => {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' });
      mounted.push(dir);
      return true;
    } catch {
      return false;
    }
  };
  afterAll(() => {
    for (const dir of mounted.reverse()) execFileSync('umount', [dir], { stdio: 'ignore' });
  });

  it('full: files that do not fit get NO_SPACE, and no half-written file remains', async (ctx) => {
    const out = join(root, 'out-full');
    await mkdir(out);
    if (!mount(out, 'size=1m')) {
      console.log('skipped: mounting a small tmpfs needs root (mount -t tmpfs)');
      return ctx.skip();
    }
    const summary = await startBatch({ inputs: [photos], outDir: out, spec: png(800), mode: 'processes', workers: 2 })
      .done;
    expect(summary.failed).toBeGreaterThan(0);
    expect(new Set(summary.errors.map((e) => e.code))).toEqual(new Set(['NO_SPACE']));
    expect(summary.errors[0]!.message).toMatch(/disk is full/);
    await expectOnlyWholeOutputs(out, summary);
  });

  it('read-only: every file is one PERMISSION_DENIED row saying so', async (ctx) => {
    const out = join(root, 'out-ro');
    await mkdir(out);
    if (!mount(out, 'size=4m,ro')) {
      console.log('skipped: mounting a read-only tmpfs needs root (mount -t tmpfs -o ro)');
      return ctx.skip();
    }
    const summary = await startBatch({ inputs: [photos], outDir: out, spec: png(), mode: 'threads', workers: 2 }).done;
    expect(summary).toMatchObject({ processed: 0, failed: COUNT });
    expect(new Set(summary.errors.map((e) => `${e.code}: ${e.message}`))).toEqual(
      new Set(['PERMISSION_DENIED: The output folder is read-only.']),
    );
  });
});

describe('files changing under the batch', () => {
  it('the output folder deleted mid-batch: the remaining files say so, nothing half-written', async () => {
    const out = join(root, 'out-deleted');
    const gone = join(root, 'out-deleted-gone');
    let deleted = false;
    const summary = await startBatch({
      inputs: [photos],
      outDir: out,
      spec: png(),
      mode: 'processes',
      workers: 1,
      onEvent: (e) => {
        if (e.type === 'file-done' && !deleted) {
          deleted = true;
          // A rename takes the folder away in one step; a recursive rm races the
          // worker's next temp file and can fail with ENOTEMPTY, leaving it in place.
          renameSync(out, gone);
        }
      },
    }).done;
    expect(summary.failed).toBeGreaterThan(0);
    expect(new Set(summary.errors.map((e) => e.message))).toEqual(new Set(['The output folder no longer exists.']));
    expect(summary.processed + summary.failed).toBe(COUNT);
  });

  it('inputs deleted or replaced with junk mid-batch get their own rows; originals otherwise untouched', async () => {
    const dir = join(root, 'changing');
    const names = Array.from({ length: 8 }, (_, i) => `c${i}.jpg`);
    await Promise.all(names.map((n) => makeImage(join(dir, n), { width: 900, height: 700 })));
    const out = join(root, 'out-changing');
    let acted = false;
    const summary = await startBatch({
      inputs: [dir],
      outDir: out,
      spec: png(),
      mode: 'processes',
      workers: 1,
      onEvent: (e) => {
        if (e.type !== 'file-done' || acted) return;
        acted = true;
        void rm(join(dir, 'c6.jpg'));
        void writeFile(join(dir, 'c7.jpg'), 'no longer a photo');
      },
    }).done;
    const codes = Object.fromEntries(summary.errors.map((e) => [e.file.split('/').pop(), e.code]));
    expect(codes).toEqual({ 'c6.jpg': 'NOT_FOUND', 'c7.jpg': 'UNSUPPORTED_FORMAT' });
    expect(summary.processed).toBe(6);
    await expectOnlyWholeOutputs(out, summary);
  });

  it('an unreadable input is one PERMISSION_DENIED row (the engine run as an ordinary user)', async (ctx) => {
    const dir = join(await tempDir(), 'mixed');
    await makeImage(join(dir, 'open.jpg'));
    await makeImage(join(dir, 'locked.jpg'));
    await chmod(join(dir, 'locked.jpg'), 0o000);
    await chmod(join(dir, '..'), 0o777);
    const out = join(dir, '..', 'out');
    // Root reads everything; the CLI runs as `nobody` so that file permissions apply.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const cli = join(projectRoot, 'bin/pixmill.cjs');
    if (spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(cli)})`], asUser).status !== 0) {
      console.log('skipped: the project folder is not readable by an ordinary user (uid 65534) on this machine');
      return ctx.skip();
    }
    const child = spawn(process.execPath, [cli, 'run', dir, '--out', out, '--json', '--format', 'png'], {
      ...asUser,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(1);
    const summary = JSON.parse(stdout) as { processed: number; errors: { file: string; code: string }[] };
    expect(summary.processed).toBe(1);
    expect(summary.errors.map((e) => [e.file.split('/').pop(), e.code])).toEqual([['locked.jpg', 'PERMISSION_DENIED']]);
  });
});
