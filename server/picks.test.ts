import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callingConnection, type PickTarget, pickRefusal, socketDialogs } from './picks.js';
import { Roots } from './roots.js';

let base: string;
let root: string;
let roots: Roots;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'pixmill-picks-')));
  root = join(base, 'root');
  await mkdir(join(root, 'photos'), { recursive: true });
  await writeFile(join(root, 'photos', 'a.jpg'), 'x');
  await writeFile(join(root, 'errors.csv'), 'x');
  await writeFile(join(base, 'outside.jpg'), 'x');
  await symlink(join(base, 'outside.jpg'), join(root, 'link.jpg'));
  roots = await Roots.create([root]);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('a choice made in the folder browser', () => {
  it('is taken when it is of the kind asked for, inside the roots', async () => {
    expect(await pickRefusal(roots, 'folders', [root, join(root, 'photos')])).toBeNull();
    expect(await pickRefusal(roots, 'files', [join(root, 'photos', 'a.jpg')])).toBeNull();
    expect(await pickRefusal(roots, 'output', [join(root, 'photos')])).toBeNull();
    expect(await pickRefusal(roots, 'csv', [join(root, 'new.csv')])).toBeNull();
  });

  it('is refused, saying why, outside the roots, through a link, of the wrong kind, or too many', async () => {
    expect(await pickRefusal(roots, 'files', [join(base, 'outside.jpg')])).toMatch(/is outside the folders/);
    expect(await pickRefusal(roots, 'watermark', [join(root, 'link.jpg')])).toMatch(/is outside the folders/);
    expect(await pickRefusal(roots, 'folders', [join(root, 'photos', 'a.jpg')])).toBe(
      'a.jpg is a file: choose a folder.',
    );
    expect(await pickRefusal(roots, 'files', [join(root, 'photos')])).toBe('photos is a folder: choose a file.');
    expect(await pickRefusal(roots, 'output', [root, join(root, 'photos')])).toBe('Choose only one.');
    expect(await pickRefusal(roots, 'folders', [])).toBe('Choose something first.');
    expect(await pickRefusal(roots, 'folders', [join(root, 'missing')])).toMatch(/does not exist/);
    expect(await pickRefusal(roots, 'csv', [join(root, 'errors.csv')])).toMatch(/already exists/);
    expect(await pickRefusal(roots, 'csv', [join(root, 'notes.txt')])).toMatch(/\.csv/);
    expect(await pickRefusal(roots, 'csv', [join(base, 'x.csv')])).toMatch(/is outside the folders/);
  });

  it('goes to the connection whose call opened the dialog, and none outside a call', async () => {
    const dialogs = socketDialogs(roots);
    expect(await dialogs.addFolders()).toEqual([]);
    const asked: string[] = [];
    const target: PickTarget = {
      pick: async (kind, accept) => {
        asked.push(kind);
        const paths = [join(root, 'photos')];
        return (await accept(paths)) ? null : paths;
      },
    };
    expect(await callingConnection.run(target, () => dialogs.chooseOutput())).toBe(join(root, 'photos'));
    expect(await callingConnection.run(target, () => dialogs.chooseWatermark())).toBeNull();
    expect(asked).toEqual(['output', 'watermark']);
  });
});
