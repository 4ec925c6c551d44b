// The in-page folder browser's listings: the folders the server may use at the top, then one
// folder at a time, folders first, hidden entries left out. A link whose target lies outside the
// roots is not listed: choosing it would only be refused.
import { readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Result } from '../common/ipc.js';
import type { BrowseEntry, BrowseListing } from '../common/serve-messages.js';
import type { Roots } from './roots.js';

/** A listing carries at most this many entries; a folder of 100,000 photos is still browsable. */
const MAX_ENTRIES = 5000;

const byName = (a: BrowseEntry, b: BrowseEntry): number =>
  a.kind === b.kind ? a.name.localeCompare(b.name, 'en', { numeric: true }) : a.kind === 'folder' ? -1 : 1;

export async function browse(roots: Roots, path: string | null): Promise<Result<BrowseListing>> {
  if (path === null) {
    const entries = roots.list.map((root): BrowseEntry => ({ name: root, path: root, kind: 'folder' }));
    return { ok: true, value: { path: null, parent: null, entries, truncated: false } };
  }
  const checked = await roots.check(path);
  if (!checked.ok) return { ok: false, code: 'INVALID_REQUEST', message: checked.message };
  const dirents = await readdir(path, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => e);
  if (dirents instanceof Error) {
    const message =
      dirents.code === 'ENOTDIR'
        ? `${path} is a file, not a folder.`
        : dirents.code === 'ENOENT'
          ? `The folder ${path} does not exist.`
          : `The folder ${path} cannot be read (${dirents.code ?? dirents.message}).`;
    return { ok: false, code: 'NOT_FOUND', message };
  }
  const entries: BrowseEntry[] = [];
  for (const dirent of dirents) {
    if (dirent.name.startsWith('.')) continue;
    const full = join(path, dirent.name);
    let kind: BrowseEntry['kind'] | null = dirent.isDirectory() ? 'folder' : dirent.isFile() ? 'file' : null;
    if (dirent.isSymbolicLink()) {
      const target = (await roots.check(full)).ok ? await stat(full).catch(() => null) : null;
      kind = target?.isDirectory() ? 'folder' : target?.isFile() ? 'file' : null;
    }
    if (kind) entries.push({ name: dirent.name, path: full, kind });
  }
  entries.sort(byName);
  const atRoot = roots.list.includes(checked.real);
  const parent = atRoot ? null : dirname(path);
  return {
    ok: true,
    value: { path, parent, entries: entries.slice(0, MAX_ENTRIES), truncated: entries.length > MAX_ENTRIES },
  };
}
