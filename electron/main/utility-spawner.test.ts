// The utilityProcess spawner, wired to a stand-in for Electron's utilityProcess.fork that runs
// the real worker as a Node child process, so real jobs go through the very spawner the app uses.
import { fork as forkChild } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { UtilityProcess } from 'electron';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImageJob } from '../../common/job.js';
import { makePipeline } from '../../common/pipeline.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { imageWorkerEntry } from '../../workers/image/worker-entry-path.js';
import { WorkerPool } from '../../workers/pool/pool.js';
import { processSpawner } from '../../workers/pool/spawn-process.js';
import { sharedSpawner, threadHostEnvFor, utilitySpawner } from './utility-spawner.js';

const worker = imageWorkerEntry();
const spawnProcess = processSpawner(worker);

interface ForkCall {
  modulePath: string;
  options: { serviceName: string; env: NodeJS.ProcessEnv };
}

/** utilityProcess.fork's shape (postMessage, 'message', 'exit' with a code, kill) over child_process. */
function fakeUtilityFork(calls: ForkCall[]) {
  return (modulePath: string, _args: string[], options: ForkCall['options']): UtilityProcess => {
    calls.push({ modulePath, options });
    const child = forkChild(modulePath, [], {
      env: options.env,
      execArgv: worker.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const proc = new EventEmitter() as EventEmitter & {
      pid?: number | undefined;
      postMessage(m: unknown): void;
      kill(): boolean;
    };
    proc.pid = child.pid;
    // Like utilityProcess, a message to a child that has just died is dropped, not thrown.
    proc.postMessage = (m) => void child.send(m as object, () => {});
    proc.kill = () => child.kill('SIGKILL');
    child.on('message', (m) => proc.emit('message', m));
    child.on('exit', (code) => proc.emit('exit', code ?? 1));
    return proc as unknown as UtilityProcess;
  };
}

const spec = makePipeline({
  steps: [{ op: 'resize', params: { by: 'box', width: 64, height: 64 } }],
  output: { format: 'png' },
});
let dir: string;
let inputs: string[];
beforeAll(async () => {
  dir = await tempDir();
  inputs = await Promise.all(
    [0, 1, 2, 3, 4, 5].map((i) => makeImage(join(dir, `i${i}.jpg`), { width: 400, height: 300 })),
  );
});
const job = (input: string, id: number): ImageJob => ({
  id,
  input,
  outDir: dir,
  nameTemplate: `o${id}`,
  tempPath: join(dir, `.pixmill-${id}.tmp`),
  spec,
});

describe('utilitySpawner', () => {
  it('forks the worker entry as a named utility process with the worker thread budget, and runs real jobs', async () => {
    const calls: ForkCall[] = [];
    const entry = worker.file;
    const pool = new WorkerPool({ mode: 'processes', size: 2, spawner: utilitySpawner(fakeUtilityFork(calls), entry) });
    const results = await Promise.all(inputs.map((input, i) => pool.run(job(input, 100 + i), { timeoutMs: 30_000 })));
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'done'));
    expect((await sharp(join(dir, 'o100.png')).metadata()).width).toBe(64);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      modulePath: entry,
      options: { serviceName: 'Pixmill image worker', env: { UV_THREADPOOL_SIZE: '2', VIPS_CONCURRENCY: '1' } },
    });
  });

  it('reports a killed utility process so the pool retries its job', async () => {
    const calls: ForkCall[] = [];
    const pool = new WorkerPool({
      mode: 'processes',
      size: 1,
      spawner: utilitySpawner(fakeUtilityFork(calls), worker.file),
    });
    await expect.poll(() => pool.idle, { timeout: 30_000 }).toBe(1);
    process.kill(pool.pids()[0]!, 'SIGKILL');
    const r = await pool.run(job(inputs[0]!, 200), { timeoutMs: 30_000 });
    await pool.close();
    expect(r.status).toBe('done');
    expect(calls.length).toBeGreaterThanOrEqual(2);
  });
});

describe('threads mode in the app: one utility process hosting a pool of threads', () => {
  it('runs the jobs of every slot on threads of one shared host process', async () => {
    const calls: ForkCall[] = [];
    const host = join(import.meta.dirname, '../../workers/pool/thread-host-entry.ts');
    const pool = new WorkerPool({
      mode: 'threads',
      size: 2,
      spawner: sharedSpawner(utilitySpawner(fakeUtilityFork(calls), host, threadHostEnvFor(worker.file))),
    });
    await expect.poll(() => pool.idle, { timeout: 30_000 }).toBe(2);
    const results = await Promise.all(inputs.map((input, i) => pool.run(job(input, 500 + i), { timeoutMs: 30_000 })));
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'done'));
    expect(calls.map((c) => c.modulePath)).toEqual([host]);
  });
});

describe('sharedSpawner (inline mode in the app)', () => {
  it('runs every slot in one shared process, jobs concurrently', async () => {
    const pool = new WorkerPool({ mode: 'inline', size: 3, spawner: sharedSpawner(spawnProcess) });
    await expect.poll(() => pool.idle, { timeout: 30_000 }).toBe(3);
    expect(new Set(pool.pids()).size).toBe(1);
    const results = await Promise.all(inputs.map((input, i) => pool.run(job(input, 300 + i), { timeoutMs: 30_000 })));
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'done'));
  });

  it('lets a slot go when the pool shrinks without stopping the shared process', async () => {
    const pool = new WorkerPool({ mode: 'inline', size: 3, spawner: sharedSpawner(spawnProcess) });
    await expect.poll(() => pool.idle, { timeout: 30_000 }).toBe(3);
    const [host] = pool.pids();
    pool.reshape({ inline: 1 });
    await expect.poll(() => pool.pids().length).toBe(1);
    expect(pool.pids()).toEqual([host]);
    const results = await Promise.all(inputs.map((input, i) => pool.run(job(input, 600 + i), { timeoutMs: 30_000 })));
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'done'));
    expect(pool.stats.crashes).toBe(0);
  });

  it('restarts the shared process when it dies, and the jobs in it are retried', async () => {
    const pool = new WorkerPool({ mode: 'inline', size: 2, spawner: sharedSpawner(spawnProcess) });
    await expect.poll(() => pool.idle, { timeout: 30_000 }).toBe(2);
    const [first] = pool.pids();
    const running = inputs.map((input, i) => pool.run(job(input, 400 + i), { timeoutMs: 30_000 }));
    process.kill(first!, 'SIGKILL');
    const results = await Promise.all(running);
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(inputs.map(() => 'done'));
    expect(pool.stats.crashes).toBeGreaterThanOrEqual(1);
  });
});
