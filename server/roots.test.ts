import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInside, Roots, RootsError } from './roots.js';

let base: string;
let root: string;
let roots: Roots;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'pixmill-roots-')));
  root = join(base, 'root');
  await mkdir(join(root, 'photos', 'deep'), { recursive: true });
  await mkdir(join(base, 'rootX'));
  await mkdir(join(base, 'outside'));
  await writeFile(join(root, 'photos', 'a.jpg'), 'x');
  await writeFile(join(base, 'outside', 'secret.jpg'), 'x');
  await symlink(join(base, 'outside'), join(root, 'link-out'));
  await symlink(join(base, 'outside', 'secret.jpg'), join(root, 'file-link-out.jpg'));
  await symlink(join(root, 'photos'), join(root, 'link-in'));
  await symlink(join(root, 'photos'), join(base, 'outside', 'link-back'));
  roots = await Roots.create([root]);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const allowed = async (path: string) => (await roots.check(path)).ok;

describe('the allowed roots', () => {
  it('take the root itself and everything below it, existing or not yet', async () => {
    expect(await allowed(root)).toBe(true);
    expect(await allowed(`${root}/`)).toBe(true);
    expect(await allowed(join(root, 'photos', 'a.jpg'))).toBe(true);
    expect(await allowed(join(root, 'photos', 'deep'))).toBe(true);
    expect(await allowed(join(root, 'out', 'new', 'folder'))).toBe(true);
    expect(await allowed(join(root, 'photos', 'errors.csv'))).toBe(true);
  });

  it('refuse a neighbour whose name starts with the root’s (/rootX is not /root)', async () => {
    expect(await allowed(join(base, 'rootX'))).toBe(false);
    expect(await allowed(`${root}X`)).toBe(false);
    expect(await allowed(`${root}X/new`)).toBe(false);
    expect(isInside('/root', '/root')).toBe(true);
    expect(isInside('/rootX', '/root')).toBe(false);
    expect(isInside('/root/x', '/root')).toBe(true);
    expect(isInside('/anything', '/')).toBe(true);
  });

  it('refuse `..` that leads out, taken physically through links', async () => {
    expect(await allowed(`${root}/..`)).toBe(false);
    expect(await allowed(`${root}/photos/../../outside`)).toBe(false);
    expect(await allowed(`${root}/photos/../photos/a.jpg`)).toBe(true);
    // link-in/.. is the folder link-in points into's parent (root), not root's parent.
    expect(await allowed(`${root}/link-in/..`)).toBe(true);
    // link-out/.. is the parent of outside, the base: out.
    expect(await allowed(`${root}/link-out/../root`)).toBe(true);
    expect(await allowed(`${root}/link-out/..`)).toBe(false);
    // A `..` in a part that does not exist cannot be judged and is refused.
    expect(await allowed(`${root}/missing/../photos`)).toBe(false);
  });

  it('refuse symbolic links that point out of the root, and what lies below them', async () => {
    expect(await allowed(join(root, 'link-out'))).toBe(false);
    expect(await allowed(join(root, 'link-out', 'secret.jpg'))).toBe(false);
    expect(await allowed(join(root, 'link-out', 'not-yet'))).toBe(false);
    expect(await allowed(join(root, 'file-link-out.jpg'))).toBe(false);
    expect(await allowed(join(root, 'link-in', 'a.jpg'))).toBe(true);
    // A link from outside into the root leads inside.
    expect(await allowed(join(base, 'outside', 'link-back', 'a.jpg'))).toBe(true);
    expect(await allowed(join(base, 'outside', 'secret.jpg'))).toBe(false);
  });

  it('refuse relative paths, NUL, empty and system folders, saying why in words', async () => {
    expect(await allowed('photos')).toBe(false);
    expect(await allowed(`${root}/a\0b`)).toBe(false);
    expect(await allowed('')).toBe(false);
    const refused = await roots.check('/etc/passwd');
    expect(refused).toEqual({
      ok: false,
      message: `/etc/passwd is outside the folders this Pixmill server may use (${root}).`,
    });
  });

  it('must exist and be folders', async () => {
    await expect(Roots.create([join(base, 'nope')])).rejects.toBeInstanceOf(RootsError);
    await expect(Roots.create([join(root, 'photos', 'a.jpg')])).rejects.toThrow(/is a file, not a folder/);
    expect((await Roots.create([join(root, 'link-in')])).list).toEqual([join(root, 'photos')]);
  });
});
