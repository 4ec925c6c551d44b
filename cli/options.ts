// `pixmill run` flags → everything startBatch needs, validated up front so that a mistake is
// reported before any worker starts, with exit code 2 and the offending flag named.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { PipelineSpec } from '../common/pipeline.js';
import { POOL_MODES, type PoolMode } from '../workers/pool/messages.js';
import { type SpecFlags, specFromFlags } from './spec-from-flags.js';
import { UsageError } from './usage-error.js';

export interface RunFlags extends SpecFlags {
  out: string;
  workers?: string;
  mode?: string;
  json?: boolean;
  /** Commander's `--no-resume` sets this to false. */
  resume?: boolean;
  /** Hidden: where to write the benchmark's per-run figures (workers/bench/run-stats.ts). */
  statsFile?: string;
}

export interface RunSettings {
  inputs: string[];
  outDir: string;
  spec: PipelineSpec;
  mode: PoolMode;
  workers: number;
  json: boolean;
  resume: boolean;
}

/** The pool accepts 1…2× the cores: beyond that workers only queue for the same CPUs. */
export function workerRange(): { min: number; max: number; default: number } {
  const cores = availableParallelism();
  return { min: 1, max: 2 * cores, default: cores };
}

export function parseWorkers(raw: string | undefined): number {
  const range = workerRange();
  if (raw === undefined) return range.default;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw new UsageError(
      `--workers: expected a whole number between ${range.min} and ${range.max} on this machine, got "${raw}"`,
    );
  }
  return n;
}

export function parseMode(raw: string | undefined): PoolMode {
  if (raw === undefined) return 'processes';
  const mode = POOL_MODES.find((m) => m === raw);
  if (!mode) throw new UsageError(`--mode: expected one of ${POOL_MODES.join(', ')}, got "${raw}"`);
  return mode;
}

async function checkInputs(inputs: string[]): Promise<string[]> {
  const absolute = inputs.map((p) => resolve(p));
  await Promise.all(
    absolute.map(async (p, i) => {
      try {
        await stat(p);
      } catch (err) {
        throw new UsageError(
          `<inputs>: cannot read "${inputs[i]}" (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
        );
      }
    }),
  );
  return absolute;
}

export async function runSettingsFromFlags(inputs: string[], flags: RunFlags): Promise<RunSettings> {
  const mode = parseMode(flags.mode);
  const workers = parseWorkers(flags.workers);
  const spec = await specFromFlags(flags);
  if (!flags.out.trim()) throw new UsageError('--out: expected an output folder');
  return {
    inputs: await checkInputs(inputs),
    outDir: resolve(flags.out),
    spec,
    mode,
    workers,
    json: flags.json ?? false,
    resume: flags.resume ?? true,
  };
}
