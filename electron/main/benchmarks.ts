// The window's benchmark: one at a time (two would race each other for the same cores and both
// answers would be wrong), on a sample of the queued images, with the app's own spawners.
import { availableParallelism } from 'node:os';
import { maxWorkers as maxWorkersFor } from '../../common/concurrency.js';
import type { AppBenchResult, ParsedRequestOf, Result } from '../../common/ipc.js';
import { BenchCancelledError, runAppBenchmark } from '../../workers/bench/app-bench.js';
import { sampleQueuedImages } from '../../workers/bench/app-sample.js';
import type { HandlerDeps } from './handlers.js';

type BenchRequest = ParsedRequestOf<'bench:run'>;

export class BenchmarkRunner {
  private running: { abort: AbortController; done: Promise<unknown> } | null = null;

  constructor(private readonly deps: Pick<HandlerDeps, 'emit' | 'spawners' | 'log'>) {}

  run(req: BenchRequest): Promise<Result<AppBenchResult>> {
    if (this.running) {
      return Promise.resolve({
        ok: false,
        code: 'FAILED',
        message: 'A benchmark is already running; wait for it to finish or cancel it first.',
      });
    }
    const maxWorkers = maxWorkersFor(availableParallelism());
    const tooMany = req.workers?.findIndex((n) => n > maxWorkers) ?? -1;
    if (tooMany >= 0) {
      const field = `workers.${tooMany}`;
      return Promise.resolve({
        ok: false,
        code: 'INVALID_REQUEST',
        field,
        message: `bench:run: ${field}: Expected at most ${maxWorkers} workers (two per core) but received ${req.workers![tooMany]}`,
      });
    }
    const abort = new AbortController();
    const done = this.benchmark(req, abort.signal);
    this.running = { abort, done };
    return done.finally(() => (this.running = null));
  }

  cancel(): Result<null> {
    if (!this.running) return { ok: false, code: 'NOT_FOUND', message: 'No benchmark is running.' };
    this.running.abort.abort();
    return { ok: true, value: null };
  }

  async dispose(): Promise<void> {
    const running = this.running;
    running?.abort.abort();
    await running?.done.catch(() => {});
  }

  private async benchmark(req: BenchRequest, signal: AbortSignal): Promise<Result<AppBenchResult>> {
    const files = await sampleQueuedImages(req.inputs, undefined, signal);
    if (signal.aborted) return cancelled();
    if (files.length === 0)
      return {
        ok: false,
        code: 'NOT_FOUND',
        field: 'inputs',
        message: 'There are no images in the queued folders and files to benchmark.',
      };
    this.deps.log?.('info', `benchmark started on ${files.length} image(s)`);
    try {
      const result = await runAppBenchmark({
        files,
        ...(req.modes ? { modes: req.modes } : {}),
        ...(req.workers ? { workers: req.workers } : {}),
        ...(req.rounds ? { rounds: req.rounds } : {}),
        ...(req.spec ? { spec: req.spec } : {}),
        spawners: this.deps.spawners,
        signal,
        onProgress: (progress) => this.deps.emit('bench:progress', progress),
      });
      this.deps.log?.('info', `benchmark finished: ${result.sentence}`);
      return { ok: true, value: result };
    } catch (e) {
      if (e instanceof BenchCancelledError) return cancelled();
      throw e;
    }
  }
}

const cancelled = (): Result<never> => ({ ok: false, code: 'CANCELLED', message: 'The benchmark was cancelled.' });
