// A pool that changes shape while it works, and replaces worn workers: real image workers, real
// processes and threads.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkerMode } from '../../common/concurrency.js';
import type { ImageJob } from '../../common/job.js';
import { makePipeline } from '../../common/pipeline.js';
import { isAlive, makeImage, tempDir } from '../../tests/fixtures.js';
import { imageWorkerEntry } from '../image/worker-entry-path.js';
import { type RanOn, WorkerPool } from './pool.js';

const entry = imageWorkerEntry();
const spec = makePipeline({
  steps: [{ op: 'resize', params: { by: 'box', width: 64, height: 64 } }],
  output: { format: 'png' },
});
let dir: string;
let input: string;

beforeAll(async () => {
  dir = await tempDir();
  input = await makeImage(join(dir, 'in', 'a.jpg'), { width: 320, height: 240 });
});

let nextId = 1;
async function job(): Promise<ImageJob> {
  const id = nextId++;
  const outDir = join(dir, 'out', String(id));
  await mkdir(outDir, { recursive: true });
  return { id, input, outDir, nameTemplate: 'a', tempPath: join(outDir, `.pixmill-${id}.tmp`), spec };
}

async function runAll(pool: WorkerPool, n: number) {
  const ran: RanOn[] = [];
  const results = await Promise.all(
    Array.from({ length: n }, async () => pool.run(await job(), { timeoutMs: 60_000, onRan: (r) => ran.push(r) })),
  );
  return { results, ran };
}

describe('a pool that changes shape', () => {
  it('runs processes and threads side by side, then only threads, losing no job', async () => {
    const pool = new WorkerPool({ mode: 'processes', size: 1, entry });
    try {
      pool.reshape({ processes: 1, threads: 1 });
      expect(pool.shape).toEqual({ processes: 1, threads: 1, inline: 0 });
      // Both ready first: a thread starts sooner and would take every job alone.
      await expect.poll(() => pool.idle, { timeout: 20_000 }).toBe(2);
      const mixed = await runAll(pool, 8);
      expect(mixed.results.every((r) => r.status === 'done')).toBe(true);
      expect(new Set(mixed.ran.map((r) => r.mode))).toEqual(new Set<WorkerMode>(['processes', 'threads']));
      const [pid] = pool.pids();
      pool.reshape({ threads: 2 });
      const after = await runAll(pool, 6);
      expect(after.results.every((r) => r.status === 'done')).toBe(true);
      expect(after.ran.every((r) => r.mode === 'threads')).toBe(true);
      await expect.poll(() => isAlive(pid!)).toBe(false);
      expect(pool.stats.crashes).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('lets a busy worker finish its job before it goes', async () => {
    const pool = new WorkerPool({ mode: 'processes', size: 2, entry });
    try {
      const running = runAll(pool, 2);
      pool.reshape({ processes: 1 });
      const { results } = await running;
      expect(results.map((r) => r.status)).toEqual(['done', 'done']);
      await expect.poll(() => pool.pids().length).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('refuses a shape with no worker, or a kind it cannot start', () => {
    const pool = new WorkerPool({
      mode: 'processes',
      size: 1,
      spawner: undefined,
      entry: { file: entry.file, execArgv: entry.execArgv },
    });
    try {
      expect(() => pool.reshape({})).toThrow(/at least one worker/);
      expect(() => pool.reshape({ inline: 1 })).toThrow(/inline/);
    } finally {
      void pool.close();
    }
  });
});

describe('recycling workers', () => {
  it('replaces a process after its number of jobs, and every job is still answered once', async () => {
    const pool = new WorkerPool({ mode: 'processes', size: 1, entry, recycle: { afterJobs: 2 } });
    try {
      const pids = new Set<number>();
      for (let i = 0; i < 5; i++) {
        await expect.poll(() => pool.pids().length).toBe(1);
        pids.add(pool.pids()[0]!);
        expect((await pool.run(await job(), { timeoutMs: 60_000 })).status).toBe('done');
      }
      expect(pool.stats.recycled).toBe(2);
      expect(pids.size).toBe(3);
      expect(pool.stats.crashes).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('replaces a process whose resident size passed the threshold after a job', async () => {
    // Every worker process holds more than 1 MB: each is replaced after its job.
    const pool = new WorkerPool({ mode: 'processes', size: 1, entry, recycle: { rssMb: 1 } });
    try {
      for (let i = 0; i < 2; i++) expect((await pool.run(await job(), { timeoutMs: 60_000 })).status).toBe('done');
      expect(pool.stats.recycled).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('never recycles threads (they share the engine process)', async () => {
    const pool = new WorkerPool({ mode: 'threads', size: 1, entry, recycle: { afterJobs: 1, rssMb: 1 } });
    try {
      await runAll(pool, 3);
      expect(pool.stats.recycled).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
