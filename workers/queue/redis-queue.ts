// The planning machine's side of a shared batch: the batch hands each job here, it goes onto a
// BullMQ queue on Redis, and whichever `pixmill worker` takes it answers through BullMQ's event
// stream. BullMQ keeps its guarantees (one job per id, a stopped machine's job taken over by
// another); what it cannot know — that Redis restarted empty — is watched here, and the jobs not
// answered are put back (the record in the output folder says what was already made).
import { randomBytes } from 'node:crypto';
import { debuglog } from 'node:util';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { fileError } from '../../common/errors.js';
import type { DistributedReport, EngineEvent } from '../../common/events.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import type { JobQueue } from '../batch/types.js';
import { jobIdOf } from './job-id.js';
import { cancelledKey, controlChannel, IMAGE_JOB, noticeChannel } from './names.js';
import { checkRedis, type RedisTarget } from './redis-target.js';
import type { QueueAnswer, QueuedJob } from './wire.js';

const debug = debuglog('pixmill');

export interface RedisQueueOptions {
  redis: RedisTarget;
  queue: string;
  /** Jobs kept on the queue at once: enough for every worker of every machine to have one waiting. */
  window?: number;
  /** How often Redis is asked whether it restarted and whether anyone takes the jobs. */
  watchMs?: number;
}

interface Pending {
  data: QueuedJob;
  answer(result: JobResult): void;
  active: boolean;
  /** Reconciliations in a row that found the job gone from Redis. */
  missing: number;
}

/** How long a cancelled batch waits for the answers of its running jobs: the pool's grace and a margin. */
const CANCEL_ANSWER_MS = 5000;

const cancelled = (): JobResult => ({ status: 'failed', ...fileError('CANCELLED', 'worker') });

export class RedisJobQueue implements JobQueue {
  readonly window: number;
  private readonly pending = new Map<string, Pending>();
  private readonly machines = new Map<string, number>();
  private requeued = 0;
  private recovered = 0;
  private runId: string | undefined;
  private watching: NodeJS.Timeout | undefined;
  private noWorkersSaid = false;
  private looks = 0;
  private cancelSent = false;
  private readonly signals = new WeakSet<AbortSignal>();
  private closed = false;
  private emit: (e: EngineEvent) => void = () => {};

  private constructor(
    private readonly options: RedisQueueOptions,
    private readonly batch: string,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly client: Redis,
    private readonly notices: Redis,
  ) {
    this.window = options.window ?? 256;
  }

  /** Connects (refusing in plain words when Redis cannot be reached) and starts listening. */
  static async open(options: RedisQueueOptions): Promise<RedisJobQueue> {
    await checkRedis(options.redis);
    const connection = { ...options.redis.options, maxRetriesPerRequest: null };
    const client = new Redis(connection);
    client.on('error', (e) => debug('queue: redis: %s', e));
    // The event stream is read from Redis's own clock, so no answer given before we listen is missed.
    const [seconds] = await client.time();
    const queue = new Queue(options.queue, { connection });
    queue.on('error', (e) => debug('queue: %s', e));
    const events = new QueueEvents(options.queue, { connection, lastEventId: `${Number(seconds) * 1000}-0` });
    events.on('error', (e) => debug('queue events: %s', e));
    const notices = new Redis(connection);
    notices.on('error', (e) => debug('queue: notices: %s', e));
    const batch = randomBytes(8).toString('hex');
    const self = new RedisJobQueue(options, batch, queue, events, client, notices);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    // A planning machine that stopped while paused would leave the queue paused for good.
    await queue.resume();
    self.runId = await self.serverRunId();
    self.listen();
    await notices.subscribe(noticeChannel(options.queue));
    return self;
  }

  /** Says what a person should know (a machine that cannot see the files, Redis gone and back). */
  onEvent(emit: (e: EngineEvent) => void): this {
    this.emit = emit;
    return this;
  }

  get waiting(): number {
    let n = 0;
    for (const p of this.pending.values()) if (!p.active) n++;
    return n;
  }

  run(job: ImageJob, signal: AbortSignal): Promise<JobResult> {
    if (signal.aborted) return Promise.resolve(cancelled());
    this.watchSignal(signal);
    const id = jobIdOf(job);
    const same = this.pending.get(id);
    // The same source, recipe and place twice in one batch: one job, one answer for both.
    if (same) return new Promise((resolve) => this.pending.set(id, chain(same, resolve)));
    return new Promise<JobResult>((resolve) => {
      let settled = false;
      const settle = (result: JobResult) => {
        if (settled) return;
        settled = true;
        this.pending.delete(id);
        resolve(result);
      };
      this.pending.set(id, { data: { job, batch: this.batch }, answer: settle, active: false, missing: 0 });
      void this.add(id);
    });
  }

  /**
   * The batch's cancel: every machine stops this batch's jobs, the ones still waiting leave the
   * queue, and each job in hand is answered at once. One listener for all of them.
   */
  private watchSignal(signal: AbortSignal): void {
    if (this.signals.has(signal)) return;
    this.signals.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        this.cancelAll();
        for (const [id, p] of [...this.pending]) {
          // A running job is stopped by its machine, which answers within the pool's grace (the
          // image may finish in it, and is then counted as written); a machine gone silent is not waited for.
          if (p.active) {
            setTimeout(() => p.answer(cancelled()), CANCEL_ANSWER_MS).unref();
            continue;
          }
          void this.queue.remove(id).catch((e: unknown) => debug('queue: %s not removed: %s', id, e));
          p.answer(cancelled());
        }
      },
      { once: true },
    );
  }

  pause(): void {
    void this.queue.pause().catch((e: unknown) => debug('queue: not paused: %s', e));
  }

  resume(): void {
    void this.queue.resume().catch((e: unknown) => debug('queue: not resumed: %s', e));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watching);
    await this.queue.resume().catch((e: unknown) => debug('queue: not resumed: %s', e));
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    this.client.disconnect();
    this.notices.disconnect();
  }

  reports(): { distributed: DistributedReport } {
    const machines = [...this.machines].map(([machine, jobs]) => ({ machine, jobs })).sort((a, b) => b.jobs - a.jobs);
    return {
      distributed: {
        queue: this.options.queue,
        redis: this.options.redis.label,
        machines,
        requeued: this.requeued,
        recovered: this.recovered,
      },
    };
  }

  /** Puts a job on the queue, trying again while Redis is away; a job id it already holds adds nothing. */
  private async add(id: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const p = this.pending.get(id);
      if (!p || this.closed) return;
      try {
        await this.queue.add(IMAGE_JOB, p.data, { jobId: id, removeOnComplete: true, removeOnFail: true });
        return;
      } catch (e) {
        debug('queue: %s not added (attempt %d): %s', id, attempt + 1, e);
        await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
      }
    }
  }

  private listen(): void {
    this.events.on('active', ({ jobId }) => {
      const p = this.pending.get(jobId);
      if (p) p.active = true;
    });
    this.events.on('completed', ({ jobId, returnvalue }) => {
      const p = this.pending.get(jobId);
      if (!p) return;
      const answer = returnvalue as unknown as QueueAnswer;
      // What each machine did: a job it stopped because the batch was cancelled is not one.
      const stopped = answer.result.status === 'failed' && answer.result.code === 'CANCELLED';
      if (!stopped) this.machines.set(answer.machine, (this.machines.get(answer.machine) ?? 0) + 1);
      p.answer(answer.result);
    });
    this.events.on('stalled', ({ jobId }) => {
      const p = this.pending.get(jobId);
      if (!p) return;
      this.recovered++;
      p.active = false;
      p.data = { ...p.data, again: true };
    });
    // A job fails in BullMQ only when its machines stopped answering more often than allowed: a
    // file's own failure is an answer like any other (`completed`, with a failed result).
    this.events.on('failed', ({ jobId, failedReason }) => {
      const p = this.pending.get(jobId);
      if (!p) return;
      p.answer({
        status: 'failed',
        ...fileError(
          'WORKER_CRASHED',
          'worker',
          failedReason,
          'The machines that took this image stopped before finishing it, more than once.',
        ),
      });
    });
    this.notices.on('message', (_channel: string, text: string) => {
      try {
        const notice = JSON.parse(text) as { batch?: string; message?: string };
        if (typeof notice.message === 'string' && (notice.batch === undefined || notice.batch === this.batch))
          this.emit({ type: 'queue-notice', message: notice.message });
      } catch (e) {
        debug('queue: a notice was not JSON: %s', e);
      }
    });
    const every = this.options.watchMs ?? 1000;
    // One look at a time: while Redis is away a look waits for it, and looks must not pile up behind it.
    let looking = false;
    this.watching = setInterval(() => {
      if (looking) return;
      looking = true;
      void this.watch()
        .catch((e: unknown) => debug('queue: watch: %s', e))
        .finally(() => (looking = false));
    }, every);
    this.watching.unref();
  }

  private async serverRunId(): Promise<string | undefined> {
    const info = await this.client.info('server');
    return /run_id:(\w+)/.exec(info)?.[1];
  }

  /**
   * Redis restarted (a new run id): what it held is gone, so every job not answered is put back,
   * marked so that its worker first looks for an output already in place. Jobs gone from Redis
   * for two checks in a row (an answer lost with a connection) are put back the same way.
   */
  private async watch(): Promise<void> {
    if (this.closed || this.pending.size === 0) return;
    const runId = await this.serverRunId();
    if (runId && this.runId && runId !== this.runId) {
      this.runId = runId;
      const lost = [...this.pending.keys()];
      this.emit({
        type: 'queue-notice',
        message: `Redis at ${this.options.redis.label} restarted and lost its queue; ${lost.length} image${lost.length === 1 ? '' : 's'} put on it again.`,
      });
      for (const id of lost) this.putBack(id);
      return;
    }
    this.runId ??= runId;
    // Asking after every job costs Redis a script each: every tenth look is soon enough for an
    // answer lost in transit, and keeps the queue's own cost per job down.
    if (++this.looks % 10 !== 0) return;
    const ids = [...this.pending.keys()];
    const states = await Promise.all(ids.map((id) => this.queue.getJobState(id)));
    for (const [i, id] of ids.entries()) {
      const p = this.pending.get(id);
      if (!p) continue;
      p.missing = states[i] === 'unknown' ? p.missing + 1 : 0;
      if (p.missing >= 2) this.putBack(id);
    }
    const workers = await this.queue.getWorkersCount();
    if (workers === 0 && !this.noWorkersSaid) {
      this.noWorkersSaid = true;
      this.emit({
        type: 'queue-notice',
        message: `No machine is taking jobs from queue "${this.options.queue}" on ${this.options.redis.label}. Start one: pixmill worker --redis ${this.options.redis.label}`,
      });
    } else if (workers > 0) this.noWorkersSaid = false;
  }

  private putBack(id: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.requeued++;
    p.active = false;
    p.missing = 0;
    p.data = { ...p.data, again: true };
    void this.add(id);
  }

  /** Once per batch: every machine stops this batch's jobs, and refuses any it takes later. */
  private cancelAll(): void {
    if (this.cancelSent) return;
    this.cancelSent = true;
    const { queue } = this.options;
    void this.client
      .multi()
      .set(cancelledKey(queue, this.batch), '1', 'EX', 86_400)
      .publish(controlChannel(queue), JSON.stringify({ cancel: this.batch }))
      .exec()
      .catch((e: unknown) => debug('queue: cancel not sent: %s', e));
  }
}

/** A second caller of the same job gets the first one's answer too. */
function chain(first: Pending, also: (r: JobResult) => void): Pending {
  const answer = first.answer;
  return {
    ...first,
    answer: (r) => {
      answer(r);
      also(r);
    },
  };
}
