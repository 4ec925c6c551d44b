// Checks a batch's options before any work starts, and resolves its folders. Every refusal names
// the option at fault, so the CLI and the app can show it as it is.
import { mkdir, realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { BATCH_MODES, DEFAULT_BATCH_MODE, isBatchMode, isWorkerCount, workerRange } from '../../common/concurrency.js';
import { errnoOf } from '../../common/errors.js';
import { type BatchRequest, MEMORY_BUDGET_RANGE_MB } from '../../common/ipc.js';
import { type PipelineSpec, parsePipeline } from '../../common/pipeline.js';
import type { BatchOptions } from './types.js';

/** A batch refused before it starts: `field` names the option at fault, `reason` says what is wrong with it. */
export class BatchOptionsError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'BatchOptionsError';
  }
}

/** `outDir` is the real path of the output folder, created. */
export interface PreparedBatch extends BatchRequest {
  /** Folders the scan must not enter: the output folder when it lies inside an input folder. */
  exclude: string[];
  resume: boolean;
  /** BatchOptions.only, absolute. */
  only?: string[];
  recompress: boolean;
}

/** True when `child` is `parent` or lies below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

async function realOrNull(path: string): Promise<string | null> {
  return realpath(path).catch(() => null);
}

/** The output path itself, or the nearest folder above it, when that is a file: no folder can be made there. */
async function fileInTheWay(path: string): Promise<string | undefined> {
  for (let p = path; ; p = dirname(p)) {
    const st = await stat(p).catch(() => null);
    if (st) return st.isDirectory() ? undefined : p;
    if (dirname(p) === p) return undefined;
  }
}

/** `create: false` (a dry run) checks everything but creates nothing: `outDir` may then not exist yet. */
export async function prepareBatch(options: BatchOptions, { create = true } = {}): Promise<PreparedBatch> {
  const { inputs } = options;
  if (!Array.isArray(inputs) || inputs.length === 0)
    throw new BatchOptionsError('inputs', 'choose at least one folder or file');
  if (inputs.some((p) => typeof p !== 'string' || p === '' || p.includes('\0'))) {
    throw new BatchOptionsError('inputs', 'every input must be a non-empty path');
  }
  if (typeof options.outDir !== 'string' || options.outDir === '' || options.outDir.includes('\0')) {
    throw new BatchOptionsError('outDir', 'choose an output folder');
  }
  const parsed = parsePipeline(options.spec);
  if (!parsed.ok) throw new BatchOptionsError(`spec.${parsed.field}`, parsed.message.slice(parsed.field.length + 2));
  const mode: unknown = options.mode ?? DEFAULT_BATCH_MODE;
  if (!isBatchMode(mode))
    throw new BatchOptionsError('mode', `expected one of ${BATCH_MODES.join(', ')} but received ${String(mode)}`);
  const budget = options.memoryBudgetMb;
  if (
    budget !== undefined &&
    !(Number.isInteger(budget) && budget >= MEMORY_BUDGET_RANGE_MB.min && budget <= MEMORY_BUDGET_RANGE_MB.max)
  )
    throw new BatchOptionsError(
      'memoryBudgetMb',
      `expected a whole number of MB from ${MEMORY_BUDGET_RANGE_MB.min} but received ${String(budget)}`,
    );
  const cores = availableParallelism();
  const range = workerRange(cores);
  // With auto, `workers` is a ceiling: unset, the machine's most.
  const workers: unknown = options.workers ?? (mode === 'auto' ? range.max : range.default);
  if (!isWorkerCount(workers, cores)) {
    throw new BatchOptionsError(
      'workers',
      `expected a whole number from ${range.min} to ${range.max} but received ${String(workers)}`,
    );
  }
  await checkWatermarks(parsed.value);

  const absInputs = inputs.map((p) => resolve(p));
  const outAbs = resolve(options.outDir);
  for (const input of absInputs) {
    const real = await realOrNull(input);
    const outReal = (await realOrNull(outAbs)) ?? outAbs;
    if (real && (await stat(real)).isDirectory() && isInside(real, outReal)) {
      throw new BatchOptionsError(
        'outDir',
        `the output folder ${outAbs} contains the input folder ${input}; choose an output folder outside it`,
      );
    }
  }
  const file = await fileInTheWay(outAbs);
  if (file) throw new BatchOptionsError('outDir', `${file} is a file, not a folder`);
  try {
    if (create) await mkdir(outAbs, { recursive: true });
  } catch (e) {
    throw new BatchOptionsError(
      'outDir',
      `the output folder ${outAbs} cannot be created (${errnoOf(e) ?? (e as Error).message})`,
    );
  }
  const outDir = (await realOrNull(outAbs)) ?? outAbs;
  const exclude: string[] = [];
  for (const input of absInputs) {
    const real = await realOrNull(input);
    if (real && isInside(outDir, real)) exclude.push(outDir);
  }
  return {
    inputs: absInputs,
    outDir,
    spec: parsed.value,
    mode,
    workers,
    ...(budget !== undefined ? { memoryBudgetMb: budget } : {}),
    exclude: [...new Set(exclude)],
    resume: options.resume ?? true,
    ...(options.only ? { only: options.only.map((p) => resolve(p)) } : {}),
    recompress: options.recompress ?? false,
  };
}

/** A watermark step that is on must name a readable file: refuse before the batch, not per image. */
async function checkWatermarks(spec: PipelineSpec): Promise<void> {
  for (const [i, step] of spec.steps.entries()) {
    if (step.op !== 'watermark' || !step.enabled) continue;
    const field = `spec.steps.${i}.params.path`;
    if (!step.params.path) throw new BatchOptionsError(field, 'choose a watermark image');
    const info = await stat(step.params.path).catch(() => null);
    if (!info?.isFile())
      throw new BatchOptionsError(field, `the watermark image ${step.params.path} does not exist or is not a file`);
  }
}
