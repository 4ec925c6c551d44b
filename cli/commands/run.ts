// `pixmill run`: drives one batch of the engine from the terminal and turns its end into an exit
// code — 0 all processed or skipped, 1 some failed, 2 bad usage, 130 interrupted.
import { writeFile } from 'node:fs/promises';
import type { BatchSummary, EngineEvent } from '../../common/events.js';
import { BatchOptionsError } from '../../workers/batch/prepare-batch.js';
import type { Tuner } from '../../workers/batch/tuner.js';
import type { BatchHandle, BatchOptions } from '../../workers/batch/types.js';
import type { WorkerPool } from '../../workers/pool/pool.js';

/** The workers this command starts and owns, handed to the batch. */
type SharedPool = { pool: WorkerPool; tuner?: Tuner };

import { asUsageError } from '../batch-refusal.js';
import {
  engineOptionsOf,
  machineWorkerRange,
  parseMemoryBudget,
  parseMode,
  parseWorkers,
  type RunFlags,
  runSettingsFromFlags,
} from '../options.js';
import {
  countOutputs,
  emptyTotals,
  type FileOutput,
  fileOutput,
  type OutputEntry,
  outputEntry,
  outputLines,
  recipeHeader,
} from '../output-report.js';
import { createProgressView } from '../progress-bar.js';
import { formatAnswer, formatFailure, formatWarnings, humanSummary, jsonSummary } from '../report.js';
import { exitCodeOf, onInterrupt } from '../signals.js';
import { specFromFlags } from '../spec-from-flags.js';
import { EXIT, UsageError } from '../usage-error.js';

/**
 * Starts the batch's workers from the flags alone, so that they start up (fork, load sharp)
 * while the inputs are expanded and checked and the engine is loaded, instead of after: the
 * pool (and for auto its tuner) the engine would start itself, handed to the batch.
 */
async function startWorkers(flags: RunFlags): Promise<SharedPool> {
  const mode = parseMode(flags.mode);
  // As runSettingsFromFlags reads them: unasked, auto's ceiling is the machine's most.
  const workers =
    flags.workers === undefined && mode === 'auto' ? machineWorkerRange().max : parseWorkers(flags.workers);
  const memoryBudgetMb = parseMemoryBudget(flags.memoryBudget);
  const { startPool } = await import('../../workers/batch/pool-driver.js');
  return startPool({ mode, workers, ...(memoryBudgetMb ? { memoryBudgetMb } : {}) });
}

export async function runCommand(
  inputs: string[],
  flags: RunFlags & { verbose?: boolean; dryRun?: boolean },
): Promise<number> {
  if (flags.dryRun) return dryRunCommand(inputs, flags);
  // Flags first: a mistyped one is answered before any worker is paid for. The spec is parsed
  // again with the rest of the settings; that costs far less than a worker's start.
  if (flags.quiet && flags.verbose) throw new UsageError('--quiet and --verbose: choose one of them');
  await specFromFlags(flags);
  if (flags.redis !== undefined) return runOnQueue(inputs, flags);
  const shared = await startWorkers(flags);
  const { pool } = shared;
  // Ctrl-C before the batch has begun (say, while paths come on stdin) stops the workers and quits.
  let early: NodeJS.Signals | undefined;
  const onEarlySignal = (signal: NodeJS.Signals): void => {
    early ??= signal;
    void pool.close().finally(() => process.exit(exitCodeOf(signal)));
  };
  process.on('SIGINT', onEarlySignal);
  process.on('SIGTERM', onEarlySignal);
  try {
    return await runWithPool(inputs, flags, { sharedPool: shared }, () => {
      process.off('SIGINT', onEarlySignal);
      process.off('SIGTERM', onEarlySignal);
    });
  } finally {
    process.off('SIGINT', onEarlySignal);
    process.off('SIGTERM', onEarlySignal);
    // The pool is ours: whatever became of the batch (done, refused, failed), no worker outlives it.
    if (!early) await pool.close();
  }
}

/**
 * `--redis URL`: the batch is planned here and its jobs go on the queue, for the machines running
 * `pixmill worker` to take. Redis is reached before anything else, so a wrong address costs nothing.
 */
async function runOnQueue(inputs: string[], flags: RunFlags & { verbose?: boolean }): Promise<number> {
  for (const [flag, value] of [
    ['--workers', flags.workers],
    ['--mode', flags.mode],
    ['--memory-budget', flags.memoryBudget],
  ] as const)
    if (value !== undefined)
      throw new UsageError(
        `${flag} does not apply with --redis: the machines running \`pixmill worker\` do the work; give it to them (pixmill worker ${flag} …)`,
      );
  const { parseQueue, parseRedis } = await import('../queue-flags.js');
  const redis = await parseRedis(flags.redis!);
  const queue = parseQueue(flags.queue);
  const { RedisJobQueue } = await import('../../workers/queue/redis-queue.js');
  let jobs: Awaited<ReturnType<typeof RedisJobQueue.open>>;
  try {
    jobs = await RedisJobQueue.open({ redis, queue });
  } catch (e) {
    process.stderr.write(`pixmill: ${(e as Error).message}\n`);
    return EXIT.someFailed;
  }
  try {
    return await runWithPool(inputs, flags, { queue: (_batch, emit) => jobs.onEvent(emit) }, () => {});
  } finally {
    await jobs.close();
  }
}

async function dryRunCommand(inputs: string[], flags: RunFlags): Promise<number> {
  const settings = await runSettingsFromFlags(inputs, flags);
  const { dryRun } = await import('./dry-run.js');
  const { json, layout, ...options } = settings;
  // The plan is the answer, whatever it holds: exit 0 unless the options themselves are wrong.
  await dryRun(options, json, layout).catch((err: unknown) => {
    throw err instanceof BatchOptionsError ? asUsageError(err) : err;
  });
  return EXIT.ok;
}

async function runWithPool(
  inputs: string[],
  flags: RunFlags & { verbose?: boolean },
  engine: Pick<BatchOptions, 'sharedPool' | 'queue'>,
  batchStarted: () => void,
): Promise<number> {
  const settings = await runSettingsFromFlags(inputs, flags);
  const header = settings.json ? undefined : recipeHeader(settings.spec, settings.layout);
  if (header) process.stdout.write(`${header}\n`);
  // Loaded only when a batch really runs, so `--help` and `presets` start instantly.
  const { startBatch } = await import('../../workers/batch/run-batch.js');
  const view = createProgressView();
  // --stats-file (used by `pixmill bench`): loaded only when asked for.
  const stats = flags.statsFile
    ? (await import('../../workers/bench/run-stats.js')).createRunStatsCollector()
    : undefined;
  const outputs: FileOutput[] = [];
  const failedOutputs = new Map<string, OutputEntry[]>();
  const totals = emptyTotals();
  const onEvent = (event: EngineEvent): void => {
    stats?.onEvent(event);
    if (event.type === 'file-done' || event.type === 'file-skipped' || event.type === 'file-failed') {
      countOutputs(totals, event);
    }
    if (settings.json && event.type === 'file-done') outputs.push(fileOutput(event));
    if (settings.json && event.type === 'file-failed' && event.outputs?.length) {
      failedOutputs.set(event.file, event.outputs.map(outputEntry));
    }
    const answer = flags.verbose && !settings.json ? formatAnswer(event) : undefined;
    if (answer) view.log(answer);
    // --quiet: errors only, so neither the bar nor the warnings of files that were processed.
    // Said even with --json and --quiet: a machine that cannot see the files is no progress detail.
    if (event.type === 'queue-notice') view.log(event.message);
    else if (event.type === 'progress') {
      if (!settings.quiet) view.update(event);
    } else if (settings.json) return;
    else if (event.type === 'file-failed') {
      view.log(formatFailure(event));
      // Which of its outputs were written before one failed.
      if (flags.verbose) for (const line of outputLines(event.outputs)) view.log(line);
    } else if ((event.type === 'file-done' || event.type === 'file-skipped') && event.warnings && !settings.quiet)
      for (const line of formatWarnings({ file: event.file, warnings: event.warnings })) view.log(line);
  };
  const handle: BatchHandle = startBatch({
    ...engineOptionsOf(settings),
    ...engine,
    onEvent,
    ...(stats ? { onPoolStats: stats.onPoolStats } : {}),
  });
  // Ctrl-C cancels the batch and lets it end cleanly; a second one quits at once.
  batchStarted();
  const signals = onInterrupt(
    () => handle.cancel(),
    (line) => view.log(line),
    'Cancelling…',
  );
  let summary: BatchSummary;
  try {
    summary = await handle.done;
  } catch (err) {
    // Only a refusal of the options is a usage mistake; anything else is a real failure.
    throw err instanceof BatchOptionsError ? asUsageError(err) : err;
  } finally {
    signals.dispose();
    view.stop();
  }
  if (stats && flags.statsFile) await writeFile(flags.statsFile, `${JSON.stringify(stats.finish())}\n`);
  if (settings.json)
    process.stdout.write(`${JSON.stringify(jsonSummary(summary, outputs, { totals, failedOutputs }))}\n`);
  else process.stdout.write(`${humanSummary(summary, settings.outDir, flags.verbose, totals)}\n`);
  const first = signals.received();
  const interrupted = first ? exitCodeOf(first) : undefined;
  if (interrupted !== undefined) return interrupted;
  if (summary.cancelled) return EXIT.interrupted;
  return summary.failed > 0 ? EXIT.someFailed : EXIT.ok;
}
