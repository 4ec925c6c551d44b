// One machine's share of batches planned elsewhere: a BullMQ worker takes image jobs from the
// queue and hands each to this machine's own pool (processes, threads or auto, with the memory
// budget), so the CPU work never runs on the event loop that renews BullMQ's locks. A job taken
// again looks for its output before working; a machine that cannot see the files says so and
// leaves the job to the others.
import { randomBytes } from 'node:crypto';
import { access, mkdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { debuglog } from 'node:util';
import { DelayedError, type Job, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { WorkerMode } from '../../common/concurrency.js';
import { fileError } from '../../common/errors.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import { type PathMap, toLocal } from '../../common/path-map.js';
import { PoolDriver } from '../batch/pool-driver.js';
import { localJob, sharedResult } from './local-job.js';
import { cancelledKey, controlChannel, noticeChannel } from './names.js';
import { ownEarlierOutput, priorOutput, retryPolicy } from './prior-output.js';
import { checkRedis, type RedisTarget } from './redis-target.js';
import type { QueueAnswer, QueuedJob } from './wire.js';

const debug = debuglog('pixmill');

export interface QueueWorkerOptions {
  redis: RedisTarget;
  queue: string;
  mode: WorkerMode | 'auto';
  workers: number;
  memoryBudgetMb?: number | undefined;
  pathMap: PathMap;
  /**
   * How long a job of a machine that stopped answering waits before another machine takes it.
   * Locks are renewed at half this; the CPU work is in other processes, so renewals are not late.
   */
  stallSeconds: number;
  /** One line per job answered, and what this machine is told (for --verbose and the tests). */
  onLine?: (line: string) => void;
  /** This machine cannot see the batch's files: it has put the job back and stops. */
  onBlind?: (message: string) => void;
}

export interface QueueWorker {
  readonly machine: string;
  /** Jobs answered so far. */
  readonly answered: number;
  /** Stops taking jobs; lets running ones finish unless `now`. */
  close(now?: boolean): Promise<void>;
}

const cancelledResult = (): JobResult => ({ status: 'failed', ...fileError('CANCELLED', 'worker') });

export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  await checkRedis(options.redis);
  // A worker process whose parent (this one) is killed stops at once rather than finishing its
  // job: another machine takes that job over, and two writers of one output must never meet.
  process.env['PIXMILL_ORPHAN_EXIT'] = '1';
  const machine = `${hostname()}:${process.pid}`;
  const driver = new PoolDriver(
    { mode: options.mode, workers: options.workers, memoryBudgetMb: options.memoryBudgetMb },
    {},
    () => {},
  );
  const connection = { ...options.redis.options, maxRetriesPerRequest: null };
  const client = new Redis(connection);
  client.on('error', (e) => debug('queue worker: redis: %s', e));
  const control = new Redis(connection);
  control.on('error', (e) => debug('queue worker: control: %s', e));
  const running = new Map<string, { batch: string; stop: AbortController }>();
  const cancelled = new Set<string>();
  await control.subscribe(controlChannel(options.queue));
  control.on('message', (_channel: string, text: string) => {
    try {
      const { cancel } = JSON.parse(text) as { cancel?: string };
      if (typeof cancel !== 'string') return;
      cancelled.add(cancel);
      for (const r of running.values()) if (r.batch === cancel) r.stop.abort();
    } catch (e) {
      debug('queue worker: a control message was not JSON: %s', e);
    }
  });

  // The control channel tells running workers at once; the key is for one that was not listening
  // then. It is asked at most once a second per batch: not a round trip on every job.
  const askedAt = new Map<string, number>();
  const isCancelled = async (batch: string): Promise<boolean> => {
    if (cancelled.has(batch)) return true;
    const now = Date.now();
    if (now - (askedAt.get(batch) ?? 0) < 1000) return false;
    askedAt.set(batch, now);
    if (await client.exists(cancelledKey(options.queue, batch))) cancelled.add(batch);
    return cancelled.has(batch);
  };
  const seen = new SeenFolders(options.pathMap);
  let answered = 0;
  let blind = false;
  const process_ = async (job: Job<QueuedJob, QueueAnswer>, token?: string): Promise<QueueAnswer> => {
    const { batch } = job.data;
    const answer = (result: JobResult): QueueAnswer => {
      answered++;
      return { result: sharedResult(result, options.pathMap), machine };
    };
    if (await isCancelled(batch)) return answer(cancelledResult());
    const local = localJob(job.data.job, options.pathMap);
    const leaveIfBlind = async (unseen: string | undefined): Promise<void> => {
      if (unseen === undefined) return;
      const message = `${machine} cannot see ${unseen}, where the batch's files are: mount the shared storage under the same path, or map it with --path-map ${unseen}=/where/it/is/here. It left the image to the other machines and stopped.`;
      await client
        .publish(noticeChannel(options.queue), JSON.stringify({ batch, message }))
        .catch((e: unknown) => debug('queue worker: notice not sent: %s', e));
      if (!blind) {
        blind = true;
        options.onBlind?.(message);
      }
      // Back on the queue for another machine, not failed: the file is fine, this machine is not.
      await job.moveToDelayed(Date.now() + 200, token);
      throw new DelayedError();
    };
    await leaveIfBlind(await seen.unseen(local));
    const again = job.data.again === true || (job.attemptsStarted ?? 1) > 1;
    let run = local;
    if (again) {
      const prior = await priorOutput(local);
      if (prior) {
        options.onLine?.(`${local.input}: already done by an earlier attempt`);
        return answer(prior);
      }
      run = retryPolicy(await freshTemps(local));
    }
    await seen.made([run.outDir, ...(run.targets ?? []).map((t) => t.outDir)]);
    const stop = new AbortController();
    running.set(job.id!, { batch, stop });
    try {
      const ran = await driver.run(run, stop.signal, undefined);
      // A worker that died leaves its temp files; the planning machine knows only the first attempt's names.
      if (ran.status !== 'done') await removeTemps(run);
      // A file gone may be the whole share gone (unmounted mid-batch): that is this machine's failing, not the file's.
      if (ran.status === 'failed' && (ran.code === 'NOT_FOUND' || ran.code === 'READ_FAILED'))
        await leaveIfBlind(await seen.unseen(local, true));
      const result = again ? await ownEarlierOutput(local, ran) : ran;
      options.onLine?.(`${local.input}: ${result.status}`);
      return answer(result);
    } finally {
      running.delete(job.id!);
    }
  };

  const lockMs = Math.max(1000, options.stallSeconds * 1000);
  const worker = new Worker<QueuedJob, QueueAnswer>(options.queue, process_, {
    connection,
    // One job running and one waiting per worker, as on one machine: no worker idles while the
    // next job crosses the network.
    concurrency: options.workers * 2,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, lockMs / 2),
    // Taken over twice is plenty: a job that stops its machines a third time fails as WORKER_CRASHED.
    maxStalledCount: 2,
  });
  worker.on('error', (e) => debug('queue worker: %s', e));
  // A job whose lock could not be renewed (Redis restarted, or this machine was unreachable for
  // longer than the stall time) may already be running elsewhere: it is stopped here, so that its
  // output is written by one machine only.
  worker.on('lockRenewalFailed', (ids) => {
    for (const id of ids) running.get(id)?.stop.abort();
  });
  await worker.waitUntilReady();
  return {
    machine,
    get answered() {
      return answered;
    },
    async close(now = false) {
      if (now) for (const r of running.values()) r.stop.abort();
      await worker.close(now);
      await driver.close();
      control.disconnect();
      client.disconnect();
    },
  };
}

/**
 * The folders this machine has found or made, so that the thousandth job of a batch costs no
 * system call the first one already paid for.
 */
class SeenFolders {
  private readonly found = new Set<string>();
  private readonly madeHere = new Set<string>();

  constructor(private readonly map: PathMap) {}

  /**
   * The batch's folder this machine cannot reach, if any: the input root and the output folder
   * (where the record lies), as mapped here. Only those two: a sub-folder the planning machine
   * has just made may not show yet over a network share, and is simply made here too.
   */
  async unseen(job: ImageJob, lookAgain = false): Promise<string | undefined> {
    if (lookAgain) this.found.clear();
    const root = (job.journal?.entry as { root?: string } | undefined)?.root;
    const folders = [
      root ? toLocal(root, this.map) : dirname(job.input),
      job.journal ? dirname(job.journal.path) : job.outDir,
    ];
    for (const folder of folders) {
      if (this.found.has(folder)) continue;
      const there = await access(folder).then(
        () => true,
        () => false,
      );
      if (!there) return folder;
      this.found.add(folder);
    }
    return undefined;
  }

  async made(dirs: readonly string[]): Promise<void> {
    await Promise.all(
      dirs.map(async (dir) => {
        if (this.madeHere.has(dir)) return;
        await mkdir(dir, { recursive: true }).catch((e: unknown) => debug('queue worker: %s not made: %s', dir, e));
        this.madeHere.add(dir);
      }),
    );
  }
}

const removeTemps = (job: ImageJob) =>
  Promise.all(
    [job.tempPath, ...(job.targets ?? []).map((t) => t.tempPath)].map((t) =>
      rm(t, { force: true }).catch((e: unknown) => debug('queue worker: %s: %s', basename(t), e)),
    ),
  );

/**
 * A job taken again writes to temp files of its own: the earlier attempt's (if its machine
 * still lives, it may be writing) is removed, so that the earlier one can never move it into place.
 */
async function freshTemps(job: ImageJob): Promise<ImageJob> {
  const fresh = (temp: string) => join(dirname(temp), `.pixmill-${randomBytes(8).toString('hex')}.tmp`);
  await removeTemps(job);
  return {
    ...job,
    tempPath: fresh(job.tempPath),
    ...(job.targets ? { targets: job.targets.map((t) => ({ ...t, tempPath: fresh(t.tempPath) })) } : {}),
  };
}
