// The folders a scan never enters (the output folder inside an input), matched by identity and
// by real path, and the identity that recognises a folder reached twice.
import type { BigIntStats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { debuglog } from 'node:util';

const debug = debuglog('pixmill');

export interface Excludes {
  ids: Set<string>;
  reals: Set<string>;
}

/** Excluded folders are matched by identity (dev+ino) and by real path, the latter for folders made after the scan started. */
export async function resolveExcludes(paths: string[]): Promise<Excludes> {
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

export async function isExcluded(path: string, id: string, excludes: Excludes): Promise<boolean> {
  if (excludes.ids.has(id)) return true;
  if (excludes.reals.size === 0) return false;
  const real = await realpath(path).catch((e: unknown) => debug('scan: %s not resolved, not excluded: %s', path, e));
  return real !== undefined && excludes.reals.has(real);
}

export function identity(st: BigIntStats): string {
  return `${st.dev}:${st.ino}`;
}
