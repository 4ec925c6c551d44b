// Moves a finished temp file to its final name under the conflict policy. skip and suffix use
// link(), which is atomic and never replaces an existing file (EEXIST means the name is taken);
// overwrite uses rename(), which atomically replaces.
import { access, link, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { debuglog } from 'node:util';
import { errnoOf } from '../../common/errors.js';
import type { ConflictPolicy } from '../../common/pipeline.js';

const debug = debuglog('pixmill');

export type Commit = { status: 'committed'; path: string } | { status: 'skipped'; path: string };

/** Suffixes tried before giving up: a folder with thousands of "name-N" files is a mistake. */
const MAX_SUFFIX = 9999;

const LINK_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK', 'EACCES']);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch (e) {
    debug('commit: %s taken as free: %s', path, e);
    return false;
  }
}

/**
 * Claims `target` for `temp` without replacing anything: 'taken' when the name exists.
 * Filesystems without hard links (some network and FAT volumes) fall back to check + rename,
 * which is not atomic but is the best they offer.
 */
async function claim(temp: string, target: string, state: { linkWorks: boolean }): Promise<'claimed' | 'taken'> {
  if (state.linkWorks) {
    try {
      await link(temp, target);
      await unlink(temp);
      return 'claimed';
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') return 'taken';
      if (!LINK_UNSUPPORTED.has(errnoOf(err) ?? '')) throw err;
      state.linkWorks = false;
    }
  }
  if (await exists(target)) return 'taken';
  await rename(temp, target);
  return 'claimed';
}

/** Most file systems allow 255 bytes per name; room is kept for a "-9999" suffix. */
const MAX_NAME_BYTES = 255;

/** Shortens a name that would not fit, at a character boundary, keeping its start. */
export function fitName(base: string, ext: string): string {
  const room = MAX_NAME_BYTES - Buffer.byteLength(`-${MAX_SUFFIX}.${ext}`);
  if (Buffer.byteLength(base) <= room) return base;
  let out = '';
  for (const ch of base) {
    if (Buffer.byteLength(out + ch) > room) break;
    out += ch;
  }
  return out;
}

export async function commitOutput(
  temp: string,
  dir: string,
  wantedBase: string,
  ext: string,
  policy: ConflictPolicy,
): Promise<Commit> {
  const base = fitName(wantedBase, ext);
  const first = join(dir, `${base}.${ext}`);
  if (policy === 'overwrite') {
    await rename(temp, first);
    return { status: 'committed', path: first };
  }
  const state = { linkWorks: true };
  if ((await claim(temp, first, state)) === 'claimed') return { status: 'committed', path: first };
  if (policy === 'skip') return { status: 'skipped', path: first };
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const candidate = join(dir, `${base}-${n}.${ext}`);
    if ((await claim(temp, candidate, state)) === 'claimed') return { status: 'committed', path: candidate };
  }
  throw Object.assign(new Error(`No free name for ${base}.${ext} after ${MAX_SUFFIX} suffixes`), { code: 'EEXIST' });
}
