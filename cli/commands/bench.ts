// `pixmill bench [DIR]`: races Pixmill's modes against bare sharp, vipsthumbnail and ImageMagick
// on the user's images (or a generated set) and prints the tables, or JSON with --json. The
// measuring lives in workers/bench so the desktop app can run the same benchmark.
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { maxWorkers } from '../../common/concurrency.js';
import { BENCH_JOBS, type BenchJob } from '../../workers/bench/jobs.js';
import type { BenchResult } from '../../workers/bench/summarise.js';
import { EXIT, UsageError } from '../usage-error.js';

export interface BenchFlags {
  quick?: boolean;
  rounds?: string;
  json?: boolean;
  job?: string;
  workers?: string;
  /** true: --decoders, false: --no-decoders, undefined: on except with --quick. */
  decoders?: boolean;
  /** false: --no-queue (leave the queue row out); on otherwise. */
  queue?: boolean;
  /** The Redis the queue row uses; without it a private redis-server is started (if installed). */
  redis?: string;
  /** Also write the "threads or processes?" chart as SVG to this file. */
  chart?: string;
  /** Print the tables (and draw --chart) of earlier `--json` results (comma-separated, one job set each) instead of running. */
  from?: string;
}

/** `decoders`, `queue`: no race, that row alone; `quality` and `rerun` are benches of their own. */
const JOBS: Record<string, readonly BenchJob[]> = {
  ...Object.fromEntries(BENCH_JOBS.map((job) => [job, [job]])),
  all: BENCH_JOBS,
  both: ['plain', 'full'],
  decoders: [],
  queue: [],
};

/** Every name `--job` accepts, for the message that refuses one. */
export const JOB_CHOICES: readonly string[] = [...Object.keys(JOBS), 'quality', 'rerun'];

async function writeChart(result: BenchResult, file: string, quick: boolean): Promise<void> {
  const { renderChart } = await import('../../workers/bench/chart.js');
  const e = result.environment;
  const subtitle = `${e.cores} cores (${e.cpu}), ${e.date.slice(0, 10)}; medians of ${result.rounds} interleaved paired rounds${quick ? ' (--quick)' : ''}`;
  await writeFile(file, renderChart(result.shapes ?? [], subtitle));
}

function parseRounds(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw new UsageError(`--rounds: expected a whole number between 1 and 100, got "${raw}"`);
  return n;
}

/** "1,2" → [1, 2], each within what `pixmill run --workers` accepts. */
function parseWorkerList(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const max = maxWorkers(availableParallelism());
  const list = raw.split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1 || n > max)) {
    throw new UsageError(
      `--workers: expected a comma-separated list of whole numbers between 1 and ${max}, got "${raw}"`,
    );
  }
  return [...new Set(list)].sort((a, b) => a - b);
}

export async function benchCommand(dir: string | undefined, flags: BenchFlags): Promise<number> {
  if (flags.job === 'quality') {
    const { benchQuality } = await import('./bench-quality.js');
    return benchQuality(dir, parseRounds(flags.rounds), flags);
  }
  if (flags.job === 'rerun') {
    const { benchRerun } = await import('./bench-rerun.js');
    return benchRerun(parseRounds(flags.rounds), flags);
  }
  const jobs = JOBS[flags.job ?? 'all'];
  if (!jobs) throw new UsageError(`--job: expected ${JOB_CHOICES.join(', ')}, got "${flags.job}"`);
  if (flags.from !== undefined) {
    const { mergeResults } = await import('../../workers/bench/merge-results.js');
    const files = flags.from.split(',').filter(Boolean);
    const earlier = mergeResults(
      await Promise.all(files.map(async (f) => JSON.parse(await readFile(resolve(f), 'utf8')) as BenchResult)),
    );
    if (flags.chart) await writeChart(earlier, resolve(flags.chart), false);
    const { formatReport } = await import('../../workers/bench/report.js');
    process.stdout.write(`${formatReport(earlier)}\n`);
    return EXIT.ok;
  }
  if (flags.job === 'decoders' && flags.decoders === false)
    throw new UsageError('--job decoders runs the decoder row alone; it cannot be combined with --no-decoders');
  if (flags.job === 'queue' && flags.queue === false)
    throw new UsageError('--job queue runs the queue row alone; it cannot be combined with --no-queue');
  if (flags.redis !== undefined && flags.queue === false)
    throw new UsageError('--redis is for the queue row; it cannot be combined with --no-queue');
  if (flags.redis !== undefined && !/^rediss?:\/\/./.test(flags.redis))
    throw new UsageError(`--redis: expected a redis:// URL, e.g. redis://127.0.0.1:6379, got "${flags.redis}"`);
  // The decoder row takes a minute or more (HEIC and JPEG XL decode in WebAssembly): not in --quick unless asked.
  const decoders = flags.job === 'decoders' || (flags.job !== 'queue' && (flags.decoders ?? !flags.quick));
  const queue = flags.job === 'queue' || (flags.job !== 'decoders' && flags.queue !== false);
  const rounds = parseRounds(flags.rounds);
  const workerCounts = parseWorkerList(flags.workers);
  const { runBench } = await import('../../workers/bench/run-bench.js');
  const { formatReport, verdict } = await import('../../workers/bench/report.js');
  const { INSTALL_HINT } = await import('../../workers/bench/tools.js');
  // Progress goes to stderr: stdout holds only the tables (or the JSON).
  const result = await runBench({
    ...(dir ? { dir: resolve(dir) } : {}),
    quick: flags.quick ?? false,
    jobs,
    decoders,
    queue: queue && { redisUrl: flags.redis },
    ...(rounds ? { rounds } : {}),
    ...(workerCounts ? { workerCounts } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (flags.chart) await writeChart(result, resolve(flags.chart), flags.quick ?? false);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...result, verdict: verdict(result) })}\n`);
  } else {
    process.stdout.write(`${formatReport(result)}\n`);
    const e = result.environment;
    if (!e.vipsthumbnail || !e.imagemagick)
      process.stdout.write(`\nExternal tools not installed were left out (${INSTALL_HINT}).\n`);
    // The answer last, where the eye lands when the tables stop scrolling.
    if (result.contenders.length > 0) process.stdout.write(`\n${verdict(result)}\n`);
  }
  // A row not measured for a missing encoder is not a failure; a run that failed is.
  const decoderFailed = result.decoders?.rows.some((row) => row.status === 'failed') ?? false;
  const queueFailed = result.queue?.failed !== undefined;
  return result.contenders.some((c) => c.status !== 'ok') || decoderFailed || queueFailed ? EXIT.someFailed : EXIT.ok;
}
