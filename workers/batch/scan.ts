// Walks the inputs and answers every file it meets as it goes: an image for the workers, an error
// row (an image format without a decoder, an unreadable file), or ignored with a reason (not an
// image, hidden). The batch pulls from this iterator as workers free up, so a 100,000-file tree
// costs one folder's names per level of depth, never a list of the whole tree. An image reached
// twice (queued itself and through its folder, two overlapping folders, a link) is processed once:
// the scan keeps the real path of every image it yields and answers a second sighting as a duplicate.
import type { BigIntStats, Stats } from 'node:fs';
import { type FileHandle, lstat, open, opendir, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { debuglog } from 'node:util';
import { ERROR_CODES, type ErrorCode, errnoCode, errnoOf } from '../../common/errors.js';
import type { IgnoreReason } from '../../common/events.js';
import { answerFor, SNIFF_BYTES, type SniffedFormat, sniffFormat } from '../../common/sniff.js';
import { type Dimensions, declaredDimensions } from '../image/header-dimensions.js';
import {
  duplicateMessage,
  EMPTY_FOLDER,
  hiddenMessage,
  isHidden,
  isPixmillFile,
  NOT_A_REGULAR_FILE,
  notImageMessage,
  unsupportedMessage,
} from './answers.js';
import { type Excludes, identity, isExcluded, resolveExcludes } from './excludes.js';

const debug = debuglog('pixmill');

export type ScanItem =
  | {
      kind: 'image';
      path: string;
      root: number;
      relPath: string;
      size: number;
      mtimeMs: number;
      /** What its first bytes say it is (the worker looks again: the file may change meanwhile). */
      format: SniffedFormat;
      /** Its real path, only where that differs from `path` (a link on the way). */
      real?: string;
      /** The size its header declares in the first bytes, where it does (as stored, before EXIF orientation). */
      declared?: Dimensions;
    }
  | { kind: 'error'; path: string; root: number; code: ErrorCode; message: string; detail?: string }
  | { kind: 'ignored'; path: string; root: number; reason: IgnoreReason; message: string }
  | { kind: 'root-done'; root: number };

export type ScanImage = Extract<ScanItem, { kind: 'image' }>;

export interface ScanOptions {
  /** Absolute paths of folders never descended into (the output folder inside an input). */
  exclude?: string[];
  signal?: AbortSignal | undefined;
  /** Only these files or folders, each inside one of the inputs (BatchOptions.only). */
  only?: readonly string[] | undefined;
  /** Files an earlier run already answered as images: they need no second look at their bytes. */
  known?: KnownImages | undefined;
  /**
   * Only counting (the look-ahead that gives the total early): a file the record knows by its
   * path counts as an image without being stat'ed or read. Its items carry no size or format.
   */
  countOnly?: boolean;
}

/** What the output folder's record says of a path (journal.ts). */
export interface KnownImages {
  /** The format sniffed when the file was processed, while its size and date are the same. */
  format(path: string, size: number, mtimeMs: number): SniffedFormat | undefined;
  has(path: string): boolean;
}

/** Entries of one folder stat'ed (and sniffed) concurrently: a serial stat per file is the slow part. */
const LOOKAHEAD = 32;

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  PERMISSION_DENIED: 'Pixmill is not allowed to read this folder; it was skipped.',
};
const MISSING_INPUT = 'This file or folder does not exist.';
const BROKEN_LINK = 'This link points to a file or folder that does not exist.';

/** What one folder entry turned out to be once stat'ed (following links) and, if needed, sniffed. */
type Entry =
  | { kind: 'image'; size: number; mtimeMs: number; format: SniffedFormat; declared?: Dimensions }
  | { kind: 'dir'; id: string }
  | { kind: 'ignored'; reason: IgnoreReason; message: string }
  | { kind: 'pixmill' }
  | { kind: 'vanished' }
  | { kind: 'error'; code: ErrorCode; message: string; detail: string };

interface Frame {
  path: string;
  /** The folder's real path: an entry's real path is this plus its name, unless the entry is a link. */
  real: string;
  rel: string;
  id: string;
  names: string[];
  links: Set<string>;
  /** Classifications started ahead, in `names` order; the first belongs to names[done]. */
  pending: Promise<Entry>[];
  started: number;
  done: number;
}

interface ScanContext {
  root: number;
  excludes: Excludes;
  /** Every folder entered in this scan, across roots, so a folder reached twice is scanned once. */
  visited: Set<string>;
  /** The real path of every image yielded so far, across roots, and the root that claimed it. */
  claimed: Map<string, number>;
  inputs: readonly string[];
  signal: AbortSignal | undefined;
  known: KnownImages | undefined;
  countOnly: boolean;
}

export async function* scanInputs(inputs: string[], options: ScanOptions = {}): AsyncGenerator<ScanItem> {
  const excludes = await resolveExcludes(options.exclude ?? []);
  const visited = new Set<string>();
  const claimed = new Map<string, number>();
  for (let root = 0; root < inputs.length; root++) {
    if (options.signal?.aborted) return;
    const ctx: ScanContext = {
      root,
      excludes,
      visited,
      claimed,
      inputs,
      signal: options.signal,
      known: options.known,
      countOnly: options.countOnly ?? false,
    };
    if (options.only) yield* scanListed(resolve(inputs[root]!), options.only, ctx);
    else yield* scanRoot(resolve(inputs[root]!), ctx);
    if (options.signal?.aborted) return;
    yield { kind: 'root-done', root };
  }
}

async function* scanRoot(path: string, ctx: ScanContext): AsyncGenerator<ScanItem> {
  let st: BigIntStats;
  try {
    st = await stat(path, { bigint: true });
  } catch (err) {
    const broken = errnoOf(err) === 'ENOENT' && (await isSymlink(path));
    const message = errnoOf(err) === 'ENOENT' ? (broken ? BROKEN_LINK : MISSING_INPUT) : undefined;
    yield errorItem(path, ctx.root, errorFor(err, message));
    return;
  }
  if (st.isDirectory()) {
    // A folder given twice is scanned once: the second time it is not empty, only done.
    let answered = ctx.visited.has(identity(st));
    for await (const item of walk(path, identity(st), ctx)) {
      answered = true;
      yield item;
    }
    if (!answered && !ctx.signal?.aborted)
      yield { kind: 'ignored', path, root: ctx.root, reason: 'empty-folder', message: EMPTY_FOLDER };
  } else if (st.isFile()) {
    // Asked for by name: yielded whatever it holds, so a non-image gets an error row, not silence.
    const head = await readHead(path).catch((e: unknown) => debug('scan: %s not sniffed: %s', path, e));
    const format = head ? sniffFormat(head, basename(path)) : 'unknown';
    if (answerFor(format, basename(path)) === 'unsupported') yield errorItem(path, ctx.root, unsupported(format));
    else {
      const real = await realPathOf(path);
      yield claim(ctx, real, {
        kind: 'image',
        path,
        root: ctx.root,
        relPath: basename(path),
        size: Number(st.size),
        mtimeMs: Number(st.mtimeMs),
        format,
        ...(real !== path ? { real } : {}),
        ...declaredIn(head || undefined, format),
      });
    }
  } else {
    yield errorItem(path, ctx.root, {
      code: 'READ_FAILED',
      message: ERROR_CODES.READ_FAILED,
      detail: 'not a regular file or folder',
    });
  }
}

/**
 * The listed paths under one root, each answered as the root's walk would answer it (its path
 * relative to the root shapes the output name). A listed path that is gone, hidden, Pixmill's own
 * or inside an excluded folder is passed over: a watch lists what changed, not what was asked for.
 */
async function* scanListed(rootPath: string, only: readonly string[], ctx: ScanContext): AsyncGenerator<ScanItem> {
  const rootStat = await stat(rootPath, { bigint: true }).catch((e: unknown) =>
    debug('scan: root %s: %s', rootPath, e),
  );
  if (!rootStat) return;
  if (!rootStat.isDirectory()) {
    if (only.some((p) => resolve(p) === rootPath)) yield* scanRoot(rootPath, ctx);
    return;
  }
  const listed = [...new Set(only.map((p) => resolve(p)))].filter((p) => p !== rootPath && isUnder(p, rootPath)).sort();
  if (only.some((p) => resolve(p) === rootPath)) {
    yield* walk(rootPath, identity(rootStat), ctx);
    return;
  }
  for (const path of listed) {
    if (ctx.signal?.aborted) return;
    const rel = relative(rootPath, path);
    if (rel.split(sep).some((part) => isHidden(part) || isPixmillFile(part))) continue;
    if (await inExcluded(path, ctx.excludes)) continue;
    const entry = await classify(path, ctx);
    if (entry.kind === 'dir') yield* walk(path, entry.id, ctx, rel);
    else if (entry.kind === 'image') {
      const real = await realPathOf(path);
      yield claim(ctx, real, {
        kind: 'image',
        path,
        root: ctx.root,
        relPath: rel,
        size: entry.size,
        mtimeMs: entry.mtimeMs,
        format: entry.format,
        ...(real !== path ? { real } : {}),
        ...(entry.declared ? { declared: entry.declared } : {}),
      });
    } else if (entry.kind === 'ignored')
      yield { kind: 'ignored', path, root: ctx.root, reason: entry.reason, message: entry.message };
    else if (entry.kind === 'error') yield errorItem(path, ctx.root, entry);
  }
}

const isUnder = (path: string, folder: string): boolean =>
  path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/** A listed path inside an excluded folder (the output folder in a watched one) or one itself. */
async function inExcluded(path: string, excludes: Excludes): Promise<boolean> {
  if (excludes.reals.size === 0) return false;
  const real = await realPathOf(path);
  return [...excludes.reals].some((folder) => real === folder || isUnder(real, folder));
}

/** Depth-first over one root folder with an explicit stack, each folder's entries in name order. */
async function* walk(rootPath: string, rootId: string, ctx: ScanContext, rootRel = ''): AsyncGenerator<ScanItem> {
  const stack: Frame[] = [];
  const ancestors = new Set<string>();

  async function* enter(path: string, rel: string, id: string, real: string | null): AsyncGenerator<ScanItem> {
    if (ctx.visited.has(id) || (await isExcluded(path, id, ctx.excludes))) return;
    ctx.visited.add(id);
    try {
      const { names, links } = await readNames(path);
      const folderReal = real ?? (await realPathOf(path));
      stack.push({ path, real: folderReal, rel, id, names, links, pending: [], started: 0, done: 0 });
      ancestors.add(id);
    } catch (err) {
      yield errorItem(path, ctx.root, errorFor(err, MESSAGES[codeFor(err)]));
    }
  }

  yield* enter(rootPath, rootRel, rootId, null);
  while (stack.length > 0) {
    if (ctx.signal?.aborted) return;
    const frame = stack[stack.length - 1]!;
    while (frame.started < frame.names.length && frame.started - frame.done < LOOKAHEAD) {
      frame.pending.push(classify(join(frame.path, frame.names[frame.started]!), ctx));
      frame.started++;
    }
    const next = frame.pending.shift();
    if (!next) {
      stack.pop();
      ancestors.delete(frame.id);
      continue;
    }
    const entry = await next;
    const name = frame.names[frame.done++]!;
    const path = join(frame.path, name);
    if (ctx.signal?.aborted) return;
    const link = frame.links.has(name);
    switch (entry.kind) {
      case 'image': {
        const real = link ? await realPathOf(path) : join(frame.real, name);
        yield claim(ctx, real, {
          kind: 'image',
          path,
          root: ctx.root,
          relPath: frame.rel ? join(frame.rel, name) : name,
          size: entry.size,
          mtimeMs: entry.mtimeMs,
          format: entry.format,
          ...(real !== path ? { real } : {}),
          ...(entry.declared ? { declared: entry.declared } : {}),
        });
        break;
      }
      case 'ignored':
        yield { kind: 'ignored', path, root: ctx.root, reason: entry.reason, message: entry.message };
        break;
      case 'error':
        yield errorItem(path, ctx.root, entry);
        break;
      case 'dir':
        if (ancestors.has(entry.id)) {
          yield errorItem(path, ctx.root, {
            code: 'SYMLINK_LOOP',
            message: ERROR_CODES.SYMLINK_LOOP,
            detail: 'links to a folder that contains it',
          });
        } else {
          yield* enter(path, frame.rel ? join(frame.rel, name) : name, entry.id, link ? null : join(frame.real, name));
        }
        break;
      case 'vanished':
      case 'pixmill':
        break;
    }
  }
}

/** One folder's names, sorted by code unit so the order is the same on every machine, and which of them are links. */
async function readNames(path: string): Promise<{ names: string[]; links: Set<string> }> {
  const names: string[] = [];
  const links = new Set<string>();
  for await (const dirent of await opendir(path)) {
    names.push(dirent.name);
    if (dirent.isSymbolicLink()) links.add(dirent.name);
  }
  return { names: names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), links };
}

/** Resolving costs a call per link and per root; a path that will not resolve stands for itself. */
async function realPathOf(path: string): Promise<string> {
  return realpath(path).catch((e: unknown) => {
    debug('scan: %s not resolved, taken as its own real path: %s', path, e);
    return path;
  });
}

/** The image itself the first time its real path is met; a duplicate row naming the root that has it after that. */
function claim(ctx: ScanContext, real: string, image: ScanImage): ScanItem {
  const owner = ctx.claimed.get(real);
  if (owner === undefined) {
    ctx.claimed.set(real, ctx.root);
    return image;
  }
  return {
    kind: 'ignored',
    path: image.path,
    root: ctx.root,
    reason: 'duplicate',
    message: duplicateMessage(basename(ctx.inputs[owner] ?? '')),
  };
}

async function classify(path: string, ctx: Pick<ScanContext, 'known' | 'countOnly'>): Promise<Entry> {
  const name = basename(path);
  // Pixmill's own temp files must never be re-read, and are nobody's files to answer for.
  if (isPixmillFile(name)) return { kind: 'pixmill' };
  // A count needs no more than "an image last time": 100,000 unchanged files cost no stat here.
  if (ctx.countOnly && ctx.known?.has(path)) return { kind: 'image', size: 0, mtimeMs: 0, format: 'unknown' };
  // Plain numbers for a file (sizes and millisecond dates fit them, and they cost a fraction of
  // BigInts, 100,000 times over); a folder is stat'ed again in BigInt for its identity.
  let st: Stats;
  try {
    st = await stat(path);
  } catch (err) {
    if (isHidden(name)) return { kind: 'ignored', reason: 'hidden', message: hiddenMessage(name, false) };
    if (errnoOf(err) !== 'ENOENT') return { kind: 'error', ...errorFor(err) };
    // Listed a moment ago but gone now: either a dangling link (worth a row) or a file removed
    // during the scan (nothing left to process, nothing to report).
    return (await isSymlink(path)) ? { kind: 'error', ...errorFor(err, BROKEN_LINK) } : { kind: 'vanished' };
  }
  // A hidden folder is answered once, not file by file: a .git folder holds thousands.
  if (isHidden(name)) return { kind: 'ignored', reason: 'hidden', message: hiddenMessage(name, st.isDirectory()) };
  if (st.isDirectory()) {
    try {
      return { kind: 'dir', id: identity(await stat(path, { bigint: true })) };
    } catch (err) {
      return errnoOf(err) === 'ENOENT' ? { kind: 'vanished' } : { kind: 'error', ...errorFor(err) };
    }
  }
  // FIFOs, sockets and devices: opening a FIFO to sniff it would block forever.
  if (!st.isFile()) return { kind: 'ignored', reason: 'not-image', message: NOT_A_REGULAR_FILE };
  const size = st.size;
  // Whole milliseconds, as a BigInt stat gives them (a root file's): the record compares them exactly.
  const mtimeMs = Math.trunc(st.mtimeMs);
  // Unchanged since the record's run sniffed it: its bytes are not read again (an up-to-date
  // re-run of a large tree is stats, not opens).
  const known = ctx.known?.format(path, size, mtimeMs);
  if (known) return { kind: 'image', size, mtimeMs, format: known };
  let head: Uint8Array;
  try {
    head = await readHead(path);
  } catch (err) {
    return { kind: 'error', ...errorFor(err) };
  }
  const format = sniffFormat(head, name);
  switch (answerFor(format, name)) {
    case 'image':
      return { kind: 'image', size, mtimeMs, format, ...declaredIn(head, format) };
    case 'not-image':
      return { kind: 'ignored', reason: 'not-image', message: notImageMessage(format) };
    case 'unsupported':
      return { kind: 'error', ...unsupported(format) };
  }
}

/** The head is in hand anyway: the file list shows an image's size before any worker opens it. */
function declaredIn(head: Uint8Array | undefined, format: SniffedFormat): { declared?: Dimensions } {
  const declared = head ? declaredDimensions(head, format) : undefined;
  return declared && declared.width > 0 && declared.height > 0 ? { declared } : {};
}

function unsupported(format: SniffedFormat): { code: ErrorCode; message: string; detail: string } {
  return { code: 'UNSUPPORTED_FORMAT', message: unsupportedMessage(format), detail: `Detected format: ${format}` };
}

async function readHead(path: string): Promise<Uint8Array> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle?.close().catch((e: unknown) => debug('scan: %s not closed: %s', path, e));
  }
}

async function isSymlink(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isSymbolicLink(),
    (e: unknown) => {
      debug('scan: %s taken as no symlink: %s', path, e);
      return false;
    },
  );
}

function codeFor(err: unknown): ErrorCode {
  return errnoCode(errnoOf(err), 'read');
}

function errorFor(err: unknown, message?: string): { code: ErrorCode; message: string; detail: string } {
  const code = codeFor(err);
  return { code, message: message ?? ERROR_CODES[code], detail: err instanceof Error ? err.message : String(err) };
}

function errorItem(path: string, root: number, e: { code: ErrorCode; message: string; detail?: string }): ScanItem {
  return e.detail
    ? { kind: 'error', path, root, code: e.code, message: e.message, detail: e.detail }
    : { kind: 'error', path, root, code: e.code, message: e.message };
}
