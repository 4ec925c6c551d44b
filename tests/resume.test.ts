// Resume after an interruption: the engine process killed outright (SIGKILL of the CLI) or a
// cancelled batch; the next run of the same batch does only what is not verifiably finished.
import { execFile, spawn } from 'node:child_process';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePipeline } from '../common/pipeline.js';
import { JOURNAL_NAME, RECORD_NAME } from '../workers/batch/journal.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { hashTree, listFiles, makeImage, tempDir } from './fixtures.js';

const execFileAsync = promisify(execFile);
const projectRoot = join(import.meta.dirname, '..');
const cli = join(projectRoot, 'bin', 'pixmill.cjs');
const COUNT = 24;
let root: string;
let photos: string;

beforeAll(async () => {
  root = await tempDir();
  photos = join(root, 'photos');
  await Promise.all(
    Array.from({ length: COUNT }, (_, i) =>
      makeImage(join(photos, `p${String(i).padStart(2, '0')}.jpg`), { width: 1200, height: 900 }),
    ),
  );
});

const outputs = async (dir: string) => (await listFiles(dir)).filter((f) => !f.startsWith('.'));

/** State letter of each process, by pid, from `ps` (the same columns on Linux and macOS). */
async function processTable(): Promise<{ pid: number; ppid: number; state: string }[]> {
  const { stdout } = await execFileAsync('ps', ['-A', '-o', 'pid=,ppid=,stat=']);
  return stdout
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .map(([pid, ppid, state]) => ({ pid: Number(pid), ppid: Number(ppid), state: state ?? '' }));
}

/** Of `pids`, those still running: a zombie has finished all it will ever write. */
async function living(pids: readonly number[]): Promise<number[]> {
  const table = await processTable();
  return pids.filter((pid) => table.some((p) => p.pid === pid && !p.state.startsWith('Z')));
}

describe('resume', () => {
  it('after SIGKILL of the engine, the next run redoes only the unfinished files', async () => {
    const before = await hashTree(photos);
    const out = join(root, 'out-killed');
    const args = [
      cli,
      'run',
      photos,
      '--out',
      out,
      '--preset',
      'web-1600',
      '--workers',
      '2',
      '--mode',
      'processes',
      '--json',
    ];
    const first = spawn(process.execPath, args, { stdio: 'ignore' });
    await expect
      .poll(async () => (await outputs(out).catch(() => [])).length, { timeout: 60_000, interval: 30 })
      .toBeGreaterThanOrEqual(4);
    const workers = (await processTable()).filter((p) => p.ppid === first.pid).map((p) => p.pid);
    expect(workers).toHaveLength(2);
    first.kill('SIGKILL');
    // Orphaned workers finish the job in hand, then exit: once they are gone, nothing more lands.
    await expect.poll(() => living(workers), { timeout: 60_000 }).toEqual([]);
    expect((await listFiles(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const done = await outputs(out);
    expect(done.length).toBeGreaterThanOrEqual(4);
    expect(done.length).toBeLessThan(COUNT);
    expect((await listFiles(out)).includes(JOURNAL_NAME)).toBe(true);

    const second = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    second.stdout.on('data', (d) => (stdout += d));
    const code = await new Promise((r) => second.on('exit', r));
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { processed: number; skipped: number; failed: number };
    // Every output the killed run left is trusted and skipped; only the rest is done now.
    expect(summary).toMatchObject({ processed: COUNT - done.length, skipped: done.length, failed: 0 });
    const all = await outputs(out);
    expect(all).toHaveLength(COUNT);
    expect(all.filter((f) => /-\d+\.jpg$/.test(f))).toEqual([]);
    expect(await listFiles(out)).not.toContain(JOURNAL_NAME);
    // A batch that ran to the end leaves the folder's record, so that a re-run skips what is up to date.
    expect(await readdir(out)).toContain(RECORD_NAME);
    expect(await hashTree(photos)).toEqual(before);
  });

  it('SIGKILL during a re-run with a new recipe loses nothing: every output whole, the record intact', async () => {
    const out = join(root, 'out-rerun-killed');
    const base = [cli, 'run', photos, '--out', out, '--preset', 'web-1600', '--mode', 'processes', '--json'];
    const run = (...more: string[]) => execFileAsync(process.execPath, [...base, ...more]);
    await run('--workers', '2');
    const made = await hashTree(out);
    const recipe = ['--quality', '40'];
    const rerun = spawn(process.execPath, [...base, ...recipe, '--workers', '1'], { stdio: 'ignore' });
    // Killed once a few outputs were replaced by the new recipe's.
    const replaced = async () => {
      const now = await hashTree(out);
      return [...made].filter(([f, h]) => !f.startsWith('.') && now.get(f) !== h).length;
    };
    await expect.poll(replaced, { timeout: 60_000, interval: 30 }).toBeGreaterThanOrEqual(3);
    const workers = (await processTable()).filter((p) => p.ppid === rerun.pid).map((p) => p.pid);
    rerun.kill('SIGKILL');
    await expect.poll(() => living(workers), { timeout: 60_000 }).toEqual([]);
    // Each output is the old one or the new one, whole; none is missing, none half-written.
    const files = await listFiles(out);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await outputs(out)).toEqual(
      await outputs(out).then(() => [...made.keys()].filter((f) => !f.startsWith('.'))),
    );
    for (const f of await outputs(out)) await expect(sharp(join(out, f)).stats(), f).resolves.toBeTruthy();
    const redone = await replaced();
    expect(redone).toBeLessThan(COUNT);

    // The next run finishes the new recipe: what the killed run replaced is kept, the rest is redone in place.
    const { stdout } = await run(...recipe, '--workers', '2');
    const summary = JSON.parse(stdout) as { processed: number; skippedFor: { resumed: number }; failed: number };
    expect(summary).toMatchObject({ processed: COUNT - redone, skippedFor: { resumed: redone }, failed: 0 });
    expect((await outputs(out)).sort()).toEqual([...made.keys()].filter((f) => !f.startsWith('.')).sort());
    const again = JSON.parse((await run(...recipe, '--workers', '2')).stdout) as {
      processed: number;
      upToDate: number;
    };
    expect(again).toMatchObject({ processed: 0, upToDate: COUNT });
  });

  it('after a cancel, resumes; a changed original or a damaged output is redone', async () => {
    const out = join(root, 'out-cancelled');
    const spec = makePipeline({
      steps: [{ op: 'resize', params: { by: 'box', width: 300, height: 300 } }],
      output: { format: 'png' },
    });
    let cancelAt = 5;
    const first = startBatch({
      inputs: [photos],
      outDir: out,
      spec,
      workers: 1,
      onEvent: (e) => e.type === 'file-done' && --cancelAt === 0 && first.cancel(),
    });
    const s1 = await first.done;
    expect(s1.cancelled).toBe(true);
    const journal = await readFile(join(out, JOURNAL_NAME), 'utf8');
    expect(journal.trim().split('\n').length - 1).toBe(s1.processed);

    const finished = (await outputs(out)).sort();
    // One original changed (a new version of the photo: a byte more), one output cut short.
    await appendFile(join(photos, 'p00.jpg'), Buffer.from([0]));
    const damaged = join(out, finished[1]!);
    await writeFile(damaged, (await readFile(damaged)).subarray(0, 100));

    const s2 = await startBatch({ inputs: [photos], outDir: out, spec, workers: 2 }).done;
    expect(s2.resumed).toBe(s1.processed - 2);
    expect(s2.processed).toBe(COUNT - s1.processed + 2);
    expect(s2.cancelled).toBe(false);
    // A changed output is no longer Pixmill's to replace: it stays, and the redone one is beside it.
    expect((await readFile(damaged)).length).toBe(100);
  });

  it('pixmill run --no-resume starts over; without it the CLI resumes and says so', async () => {
    const out = join(root, 'out-cli-flag');
    const spec = makePipeline({
      steps: [{ op: 'resize', params: { by: 'box', width: 200, height: 200 } }],
      output: { format: 'png' },
    });
    const interrupted = async () => {
      let left = 3;
      const b = startBatch({
        inputs: [photos],
        outDir: out,
        spec,
        workers: 1,
        onEvent: (e) => e.type === 'file-done' && --left === 0 && b.cancel(),
      });
      return (await b.done).processed;
    };
    const run = async (...extra: string[]) => {
      const child = spawn(
        process.execPath,
        [cli, 'run', photos, '--out', out, '--resize', '200x200', '--format', 'png', ...extra],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      await new Promise((r) => child.on('exit', r));
      return stdout;
    };
    const done = await interrupted();
    expect(await run()).toContain(`${done} already done by an interrupted earlier run`);
    await rm(out, { recursive: true });
    await interrupted();
    expect(await run('--no-resume', '--json')).toContain(`"processed":${COUNT}`);
  });

  it('starts over when asked not to resume, or when the settings changed', async () => {
    const spec = (w: number) =>
      makePipeline({
        steps: [{ op: 'resize', params: { by: 'box', width: w, height: w } }],
        output: { format: 'png' },
      });
    const interrupted = async (out: string) => {
      let left = 3;
      const b = startBatch({
        inputs: [photos],
        outDir: out,
        spec: spec(200),
        workers: 1,
        onEvent: (e) => e.type === 'file-done' && --left === 0 && b.cancel(),
      });
      expect((await b.done).cancelled).toBe(true);
    };
    await interrupted(join(root, 'out-changed'));
    const changed = await startBatch({
      inputs: [photos],
      outDir: join(root, 'out-changed'),
      spec: spec(100),
      workers: 2,
    }).done;
    expect([changed.resumed, changed.processed]).toEqual([0, COUNT]);
    await interrupted(join(root, 'out-no-resume'));
    const fresh = await startBatch({
      inputs: [photos],
      outDir: join(root, 'out-no-resume'),
      spec: spec(200),
      workers: 2,
      resume: false,
    }).done;
    expect([fresh.resumed, fresh.processed]).toEqual([0, COUNT]);
  });
});
