// A job taken again — Redis lost it, or the machine running it stopped — may find its output
// already in place: the earlier attempt committed it (and, a moment later, recorded it) before
// its answer was lost. Such a job reports that output as done instead of writing a second one.
import { open, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { debuglog } from 'node:util';
import type { ImageJob, JobResult, JournalEntry, OutputOutcome } from '../../common/job.js';
import { toLocal } from '../../common/path-map.js';
import { type ConcreteFormat, OUTPUT_EXTENSIONS } from '../../common/pipeline.js';
import { recipeOutputs } from '../../common/recipes.js';
import { sniffFormat } from '../../common/sniff.js';
import { declaredDimensions } from '../image/header-dimensions.js';
import { recordInJournal } from '../image/journal-line.js';

const debug = debuglog('pixmill');

type Done = Extract<JobResult, { status: 'done' }>;
type Recorded = JournalEntry & { root?: string; recipe?: string };

const FORMAT_OF_EXTENSION = new Map(
  Object.entries(OUTPUT_EXTENSIONS).map(([format, ext]) => [`.${ext}`, format as ConcreteFormat]),
);

/** The outputs of this job already in place, as done; undefined when any is missing (the job then runs). */
export async function priorOutput(job: ImageJob): Promise<JobResult | undefined> {
  const recorded = await recordedOutputs(job);
  if (job.targets) {
    const labels = new Map(recipeOutputs(job.spec).map((o) => [o.index, o.label]));
    const outcomes: OutputOutcome[] = [];
    for (const target of job.targets) {
      const entry = recorded.get(target.output);
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
  const entry = recorded.get(undefined);
  return (entry && (await doneOf(job, entry))) ?? (await committedUnrecorded(job));
}

/** This job's lines in the output folder's record, by output index (the last of each wins). */
async function recordedOutputs(job: ImageJob): Promise<Map<number | undefined, Recorded>> {
  const found = new Map<number | undefined, Recorded>();
  const source = job.journal?.entry as (JournalEntry & { root?: string; recipe?: string }) | undefined;
  if (!job.journal || !source) return found;
  const text = await readFile(job.journal.path, 'utf8').catch((e: unknown) => {
    debug('queue: record %s not read: %s', job.journal?.path, e);
    return '';
  });
  for (const line of text.split('\n')) {
    if (!line.includes(JSON.stringify(source.in))) continue;
    try {
      const e = JSON.parse(line) as Recorded;
      const same =
        e.in === source.in &&
        e.size === source.size &&
        e.mtime === source.mtime &&
        e.recipe === source.recipe &&
        e.root === source.root &&
        typeof e.out === 'string';
      if (same) found.set(e.output, e);
    } catch {
      // A torn last line: that output is simply made again.
    }
  }
  return found;
}

/** The recorded output, if it is still there as written. */
async function doneOf(job: ImageJob, entry: Recorded): Promise<Done | undefined> {
  const local = job.journal?.recordAs ? toLocal(entry.out, job.journal.recordAs) : entry.out;
  const written = await stat(local).catch(() => undefined);
  if (!written || written.size !== entry.outSize) return undefined;
  return done(local, entry.size, written.size);
}

/**
 * The one name the batch reserved for this job is taken, with no line in the record: the earlier
 * attempt moved its output into place and stopped before recording it. Under "skip" and "suffix"
 * the batch only ever reserves a free name, so the file there is this job's; it is recorded now.
 * (Under "overwrite" the job simply runs again: writing the same output twice changes nothing.)
 */
async function committedUnrecorded(job: ImageJob): Promise<Done | undefined> {
  const { conflict, format } = job.spec.output;
  if (conflict === 'overwrite' || /\{[wh]\}/.test(job.nameTemplate)) return undefined;
  const extensions =
    format in OUTPUT_EXTENSIONS ? [OUTPUT_EXTENSIONS[format as ConcreteFormat]] : [...new Set(Object.values(OUTPUT_EXTENSIONS))];
  for (const ext of extensions) {
    const path = join(job.outDir, `${job.nameTemplate}.${ext}`);
    const data = await readFile(path).catch(() => undefined);
    if (!data) continue;
    const input = await stat(job.input).catch(() => undefined);
    if (job.journal) await recordInJournal(job.journal, job.input, path, data);
    return done(path, input?.size ?? 0, data.length);
  }
  return undefined;
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
