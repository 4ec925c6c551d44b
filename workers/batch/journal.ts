// The output folder's record of what Pixmill made there: one line per finished output, with the
// source's identity (input root, path, size, mtime) and the recipe's hash. While a batch runs (and
// after it was interrupted) the file is the resume journal, `.pixmill-journal.jsonl`; a batch that
// ran to the end marks its lines complete and renames the file to `.pixmill-record.jsonl`. The
// next run finds there what is up to date (same source, same recipe, output intact), what an
// interrupted run finished, and which existing files are its own earlier outputs, so a changed
// source replaces its old output instead of adding a suffixed copy beside it.
// The engine writes the header; workers append an entry the moment each output is in place.
import { createHash } from 'node:crypto';
import { appendFile, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debuglog } from 'node:util';
import type { JournalEntry, JournalInput } from '../../common/job.js';
import type { PipelineSpec } from '../../common/pipeline.js';

const debug = debuglog('pixmill');

export const JOURNAL_NAME = '.pixmill-journal.jsonl';
export const RECORD_NAME = '.pixmill-record.jsonl';

const HEADER = { v: 2 };
/** Written when a batch runs to the end: the entries above it are "up to date", not "resumed". */
const END = { end: true };

/** What the batch hands the worker to append: the source's identity and the recipe it was made with. */
export interface RecordInput extends JournalInput {
  /** The input root (folder or file as given) the source was found under: it shapes the output path. */
  root: string;
  recipe: string;
}

interface RecordEntry extends RecordInput, JournalEntry {}

export type Finished = { output: string; reason: 'up-to-date' | 'resumed' };

/**
 * What identifies "the same recipe": every setting that shapes the outputs. The conflict policy
 * does not: it says what to do about a name, and an output up to date is up to date under any.
 */
export function recipeKey(spec: PipelineSpec): string {
  const {
    conflict: _,
    sourceFolders,
    skipLarger,
    metadataKeep,
    keepDates,
    sizeCapOutcome,
    minQuality,
    pickFormat,
    ...rest
  } = spec.output;
  // Settings added later count only when on (or when they matter), so records written before them stay valid.
  const searched = rest.targetScore !== undefined || rest.maxBytes !== undefined || pickFormat.length > 0;
  const output = {
    ...rest,
    ...(sourceFolders ? { sourceFolders } : {}),
    ...(skipLarger ? { skipLarger } : {}),
    ...(metadataKeep.length ? { metadataKeep } : {}),
    ...(keepDates ? { keepDates } : {}),
    ...(rest.maxBytes !== undefined ? { sizeCapOutcome } : {}),
    ...(searched ? { minQuality } : {}),
    ...(pickFormat.length ? { pickFormat } : {}),
  };
  const recipe = {
    steps: spec.steps,
    output,
    ...(spec.outputs.length ? { outputs: spec.outputs } : {}),
    ...(spec.manifest !== 'none' ? { manifest: spec.manifest } : {}),
  };
  return createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 32);
}

/** A source's entry; a recipe with several outputs has one entry per output. */
const keyOf = (e: { root: string; in: string; output?: number | undefined }): string =>
  e.output === undefined ? `${e.root}\0${e.in}` : `${e.root}\0${e.in}\0${e.output}`;

async function intact(e: RecordEntry): Promise<boolean> {
  const st = await stat(e.out).catch((err: unknown) => debug('record: %s redone, its output is gone: %s', e.in, err));
  return st?.isFile() === true && st.size === e.outSize;
}

export class Journal {
  private constructor(
    /** Where workers append; undefined for a read-only look (a dry run). */
    readonly path: string | undefined,
    private readonly outDir: string,
    private readonly entries: Map<string, { entry: RecordEntry; complete: boolean }>,
    private readonly resume: boolean,
  ) {}

  /** Loads the folder's record (or the journal an interrupted run left) and starts this run's journal. */
  static async open(outDir: string, resume: boolean): Promise<Journal> {
    const entries = await load(outDir);
    const path = join(outDir, JOURNAL_NAME);
    const done = complete(entries, true);
    const lines = [HEADER, ...done, ...(done.length ? [END] : []), ...complete(entries, false)];
    // Written whole, then moved into place: an engine killed here leaves the old record intact.
    const temp = join(outDir, `.pixmill-record-${process.pid}.tmp`);
    try {
      await writeFile(temp, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      await rename(temp, path);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    await rm(join(outDir, RECORD_NAME), { force: true });
    return new Journal(path, outDir, entries, resume);
  }

  /** The record as it is, without writing anything: what a dry run consults. */
  static async read(outDir: string, resume: boolean): Promise<Journal> {
    return new Journal(undefined, outDir, await load(outDir), resume);
  }

  /** An output this recipe made from this very source earlier, still intact: no need to redo it. */
  async finishedOutput(input: RecordInput): Promise<Finished | undefined> {
    if (!this.resume) return undefined;
    const found = this.entries.get(keyOf(input));
    if (!found) return undefined;
    const { entry, complete } = found;
    if (entry.size !== input.size || entry.mtime !== input.mtime || entry.recipe !== input.recipe) return undefined;
    if (!(await intact(entry))) return undefined;
    return { output: entry.out, reason: complete ? 'up-to-date' : 'resumed' };
  }

  /**
   * The file an earlier run made from this source (whatever the recipe), if it is still as that
   * run left it: replacing it is replacing Pixmill's own output, not a file someone else put there.
   */
  async ownOutput(input: { root: string; in: string; output?: number }): Promise<string | undefined> {
    const found = this.entries.get(keyOf(input));
    return found && (await intact(found.entry)) ? found.entry.out : undefined;
  }

  /** A batch that ran to the end leaves its journal as the folder's record. */
  async close(completed: boolean): Promise<void> {
    if (!completed || !this.path) return;
    // An output folder that vanished mid-batch has nothing left to record: its files already said so.
    await appendFile(this.path, `${JSON.stringify(END)}\n`)
      .then(() => rename(this.path!, join(this.outDir, RECORD_NAME)))
      .catch((e: unknown) => debug('record of %s not kept: %s', this.outDir, e));
  }
}

function complete(entries: Map<string, { entry: RecordEntry; complete: boolean }>, done: boolean): RecordEntry[] {
  return [...entries.values()].filter((e) => e.complete === done).map((e) => e.entry);
}

/** The journal when there is one (an interrupted run: it holds the record too), else the record. */
async function load(outDir: string): Promise<Map<string, { entry: RecordEntry; complete: boolean }>> {
  const read = (name: string) =>
    readFile(join(outDir, name), 'utf8').catch((e: unknown) => debug('record %s: none: %s', name, e));
  const text = (await read(JOURNAL_NAME)) ?? (await read(RECORD_NAME)) ?? '';
  const lines = text.split('\n');
  const entries = new Map<string, { entry: RecordEntry; complete: boolean }>();
  const header = parseLine<{ v?: number }>(lines[0] ?? '');
  if (header?.v !== HEADER.v) return entries;
  // A torn last line (power cut mid-append) fails to parse, and that file is simply redone.
  for (const line of lines.slice(1)) {
    const e = parseLine<Partial<RecordEntry> & { end?: boolean }>(line);
    if (e?.end) for (const v of entries.values()) v.complete = true;
    else if (isEntry(e)) entries.set(keyOf(e), { entry: e, complete: false });
  }
  return entries;
}

function isEntry(e: Partial<RecordEntry> | undefined): e is RecordEntry {
  return (
    typeof e?.in === 'string' &&
    typeof e.out === 'string' &&
    typeof e.root === 'string' &&
    typeof e.recipe === 'string' &&
    typeof e.size === 'number' &&
    typeof e.mtime === 'number' &&
    typeof e.outSize === 'number'
  );
}

function parseLine<T>(line: string): T | undefined {
  try {
    return line ? (JSON.parse(line) as T) : undefined;
  } catch (e) {
    debug('record: line skipped: %s', e);
    return undefined;
  }
}
