// The window's Watch: the engine's watch over the queued folders, run with the app's spawners.
// Each burst of changes is a batch whose events go out on 'batch:event' under the watch's id, so
// the window shows its progress and errors as for any batch; the watch's own news goes out on
// 'watch:event'. Stop answers once the watch has closed.
import type { EngineEvent, WatchEvent } from '../../common/events.js';
import type { BatchRequest, ResponseMap, Result } from '../../common/ipc.js';
import { startWatch, type WatchHandle } from '../../workers/batch/watch.js';
import type { HandlerDeps } from './handlers.js';
import { refusalOf } from './refuse-batch.js';

const WATCH_EVENTS: ReadonlySet<string> = new Set<WatchEvent['type']>([
  'watch-ready',
  'watch-batch',
  'watch-idle',
  'watch-folder-gone',
  'watch-folder-back',
  'watch-stopped',
]);

const isWatchEvent = (event: EngineEvent | WatchEvent): event is WatchEvent => WATCH_EVENTS.has(event.type);

export class WatchRegistry {
  private readonly running = new Map<string, WatchHandle>();
  private next = 1;

  constructor(private readonly deps: HandlerDeps) {}

  async start(req: BatchRequest): Promise<Result<ResponseMap['watch:start']>> {
    const id = `w${this.next++}`;
    // A watch's bursts run on this machine's pool: sharing them over Redis is Start's alone.
    const { redis: _local, ...request } = req;
    const options = {
      ...request,
      ...(request.mode === 'auto' ? { spawners: this.deps.spawners } : { spawner: this.deps.spawners?.[request.mode] }),
      onEvent: (event: EngineEvent | WatchEvent) => {
        if (isWatchEvent(event)) this.deps.emit('watch:event', { id, event });
        else this.deps.emit('batch:event', { id, event });
      },
    };
    const refused = await refusalOf(options);
    if (refused) return refused;
    const handle = startWatch(options);
    this.running.set(id, handle);
    this.deps.log?.('info', `watch ${id} started: ${req.inputs.length} input(s), ${req.workers} ${req.mode} worker(s)`);
    void handle.done
      .then(
        () => this.deps.log?.('info', `watch ${id} ended`),
        (e: unknown) => this.deps.log?.('error', `watch ${id} ended with an error: ${String(e)}`),
      )
      .finally(() => this.running.delete(id));
    return { ok: true, value: { id } };
  }

  async stop(id: string): Promise<Result<null>> {
    const handle = this.running.get(id);
    if (!handle) return { ok: false, code: 'NOT_FOUND', message: `There is no running watch ${id}.` };
    await handle.stop();
    return { ok: true, value: null };
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([...this.running.values()].map((h) => h.stop()));
  }
}
