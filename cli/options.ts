// `pixmill run` flags → everything startBatch needs, validated up front so that a mistake is
// reported before any worker starts, with exit code 2 and the offending flag named.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { BATCH_MODES, type BatchMode, DEFAULT_BATCH_MODE, isBatchMode, workerRange } from '../common/concurrency.js';
import { errnoOf } from '../common/errors.js';
import { type BatchRequest, MEMORY_BUDGET_RANGE_MB } from '../common/ipc.js';
import { megabytesOf } from '../common/memory-size.js';
import { expandInputs, type InputSources } from './inputs.js';
import { type Layout, parseLayout } from './recipe-flags.js';
import { type SpecFlags, specFromFlags } from './spec-from-flags.js';
import { UsageError } from './usage-error.js';

export interface RunFlags extends SpecFlags {
  out: string;
  workers?: string;
  mode?: string;
  memoryBudget?: string;
  /** `--redis URL`: other machines do the work (workers/queue). */
  redis?: string;
  queue?: string;
  json?: boolean;
  /** `-0, --null`: the lists on stdin and in @files are NUL-separated. */
  null?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  /** Commander's `--no-resume` sets this to false. */
  resume?: boolean;
  recompress?: boolean;
  /** Hidden: where to write the benchmark's per-run figures (workers/bench/run-stats.ts). */
  statsFile?: string;
}

export interface RunSettings extends BatchRequest {
  json: boolean;
  resume: boolean;
  /** Process Pixmill's own earlier outputs met as inputs (BatchOptions.recompress). */
  recompress: boolean;
  /** Nothing on stderr but errors. */
  quiet: boolean;
  /** How the outputs of `--sizes` are told apart; absent without `--sizes`. */
  layout?: Layout;
}

/** What `--workers` accepts on this machine (common/concurrency.ts says why). */
export const machineWorkerRange = () => workerRange(availableParallelism());

export function parseWorkers(raw: string | undefined): number {
  const range = machineWorkerRange();
  if (raw === undefined) return range.default;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw new UsageError(
      `--workers: expected a whole number between ${range.min} and ${range.max} on this machine, got "${raw}"`,
    );
  }
  return n;
}

export function parseMode(raw: string | undefined): BatchMode {
  if (raw === undefined) return DEFAULT_BATCH_MODE;
  if (!isBatchMode(raw)) throw new UsageError(`--mode: expected one of ${BATCH_MODES.join(', ')}, got "${raw}"`);
  return raw;
}

/** `--memory-budget 1GB` → 1024 (MB); a bare number is MB. */
export function parseMemoryBudget(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const mb = megabytesOf(raw);
  if (mb === undefined) throw new UsageError(`--memory-budget: expected a size such as 1GB or 512MB, got "${raw}"`);
  const { min, max } = MEMORY_BUDGET_RANGE_MB;
  if (mb < min || mb > max) throw new UsageError(`--memory-budget: expected at least ${min}MB, got "${raw}"`);
  return mb;
}

async function checkInputs(inputs: string[]): Promise<string[]> {
  const absolute = inputs.map((p) => resolve(p));
  await Promise.all(
    absolute.map(async (p, i) => {
      try {
        await stat(p);
      } catch (err) {
        throw new UsageError(`<inputs>: cannot read "${inputs[i]}" (${errnoOf(err) ?? String(err)})`);
      }
    }),
  );
  return absolute;
}

export async function runSettingsFromFlags(
  args: string[],
  flags: RunFlags,
  sources: Omit<InputSources, 'nul'> = { stdin: process.stdin, cwd: process.cwd() },
): Promise<RunSettings> {
  if (flags.quiet && flags.verbose) throw new UsageError('--quiet and --verbose: choose one of them');
  const mode = parseMode(flags.mode);
  // Unasked, auto may run up to the machine's most; asked, the number is its ceiling.
  const workers =
    flags.workers === undefined && mode === 'auto' ? machineWorkerRange().max : parseWorkers(flags.workers);
  const memoryBudgetMb = parseMemoryBudget(flags.memoryBudget);
  const spec = await specFromFlags(flags);
  if (!flags.out.trim()) throw new UsageError('--out: expected an output folder');
  const inputs = await expandInputs(args, { ...sources, nul: flags.null ?? false }).catch((err: unknown) => {
    throw err instanceof UsageError && !err.option ? new UsageError(`<inputs>: ${err.message}`) : err;
  });
  if (inputs.length === 0) throw new UsageError('<inputs>: the list of inputs is empty (nothing came on stdin?)');
  return {
    inputs: await checkInputs(inputs),
    outDir: resolve(flags.out),
    spec,
    mode,
    workers,
    ...(memoryBudgetMb !== undefined ? { memoryBudgetMb } : {}),
    json: flags.json ?? false,
    resume: flags.resume ?? true,
    recompress: flags.recompress ?? false,
    quiet: flags.quiet ?? false,
    ...(flags.sizes !== undefined ? { layout: parseLayout(flags.layout) } : {}),
  };
}

/** What a run's settings hand the engine (`run` and `watch` alike). */
export function engineOptionsOf(settings: RunSettings) {
  const { inputs, outDir, spec, mode, workers, memoryBudgetMb, resume, recompress } = settings;
  return { inputs, outDir, spec, mode, workers, resume, recompress, ...(memoryBudgetMb ? { memoryBudgetMb } : {}) };
}
