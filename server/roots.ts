// The folders `pixmill serve` may touch (`--root`, the current folder by default). Every path a
// request names is resolved to the real file it reaches (symbolic links followed, `..` taken
// physically) and refused unless that lies inside one of them, so neither a link nor a crafted
// path leads out. A path that does not exist yet (an output folder to create, a CSV to save) is
// judged by the folder it would be made in.
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';

export type RootCheck = { ok: true; real: string } | { ok: false; message: string };

export class RootsError extends Error {}

/** `real` is inside `root`, or is it: `/rootX` is not inside `/root`. */
export function isInside(real: string, root: string): boolean {
  if (real === root) return true;
  return real.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The real path `path` reaches, or would once its missing tail is created. */
async function realOrPlanned(path: string): Promise<string | null> {
  const tail: string[] = [];
  // Not path.resolve: it would take `link/..` by name, where the file system takes it physically.
  let at = path;
  for (;;) {
    try {
      const real = await realpath(at);
      // A `..` in a part that does not exist yet cannot be resolved physically: refused outright.
      if (tail.some((part) => part === '..' || part === '.')) return null;
      return tail.length ? join(real, ...tail) : real;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return null;
      const parent = dirname(at);
      if (parent === at) return null;
      tail.unshift(basename(at));
      at = parent;
    }
  }
}

export class Roots {
  private constructor(readonly list: readonly string[]) {}

  /** Each root must be a folder that exists; it is kept as its real path. */
  static async create(dirs: readonly string[]): Promise<Roots> {
    const list: string[] = [];
    for (const dir of dirs) {
      const real = await realpath(resolve(dir)).catch(() => null);
      if (!real) throw new RootsError(`The folder ${dir} does not exist.`);
      if (!(await stat(real)).isDirectory()) throw new RootsError(`${dir} is a file, not a folder.`);
      if (!list.includes(real)) list.push(real);
    }
    if (list.length === 0) throw new RootsError('Expected at least one folder to serve.');
    return new Roots(list);
  }

  /** The sentence for a refusal; names the path as given and the folders that are allowed. */
  refusal(path: string): string {
    const allowed = this.list.length === 1 ? this.list[0] : this.list.join(', ');
    return `${path} is outside the folders this Pixmill server may use (${allowed}).`;
  }

  async check(path: string): Promise<RootCheck> {
    if (typeof path !== 'string' || path.length === 0 || path.length > 4096 || path.includes('\0'))
      return { ok: false, message: 'Expected a path.' };
    if (!isAbsolute(path)) return { ok: false, message: `Expected a full path, from the root: ${path}` };
    const real = await realOrPlanned(path);
    if (!real) return { ok: false, message: this.refusal(path) };
    return this.list.some((root) => isInside(real, root))
      ? { ok: true, real }
      : { ok: false, message: this.refusal(path) };
  }
}
