// The built `pixmill run` fed the ways people feed mogrify, sharp-cli and xargs: quoted globs,
// @lists, paths on stdin (one a line, or NUL-separated from `find -print0`). Child processes,
// outputs checked on disk. Run after `electron-vite build`.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, pixmillWith, runChild } from './cli-runner.js';
import { listFiles, makeImage, tempDir } from './fixtures.js';

const pixmill = (args: string[], opts: { cwd?: string; stdin?: string } = {}): Promise<CliResult> =>
  pixmillWith({ ...opts, stdin: opts.stdin ?? '' }, ...args);

let root: string;
let photos: string;

beforeAll(async () => {
  root = await tempDir('pixmill-cli-inputs-');
  photos = join(root, 'photos');
  await makeImage(join(photos, 'a.jpg'), { width: 120, height: 80 });
  await makeImage(join(photos, 'b.png'), { width: 80, height: 120, format: 'png' });
  await makeImage(join(photos, 'deep', 'c.png'), { width: 100, height: 100, format: 'png' });
  await makeImage(join(photos, 'with space.jpg'), { width: 60, height: 40 });
});

describe('pixmill run: inputs', () => {
  it('expands a quoted glob itself, in every shell', async () => {
    const out = join(root, 'out-glob');
    const r = await pixmill(['run', 'photos/**/*.png', '--out', out, '--flat', '--json'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['b.png', 'c.png']);
  });

  it('reads a list of paths from @file, relative to the current folder', async () => {
    await writeFile(join(root, 'list.txt'), 'photos/a.jpg\n\nphotos/with space.jpg\n');
    const out = join(root, 'out-list');
    const r = await pixmill(['run', '@list.txt', '--out', out, '--format', 'webp', '--json'], { cwd: root });
    expect(r.code, r.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['a.webp', 'with space.webp']);
    expect((await sharp(join(out, 'a.webp')).metadata()).format).toBe('webp');
  });

  it('reads paths from stdin with -, one a line', async () => {
    const out = join(root, 'out-stdin');
    const stdin = `${join(photos, 'a.jpg')}\n${join(photos, 'b.png')}\n`;
    const r = await pixmill(['run', '-', '--out', out, '--resize', '40', '--json'], { stdin });
    expect(r.code, r.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['a.jpg', 'b.png']);
    const b = await sharp(join(out, 'b.png')).metadata();
    expect([b.width, b.height]).toEqual([27, 40]);
  });

  it('reads NUL-separated paths with -0, as `find -print0` writes them', async () => {
    const { stdout: find } = await runChild('find', [photos, '-name', '*.jpg', '-print0']);
    expect(find).toContain('\0');
    const out = join(root, 'out-nul');
    const r = await pixmill(['run', '-', '-0', '--out', out, '--flat', '--json'], { stdin: find });
    expect(r.code, r.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['a.jpg', 'with space.jpg']);
    // Without -0 the same bytes are one path that does not exist.
    const wrong = await pixmill(['run', '-', '--out', join(root, 'out-nul-wrong'), '--json'], { stdin: find });
    expect(wrong.code).toBe(2);
  });

  it('refuses a glob that matches nothing and an empty stdin, naming <inputs>', async () => {
    const glob = await pixmill(['run', 'photos/*.gif', '--out', join(root, 'o1'), '--json'], { cwd: root });
    expect(glob.code).toBe(2);
    expect(JSON.parse(glob.stdout)).toMatchObject({ error: { code: 'USAGE', option: '<inputs>' } });
    const empty = await pixmill(['run', '-', '--out', join(root, 'o2')], { stdin: '' });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/<inputs>: the list of inputs is empty/);
  });
});
