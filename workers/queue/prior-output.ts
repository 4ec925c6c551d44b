// A job taken again — Redis lost it, or the machine running it stopped — may find its output
// already in place: the earlier attempt committed it (and, a moment later, recorded it) before
// its answer was lost. Such a job reports that output as done instead of writing a second one.
import { open, readFile, stat } from 'node:fs/promises';
import { dirname, extname } from 'node:path';
import type { ImageJob, JobResult, OutputOutcome } from '../../common/job.js';
import { toLocal } from '../../common/path-map.js';
import { type ConcreteFormat, OUTPUT_EXTENSIONS } from '../../common/pipeline.js';
import { recipeOutputs } from '../../common/recipes.js';
import { sniffFormat } from '../../common/sniff.js';
import { Journal, type RecordEntry, type RecordInput } from '../batch/journal.js';
import { declaredDimensions } from '../image/header-dimensions.js';
import { recordInJournal } from '../image/journal-line.js';

type Done = Extract<JobResult, { status: 'done' }>;

const FORMAT_OF_EXTENSION = new Map(
  Object.entries(OUTPUT_EXTENSIONS).map(([format, ext]) => [`.${ext}`, format as ConcreteFormat]),
);

/** The outputs of this job already in place, as done; undefined when any is missing (the job then runs). */
export async function priorOutput(job: ImageJob): Promise<JobResult | undefined> {
  const recorded = await ownRecord(job);
  if (job.targets) {
    const labels = new Map(recipeOutputs(job.spec).map((o) => [o.index, o.label]));
    const outcomes: OutputOutcome[] = [];
    for (const target of job.targets) {
      const entry = recorded(target.output);
      const done = entry ? await doneOf(job, entry) : undefined;
      if (!done) return undefined;
      outcomes.push({ output: target.output, label: labels.get(target.output) ?? '', result: done });
    }
    const [first] = outcomes;
    if (!first) return undefined;
    const lead = first.result as Done;
    const bytesOut = outcomes.reduce((sum, o) => sum + (o.result as Done).bytesOut, 0);
    return { ...lead, bytesOut, outputs: outcomes };
  }
  const entry = recorded(undefined);
  return entry ? doneOf(job, entry) : undefined;
}

/**
 * This job's entries in the output folder's record, read as the batch reads it (journal.ts: torn
 * lines, renamed sources), by output index: those of the same source and recipe.
 */
async function ownRecord(job: ImageJob): Promise<(output: number | undefined) => RecordEntry | undefined> {
  const source = job.journal?.entry as RecordInput | undefined;
  if (!job.journal || !source) return () => undefined;
  const record = await Journal.read(dirname(job.journal.path), true);
  return (output) => {
    const e = record.entryOf(output === undefined ? { root: source.root, in: source.in } : { ...source, output });
    return e && e.size === source.size && e.mtime === source.mtime && e.recipe === source.recipe ? e : undefined;
  };
}

/** The recorded output, if it is still there as written. */
async function doneOf(job: ImageJob, entry: RecordEntry): Promise<Done | undefined> {
  const local = job.journal?.recordAs ? toLocal(entry.out, job.journal.recordAs) : entry.out;
  const written = await stat(local).catch(() => undefined);
  if (!written || written.size !== entry.outSize) return undefined;
  return done(local, entry.size, written.size);
}

/**
 * A job taken again runs with "suffix" read as "skip" (retryPolicy): the one name the batch
 * reserved for it can only be taken by its own earlier attempt, which moved its output into place
 * and stopped before answering (or before recording it). That output is this job's answer, and
 * is recorded now if the earlier attempt could not. Any other answer is passed on as it is.
 */
export async function ownEarlierOutput(job: ImageJob, result: JobResult): Promise<JobResult> {
  if (result.status !== 'skipped' || result.reason !== 'exists' || result.outputs) return result;
  const data = await readFile(result.output).catch(() => undefined);
  if (!data) return result;
  if (job.journal && !(await ownRecord(job))(undefined))
    await recordInJournal(job.journal, job.input, result.output, data);
  return done(result.output, result.bytesIn, data.length);
}

/** Under "suffix" a retried job must not add a second copy beside its own first one. */
export function retryPolicy(job: ImageJob): ImageJob {
  if (job.spec.output.conflict !== 'suffix' || job.targets) return job;
  return { ...job, spec: { ...job.spec, output: { ...job.spec.output, conflict: 'skip' } } };
}

async function done(path: string, bytesIn: number, bytesOut: number): Promise<Done> {
  const format = FORMAT_OF_EXTENSION.get(extname(path).toLowerCase()) ?? 'jpeg';
  const size = await dimensionsOf(path);
  return {
    status: 'done',
    output: path,
    format,
    width: size?.width ?? 0,
    height: size?.height ?? 0,
    bytesIn,
    bytesOut,
    timings: { read: 0, pipeline: 0, write: 0 },
  };
}

async function dimensionsOf(path: string): Promise<{ width: number; height: number } | undefined> {
  const file = await open(path, 'r').catch(() => undefined);
  if (!file) return undefined;
  try {
    const head = new Uint8Array(65_536);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    return declaredDimensions(bytes, sniffFormat(bytes, path));
  } finally {
    await file.close();
  }
}
