// Walks the inputs and yields images as they are found. The batch pulls from this iterator as
// workers free up, so a 100,000-file tree costs one folder's names per level of depth, never a
// list of the whole tree.
import type { BigIntStats } from 'node:fs';
import { type FileHandle, lstat, open, opendir, realpath, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { debuglog } from 'node:util';
import { ERROR_CODES, type ErrorCode, errnoCode, errnoOf } from '../../common/errors.js';
import { IMAGE_EXTENSIONS, isImageByContent, SNIFF_BYTES, sniffFormat } from '../../common/sniff.js';

const debug = debuglog('pixmill');

export type ScanItem =
  | { kind: 'image'; path: string; root: number; relPath: string; size: number; mtimeMs: number }
  | { kind: 'error'; path: string; root: number; code: ErrorCode; message: string; detail?: string }
  | { kind: 'root-done'; root: number };

export interface ScanOptions {
  /** Absolute paths of folders never descended into (the output folder inside an input). */
  exclude?: string[];
  signal?: AbortSignal | undefined;
  /** Called for every file passed over because it is not an image, so the caller can count them. */
  onIgnored?: (path: string) => void;
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
  | { kind: 'image'; size: number; mtimeMs: number }
  | { kind: 'dir'; id: string }
  | { kind: 'ignored' }
  | { kind: 'vanished' }
  | { kind: 'error'; code: ErrorCode; message: string; detail: string };

interface Frame {
  path: string;
  rel: string;
  id: string;
  names: string[];
  /** Classifications started ahead, in `names` order; the first belongs to names[done]. */
  pending: Promise<Entry>[];
  started: number;
  done: number;
}

interface Excludes {
  ids: Set<string>;
  reals: Set<string>;
}

interface ScanContext {
  root: number;
  excludes: Excludes;
  /** Every folder entered in this scan, across roots, so a folder reached twice is scanned once. */
  visited: Set<string>;
  signal: AbortSignal | undefined;
  onIgnored: ((path: string) => void) | undefined;
}

export async function* scanInputs(inputs: string[], options: ScanOptions = {}): AsyncGenerator<ScanItem> {
  const excludes = await resolveExcludes(options.exclude ?? []);
  const visited = new Set<string>();
  for (let root = 0; root < inputs.length; root++) {
    if (options.signal?.aborted) return;
    const ctx: ScanContext = { root, excludes, visited, signal: options.signal, onIgnored: options.onIgnored };
    yield* scanRoot(resolve(inputs[root]!), ctx);
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
    yield* walk(path, identity(st), ctx);
  } else if (st.isFile()) {
    // Asked for by name: yielded whatever it holds, so a non-image gets an error row, not silence.
    yield {
      kind: 'image',
      path,
      root: ctx.root,
      relPath: basename(path),
      size: Number(st.size),
      mtimeMs: Number(st.mtimeMs),
    };
  } else {
    yield errorItem(path, ctx.root, {
      code: 'READ_FAILED',
      message: ERROR_CODES.READ_FAILED,
      detail: 'not a regular file or folder',
    });
  }
}

/** Depth-first over one root folder with an explicit stack, each folder's entries in name order. */
async function* walk(rootPath: string, rootId: string, ctx: ScanContext): AsyncGenerator<ScanItem> {
  const stack: Frame[] = [];
  const ancestors = new Set<string>();

  async function* enter(path: string, rel: string, id: string): AsyncGenerator<ScanItem> {
    if (ctx.visited.has(id) || (await isExcluded(path, id, ctx.excludes))) return;
    ctx.visited.add(id);
    try {
      const names = await readNames(path);
      stack.push({ path, rel, id, names, pending: [], started: 0, done: 0 });
      ancestors.add(id);
    } catch (err) {
      yield errorItem(path, ctx.root, errorFor(err, MESSAGES[codeFor(err)]));
    }
  }

  yield* enter(rootPath, '', rootId);
  while (stack.length > 0) {
    if (ctx.signal?.aborted) return;
    const frame = stack[stack.length - 1]!;
    while (frame.started < frame.names.length && frame.started - frame.done < LOOKAHEAD) {
      frame.pending.push(classify(join(frame.path, frame.names[frame.started]!)));
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
    switch (entry.kind) {
      case 'image':
        yield {
          kind: 'image',
          path,
          root: ctx.root,
          relPath: frame.rel ? join(frame.rel, name) : name,
          size: entry.size,
          mtimeMs: entry.mtimeMs,
        };
        break;
      case 'ignored':
        ctx.onIgnored?.(path);
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
          yield* enter(path, frame.rel ? join(frame.rel, name) : name, entry.id);
        }
        break;
      case 'vanished':
        break;
    }
  }
}

/** One folder's visible names, sorted by code unit so the order is the same on every machine. */
async function readNames(path: string): Promise<string[]> {
  const names: string[] = [];
  // Hidden entries include Pixmill's own `.pixmill-*` temp files, which must never be re-read.
  for await (const dirent of await opendir(path)) if (!dirent.name.startsWith('.')) names.push(dirent.name);
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function classify(path: string): Promise<Entry> {
  let st: BigIntStats;
  try {
    st = await stat(path, { bigint: true });
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') return { kind: 'error', ...errorFor(err) };
    // Listed a moment ago but gone now: either a dangling link (worth a row) or a file removed
    // during the scan (nothing left to process, nothing to report).
    return (await isSymlink(path)) ? { kind: 'error', ...errorFor(err, BROKEN_LINK) } : { kind: 'vanished' };
  }
  if (st.isDirectory()) return { kind: 'dir', id: identity(st) };
  // FIFOs, sockets and devices: opening a FIFO to sniff it would block forever.
  if (!st.isFile()) return { kind: 'ignored' };
  const size = Number(st.size);
  const mtimeMs = Number(st.mtimeMs);
  if (IMAGE_EXTENSIONS.has(extname(path).slice(1).toLowerCase())) return { kind: 'image', size, mtimeMs };
  return size > 0 && (await sniffsAsImage(path)) ? { kind: 'image', size, mtimeMs } : { kind: 'ignored' };
}

async function sniffsAsImage(path: string): Promise<boolean> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return isImageByContent(sniffFormat(head.subarray(0, bytesRead)));
  } catch (e) {
    // An unreadable file of unknown type is far more likely not an image than a hidden photo.
    debug('scan: %s not sniffed, taken as no image: %s', path, e);
    return false;
  } finally {
    await handle?.close().catch((e: unknown) => debug('scan: %s not closed: %s', path, e));
  }
}

/** Excluded folders are matched by identity (dev+ino) and by real path, the latter for folders made after the scan started. */
async function resolveExcludes(paths: string[]): Promise<Excludes> {
  const excludes: Excludes = { ids: new Set(), reals: new Set() };
  for (const path of paths) {
    excludes.reals.add(
      await realpath(path).catch((e: unknown) => {
        debug('scan: excluded folder %s matched by its path as given: %s', path, e);
        return resolve(path);
      }),
    );
    const st = await stat(path, { bigint: true }).catch((e: unknown) =>
      debug('scan: excluded folder %s matched by path only: %s', path, e),
    );
    if (st) excludes.ids.add(identity(st));
  }
  return excludes;
}

async function isExcluded(path: string, id: string, excludes: Excludes): Promise<boolean> {
  if (excludes.ids.has(id)) return true;
  if (excludes.reals.size === 0) return false;
  const real = await realpath(path).catch((e: unknown) => debug('scan: %s not resolved, not excluded: %s', path, e));
  return real !== undefined && excludes.reals.has(real);
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

function identity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}`;
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
