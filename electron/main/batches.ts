// The batches the window started: each runs in the engine, its events forwarded to the renderer.
import type { BatchRequest, ResponseMap, Result } from '../../common/ipc.js';
import { startBatch } from '../../workers/batch/run-batch.js';
import type { BatchHandle, BatchOptions } from '../../workers/batch/types.js';
import type { HandlerDeps } from './handlers.js';
import { refusalOf } from './refuse-batch.js';

export class BatchRegistry {
  private readonly running = new Map<string, BatchHandle>();
  private next = 1;

  constructor(private readonly deps: HandlerDeps) {}

  async start(req: BatchRequest): Promise<Result<ResponseMap['batch:start']>> {
    const id = `b${this.next++}`;
    const options: BatchOptions = {
      ...req,
      ...(req.mode === 'auto' ? { spawners: this.deps.spawners } : { spawner: this.deps.spawners?.[req.mode] }),
      onEvent: (event) => this.deps.emit('batch:event', { id, event }),
    };
    const refused = await refusalOf(options);
    if (refused) return refused;
    const shared = await this.sharedQueue(req.redis ?? this.deps.redis);
    if (shared && 'ok' in shared) return shared;
    if (shared) options.queue = (_batch, emit) => shared.onEvent(emit);
    const handle = startBatch(options);
    void handle.done.finally(() => shared?.close());
    this.running.set(id, handle);
    this.deps.log?.('info', `batch ${id} started: ${req.inputs.length} input(s), ${req.workers} ${req.mode} worker(s)`);
    void handle.done
      .then(
        (summary) => {
          const what = summary.cancelled ? 'Batch cancelled' : 'Batch finished';
          this.deps.onBatchEnd?.(
            what,
            `${summary.processed} processed, ${summary.failed} failed, ${summary.skipped} skipped`,
          );
          this.deps.log?.(
            'info',
            `batch ${id}: ${what.toLowerCase()} (${summary.processed}/${summary.failed}/${summary.skipped})`,
          );
        },
        (e: unknown) => this.deps.log?.('error', `batch ${id} ended with an error: ${String(e)}`),
      )
      .finally(() => this.running.delete(id));
    return { ok: true, value: { id } };
  }

  /**
   * The queue of a batch shared over Redis (the request's address, else the one the app was
   * started with): opened only then, so a batch on this machine never loads BullMQ. Redis not
   * answering refuses the batch at the field, in words.
   */
  private async sharedQueue(url: string | undefined) {
    if (!url) return undefined;
    const [{ RedisJobQueue }, { redisTarget }, { DEFAULT_QUEUE }] = await Promise.all([
      import('../../workers/queue/redis-queue.js'),
      import('../../workers/queue/redis-target.js'),
      import('../../workers/queue/names.js'),
    ]);
    try {
      return await RedisJobQueue.open({ redis: redisTarget(url), queue: DEFAULT_QUEUE });
    } catch (e) {
      const refusal: Extract<Result<never>, { ok: false }> = {
        ok: false,
        code: 'INVALID_SETTINGS',
        field: 'redis',
        message: e instanceof Error ? e.message : String(e),
      };
      return refusal;
    }
  }

  async control(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<Result<null>> {
    const handle = this.running.get(id);
    if (!handle) return { ok: false, code: 'NOT_FOUND', message: `There is no running batch ${id}.` };
    handle[action]();
    return { ok: true, value: null };
  }

  async cancelAll(): Promise<void> {
    const all = [...this.running.values()];
    for (const h of all) h.cancel();
    await Promise.allSettled(all.map((h) => h.done));
  }
}
