import { chmod, link, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/fixtures.js';
import { type ScanItem, type ScanOptions, scanInputs } from './scan.js';

// Only the magic bytes matter to the scanner; the worker is the one that decodes.
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

let dir: string;
beforeEach(async () => {
  dir = await tempDir('pixmill-scan-');
});
afterEach(async () => {
  await chmod(join(dir, 'locked'), 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function put(rel: string, content: string | Buffer = JPEG): Promise<string> {
  const path = join(dir, rel);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
  return path;
}

async function collect(inputs: string[], options?: ScanOptions): Promise<ScanItem[]> {
  const items: ScanItem[] = [];
  for await (const item of scanInputs(inputs, options)) items.push(item);
  return items;
}

const images = (items: ScanItem[]) => items.flatMap((i) => (i.kind === 'image' ? [i.relPath] : []));
const errors = (items: ScanItem[]) =>
  items.flatMap((i) => (i.kind === 'error' ? [{ path: i.path, code: i.code }] : []));
const ignored = (items: ScanItem[]) =>
  items.flatMap((i) => (i.kind === 'ignored' ? [{ name: relative(dir, i.path), reason: i.reason }] : []));

describe('scanInputs', () => {
  it('streams: yields the first image before the tree is walked, and sees files added after that', async () => {
    const folders = Array.from({ length: 50 }, (_, i) => `d${String(i).padStart(2, '0')}`);
    for (const f of folders) {
      await mkdir(join(dir, f));
      await Promise.all(Array.from({ length: 100 }, (_, i) => writeFile(join(dir, f, `${i}.jpg`), '')));
    }
    let count = 0;
    for await (const item of scanInputs([dir])) {
      // Written into the last folder after the first image arrived: only a lazy walk can find it.
      if (count === 0) await writeFile(join(dir, 'd49', 'late.jpg'), '');
      if (item.kind === 'image') count++;
    }
    expect(count).toBe(5001);
  });

  it('stops at once when aborted', async () => {
    for (let i = 0; i < 200; i++) await put(join(`d${i % 10}`, `${i}.jpg`));
    const controller = new AbortController();
    const items: ScanItem[] = [];
    for await (const item of scanInputs([dir, dir], { signal: controller.signal })) {
      items.push(item);
      controller.abort();
    }
    expect(items).toHaveLength(1);
  });

  it('walks depth-first in name order and gives paths relative to the root', async () => {
    for (const rel of ['c.jpg', join('b', 'd', 'e.jpg'), 'a.jpg', join('b', 'c.jpg')]) await put(rel);
    const items = await collect([dir]);
    expect(images(items)).toEqual(['a.jpg', join('b', 'c.jpg'), join('b', 'd', 'e.jpg'), 'c.jpg']);
    const first = items[0]!;
    expect(first).toEqual({
      kind: 'image',
      path: join(dir, 'a.jpg'),
      root: 0,
      relPath: 'a.jpg',
      size: JPEG.length,
      mtimeMs: expect.any(Number),
      format: 'jpeg',
    });
    expect(items.at(-1)).toEqual({ kind: 'root-done', root: 0 });
  });

  it('answers hidden files and folders as hidden (a folder once), and passes over Pixmill’s own files', async () => {
    await put('visible.jpg');
    await put('.hidden.jpg');
    await put('._visible.jpg', Buffer.from([0, 5, 22, 7]));
    await put('Thumbs.db', Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
    await put('.pixmill-0123abcd.tmp');
    await put('.pixmill-journal.jsonl', '{}\n');
    await put(join('.thumbs', 'x.jpg'));
    await put(join('.thumbs', 'y.jpg'));
    const items = await collect([dir]);
    expect(images(items)).toEqual(['visible.jpg']);
    expect(ignored(items)).toEqual([
      { name: '._visible.jpg', reason: 'hidden' },
      { name: '.hidden.jpg', reason: 'hidden' },
      { name: '.thumbs', reason: 'hidden' },
      { name: 'Thumbs.db', reason: 'hidden' },
    ]);
    const folder = items.find((i) => i.kind === 'ignored' && i.path.endsWith('.thumbs'));
    expect(folder).toMatchObject({ message: 'Hidden folder, skipped with everything in it.' });
  });

  it('finds images by content and answers every other file: not an image, or an image format it cannot read', async () => {
    await put('scan-without-extension');
    await put('data.bin', PNG);
    await put('notes.txt', 'hello');
    await put('README', 'just text\n');
    await put('empty', '');
    await put('blob.dat', Buffer.from([0x00, 0x01, 0x02, 0xfe]));
    await put('renamed.png', 'This is not an image, whatever its name says.\n');
    await put('frame.ppm', Buffer.concat([Buffer.from('P6\n2 1\n255\n'), Buffer.alloc(6, 200)]));
    await put('sky.hdr', '#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n');
    await put('old.bmp', Buffer.from([0x42, 0x4d, 0x3a, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]));
    // Image formats no decoder here reads, by their signatures.
    await put('scan.jxr', Buffer.from([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0]));
    await put('photo.bpg', Buffer.from([0x42, 0x50, 0x47, 0xfb, 0x00, 0x00]));
    await put('app.icns', Buffer.concat([Buffer.from('icns'), Buffer.from([0, 0, 0, 8])]));
    const items = await collect([dir]);
    // PPM, BMP and Radiance HDR are read by the fallback decoder: images like any other.
    expect(images(items)).toEqual([
      'data.bin',
      'frame.ppm',
      'old.bmp',
      'renamed.png',
      'scan-without-extension',
      'sky.hdr',
    ]);
    expect(ignored(items)).toEqual(
      ['README', 'blob.dat', 'empty', 'notes.txt'].map((name) => ({ name, reason: 'not-image' })),
    );
    const rows = items.filter((i) => i.kind === 'error');
    expect(rows.map((r) => [relative(dir, r.path), r.code, r.message])).toEqual([
      ['app.icns', 'UNSUPPORTED_FORMAT', 'This file is in Apple icon (ICNS) format, which Pixmill cannot read.'],
      ['photo.bpg', 'UNSUPPORTED_FORMAT', 'This file is in BPG format, which Pixmill cannot read.'],
      ['scan.jxr', 'UNSUPPORTED_FORMAT', 'This file is in JPEG XR format, which Pixmill cannot read.'],
    ]);
    const text = items.find((i) => i.kind === 'ignored' && i.path.endsWith('notes.txt'));
    expect(text).toMatchObject({ message: 'Not an image: this is a text file.' });
  });

  it('answers every file it meets exactly once, in folders at any depth', async () => {
    const names = ['a.jpg', 'b.txt', '.c', join('d', 'e.png'), join('d', 'f.pdf'), join('d', 'g', 'h.mov')];
    for (const n of names) await put(n, n.endsWith('.png') ? PNG : n.endsWith('.pdf') ? '%PDF-1.4\n' : JPEG);
    const items = await collect([dir]);
    const answered = items.flatMap((i) => (i.kind === 'root-done' ? [] : [relative(dir, i.path)]));
    expect(answered.sort()).toEqual([...names].sort());
  });

  it('says so when a dropped folder holds no files, but not for one that holds only hidden ones', async () => {
    const empty = join(dir, 'empty');
    await mkdir(join(empty, 'also-empty'), { recursive: true });
    await put(join('hidden-only', '.DS_Store'), 'x');
    const items = await collect([empty, join(dir, 'hidden-only')]);
    expect(items).toEqual([
      { kind: 'ignored', path: empty, root: 0, reason: 'empty-folder', message: 'This folder holds no files.' },
      { kind: 'root-done', root: 0 },
      expect.objectContaining({ kind: 'ignored', reason: 'hidden', root: 1 }),
      { kind: 'root-done', root: 1 },
    ]);
  });

  it('tells the format of each image it yields, by content', async () => {
    await put('a.jpg');
    await put('b.jpg', PNG);
    const items = await collect([dir]);
    expect(items.flatMap((i) => (i.kind === 'image' ? [i.format] : []))).toEqual(['jpeg', 'png']);
  });

  it('reports a symlink loop once and still finishes', async () => {
    await put(join('a', 'b', 'x.jpg'));
    await symlink(join('..', '..'), join(dir, 'a', 'b', 'up'));
    await symlink('a', join(dir, 'z-same-as-a'));
    const items = await collect([dir]);
    expect(images(items)).toEqual([join('a', 'b', 'x.jpg')]);
    expect(errors(items)).toEqual([{ path: join(dir, 'a', 'b', 'up'), code: 'SYMLINK_LOOP' }]);
    expect(items.at(-1)).toEqual({ kind: 'root-done', root: 0 });
  });

  it('reports a link to itself as a loop', async () => {
    await symlink('self', join(dir, 'self'));
    expect(errors(await collect([dir]))).toEqual([{ path: join(dir, 'self'), code: 'SYMLINK_LOOP' }]);
  });

  it('follows links to files and folders', async () => {
    await put(join('real', 'x.jpg'));
    const other = await tempDir('pixmill-scan-other-');
    try {
      await writeFile(join(other, 'y.png'), PNG);
      await symlink(other, join(dir, 'linked'));
      await symlink(join('real', 'x.jpg'), join(dir, 'z-shortcut.jpg'));
      const items = await collect([dir]);
      expect(images(items)).toEqual([join('linked', 'y.png'), join('real', 'x.jpg')]);
      // The link leads to an image already met: the same file, processed once.
      expect(ignored(items)).toEqual([{ name: 'z-shortcut.jpg', reason: 'duplicate' }]);
      expect(items.find((i) => i.kind === 'image' && i.relPath === join('linked', 'y.png'))).toMatchObject({
        real: join(await realpath(other), 'y.png'),
      });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('reports a broken symlink as NOT_FOUND, inside a folder and as an input', async () => {
    await put('ok.jpg');
    await symlink('nowhere.jpg', join(dir, 'gone.jpg'));
    const items = await collect([dir, join(dir, 'gone.jpg')]);
    expect(images(items)).toEqual(['ok.jpg']);
    expect(errors(items)).toEqual([
      { path: join(dir, 'gone.jpg'), code: 'NOT_FOUND' },
      { path: join(dir, 'gone.jpg'), code: 'NOT_FOUND' },
    ]);
    expect(items.filter((i) => i.kind === 'root-done')).toHaveLength(2);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable folder once and goes on', async () => {
    await put('a.jpg');
    await put(join('locked', 'secret.jpg'));
    await put('z.jpg');
    await chmod(join(dir, 'locked'), 0o000);
    const items = await collect([dir]);
    expect(images(items)).toEqual(['a.jpg', 'z.jpg']);
    expect(errors(items)).toEqual([{ path: join(dir, 'locked'), code: 'PERMISSION_DENIED' }]);
  });

  it('never descends into an excluded folder, matched by real path', async () => {
    await put(join('in', 'x.jpg'));
    await put(join('out', 'x.jpg'));
    await put(join('out', 'deep', 'y.jpg'));
    const viaLink = `${dir}-link`;
    await symlink(dir, viaLink);
    try {
      const items = await collect([viaLink], { exclude: [await realpath(join(dir, 'out'))] });
      expect(images(items)).toEqual([join('in', 'x.jpg')]);
    } finally {
      await rm(viaLink);
    }
  });

  it('keeps unicode names exactly as they are, NFC and NFD alike', async () => {
    const nfc = 'Caf\u00e9';
    const nfd = 'Cafe\u0301';
    await put(join(nfc, '\u00fc ber.jpg'));
    await put(join(nfd, 'u\u0308 ber.jpg'));
    await put(join('日本', '写真.jpg'));
    expect(images(await collect([dir]))).toEqual([
      join(nfd, 'u\u0308 ber.jpg'),
      join(nfc, '\u00fc ber.jpg'),
      join('日本', '写真.jpg'),
    ]);
  });

  it('keeps spaces, newlines and leading dashes in names', async () => {
    const names = [join('--help', '-rf.jpg'), 'line\nbreak.jpg', 'my photo .jpg'];
    for (const n of names) await put(n);
    const items = await collect([dir]);
    expect(images(items)).toEqual(names);
    expect(items.flatMap((i) => (i.kind === 'image' ? [i.path] : []))).toEqual(names.map((n) => join(dir, n)));
  });

  it('yields files given directly, even ones that are not images, named by their base name', async () => {
    const photo = await put(join('sub', 'photo.jpg'));
    const notes = await put('notes.txt', 'not an image');
    const items = await collect([photo, notes]);
    expect(items).toEqual([
      {
        kind: 'image',
        path: photo,
        root: 0,
        relPath: 'photo.jpg',
        size: JPEG.length,
        mtimeMs: expect.any(Number),
        format: 'jpeg',
      },
      { kind: 'root-done', root: 0 },
      {
        kind: 'image',
        path: notes,
        root: 1,
        relPath: 'notes.txt',
        size: 12,
        mtimeMs: expect.any(Number),
        format: 'text',
      },
      { kind: 'root-done', root: 1 },
    ]);
  });

  it('answers a file given directly in a format it has no decoder for', async () => {
    const flif = await put('anim.flif', Buffer.concat([Buffer.from('FLIF'), Buffer.from([0x44, 0x31, 0x00])]));
    expect(await collect([flif])).toEqual([
      {
        kind: 'error',
        path: flif,
        root: 0,
        code: 'UNSUPPORTED_FORMAT',
        message: 'This file is in FLIF format, which Pixmill cannot read.',
        detail: 'Detected format: flif',
      },
      { kind: 'root-done', root: 0 },
    ]);
  });

  it('takes a TGA given directly for an image, known by its name (the format has no signature)', async () => {
    const header = Buffer.from([0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 4, 0, 24, 0x20]);
    const tga = await put('sky.tga', header);
    expect(await collect([tga])).toEqual([
      {
        kind: 'image',
        path: tga,
        root: 0,
        relPath: 'sky.tga',
        size: header.length,
        mtimeMs: expect.any(Number),
        format: 'tga',
        declared: { width: 4, height: 4 },
      },
      { kind: 'root-done', root: 0 },
    ]);
  });

  it('reports a missing input and goes on with the next one', async () => {
    await put('x.jpg');
    const missing = join(dir, 'no-such-folder');
    const items = await collect([missing, dir]);
    expect(items[0]).toMatchObject({ kind: 'error', path: missing, root: 0, code: 'NOT_FOUND' });
    expect(items.slice(1)).toEqual([
      { kind: 'root-done', root: 0 },
      {
        kind: 'image',
        path: join(dir, 'x.jpg'),
        root: 1,
        relPath: 'x.jpg',
        size: JPEG.length,
        mtimeMs: expect.any(Number),
        format: 'jpeg',
      },
      { kind: 'root-done', root: 1 },
    ]);
  });

  it('scans a folder given twice only once', async () => {
    await put('x.jpg');
    const items = await collect([dir, dir]);
    expect(items.map((i) => `${i.kind}:${i.root}`)).toEqual(['image:0', 'root-done:0', 'root-done:1']);
  });

  it('answers an image queued itself and through its folder, or through two overlapping folders, once', async () => {
    const photo = await put(join('Trip', 'day1', 'photo.jpg'));
    await put(join('Trip', 'day1', 'other.jpg'));
    await put(join('Trip', 'map.png'), PNG);
    const items = await collect([photo, join(dir, 'Trip'), join(dir, 'Trip', 'day1')]);
    expect(items.filter((i) => i.kind === 'image').map((i) => `${i.root}:${i.path}`)).toEqual([
      `0:${photo}`,
      `1:${join(dir, 'Trip', 'day1', 'other.jpg')}`,
      `1:${join(dir, 'Trip', 'map.png')}`,
    ]);
    expect(items.filter((i) => i.kind === 'ignored')).toEqual([
      {
        kind: 'ignored',
        path: photo,
        root: 1,
        reason: 'duplicate',
        message: 'Already queued via photo.jpg; processed once.',
      },
    ]);
    // The nested folder was scanned as part of Trip: entered once, so it is neither empty nor listed again.
    expect(items.filter((i) => i.root === 2).map((i) => i.kind)).toEqual(['root-done']);
  });

  it('tells hard links apart: two names of one file are two paths, both processed', async () => {
    const a = await put('a.jpg');
    await link(a, join(dir, 'b.jpg'));
    expect(images(await collect([dir]))).toEqual(['a.jpg', 'b.jpg']);
  });

  it('gives the size a header declares in its first bytes, where it does', async () => {
    const png = Buffer.concat([PNG, Buffer.from('IHDR'), Buffer.from([0, 0, 0x04, 0xb0, 0, 0, 0x03, 0x20])]);
    await put('wide.png', png);
    await put('tiny.jpg');
    const items = await collect([dir]);
    expect(items.find((i) => i.kind === 'image' && i.relPath === 'wide.png')).toMatchObject({
      declared: { width: 1200, height: 800 },
    });
    expect(items.find((i) => i.kind === 'image' && i.relPath === 'tiny.jpg')).not.toHaveProperty('declared');
  });
});

describe('scanInputs with only', () => {
  it('answers only the listed files and folders, each with its path relative to its root', async () => {
    await put('a.jpg');
    await put('sub/b.jpg');
    await put('sub/c.png', PNG);
    await put('new/d.jpg');
    await put('new/deep/e.jpg');
    await put('new/notes.txt', 'hello');
    await put('.hidden/f.jpg');
    await put('out/g.jpg');
    const only = ['sub/b.jpg', 'new', 'gone.jpg', '.hidden/f.jpg', 'out/g.jpg', '../elsewhere.jpg'].map((p) =>
      join(dir, p),
    );
    const items = await collect([dir], { only, exclude: [join(dir, 'out')] });
    expect(images(items)).toEqual(['new/d.jpg', join('new', 'deep', 'e.jpg'), join('sub', 'b.jpg')].sort());
    expect(ignored(items)).toEqual([{ name: join('new', 'notes.txt'), reason: 'not-image' }]);
    expect(items.at(-1)).toEqual({ kind: 'root-done', root: 0 });
  });

  it('walks the whole root when the root itself is listed, and a file root only when listed', async () => {
    await put('a.jpg');
    await put('sub/b.jpg');
    expect(images(await collect([dir], { only: [dir] }))).toEqual(['a.jpg', join('sub', 'b.jpg')]);
    const file = join(dir, 'a.jpg');
    expect(images(await collect([file], { only: [file] }))).toEqual(['a.jpg']);
    expect(images(await collect([file], { only: [join(dir, 'sub', 'b.jpg')] }))).toEqual([]);
  });
});
