// One batch shared by several machines over a real redis-server: `pixmill worker` processes (each a
// machine of its own, with its own pool) and `pixmill run --redis` planning the batch. The faults
// are real too: a worker killed with SIGKILL mid-batch, Redis killed and started again empty, a
// machine that cannot see the files. Every file must be done exactly once, and its pixels must be
// those a batch on one machine makes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../common/events.js';
import { PIXMILL_BIN, pixmill, runChild } from './cli-runner.js';
import { type RedisServer, redisMissing, startRedis } from './redis-server.js';

const RECIPE = ['--resize', '640', '-q', '80'];

interface WorkerChild {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** A `pixmill worker` process, resolved once it says it is taking jobs. */
async function startWorker(url: string, ...extra: string[]): Promise<WorkerChild> {
  const child = spawn(
    process.execPath,
    [
      PIXMILL_BIN,
      'worker',
      '--redis',
      url,
      '--mode',
      'processes',
      '--workers',
      '2',
      '--stall-seconds',
      '2',
      '-v',
      ...extra,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('taking jobs from queue')) resolve();
    });
    void exited.then((code) => reject(new Error(`pixmill worker exited (${code}) before it was ready:\n${stderr}`)));
  });
  return { child, stderr: () => stderr, exited };
}

/** Resolves when `predicate` holds, checking every 20 ms: a state awaited, never a fixed sleep. */
async function until(predicate: () => Promise<boolean> | boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function makeImages(dir: string, n: number, width = 1600, height = 1200): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    // Noise, so each image costs real work and none compresses to nothing.
    const noise = await sharp({
      create: {
        width,
        height,
        channels: 3,
        background: '#808080',
        noise: { type: 'gaussian', mean: 40 + i * 3, sigma: 40 },
      },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    await sharp(noise).toFile(join(dir, `photo-${String(i).padStart(2, '0')}.jpg`));
  }
}

const images = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.jpg')).sort();

/** Each source recorded exactly once in the output folder's record: a second commit would add a line. */
async function recordLines(out: string): Promise<string[]> {
  const names = await readdir(out);
  const record = names.find((n) => n === '.pixmill-record.jsonl' || n === '.pixmill-journal.jsonl');
  if (!record) return [];
  const lines = (await readFile(join(out, record), 'utf8')).split('\n').filter(Boolean);
  return lines.map((l) => JSON.parse(l) as { in?: string }).flatMap((e) => (e.in ? [e.in] : []));
}

async function expectExactlyOnce(input: string, out: string): Promise<void> {
  const sources = await images(input);
  expect(await images(out)).toEqual(sources);
  const recorded = await recordLines(out);
  expect(recorded.length).toBe(sources.length);
  expect(new Set(recorded).size).toBe(sources.length);
  // Nothing half-written or left over: no temp file of any attempt.
  expect((await readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
}

interface Summary {
  processed: number;
  failed: number;
  cancelled: boolean;
  distributed?: { machines: { machine: string; jobs: number }[]; requeued: number; recovered: number };
}

const summaryOf = (stdout: string): Summary => JSON.parse(stdout.trim().split('\n').at(-1)!) as Summary;

describe.skipIf(redisMissing)('batches shared over Redis', () => {
  let redis: RedisServer;
  let root: string;
  let input: string;
  const workers: WorkerChild[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    root = await mkdtemp(join(tmpdir(), 'pixmill-redis-'));
    input = join(root, 'in');
    await makeImages(input, 24);
  }, 120_000);

  afterEach(async () => {
    for (const w of workers.splice(0)) {
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await w.exited;
    }
  });

  afterAll(async () => {
    await redis?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('shares one batch between two machines, each file once, with the pixels one machine makes', async () => {
    workers.push(await startWorker(redis.url), await startWorker(redis.url));
    const out = join(root, 'shared');
    const run = await pixmill('run', input, '-o', out, '--redis', redis.url, '--json', ...RECIPE);
    expect(run.code, run.stderr).toBe(0);
    const summary = summaryOf(run.stdout);
    expect(summary.processed).toBe(24);
    const machines = summary.distributed!.machines;
    expect(machines.reduce((n, m) => n + m.jobs, 0)).toBe(24);
    await expectExactlyOnce(input, out);

    // The same recipe on one machine: the same pixels, file for file.
    const local = join(root, 'local');
    const alone = await pixmill('run', input, '-o', local, '--mode', 'inline', ...RECIPE);
    expect(alone.code, alone.stderr).toBe(0);
    for (const name of await images(local)) {
      const [a, b] = await Promise.all([join(out, name), join(local, name)].map((p) => sharp(p).raw().toBuffer()));
      expect(a!.equals(b!), name).toBe(true);
    }

    // Run again: everything is up to date, and nothing goes on the queue.
    const again = await pixmill('run', input, '-o', out, '--redis', redis.url, '--json', ...RECIPE);
    expect(summaryOf(again.stdout).processed).toBe(0);
    await expectExactlyOnce(input, out);
  }, 180_000);

  it('finishes the jobs of a machine killed mid-batch on the other one', async () => {
    const victim = await startWorker(redis.url);
    workers.push(victim);
    const out = join(root, 'killed');
    const run = pixmill('run', input, '-o', out, '--redis', redis.url, '--json', ...RECIPE);
    // Killed once it has answered an image and holds the next ones (it runs two at once).
    await until(() => /: done/.test(victim.stderr()), 'the first answer of the worker to kill');
    victim.child.kill('SIGKILL');
    await victim.exited;
    workers.push(await startWorker(redis.url));
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    const summary = summaryOf(result.stdout);
    expect(summary.processed + 0).toBeGreaterThan(0);
    expect(summary.failed).toBe(0);
    expect(summary.distributed!.recovered).toBeGreaterThanOrEqual(1);
    await expectExactlyOnce(input, out);
  }, 180_000);

  it('puts back what Redis lost when it restarts empty mid-batch', async () => {
    workers.push(await startWorker(redis.url, '--workers', '1'), await startWorker(redis.url, '--workers', '1'));
    const out = join(root, 'restarted');
    const run = pixmill('run', input, '-o', out, '--redis', redis.url, '--json', ...RECIPE);
    await until(async () => (await images(out).catch(() => [])).length >= 3, 'the first outputs');
    await redis.restart();
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    const summary = summaryOf(result.stdout);
    expect(summary.failed).toBe(0);
    expect(summary.distributed!.requeued).toBeGreaterThanOrEqual(1);
    await expectExactlyOnce(input, out);
  }, 180_000);

  it('a machine that cannot see the files says so and leaves them to one that can', async () => {
    const blind = await startWorker(redis.url, '--path-map', `${root}=/nowhere/pixmill-shared`);
    workers.push(blind);
    const out = join(root, 'blind');
    const run = pixmill('run', input, '-o', out, '--redis', redis.url, '--json', ...RECIPE);
    expect(await blind.exited).toBe(1);
    expect(blind.stderr()).toMatch(/cannot see \/nowhere\/pixmill-shared.*--path-map/s);
    workers.push(await startWorker(redis.url));
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/cannot see/);
    expect(summaryOf(result.stdout).failed).toBe(0);
    await expectExactlyOnce(input, out);
  }, 180_000);

  it('a machine that mounts the storage elsewhere works through --path-map, and records paths as the batch names them', async () => {
    // The same folder under another name: what a second machine's mount point is.
    const mount = join(root, 'mounted-here');
    await symlink(root, mount);
    workers.push(await startWorker(redis.url, '--path-map', `${root}=${mount}`));
    const out = join(root, 'mapped');
    const run = await pixmill('run', input, '-o', out, '--redis', redis.url, '--json', ...RECIPE);
    expect(run.code, run.stderr).toBe(0);
    expect(summaryOf(run.stdout).processed).toBe(24);
    const outputs = (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { outputs: { output: string }[] }).outputs;
    for (const o of outputs) expect(o.output.startsWith(`${out}/`), o.output).toBe(true);
    const record = (await readFile(join(out, '.pixmill-record.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const recorded = record.map((l) => JSON.parse(l) as { out?: string }).flatMap((e) => (e.out ? [e.out] : []));
    expect(recorded.length).toBe(24);
    for (const path of recorded) expect(path.startsWith(`${out}/`), path).toBe(true);
    await expectExactlyOnce(input, out);
  }, 180_000);

  it('the window shares a batch through its handlers when the request names the Redis server', async () => {
    workers.push(await startWorker(redis.url));
    const { createHandlers } = await import('../electron/main/handlers.js');
    const { makePipeline } = await import('../common/pipeline.js');
    const events: EngineEvent[] = [];
    const none = async () => null;
    const handlers = createHandlers({
      version: '0.0.0',
      dialogs: {
        addFolders: async () => [],
        addFiles: async () => [],
        chooseOutput: none,
        chooseWatermark: none,
        chooseCsvPath: none,
      },
      store: {
        getSettings: () => ({ outDir: '', mode: 'auto', workers: 0 }),
        setSettings: () => {},
        listPresets: () => [],
        savePreset: () => {},
        deletePreset: () => {},
      },
      openPath: async () => '',
      emit: (name, payload) => {
        if (name === 'batch:event') events.push((payload as { event: EngineEvent }).event);
      },
    });
    const out = join(root, 'window');
    const request = {
      inputs: [input],
      outDir: out,
      spec: makePipeline({ steps: [{ op: 'resize', params: { by: 'longEdge', longEdge: 320 } }] }),
      mode: 'auto',
      workers: 2,
    };
    // Redis not there: refused at the field, in words, before anything starts.
    const refused = await handlers['batch:start']({ ...request, redis: 'redis://127.0.0.1:1' });
    expect(refused).toMatchObject({ ok: false, field: 'redis', message: expect.stringMatching(/Cannot reach Redis/) });
    const bad = await handlers['batch:start']({ ...request, redis: 'http://nas' });
    expect(bad).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Redis address such as redis:\/\/nas:6379/),
    });
    const started = await handlers['batch:start']({ ...request, redis: redis.url });
    expect(started.ok).toBe(true);
    await until(() => events.some((e) => e.type === 'summary'), 'the summary');
    const summary = events.find((e) => e.type === 'summary') as Extract<EngineEvent, { type: 'summary' }>;
    expect(summary.processed).toBe(24);
    expect(summary.distributed?.machines.map((m) => m.jobs)).toEqual([24]);
    await expectExactlyOnce(input, out);
    await handlers.dispose();
  }, 180_000);

  it('refuses a Redis that is not there, in plain words, before any work', async () => {
    const result = await runChild(process.execPath, [
      PIXMILL_BIN,
      'run',
      input,
      '-o',
      join(root, 'nowhere'),
      '--redis',
      'redis://127.0.0.1:1',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot reach Redis at redis:\/\/127\.0\.0\.1:1: nothing is listening there/);
  });

  it('pause holds every machine, resume lets them go on, cancel stops them all and leaves nothing half-written', async () => {
    workers.push(await startWorker(redis.url, '--workers', '1'), await startWorker(redis.url, '--workers', '1'));
    const { startBatch } = await import('../workers/batch/run-batch.js');
    const { RedisJobQueue } = await import('../workers/queue/redis-queue.js');
    const { redisTarget } = await import('../workers/queue/redis-target.js');
    const { makePipeline } = await import('../common/pipeline.js');
    const jobs = await RedisJobQueue.open({ redis: redisTarget(redis.url), queue: 'pixmill', watchMs: 200 });
    const out = join(root, 'out');
    const events: string[] = [];
    let progress: { paused: boolean; running: number } | undefined;
    const spec = makePipeline({ steps: [{ op: 'resize', params: { by: 'longEdge', longEdge: 640 } }] });
    const handle = startBatch({
      inputs: [input],
      outDir: out,
      spec,
      queue: (_batch, emit) => jobs.onEvent(emit),
      onEvent: (e) => {
        if (e.type === 'file-done') events.push(e.file);
        if (e.type === 'progress') progress = e;
      },
    });
    await until(() => events.length >= 2, 'the first answers');
    handle.pause();
    // Paused: the machines finish what they hold, then take nothing more.
    const { Queue } = await import('bullmq');
    const queue = new Queue('pixmill', { connection: redisTarget(redis.url).options });
    await until(async () => (await queue.getActiveCount()) === 0, 'the machines to finish their images in work');
    // …and the planning machine has heard every answer they gave: the pause has taken effect.
    await until(() => progress?.paused === true && progress.running === 0, 'the batch to report nothing in hand');
    const held = events.length;
    const counts = await queue.getJobCounts('waiting', 'paused');
    expect((counts['waiting'] ?? 0) + (counts['paused'] ?? 0)).toBeGreaterThan(0);
    // The queue itself is paused, so no machine can take the images still on it.
    expect(await queue.isPaused()).toBe(true);
    expect(await queue.getActiveCount()).toBe(0);
    expect(events.length).toBe(held);
    handle.resume();
    await until(() => events.length >= held + 2, 'work to go on after resume');
    handle.cancel();
    const summary = await handle.done;
    await jobs.close();
    expect(summary.cancelled).toBe(true);
    expect(summary.processed).toBeLessThan(24);
    // Nothing of the batch stays on the queue, and the machines are idle and alive.
    await until(async () => {
      const left = await queue.getJobCounts('waiting', 'paused', 'active', 'delayed');
      return Object.values(left).every((n) => n === 0);
    }, 'the queue to empty after cancel');
    await queue.close();
    for (const w of workers) expect(w.child.exitCode).toBeNull();
    // Every output there is whole, and no temp file is left.
    const names = await readdir(out);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    for (const name of names.filter((n) => n.endsWith('.jpg'))) {
      const meta = await sharp(join(out, name)).metadata();
      expect(Math.max(meta.width, meta.height)).toBe(640);
    }
  }, 180_000);
});
