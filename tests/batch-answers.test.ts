// Every file of a dropped folder gets one answer, and outputs are named after their sources unless
// two of them really want the same file: through the real engine, real workers, files on disk.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../common/events.js';
import { makePipeline, type OutputSettings } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { listFiles, makeDamaged, makeImage, tempDir } from './fixtures.js';

let root: string;
beforeAll(async () => {
  root = await tempDir('pixmill-answers-');
});

const header = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

async function run(inputs: string[], output: Partial<OutputSettings> = {}, workers = 2) {
  const events: EngineEvent[] = [];
  const out = await tempDir('pixmill-answers-out-');
  const summary = await startBatch({
    inputs,
    outDir: out,
    spec: makePipeline({ output }),
    workers,
    onEvent: (e) => events.push(e),
  }).done;
  return { summary, events, out, files: await listFiles(out) };
}

describe('every file is answered', () => {
  it('counts images and the files passed over, lists each with its reason, and the totals add up', async () => {
    const dir = join(root, 'odd');
    await makeImage(join(dir, 'a.jpg'));
    await makeImage(join(dir, 'sub', 'b.png'), { format: 'png' });
    await writeFile(join(dir, 'notes.txt'), 'Shot on the 3rd.\n');
    await writeFile(join(dir, 'sub', 'clip.mov'), Buffer.from([0, 0, 0, 0x14, ...Buffer.from('ftypqt  \0\0\0\0qt  ')]));
    await writeFile(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75]));
    await makeImage(join(dir, '.thumbnails', 'a.jpg'));
    // A PGM is read by the fallback decoder; a JPEG XR is an image format nothing here reads.
    await writeFile(join(dir, 'frame.pgm'), Buffer.concat([Buffer.from('P5\n2 2\n255\n'), Buffer.alloc(4, 9)]));
    await writeFile(join(dir, 'scan.jxr'), header([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0]));
    await writeFile(join(dir, 'doc.pdf'), '%PDF-1.4\n%\xe2\xe3\n');
    await mkdir(join(dir, 'nothing-here'));
    const { summary, events, files } = await run([dir]);

    expect(summary).toMatchObject({ processed: 3, failed: 1, total: 4, files: 9 });
    expect(summary.ignored).toEqual({ 'not-image': 3, hidden: 2, 'empty-folder': 0, duplicate: 0 });
    const answered = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'file-done') answered.set(relative(dir, e.file), 'done');
      if (e.type === 'file-failed') answered.set(relative(dir, e.file), e.code);
      if (e.type === 'file-ignored') answered.set(relative(dir, e.file), e.reason);
    }
    expect(Object.fromEntries(answered)).toEqual({
      'a.jpg': 'done',
      'sub/b.png': 'done',
      'notes.txt': 'not-image',
      'sub/clip.mov': 'not-image',
      '.DS_Store': 'hidden',
      '.thumbnails': 'hidden',
      'frame.pgm': 'done',
      'scan.jxr': 'UNSUPPORTED_FORMAT',
      'doc.pdf': 'not-image',
    });
    expect(summary.ignoredFiles.map((r) => relative(dir, r.file))).toEqual([
      '.DS_Store',
      '.thumbnails',
      'doc.pdf',
      'notes.txt',
      'sub/clip.mov',
    ]);
    expect(summary.errors.find((e) => e.file.endsWith('scan.jxr'))?.message).toBe(
      'This file is in JPEG XR format, which Pixmill cannot read.',
    );
    expect(summary.ignoredFiles.find((r) => r.file.endsWith('doc.pdf'))?.message).toBe(
      'Not an image: this is a PDF document.',
    );
    // The folder's progress counts images; the files passed over beside them.
    const last = events.filter((e) => e.type === 'progress').at(-1);
    expect(last).toMatchObject({ total: 4, roots: [{ found: 4, ignored: 5, scanDone: true }] });
    expect(files).toEqual(['a.jpg', 'frame.jpg', 'sub/b.png']);
  });

  it('names the format of each image format it has no decoder for, whatever the file is called', async () => {
    const dir = join(root, 'formats');
    const files: [string, Buffer, RegExp][] = [
      ['a.jxr', header([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0]), /JPEG XR/],
      ['b.wdp', header([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0]), /JPEG XR/],
      ['c.bpg', header([0x42, 0x50, 0x47, 0xfb, 0, 0]), /BPG/],
      ['d.flif', header('FLIF', [0x44, 0x31, 0]), /FLIF/],
      ['e.icns', header('icns', [0, 0, 0, 8]), /ICNS/],
      // Named like something else: the bytes decide.
      ['w.jpg', header([0x42, 0x50, 0x47, 0xfb, 0, 0]), /BPG/],
      ['x', header('FLIF', [0x44, 0x31, 0]), /FLIF/],
    ];
    for (const [name, bytes] of files) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, name), bytes);
    }
    const { summary } = await run([dir]);
    expect(summary).toMatchObject({ total: files.length, failed: files.length, files: files.length });
    const rows = new Map(summary.errors.map((e) => [relative(dir, e.file), e]));
    for (const [name, , format] of files) {
      expect(rows.get(name)?.code, name).toBe('UNSUPPORTED_FORMAT');
      expect(rows.get(name)?.message, name).toMatch(format);
      expect(rows.get(name)?.message, name).toMatch(/which Pixmill cannot read/);
    }
  });

  it('hands the formats the fallback decoder reads to it, whatever the file is called: decoded, or a row naming the format', async () => {
    const dir = join(root, 'fallback-formats');
    const tga = [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 4, 0, 24, 0x20, ...Array(48).fill(0)];
    const files: [string, Buffer, RegExp][] = [
      ['a.ppm', header('P6\n4 4\n255\n', Array(48).fill(7)), /Netpbm/],
      ['b.pgm', header('P2\n2 2\n255\n0 1\n2 3\n'), /Netpbm/],
      ['c.pbm', header('P4\n8 2\n', [0xaa, 0x55]), /Netpbm/],
      ['d.pam', header('P7\nWIDTH 1\nHEIGHT 1\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n', [1, 2, 3]), /Netpbm/],
      ['e.pfm', header('PF\n1 1\n-1.0\n', Array(12).fill(0)), /PFM/],
      ['f.hdr', header('#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n', [1, 1, 1, 128]), /Radiance HDR/],
      [
        'g.fits',
        header('SIMPLE  =                    T'.padEnd(80), 'BITPIX  =                    8'.padEnd(80)),
        /FITS/,
      ],
      ['h.xbm', header('#define h_width 8\n#define h_height 1\nstatic char h_bits[] = { 0x55 };\n'), /XBM/],
      ['i.xpm', header('/* XPM */\nstatic char *i[] = { "1 1 1 1", "a c #ff0000", "a" };\n'), /XPM/],
      ['j.ras', header([0x59, 0xa6, 0x6a, 0x95, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 24]), /Sun raster/],
      ['k.tga', header(tga), /TGA/],
      ['l.qoi', header('qoif', [0, 0, 0, 1, 0, 0, 0, 1, 3, 0]), /QOI/],
      ['m.exr', header([0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0]), /OpenEXR/],
      ['n.jp2', header([0, 0, 0, 0x0c], 'jP  ', [0x0d, 0x0a, 0x87, 0x0a]), /JPEG 2000/],
      ['o.jxl', header([0xff, 0x0a, 0xfa, 0x7f]), /JPEG XL/],
      ['p.dds', header('DDS ', [124, 0, 0, 0]), /DDS/],
      ['q.bmp', header('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0]), /BMP/],
      ['r.ico', header([0, 0, 1, 0, 1, 0, 16, 16, 0, 0]), /ICO/],
      ['s.cur', header([0, 0, 2, 0, 1, 0, 32, 32, 0, 0]), /ICO\/CUR/],
      ['t.psd', header('8BPS', [0, 1, 0, 0]), /PSD/],
      ['w.jpg', header('P5\n1 1\n255\n', [9]), /Netpbm/],
      ['x', header('#?RGBE\n'), /Radiance HDR/],
    ];
    for (const [name, bytes] of files) {
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, name), bytes);
    }
    const { summary, events } = await run([dir]);
    const answers = new Map<string, string>();
    for (const e of events) {
      if (e.type === 'file-done') answers.set(relative(dir, e.file), 'done');
      if (e.type === 'file-failed') answers.set(relative(dir, e.file), e.code);
    }
    // Header-only files: the ones whose few bytes hold a whole picture are decoded; the others
    // are cut short or damaged, said in words, never "cannot read".
    expect(Object.fromEntries(answers)).toEqual({
      'a.ppm': 'done',
      'b.pgm': 'done',
      'c.pbm': 'done',
      'd.pam': 'done',
      'e.pfm': 'done',
      'f.hdr': 'done',
      'g.fits': 'TRUNCATED',
      'h.xbm': 'done',
      'i.xpm': 'done',
      'j.ras': 'TRUNCATED',
      'k.tga': 'done',
      'l.qoi': 'TRUNCATED',
      'm.exr': 'TRUNCATED',
      'n.jp2': 'DECODE_FAILED',
      'o.jxl': 'DECODE_FAILED',
      'p.dds': 'DECODE_FAILED',
      'q.bmp': 'DECODE_FAILED',
      'r.ico': 'TRUNCATED',
      's.cur': 'TRUNCATED',
      't.psd': 'DECODE_FAILED',
      'w.jpg': 'done',
      x: 'DECODE_FAILED',
    });
    expect(summary).toMatchObject({ total: files.length, files: files.length });
    expect(summary.processed + summary.failed).toBe(files.length);
    const rows = new Map(summary.errors.map((e) => [relative(dir, e.file), e]));
    for (const [name, , format] of files) {
      expect(answers.get(name), name).toBeDefined();
      const row = rows.get(name);
      if (!row) continue;
      expect(row.message, name).toMatch(format);
      expect(row.message, name).toMatch(row.code === 'TRUNCATED' ? /cut short/ : /damaged/);
    }
  });

  it('says so when a dropped folder holds no files', async () => {
    const empty = join(root, 'empty');
    await mkdir(join(empty, 'also-empty'), { recursive: true });
    const { summary, events } = await run([empty]);
    expect(summary).toMatchObject({ total: 0, files: 0, ignored: { 'empty-folder': 1 } });
    expect(events.filter((e) => e.type === 'file-ignored')).toEqual([
      { type: 'file-ignored', file: empty, root: 0, reason: 'empty-folder', message: 'This folder holds no files.' },
    ]);
  });
});

describe('output names', () => {
  let hopper: string;
  beforeAll(async () => {
    hopper = join(root, 'hopper');
    await makeImage(join(hopper, 'hopper.jpg'));
    await makeImage(join(hopper, 'hopper.webp'), { format: 'webp' });
  });

  it('keeps hopper.jpg and hopper.webp as they are when the format is kept', async () => {
    expect((await run([hopper], { format: 'keep' })).files).toEqual(['hopper.jpg', 'hopper.webp']);
  });

  it('suffixes one of them when both become WebP', async () => {
    expect((await run([hopper], { format: 'webp' })).files).toEqual(['hopper-1.webp', 'hopper.webp']);
  });

  it('never suffixes a single input', async () => {
    expect((await run([join(hopper, 'hopper.jpg')], { format: 'webp' })).files).toEqual(['hopper.webp']);
  });

  it('gives the name of a file that fails to the next file wanting it', async () => {
    const dir = join(root, 'fails-first');
    const damaged = await makeDamaged(join(root, 'damaged'));
    // Scanned first, planned first, and failing only once a worker has tried to decode it.
    await mkdir(dir, { recursive: true });
    await copyFile(damaged.corrupt, join(dir, 'a.jpg'));
    await makeImage(join(dir, 'a.png'), { format: 'png' });
    await makeImage(join(dir, 'a.tif'), { format: 'tiff' });
    const { summary, files } = await run([dir], { format: 'webp' }, 3);
    expect(summary).toMatchObject({ processed: 2, failed: 1 });
    expect(files).toEqual(['a-1.webp', 'a.webp']);
  });
});
