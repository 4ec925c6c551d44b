// One watched input and how its own disappearance is noticed. inotify watches die with their
// folder (deleted, renamed away, a drive unmounted) and chokidar does not always say so, so the
// watch also compares the folder's identity (device, inode, whether it is a mount point) on a
// timer: a folder that changed identity is watched afresh rather than trusted to a dead watcher.
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { debuglog } from 'node:util';
import { type FSWatcher, watch } from 'chokidar';
import { isInside } from './prepare-batch.js';

const debug = debuglog('pixmill');

export interface PathIdentity {
  dev: number;
  ino: number;
  isDirectory: boolean;
  /** On another device than the folder above it: a drive mounted there. */
  mountPoint: boolean;
}

export async function identityOf(path: string): Promise<PathIdentity | undefined> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return undefined;
  const above = await stat(dirname(path)).catch(() => undefined);
  return {
    dev: st.dev,
    ino: st.ino,
    isDirectory: st.isDirectory(),
    mountPoint: above !== undefined && above.dev !== st.dev,
  };
}

export const sameIdentity = (a: PathIdentity | undefined, b: PathIdentity | undefined): boolean =>
  a !== undefined && b !== undefined && a.dev === b.dev && a.ino === b.ino;

/**
 * Whether a root that went away is back: there, of the same kind, and, if it was a mount point,
 * mounted again. The empty folder an unmounted drive leaves behind is not the folder that was
 * watched, so it is not taken for it.
 */
export function isBack(first: PathIdentity | undefined, now: PathIdentity | undefined): boolean {
  if (now === undefined) return false;
  return first === undefined || (now.isDirectory === first.isDirectory && (!first.mountPoint || now.mountPoint));
}

/**
 * Whether a root being watched is still the one its watcher sees. A single file's inode changes
 * with every save by rename, which chokidar follows, so only a folder is held to its identity.
 */
export function isIntact(first: PathIdentity, watched: PathIdentity, now: PathIdentity | undefined): boolean {
  if (!isBack(first, now)) return false;
  return !watched.isDirectory || sameIdentity(watched, now);
}

/**
 * The output folder as paths under `root` spell it (as given, and through the root's real path):
 * it may lie inside an input, and what Pixmill writes there must never come back as a change.
 */
export async function outputUnder(root: string, outDirs: readonly string[]): Promise<string[]> {
  const rootReal = await realpath(root).catch(() => root);
  const spelled = outDirs.flatMap((out) => (isInside(out, rootReal) ? [join(root, relative(rootReal, out))] : []));
  return [...new Set([...outDirs, ...spelled])];
}

/** The one module that knows chokidar (the layer rules name it): the rest of the watch sees this. */
export type RootWatcher = FSWatcher;

export interface RootWatcherOptions {
  /** Folders whose contents are never changes: the output folder, however it is spelled. */
  excluded: readonly string[];
  stableMs: number;
  /** A file was added or changed and its size has held still for `stableMs`. */
  onChange: (path: string) => void;
  /** Something may have happened to the root itself; `lost` when chokidar saw it go. */
  onTrouble: (lost: boolean) => void;
  /** The system will watch no more folders: changes in some of them would be missed. */
  onLimit: (why: string) => void;
}

/** inotify's refusals: no more watches (ENOSPC) or no more inotify instances or files (EMFILE). */
const LIMIT_CODES = new Set(['ENOSPC', 'EMFILE']);

/** Hidden files and folders (Pixmill's own `.pixmill-*` among them) are never images to take, as in the scan. */
function ignoredIn(root: string, excluded: readonly string[]): (path: string) => boolean {
  return (path) => {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..')) return false;
    if (rel.split(sep).some((part) => part.startsWith('.'))) return true;
    return excluded.some((dir) => isInside(path, dir));
  };
}

/** Watches `root` (a folder with its sub-folders, or one file); resolves once chokidar has seen what is there. */
export async function watchRoot(root: string, options: RootWatcherOptions): Promise<FSWatcher> {
  const watcher = watch(root, {
    ignoreInitial: true,
    ignored: ignoredIn(root, options.excluded),
    // A file still being copied grows; it is taken only once its size has held still this long.
    awaitWriteFinish: {
      stabilityThreshold: options.stableMs,
      pollInterval: Math.max(10, Math.min(100, options.stableMs / 4)),
    },
  });
  watcher.on('add', (path) => options.onChange(path));
  watcher.on('change', (path) => options.onChange(path));
  watcher.on('unlinkDir', (path) => path === root && options.onTrouble(true));
  watcher.on('unlink', (path) => path === root && options.onTrouble(true));
  // The root's own inotify watch reports its move or unmount as a raw event on itself.
  watcher.on('raw', (_event, name, details: unknown) => {
    const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
    if (watched === root && name === basename(root)) options.onTrouble(false);
  });
  watcher.on('error', (e) => {
    debug('watch: %s: %s', root, e);
    const code = (e as NodeJS.ErrnoException).code;
    if (code && LIMIT_CODES.has(code))
      options.onLimit(
        `The system will not watch more folders (${code}), so changes in some of them would be missed. On Linux, raise fs.inotify.max_user_watches and fs.inotify.max_user_instances, or watch fewer folders.`,
      );
    else options.onTrouble(false);
  });
  await new Promise<void>((resolve) => watcher.once('ready', resolve));
  return watcher;
}

/** Closes a watcher and leaves nothing running behind it. */
export async function closeWatcher(watcher: FSWatcher): Promise<void> {
  // chokidar's close() leaves the size polls of files still settling running (and able to report
  // an error to a watcher with no listener left): cancel them first.
  for (const pending of watcher._pendingWrites.values()) (pending as { cancelWait: () => void }).cancelWait();
  await watcher.close().catch((e: unknown) => debug('watch: closing a watcher: %s', e));
  watcher.on('error', (e) => debug('watch: after close: %s', e));
}
