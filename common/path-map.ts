// Where a machine that shares a batch mounts the shared storage, when not under the same path as
// the machine that planned it: `/Volumes/photos=/mnt/photos` says that what the batch calls
// /Volumes/photos/… is /mnt/photos/… here. Plain string work (no Node), so it is the same
// everywhere it is read: the CLI's flag, the queue's worker, the image worker's record.

/** Pairs of (the batch's prefix, this machine's prefix), the longest batch prefix first. */
export type PathMap = readonly { shared: string; local: string }[];

const trimEnd = (p: string) => (p.length > 1 ? p.replace(/[\\/]+$/, '') : p);

/** `/shared/prefix=/local/prefix`, both absolute; refused in plain words otherwise. */
export function parsePathMapping(text: string): { shared: string; local: string } {
  const at = text.indexOf('=');
  const shared = trimEnd(text.slice(0, at).trim());
  const local = trimEnd(text.slice(at + 1).trim());
  const absolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
  if (at < 0 || !absolute(shared) || !absolute(local))
    throw new Error(
      `"${text}" is not a path mapping: write the path as the batch's machine names it, "=", and the same folder as this machine names it, e.g. /Volumes/photos=/mnt/photos`,
    );
  return { shared, local };
}

export function pathMapOf(texts: readonly string[]): PathMap {
  return texts.map(parsePathMapping).sort((a, b) => b.shared.length - a.shared.length);
}

/** `prefix` followed by the end or a separator: /photos holds /photos/a.jpg, never /photos2/a.jpg. */
function under(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === '/' || next === '\\' || prefix.endsWith('/');
}

function swap(path: string, map: PathMap, from: 'shared' | 'local', to: 'shared' | 'local'): string {
  const ordered = from === 'shared' ? map : [...map].sort((a, b) => b.local.length - a.local.length);
  for (const pair of ordered) if (under(path, pair[from])) return pair[to] + path.slice(pair[from].length);
  return path;
}

/** The batch's path as this machine reaches it. */
export const toLocal = (path: string, map: PathMap): string => (map.length ? swap(path, map, 'shared', 'local') : path);

/** This machine's path as the batch names it. */
export const toShared = (path: string, map: PathMap): string =>
  map.length ? swap(path, map, 'local', 'shared') : path;
