// The output folder's record of what Pixmill made there: one line per finished output, with the
// source's identity (input root, path, size, mtime, content hash), the recipe's hash, and the
// output's size, date and content hash. While a batch runs (and after it was interrupted) the file
// is the resume journal, `.pixmill-journal.jsonl`; a batch that ran to the end marks its lines
// complete and renames the file to `.pixmill-record.jsonl`. The next run finds there, without
// decoding anything, what is up to date (same source, same recipe, output as written), what an
// interrupted run finished, which existing files are its own earlier outputs (so a changed source
// replaces its old output instead of adding a suffixed copy beside it), which outputs someone
// edited since (theirs now: never replaced), and which new paths are old sources renamed.
// Hashes are read only where a size matches but a date moved. The engine writes the header and
// re-keys renamed sources (a `drop` line, then the new entry); workers append an entry the moment
// each output is in place. Appends only, one line each: a power cut costs at most the torn last
// line, and that file is simply redone.
import { createHash } from 'node:crypto';
import { appendFile, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { debuglog } from 'node:util';
import type { JournalEntry, JournalInput } from '../../common/job.js';
import type { PipelineSpec } from '../../common/pipeline.js';
import type { SniffedFormat } from '../../common/sniff.js';
import { hashFile } from '../image/content-hash.js';
import type { KnownImages } from './scan.js';

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

export interface RecordEntry extends RecordInput, JournalEntry {}

/**
 * Where one source's output stands against the record, decided without decoding: by size and
 * date, and by content hash only where the size matches but a date moved.
 */
export type Verdict =
  /** No output was ever recorded for this source. */
  | { state: 'new' }
  /** Made by this recipe from this very content and still as it was written. */
  | { state: 'up-to-date' | 'resumed'; output: string }
  /** The source or the recipe changed (or a re-run was asked for); its intact output is replaced in place. */
  | { state: 'changed'; why: 'source' | 'recipe' | 'asked'; own: string }
  /** The earlier output was deleted: made again. */
  | { state: 'output-missing'; output: string }
  /** The earlier output was changed by someone since: it is theirs now, and the conflict policy decides. */
  | { state: 'output-altered'; output: string }
  /** This content is recorded under a path that no longer exists: renamed or moved since. */
  | { state: 'renamed'; from: RecordEntry };

/** Hashes the source at most once however many outputs (and rename candidates) ask; `known` once it has. */
export interface SourceHash {
  (): Promise<string | undefined>;
  known?: string;
}

export function sourceHash(path: string): SourceHash {
  let hashed: Promise<string | undefined> | undefined;
  const get: SourceHash = () => {
    hashed ??= hashFile(path).then(
      (h) => (get.known = h),
      (e: unknown) => {
        debug('record: %s not hashed: %s', path, e);
        return undefined;
      },
    );
    return hashed;
  };
  return get;
}

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

type OutputState = 'intact' | 'missing' | 'altered';

type Loaded = Map<string, { entry: RecordEntry; complete: boolean }>;

export class Journal implements KnownImages {
  private pending: string[] = [];
  /** Recorded sources by path (the first entry of each), for the scan's KnownImages; built on first need. */
  private byPath: Map<string, RecordEntry> | undefined;
  /** Recorded sources by content, for recognising a renamed one; built on first need. */
  private byContent: ContentIndex | undefined;

  private constructor(
    /** Where workers append; undefined for a read-only look (a dry run). */
    readonly path: string | undefined,
    private readonly outDir: string,
    private readonly entries: Loaded,
    private readonly resume: boolean,
  ) {}

  /** Loads the folder's record (or the journal an interrupted run left) and starts this run's journal. */
  static async open(outDir: string, resume: boolean): Promise<Journal> {
    const loaded = await load(outDir);
    const { entries } = loaded;
    const path = join(outDir, JOURNAL_NAME);
    // The file is kept and appended to as long as most of its lines are live: rewriting 100,000
    // entries on every run would cost a re-run more than its whole scan.
    if (loaded.from && loaded.lines <= 2 * entries.size + 16) {
      if (loaded.from === RECORD_NAME) await rename(join(outDir, RECORD_NAME), path);
      else await rm(join(outDir, RECORD_NAME), { force: true });
      // A line torn by a power cut must not swallow the first line appended after it.
      if (loaded.torn) await appendFile(path, '\n');
      return new Journal(path, outDir, entries, resume);
    }
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
    return new Journal(undefined, outDir, (await load(outDir)).entries, resume);
  }

  /** Still the entry the record keeps for its source (not re-keyed by a rename since). */
  holds(e: RecordEntry): boolean {
    return this.entries.get(keyOf(e))?.entry === e;
  }

  /** The entry the record keeps for this source (one of a recipe's several by `output`), if any. */
  entryOf(input: Pick<RecordInput, 'root' | 'in' | 'output'>): RecordEntry | undefined {
    return this.entries.get(keyOf(input))?.entry;
  }

  has(path: string): boolean {
    return this.paths().has(path);
  }

  format(path: string, size: number, mtimeMs: number): SniffedFormat | undefined {
    const e = this.paths().get(path);
    return e && e.size === size && e.mtime === mtimeMs ? e.format : undefined;
  }

  private paths(): Map<string, RecordEntry> {
    if (!this.byPath) {
      this.byPath = new Map();
      for (const { entry } of this.entries.values()) if (!this.byPath.has(entry.in)) this.byPath.set(entry.in, entry);
    }
    return this.byPath;
  }

  /** Where this source's output (one of a recipe's several, by `output`) stands. */
  async examine(input: RecordInput, hash: SourceHash): Promise<Verdict> {
    const found = this.entries.get(keyOf(input));
    if (!found) return this.renamed(input, hash);
    const { entry, complete } = found;
    const output = await this.outputState(entry);
    if (output === 'missing') return { state: 'output-missing', output: entry.out };
    if (output === 'altered') return { state: 'output-altered', output: entry.out };
    if (!this.resume) return { state: 'changed', why: 'asked', own: entry.out };
    if (!(await this.sameSource(entry, input, hash))) return { state: 'changed', why: 'source', own: entry.out };
    if (entry.recipe !== input.recipe) return { state: 'changed', why: 'recipe', own: entry.out };
    // Entries from before formats were kept learn theirs, so the next re-run need not read the file.
    if (!entry.format && input.format) this.later({ ...entry, format: input.format });
    return { state: complete ? 'up-to-date' : 'resumed', output: entry.out };
  }

  /**
   * The renamed source now at `input` has its output at `out`: the record forgets the old name.
   * Appended like a worker's entry, so a run killed now still knows it next time.
   */
  async moved(from: RecordEntry, input: RecordInput, out: string, outMtime: number | undefined): Promise<void> {
    const entry: RecordEntry = { ...from, ...input, out, ...(outMtime !== undefined ? { outMtime } : {}) };
    if (from.hash) entry.hash = from.hash;
    this.forget(from);
    this.entries.set(keyOf(entry), { entry, complete: false });
    const drop = { root: from.root, in: from.in, ...(from.output !== undefined ? { output: from.output } : {}) };
    await this.append({ drop }, entry);
  }

  /** A batch that ran to the end leaves its journal as the folder's record. */
  async close(completed: boolean): Promise<void> {
    await this.flush();
    if (!completed || !this.path) return;
    // An output folder that vanished mid-batch has nothing left to record: its files already said so.
    await appendFile(this.path, `${JSON.stringify(END)}\n`)
      .then(() => rename(this.path!, join(this.outDir, RECORD_NAME)))
      .catch((e: unknown) => debug('record of %s not kept: %s', this.outDir, e));
  }

  /** Same size and date is the same file; a moved date with the same size is asked of the hash. */
  private async sameSource(entry: RecordEntry, input: RecordInput, hash: SourceHash): Promise<boolean> {
    if (entry.size !== input.size) return false;
    if (entry.mtime === input.mtime) return true;
    if (!entry.hash || (await hash()) !== entry.hash) return false;
    // Touched, not changed: the record learns the new date, so the next run needs no hash.
    await this.refresh(entry, { mtime: input.mtime });
    return true;
  }

  private async outputState(e: RecordEntry): Promise<OutputState> {
    const st = await stat(e.out).catch((err: unknown) => debug('record: %s: its output is gone: %s', e.in, err));
    if (!st?.isFile()) return 'missing';
    if (st.size !== e.outSize) return 'altered';
    // Records written before output hashes were kept trust the size alone.
    if (e.outMtime === undefined || e.outMtime === st.mtimeMs || !e.outHash) return 'intact';
    const now = await hashFile(e.out).catch((err: unknown) => debug('record: %s not hashed: %s', e.out, err));
    if (now !== e.outHash) return 'altered';
    await this.refresh(e, { outMtime: st.mtimeMs });
    return 'intact';
  }

  /** A recorded source whose path is gone and whose bytes are these: the same image, renamed. */
  private async renamed(input: RecordInput, hash: SourceHash): Promise<Verdict> {
    this.byContent ??= indexByContent(this.entries);
    // Only a size some recorded source has is worth reading the file for.
    if (!this.byContent.sizes.has(input.size)) return { state: 'new' };
    const bytes = await hash();
    const candidates = bytes ? (this.byContent.entries.get(`${input.size}:${bytes}`) ?? []) : [];
    for (const e of candidates) {
      if (e.output !== input.output || e.recipe !== input.recipe || (await exists(e.in))) continue;
      if ((await this.outputState(e)) === 'intact') return { state: 'renamed', from: e };
    }
    return { state: 'new' };
  }

  private forget(e: RecordEntry): void {
    this.entries.delete(keyOf(e));
    const key = `${e.size}:${e.hash}`;
    const same = this.byContent?.entries.get(key);
    if (same)
      this.byContent?.entries.set(
        key,
        same.filter((x) => x !== e),
      );
  }

  /** Brings an entry up to date with what was found (a new date, same bytes); the later line wins on load. */
  private async refresh(e: RecordEntry, change: Partial<RecordEntry>): Promise<void> {
    Object.assign(e, change);
    await this.append(e);
  }

  /**
   * Lines that only save the next run some work: appended a thousand at a time, since one append
   * per up-to-date file would cost the very opens a re-run avoids. Lost in a crash, they are only
   * learnt again.
   */
  private later(entry: RecordEntry): void {
    if (!this.path) return;
    this.pending.push(`${JSON.stringify(entry)}\n`);
    if (this.pending.length >= 1000) void this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.path || this.pending.length === 0) return;
    const lines = this.pending.join('');
    this.pending = [];
    await appendFile(this.path, lines).catch((e: unknown) => debug('journal %s: not appended: %s', this.path, e));
  }

  private async append(...lines: object[]): Promise<void> {
    if (!this.path) return;
    await appendFile(this.path, lines.map((l) => `${JSON.stringify(l)}\n`).join('')).catch((e: unknown) =>
      debug('journal %s: not appended: %s', this.path, e),
    );
  }
}

interface ContentIndex {
  sizes: Set<number>;
  /** By `size:hash`. */
  entries: Map<string, RecordEntry[]>;
}

/** Only entries with a content hash can be recognised under a new name. */
function indexByContent(loaded: Loaded): ContentIndex {
  const index: ContentIndex = { sizes: new Set(), entries: new Map() };
  for (const { entry } of loaded.values()) {
    if (!entry.hash) continue;
    index.sizes.add(entry.size);
    const key = `${entry.size}:${entry.hash}`;
    const same = index.entries.get(key);
    if (same) same.push(entry);
    else index.entries.set(key, [entry]);
  }
  return index;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function complete(entries: Map<string, { entry: RecordEntry; complete: boolean }>, done: boolean): RecordEntry[] {
  return [...entries.values()].filter((e) => e.complete === done).map((e) => e.entry);
}

interface LoadedRecord {
  entries: Loaded;
  /** Which file held them; undefined when there was none (or one of another version). */
  from?: typeof JOURNAL_NAME | typeof RECORD_NAME;
  lines: number;
  /** The file does not end with a line break: its last line was cut short. */
  torn: boolean;
}

/** The journal when there is one (an interrupted run: it holds the record too), else the record. */
async function load(outDir: string): Promise<LoadedRecord> {
  const read = (name: string) =>
    readFile(join(outDir, name), 'utf8').catch((e: unknown) => debug('record %s: none: %s', name, e));
  let from: LoadedRecord['from'] = JOURNAL_NAME;
  let text = await read(JOURNAL_NAME);
  if (text === undefined) {
    from = RECORD_NAME;
    text = await read(RECORD_NAME);
  }
  const entries: Loaded = new Map();
  const lines = (text ?? '').split('\n');
  const header = parseLine<{ v?: number }>(lines[0] ?? '');
  if (text === undefined || header?.v !== HEADER.v) return { entries, lines: 0, torn: false };
  // A torn last line (power cut mid-append) fails to parse, and that file is simply redone.
  for (const line of lines.slice(1)) {
    const e = parseLine<Partial<RecordEntry> & { end?: boolean; drop?: RecordInput }>(line);
    if (e?.end) for (const v of entries.values()) v.complete = true;
    else if (e?.drop) entries.delete(keyOf(e.drop));
    else if (isEntry(e)) entries.set(keyOf(e), { entry: e, complete: false });
  }
  return { entries, from, lines: lines.length, torn: !text.endsWith('\n') };
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

/** The outputs a folder's record lists (path → size), or undefined when the folder holds no record. */
export async function recordedOutputs(dir: string): Promise<Map<string, number> | undefined> {
  const { entries } = await load(dir);
  if (entries.size === 0) return undefined;
  return new Map([...entries.values()].map(({ entry }) => [entry.out, entry.outSize]));
}
