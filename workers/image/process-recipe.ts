// A recipe with several outputs, as one job: the file is read once, decoded once where the
// outputs allow it (shared-decode.ts), and each output then runs the single-output path with its
// own chain, settings and target, committed atomically on its own. The job's answer sums them.
import { readFile, rm } from 'node:fs/promises';
import { debuglog } from 'node:util';
import { fileError } from '../../common/errors.js';
import type { ImageJob, JobResult, JobTarget, OutputOutcome } from '../../common/job.js';
import type { PipelineSpec } from '../../common/pipeline.js';
import { type RecipeOutput, recipeOutputs, stepsFor } from '../../common/recipes.js';
import type { FileWarning } from '../../common/warnings.js';
import { readFailure } from './classify-error.js';
import { hashBytes } from './content-hash.js';
import { type InputInfo, readInput } from './read-input.js';
import { decodeShared, sharedDecodeBlocker } from './shared-decode.js';

const debug = debuglog('pixmill');

export type RunOne = (
  job: ImageJob,
  signal: AbortSignal | undefined,
  rescue: boolean,
  second: boolean,
  preread?: InputInfo,
) => Promise<JobResult>;

/** The single-output job one target of the recipe is. */
function jobFor(job: ImageJob, target: JobTarget, o: RecipeOutput, hash: string | undefined): ImageJob {
  const spec: PipelineSpec = {
    ...job.spec,
    steps: stepsFor(job.spec.steps, o.size),
    output: { ...o.output, conflict: target.replaces ? 'overwrite' : job.spec.output.conflict },
    outputs: [],
  };
  return {
    id: job.id,
    input: job.input,
    outDir: target.outDir,
    nameTemplate: target.nameTemplate,
    tempPath: target.tempPath,
    spec,
    ...(job.journal
      ? {
          journal: {
            path: job.journal.path,
            entry: { ...job.journal.entry, output: target.output, ...(hash ? { hash } : {}) },
          },
        }
      : {}),
  };
}

export async function processRecipe(
  job: ImageJob,
  signal: AbortSignal | undefined,
  runOne: RunOne,
): Promise<JobResult> {
  const outputs = recipeOutputs(job.spec);
  const targets = job.targets ?? [];
  const labelOf = (t: JobTarget): string => outputs[t.output]?.label ?? `output ${t.output + 1}`;
  const everyOutput = (result: JobResult): JobResult => ({
    ...result,
    outputs: targets.map((t) => ({ output: t.output, label: labelOf(t), result })),
  });
  try {
    const read = await readInput(job.input, job.spec.limits);
    if (!read.ok) return everyOutput({ status: 'failed', ...read.error });
    let input = read.input;
    // The file's bytes, once in hand, are hashed here, not once per output as each is recorded
    // (a file the second decoder read arrives decoded: each output hashes the file itself then).
    let hash: string | undefined;
    // Read once: every output that decodes for itself decodes these bytes, not the file again.
    if (typeof input.source === 'string') {
      try {
        const bytes = await readFile(input.source);
        input = { ...input, source: bytes };
        if (job.journal) hash = hashBytes(bytes);
      } catch (err) {
        return everyOutput({ status: 'failed', ...readFailure(err) });
      }
    }
    const mine = targets.map((t) => outputs[t.output]!).filter(Boolean);
    const shared = await decodeShared(input, mine, job.spec);
    if (!shared) debug('%s: one decode per output: %s', job.input, sharedDecodeBlocker(input, mine, job.spec.steps));
    const results: OutputOutcome[] = [];
    for (const target of targets) {
      const o = outputs[target.output];
      if (!o) continue;
      const result = signal?.aborted
        ? ({ status: 'failed', ...fileError('CANCELLED', 'process') } as const)
        : await runOne(jobFor(job, target, o, hash), signal, false, false, shared?.input ?? input);
      results.push({ output: target.output, label: o.label, result });
    }
    return combine(results, input.bytes);
  } finally {
    // A target that failed or was cancelled must leave no temp file (processImage removes the job's own).
    await Promise.all(
      targets.map((t) =>
        rm(t.tempPath, { force: true }).catch((e: unknown) => debug('temp file %s not removed: %s', t.tempPath, e)),
      ),
    );
  }
}

/**
 * Warnings of several outputs: one that every output has is said once; the others name their output.
 */
function combinedWarnings(results: readonly OutputOutcome[]): FileWarning[] {
  const withWarnings = results.filter((r) => r.result.status !== 'failed');
  const key = (w: FileWarning): string => `${w.code}\0${w.message}`;
  const count = new Map<string, number>();
  for (const r of withWarnings) for (const w of warningsOf(r.result)) count.set(key(w), (count.get(key(w)) ?? 0) + 1);
  const out: FileWarning[] = [];
  const said = new Set<string>();
  for (const r of withWarnings) {
    for (const w of warningsOf(r.result)) {
      const everywhere = count.get(key(w)) === results.length;
      if (everywhere && said.has(key(w))) continue;
      said.add(key(w));
      out.push(everywhere || results.length === 1 ? w : { code: w.code, message: `${r.label}: ${w.message}` });
    }
  }
  return out;
}

const warningsOf = (r: JobResult): FileWarning[] => (r.status === 'failed' ? [] : (r.warnings ?? []));

/** The file's one answer: failed if any output failed, done if any was written, else skipped. */
export function combine(results: OutputOutcome[], bytesIn: number): JobResult {
  const failures = results.filter((r) => r.result.status === 'failed');
  const done = results.flatMap((r) => (r.result.status === 'done' ? [r.result] : []));
  const warnings = combinedWarnings(results);
  const withWarnings = warnings.length ? { warnings } : {};
  const first = failures[0];
  if (first && first.result.status === 'failed') {
    const { status: _, outputs: __, ...error } = first.result;
    const written = done.length ? ` (${done.length} of ${results.length} outputs were written)` : '';
    const label = results.length > 1 ? `${first.label}: ` : '';
    return { status: 'failed', ...error, message: `${label}${error.message}${written}`, outputs: results };
  }
  const [lead] = done;
  if (lead) {
    // Each output's encoding choice stays with its own outcome.
    const { encoding: _, ...leading } = lead;
    const sum = (f: (r: (typeof done)[number]) => number): number => done.reduce((a, r) => a + f(r), 0);
    return {
      ...leading,
      bytesIn,
      bytesOut: sum((r) => r.bytesOut),
      timings: {
        read: lead.timings.read,
        pipeline: sum((r) => r.timings.pipeline),
        write: sum((r) => r.timings.write),
      },
      ...withWarnings,
      outputs: results,
    };
  }
  const skipped = results[0]?.result;
  if (skipped?.status === 'skipped') return { ...skipped, bytesIn, ...withWarnings, outputs: results };
  return { status: 'failed', ...fileError('PROCESS_FAILED', 'plan', 'a recipe with no outputs'), outputs: results };
}
