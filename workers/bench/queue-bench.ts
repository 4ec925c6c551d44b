// The queue row of `pixmill bench`: what sharing a batch over Redis costs per job. The same batch
// of many small JPEGs (where a per-job cost shows most) runs three ways in interleaved rounds:
// `pixmill run --mode processes --workers 2` on this machine's own pool, and `pixmill run --redis`
// with one `pixmill worker --workers 2`, then two `pixmill worker --workers 1`, all on this
// machine. The workers are started once before the rounds and stay up, as they do in real use;
// only the `pixmill run` is timed, from spawn to exit, and its summary and its output folder are
// checked, so a run that did not write every output is an error, not a figure.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePipeline } from '../../common/pipeline.js';
import { PIXMILL_BIN, pixmillEnv } from './contenders.js';
import { DATASETS, type DatasetSpec, ensureDataset, listImages } from './dataset.js';
import { jobPipeline } from './jobs.js';
import { type PrivateRedis, redisServerMissing, startPrivateRedis } from './redis-server.js';
import { median, rotate } from './rounds.js';

/** The goal for the queue's cost per job. */
export const QUEUE_GOAL = { msPerJob: 2, percent: 3 } as const;

/** The bench's own queues, one per Redis contender (both sets of workers stay up through the rounds). */
export const QUEUE_PREFIX = 'pixmill-bench';

export type QueueContenderId = 'local' | 'redis ×1' | 'redis ×2';

interface QueueContender {
  id: QueueContenderId;
  label: string;
  /** `pixmill worker` processes, and pool workers in each; none for the local pool. */
  machines: number;
  workersEach: number;
}

export const QUEUE_CONTENDERS: readonly QueueContender[] = [
  { id: 'local', label: 'local pool, processes ×2', machines: 0, workersEach: 2 },
  { id: 'redis ×1', label: 'Redis, 1 worker × 2 processes', machines: 1, workersEach: 2 },
  { id: 'redis ×2', label: 'Redis, 2 workers × 1 process', machines: 2, workersEach: 1 },
];

export interface QueueBenchOptions {
  /** The person's Redis (`pixmill bench --redis URL`); otherwise a private redis-server is started. */
  redisUrl?: string | undefined;
  quick?: boolean;
  rounds?: number;
  /** Replaces the generated small-JPEG set (tests use a tiny one). */
  dataset?: DatasetSpec;
  cacheDir?: string;
  /** An empty folder the bench may fill. */
  work: string;
  log?: (line: string) => void;
}

export interface QueueRun {
  round: number;
  id: QueueContenderId;
  wallSeconds: number;
  processed: number;
  failed: number;
  /** Output files found in the run's folder afterwards. */
  outputs: number;
  /** Machines that answered jobs (Redis runs). */
  machines?: number;
}

export interface QueueContenderResult {
  id: QueueContenderId;
  label: string;
  runs: number;
  wallSeconds: number | null;
  imagesPerSecond: number | null;
  /** Redis contenders: (median − local median) ÷ images. */
  overheadMsPerJob?: number | null;
  /** …and that as a share of the local pool's time per image (its throughput). */
  overheadPercent?: number | null;
}

export interface QueueBenchResult {
  /** Why the row was not measured (no Redis to use); absent when it was. */
  skipped?: string;
  /** What went wrong when a run failed or did not write every output; the row has no figures then. */
  failed?: string;
  images: number;
  rounds: number;
  /** Whose Redis: the one given with --redis, or a private server started for the row. */
  redis: 'given' | 'private' | null;
  contenders: QueueContenderResult[];
  runs: QueueRun[];
  goal: typeof QUEUE_GOAL;
  /** Every Redis contender within both limits; null when not measured. */
  goalMet: boolean | null;
}

/** The queue's cost per job against the local pool, from the two median wall times. */
export function queueOverhead(
  localSeconds: number,
  seconds: number,
  images: number,
): { msPerJob: number; percent: number } {
  const msPerJob = ((seconds - localSeconds) * 1000) / images;
  const localMsPerImage = (localSeconds * 1000) / images;
  return { msPerJob, percent: (100 * msPerJob) / localMsPerImage };
}

export const withinGoal = (o: { msPerJob: number; percent: number }): boolean =>
  o.msPerJob <= QUEUE_GOAL.msPerJob && o.percent <= QUEUE_GOAL.percent;

/** From the runs to the row: medians, images/s, the overhead of each Redis contender, the verdict. */
export function summariseQueue(
  runs: readonly QueueRun[],
  images: number,
  rounds: number,
  redis: 'given' | 'private',
): QueueBenchResult {
  const medianOf = (id: QueueContenderId) => median(runs.filter((r) => r.id === id).map((r) => r.wallSeconds));
  const local = medianOf('local');
  const contenders = QUEUE_CONTENDERS.map((c): QueueContenderResult => {
    const wall = medianOf(c.id);
    const base: QueueContenderResult = {
      id: c.id,
      label: c.label,
      runs: runs.filter((r) => r.id === c.id).length,
      wallSeconds: wall,
      imagesPerSecond: wall ? images / wall : null,
    };
    if (c.id === 'local') return base;
    const o = wall !== null && local !== null ? queueOverhead(local, wall, images) : null;
    return { ...base, overheadMsPerJob: o?.msPerJob ?? null, overheadPercent: o?.percent ?? null };
  });
  const redisRows = contenders.filter((c) => c.id !== 'local');
  const goalMet = redisRows.every((c) => c.overheadMsPerJob != null && c.overheadPercent != null)
    ? redisRows.every((c) => withinGoal({ msPerJob: c.overheadMsPerJob!, percent: c.overheadPercent! }))
    : null;
  return { images, rounds, redis, contenders, runs: [...runs], goal: QUEUE_GOAL, goalMet };
}

const noFigures = { images: 0, rounds: 0, redis: null, contenders: [], runs: [], goal: QUEUE_GOAL, goalMet: null };

export function skippedQueue(reason: string): QueueBenchResult {
  return { ...noFigures, skipped: reason };
}

export function failedQueue(message: string): QueueBenchResult {
  return { ...noFigures, failed: message };
}

const signed = (v: number, digits: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(digits)}`;

export function formatQueueReport(r: QueueBenchResult): string {
  const title = 'Through a Redis queue';
  if (r.skipped) return `${title}: skipped (${r.skipped})`;
  if (r.failed) return `${title}: FAILED (${r.failed})`;
  const head = `${title}: ${r.images} small JPEGs, medians of ${r.rounds} interleaved round${r.rounds === 1 ? '' : 's'}, ${r.redis === 'given' ? 'the Redis given with --redis' : 'a private redis-server on 127.0.0.1'}; workers on this machine`;
  const rows = [
    ['contender', 'wall s', 'img/s', 'overhead ms/job', 'of local'],
    ...r.contenders.map((c) => [
      c.label,
      c.wallSeconds === null ? '—' : c.wallSeconds.toFixed(2),
      c.imagesPerSecond === null ? '—' : c.imagesPerSecond.toFixed(1),
      c.overheadMsPerJob == null ? '' : signed(c.overheadMsPerJob, 2),
      c.overheadPercent == null ? '' : `${signed(c.overheadPercent, 1)} %`,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const goal = `goal: ≤ ${r.goal.msPerJob} ms and ≤ ${r.goal.percent} % per job`;
  const verdict =
    r.goalMet === null
      ? `${goal}: not measured`
      : r.goalMet
        ? `${goal}: met by both Redis contenders`
        : `${goal}: NOT met (${r.contenders
            .filter(
              (c) =>
                c.id !== 'local' &&
                !withinGoal({ msPerJob: c.overheadMsPerJob ?? Infinity, percent: c.overheadPercent ?? Infinity }),
            )
            .map((c) => c.id)
            .join(', ')})`;
  return [head, line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line), verdict].join(
    '\n',
  );
}

interface Summary {
  processed: number;
  failed: number;
  distributed?: { machines: { machine: string; jobs: number }[] };
}

interface WorkerProcess {
  child: ChildProcess;
  stderr: () => string;
}

const tail = (text: string) => text.trim().split('\n').slice(-3).join(' | ').slice(-400);

/**
 * The bench's children, so that an interruption (Ctrl-C) stops them all on its way out, each
 * with its own signal: a local `pixmill run` gets SIGTERM (it cancels and closes its pool), a
 * `pixmill worker` SIGKILL (its pool's processes stop with it).
 */
class Children {
  private readonly all = new Map<ChildProcess, NodeJS.Signals>();
  add(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
    this.all.set(child, signal);
    child.once('exit', () => this.all.delete(child));
  }
  killAll(): void {
    for (const [c, signal] of this.all) c.kill(signal);
  }
}

/** A `pixmill worker`, resolved once it says it is taking jobs. */
async function startWorker(url: string, queue: string, workers: number, children: Children): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [PIXMILL_BIN, 'worker', '--redis', url, '--queue', queue, '--mode', 'processes', '--workers', String(workers)],
    { env: pixmillEnv(process.env), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`pixmill worker did not start in 60 s: ${tail(stderr)}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
      if (stderr.includes('taking jobs from queue')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`pixmill worker exited (${code ?? signal}) before it was ready: ${tail(stderr)}`));
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  return { child, stderr: () => stderr };
}

/** SIGTERM (it finishes what it holds, which is nothing between runs), SIGKILL after 15 s. */
async function stopWorker(w: WorkerProcess): Promise<void> {
  const c = w.child;
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = once(c, 'exit');
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

async function countOutputs(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.jpg') && !e.name.startsWith('.')).length;
}

async function timedRun(
  c: QueueContender,
  input: string,
  out: string,
  pipelineFile: string,
  redis: string,
  children: Children,
): Promise<Omit<QueueRun, 'round'>> {
  const where =
    c.machines === 0
      ? ['--mode', 'processes', '--workers', String(c.workersEach)]
      : ['--redis', redis, '--queue', queueOf(c)];
  const args = [
    PIXMILL_BIN,
    'run',
    input,
    '--out',
    out,
    '--pipeline',
    pipelineFile,
    '--no-resume',
    '--json',
    '--quiet',
  ];
  const t0 = performance.now();
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [...args, ...where],
      { env: pixmillEnv(process.env), maxBuffer: 1 << 30 },
      (err, out, stderr) =>
        err ? reject(new Error(`${c.id}: pixmill run failed: ${tail(stderr || err.message)}`)) : resolve(out),
    );
    // A run on the queue has no pool of its own; the local one closes its pool when told to stop.
    children.add(child, c.machines === 0 ? 'SIGTERM' : 'SIGKILL');
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  const s = JSON.parse(stdout.trim().split('\n').at(-1)!) as Summary;
  const outputs = await countOutputs(out);
  const machines = s.distributed?.machines.filter((m) => m.jobs > 0).length;
  return {
    id: c.id,
    wallSeconds,
    processed: s.processed,
    outputs,
    failed: s.failed,
    ...(c.machines > 0 ? { machines: machines ?? 0 } : {}),
  };
}

const queueOf = (c: QueueContender) => `${QUEUE_PREFIX}-x${c.machines}`;

function expectAll(run: Omit<QueueRun, 'round'>, images: number): void {
  if (run.processed !== images || run.outputs !== images || run.failed !== 0)
    throw new Error(
      `${run.id}: expected ${images} images processed and written, got ${run.processed} processed (${run.failed} failed) and ${run.outputs} outputs`,
    );
}

export async function runQueueBench(o: QueueBenchOptions): Promise<QueueBenchResult> {
  const log = o.log ?? (() => {});
  let redis: PrivateRedis | undefined;
  let url = o.redisUrl;
  if (url === undefined) {
    const missing = await redisServerMissing();
    if (missing) return skippedQueue(missing);
  }
  const spec = o.dataset ?? (o.quick ? DATASETS.smallQuick : DATASETS.small);
  log(`Queue row: dataset ${spec.name}: generating what is not cached yet (once)…`);
  const input = await ensureDataset(spec, o.cacheDir);
  const images = (await listImages(input)).length;
  const rounds = o.rounds ?? (o.quick ? 3 : 5);
  const pipelineFile = join(o.work, 'queue-pipeline.json');
  await writeFile(pipelineFile, JSON.stringify(makePipeline(jobPipeline('small'))));

  const children = new Children();
  const workers: WorkerProcess[] = [];
  // Ctrl-C (or a kill) of the bench: no worker or server is left behind.
  const onSignal = (signal: NodeJS.Signals) => {
    children.killAll();
    redis?.child.kill('SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  const onExit = () => {
    children.killAll();
    redis?.child.kill('SIGKILL');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', onExit);
  let k = 0;
  const runOnce = async (c: QueueContender) => {
    const out = join(o.work, `queue-out-${++k}`);
    await mkdir(out);
    try {
      const run = await timedRun(c, input, out, pipelineFile, url!, children);
      expectAll(run, images);
      return run;
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  };
  try {
    if (url === undefined) {
      redis = await startPrivateRedis();
      url = redis.url;
      log(`Queue row: private redis-server on ${url}`);
    }
    for (const c of QUEUE_CONTENDERS)
      for (let m = 0; m < c.machines; m++) workers.push(await startWorker(url, queueOf(c), c.workersEach, children));
    // Untimed: the workers' pools start and the files are read into the page cache.
    for (const c of QUEUE_CONTENDERS.filter((c) => c.machines > 0)) await runOnce(c);
    const runs: QueueRun[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const c of rotate(QUEUE_CONTENDERS, round)) {
        const run = await runOnce(c);
        runs.push({ ...run, round });
        const machines = run.machines === undefined ? '' : ` (${run.machines} machine${run.machines === 1 ? '' : 's'})`;
        log(`[queue] round ${round + 1} ${c.id}: ${run.wallSeconds.toFixed(2)} s${machines}`);
      }
    }
    return summariseQueue(runs, images, rounds, o.redisUrl === undefined ? 'private' : 'given');
  } finally {
    await Promise.all(workers.map(stopWorker));
    // One that never said it was ready is not in `workers`.
    children.killAll();
    await redis?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  }
}
