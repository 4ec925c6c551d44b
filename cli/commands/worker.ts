// `pixmill worker --redis URL`: this machine's share of batches planned elsewhere, until Ctrl-C
// (which lets the images in work finish; a second one stops them at once) — or until it finds it
// cannot see the batch's files, which it says in plain words, leaving the job to the others.
import { machineWorkerRange, parseMemoryBudget, parseMode, parseWorkers } from '../options.js';
import { parsePathMap, parseQueue, parseRedis, parseStallSeconds, type WorkerFlags } from '../queue-flags.js';
import { exitCodeOf } from '../signals.js';
import { EXIT } from '../usage-error.js';

export async function workerCommand(flags: WorkerFlags): Promise<number> {
  const redis = await parseRedis(flags.redis);
  const queue = parseQueue(flags.queue);
  const mode = parseMode(flags.mode);
  const workers =
    flags.workers === undefined && mode === 'auto' ? machineWorkerRange().max : parseWorkers(flags.workers);
  const memoryBudgetMb = parseMemoryBudget(flags.memoryBudget);
  const pathMap = parsePathMap(flags.pathMap ?? []);
  const stallSeconds = parseStallSeconds(flags.stallSeconds);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const { startQueueWorker } = await import('../../workers/queue/queue-worker.js');
  let stop: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  let worker: Awaited<ReturnType<typeof startQueueWorker>>;
  try {
    worker = await startQueueWorker({
      redis,
      queue,
      mode,
      workers,
      memoryBudgetMb,
      pathMap,
      stallSeconds,
      ...(flags.verbose ? { onLine: say } : {}),
      onBlind: (message) => {
        say(`pixmill worker: ${message}`);
        stop(EXIT.someFailed);
      },
    });
  } catch (e) {
    say(`pixmill worker: ${(e as Error).message}`);
    return EXIT.someFailed;
  }
  const kind =
    mode === 'auto' ? `up to ${workers} workers (auto)` : `${workers} ${mode === 'inline' ? 'inline' : mode}`;
  say(
    `pixmill worker ${worker.machine}: taking jobs from queue "${queue}" on ${redis.label} with ${kind}. Press Ctrl-C to stop.`,
  );
  let first: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (first) {
      void worker.close(true).finally(() => process.exit(exitCodeOf(first!)));
      return;
    }
    first = signal;
    say('Stopping once the images in work are finished (press Ctrl-C again to stop them now)…');
    stop(exitCodeOf(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await stopped;
  await worker.close();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  say(`pixmill worker: stopped after answering ${worker.answered} image${worker.answered === 1 ? '' : 's'}.`);
  return code;
}
