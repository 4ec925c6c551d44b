// The pool with real workers in every mode: real processes, real threads, real sharp.
import { fork } from 'node:child_process';
import { access, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKER_MODES, type WorkerMode } from '../../common/concurrency.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import { makePipeline } from '../../common/pipeline.js';
import { isAlive, makeImage, tempDir } from '../../tests/fixtures.js';
import { imageWorkerEntry } from '../image/worker-entry-path.js';
import { EXIT_RETIRED, type FromWorker, type Spawner, type WorkerExit } from './messages.js';
import { WorkerPool } from './pool.js';
import { processSpawner } from './spawn-process.js';

// The pool runs what it is handed: here the real image worker.
const entry = imageWorkerEntry();

const spec = makePipeline({
  steps: [{ op: 'resize', params: { by: 'box', width: 100, height: 100 } }],
  output: { format: 'png' },
});
let dir: string;
let inputs: string[];

beforeAll(async () => {
  dir = await tempDir();
  inputs = await Promise.all(
    Array.from({ length: 8 }, (_, i) => makeImage(join(dir, 'in', `img-${i}.jpg`), { width: 640, height: 480 })),
  );
});

/**
 * A 3000×2000 PNG under a heavy blur: a job that outlasts any short limit. Written once (writing it
 * takes seconds) and shared by the tests that stop such a job, which only read it.
 */
let bigPng: Promise<string> | undefined;
const bigImage = (): Promise<string> =>
  (bigPng ??= makeImage(join(dir, 'big.png'), { width: 3000, height: 2000, format: 'png' }));

let nextId = 1;
async function jobFor(input: string, outDir: string, overrides: Partial<ImageJob> = {}): Promise<ImageJob> {
  await mkdir(outDir, { recursive: true });
  const id = nextId++;
  const name = input
    .split('/')
    .pop()!
    .replace(/\.\w+$/, '');
  return {
    id,
    input,
    outDir,
    nameTemplate: name,
    tempPath: join(outDir, `.pixmill-test-${id}.tmp`),
    spec,
    ...overrides,
  };
}

/** Resolves once `count` workers have said they are ready and have no job. */
async function idleWorkers(pool: WorkerPool, count: number): Promise<void> {
  await expect.poll(() => pool.idle, { timeout: 45_000, message: `${count} idle workers` }).toBe(count);
}

describe.each<WorkerMode>(WORKER_MODES)('%s mode', (mode) => {
  it('runs every job on real workers and writes real images', async () => {
    const out = join(dir, `out-${mode}`);
    const pool = new WorkerPool({ mode, size: 2, entry });
    await idleWorkers(pool, 2);
    const results = await Promise.all(
      inputs.map(async (input) => pool.run(await jobFor(input, out), { timeoutMs: 60_000 })),
    );
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'done'));
    for (const r of results) {
      if (r.status !== 'done') continue;
      const meta = await sharp(r.output).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 100, 75]);
      // The pool adds queueing and messaging to the worker's own timings.
      expect(r.timings.queue).toBeGreaterThanOrEqual(0);
      expect(r.timings.ipc).toBeGreaterThanOrEqual(0);
      expect(r.timings.pipeline).toBeGreaterThan(0);
    }
    expect(pool.stats.startupMs).toHaveLength(2);
    expect((await readdir(out)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('faults', () => {
  it('replaces a process worker killed with SIGKILL mid-batch and retries its job', async () => {
    const out = join(dir, 'out-kill');
    const pool = new WorkerPool({ mode: 'processes', size: 2, entry });
    await idleWorkers(pool, 2);
    const [victim] = pool.pids();
    const running = inputs.map(async (input) => pool.run(await jobFor(input, out), { timeoutMs: 60_000 }));
    // Once the first image is done, six are still waiting and both workers have one in hand.
    await Promise.race(running);
    process.kill(victim!, 'SIGKILL');
    const results = await Promise.all(running);
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'done'));
    expect(pool.stats.crashes).toBeGreaterThanOrEqual(1);
    expect(pool.pids()).not.toContain(victim);
    await pool.close();
    expect(isAlive(victim!)).toBe(false);
  });

  it('retries a job handed to a worker in the moment after it was killed, without an engine error', async () => {
    // The pool learns of a death only when the exit event arrives; a job posted before that
    // may meet a broken pipe (EPIPE), which must not become an unhandled 'error' in the engine.
    // A race: each round catches it some of the time, so there are eight rounds.
    const out = join(dir, 'out-just-killed');
    const pool = new WorkerPool({ mode: 'processes', size: 1, entry });
    for (const input of inputs) {
      await idleWorkers(pool, 1);
      process.kill(pool.pids()[0]!, 'SIGKILL');
      expect((await pool.run(await jobFor(input, out), { timeoutMs: 60_000 })).status).toBe('done');
    }
    await pool.close();
    expect(pool.stats.crashes).toBe(inputs.length);
  });

  it('reports WORKER_CRASHED when the same job kills its worker twice, and goes on', async () => {
    const out = join(dir, 'out-crash');
    const doomed = await jobFor(inputs[0]!, out);
    // A real worker process that dies whenever it is handed the doomed job.
    const spawner: Spawner = () => {
      const handle = processSpawner(entry)();
      const post = handle.post.bind(handle);
      return { ...handle, pid: handle.pid, post: (m) => (m.job.id === doomed.id ? handle.kill() : post(m)) };
    };
    const pool = new WorkerPool({ mode: 'processes', size: 2, spawner });
    const others = inputs.slice(1, 4).map(async (input) => pool.run(await jobFor(input, out), { timeoutMs: 60_000 }));
    const results: JobResult[] = await Promise.all([pool.run(doomed, { timeoutMs: 60_000 }), ...others]);
    await pool.close();
    expect(results[0]).toMatchObject({ status: 'failed', code: 'WORKER_CRASHED', stage: 'worker' });
    expect(results.slice(1).map((r) => r.status)).toEqual(['done', 'done', 'done']);
    expect(pool.stats.crashes).toBe(2);
  });

  it.each<WorkerMode>(['processes', 'threads'])(
    'stops a job past its time limit (%s) and keeps serving',
    async (mode) => {
      const out = join(dir, `out-timeout-${mode}`);
      const big = await bigImage();
      const heavy = makePipeline({ steps: [{ op: 'blur', params: { sigma: 200 } }], output: { format: 'png' } });
      const pool = new WorkerPool({ mode, size: 1, entry });
      const slow = await pool.run(await jobFor(big, out, { spec: heavy }), { timeoutMs: 50 });
      const next = await pool.run(await jobFor(inputs[1]!, out), { timeoutMs: 60_000 });
      await pool.close();
      expect(slow).toMatchObject({ status: 'failed', code: 'TIMEOUT' });
      expect(next.status).toBe('done');
      expect(pool.stats.timeouts).toBe(1);
      // The stopped job's temp file never became an output.
      expect((await readdir(out)).filter((f) => f.startsWith('big'))).toEqual([]);
    },
  );

  it('cancels queued jobs, lets running ones finish, and leaves no worker process behind', async () => {
    const out = join(dir, 'out-cancel');
    const pool = new WorkerPool({ mode: 'processes', size: 2, entry });
    await idleWorkers(pool, 2);
    const pids = pool.pids();
    const abort = new AbortController();
    const running = inputs.map(async (input) =>
      pool.run(await jobFor(input, out), { timeoutMs: 60_000, signal: abort.signal }),
    );
    await Promise.race(running);
    abort.abort();
    const results = await Promise.all(running);
    const done = results.filter((r) => r.status === 'done');
    const cancelled = results.filter((r) => r.status === 'failed' && r.code === 'CANCELLED');
    expect(done.length + cancelled.length).toBe(inputs.length);
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(cancelled.length).toBeGreaterThanOrEqual(4);
    // Exactly the jobs reported done left an output: nothing on disk goes uncounted.
    expect((await readdir(out)).sort()).toEqual(
      done.map((r) => (r.status === 'done' ? r.output.split('/').pop() : '')).sort(),
    );
    await pool.close();
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('kills a running job that outlasts the cancel grace period', async () => {
    const out = join(dir, 'out-cancel-grace');
    const big = await bigImage();
    const heavy = makePipeline({ steps: [{ op: 'blur', params: { sigma: 200 } }], output: { format: 'png' } });
    const pool = new WorkerPool({ mode: 'processes', size: 1, cancelGraceMs: 50, entry });
    await idleWorkers(pool, 1);
    const abort = new AbortController();
    const [pid] = pool.pids();
    const result = pool.run(await jobFor(big, out, { spec: heavy }), { timeoutMs: 60_000, signal: abort.signal });
    // On the worker, not queued: a queued job would be dropped at once, without the grace period.
    expect(pool.idle).toBe(0);
    abort.abort();
    expect(await result).toMatchObject({ status: 'failed', code: 'CANCELLED' });
    // The worker was killed for it (a job that had finished would have left it alive).
    expect(isAlive(pid!)).toBe(false);
    await pool.close();
    expect(await readdir(out)).toEqual([]);
  });

  it('gives up with WORKER_CRASHED instead of respawning forever when workers cannot start', async () => {
    const spawner: Spawner = () => {
      const child = fork(join(dir, 'no-such-worker.js'), [], { stdio: 'ignore' });
      return {
        pid: child.pid,
        post: () => {},
        onMessage: () => {},
        onExit: (l) => child.once('exit', (code, signal) => l({ code, signal })),
        kill: () => child.kill('SIGKILL'),
      };
    };
    const pool = new WorkerPool({ mode: 'processes', size: 2, spawner });
    const result = await pool.run(await jobFor(inputs[0]!, join(dir, 'out-broken')), { timeoutMs: 60_000 });
    await pool.close();
    expect(result).toMatchObject({ status: 'failed', code: 'WORKER_CRASHED' });
    expect(result.status === 'failed' && result.detail).toMatch(/before they are ready/);
  });

  it('stops a process worker that passes the memory limit and reports MEMORY_LIMIT, not a crash', async () => {
    const out = join(dir, 'out-memory');
    const huge = join(dir, 'huge.jpg');
    await sharp({
      create: {
        width: 6000,
        height: 4000,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 30 },
      },
    })
      .jpeg()
      .toFile(huge);
    // Blur before resize runs as two passes, the first held in memory whole: ~72 MB of pixels.
    const steps = [
      { op: 'blur', params: { sigma: 0.5 } },
      { op: 'resize', params: { by: 'box', width: 500, height: 500 } },
    ] as const;
    const limited = makePipeline({ steps: [...steps], output: { format: 'jpeg' }, limits: { maxWorkerMemoryMb: 110 } });
    const roomy = makePipeline({ steps: [...steps], output: { format: 'jpeg' } });
    const pool = new WorkerPool({ mode: 'processes', size: 1, entry });
    const starved = await pool.run(await jobFor(huge, out, { spec: limited }), { timeoutMs: 60_000 });
    const fine = await pool.run(await jobFor(huge, out, { spec: roomy }), { timeoutMs: 60_000 });
    await pool.close();
    expect(starved).toMatchObject({ status: 'failed', code: 'MEMORY_LIMIT' });
    expect(fine.status).toBe('done');
    expect(pool.stats.crashes).toBe(0);
  });

  it('replaces a worker that retires after its result (a decoder trapped in it): no crash, no job handed to it', async () => {
    // A worker as messages.ts describes one, in this process: each answers one job, says it is
    // retiring, and exits a moment later, as the image worker does after a WebAssembly trap.
    const served: number[][] = [];
    const spawner: Spawner = () => {
      const jobs: number[] = [];
      served.push(jobs);
      let onMessage: (m: FromWorker) => void = () => {};
      let onExit: (e: WorkerExit) => void = () => {};
      setImmediate(() => onMessage({ type: 'ready', startupMs: 0 }));
      return {
        post: (m) => {
          jobs.push(m.job.id);
          setImmediate(() => {
            onMessage({
              type: 'result',
              id: m.job.id,
              result: { status: 'failed', code: 'DECODE_FAILED', stage: 'decode', message: 'damaged' },
              retiring: true,
            });
            setTimeout(() => onExit({ code: EXIT_RETIRED, signal: null }), 20);
          });
        },
        onMessage: (l) => {
          onMessage = l;
        },
        onExit: (l) => {
          onExit = l;
        },
        kill: () => setImmediate(() => onExit({ code: null, signal: 'SIGKILL' })),
      };
    };
    const pool = new WorkerPool({ mode: 'processes', size: 1, spawner });
    const out = join(dir, 'out-retire');
    const jobs = await Promise.all(inputs.slice(0, 3).map((input) => jobFor(input, out)));
    const results = await Promise.all(jobs.map((job) => pool.run(job, { timeoutMs: 10_000 })));
    await pool.close();
    expect(results.map((r) => r.status === 'failed' && r.code)).toEqual([
      'DECODE_FAILED',
      'DECODE_FAILED',
      'DECODE_FAILED',
    ]);
    // One job per worker: none was handed to a worker that had said it was leaving, none retried.
    expect(served.slice(0, 3)).toEqual(jobs.map((job) => [job.id]));
    expect(pool.stats.crashes).toBe(0);
  });

  it('rejects an impossible pool size with a message naming it', () => {
    expect(() => new WorkerPool({ mode: 'processes', size: 0, entry })).toThrow(/workers of at least 1 but received 0/);
  });
});

it('the image worker entry exists where the pool is told to look for it', async () => {
  await expect(access(entry.file)).resolves.toBeUndefined();
});
