// Hostile and odd files, built byte by byte where a normal encoder would refuse to make them:
// headers that declare huge images, tens of thousands of frames, oversized metadata, and
// seeded mutations of small valid images of every accepted format.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { startBatch } from '../workers/batch/run-batch.js';
import type { BatchOptions } from '../workers/batch/types.js';
import { magickWasm } from '../workers/image/decoders/magick-wasm.js';
import type { PoolStats } from '../workers/pool/pool.js';
import { commandOnPath } from './fixtures.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same files on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ACCEPTED = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif', 'svg'] as const;
export type Accepted = (typeof ACCEPTED)[number];
export const EXT: Record<Accepted, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  tiff: 'tif',
  avif: 'avif',
  svg: 'svg',
};

/** One small valid image per accepted format, the same bytes on every run (a few KB: noise, so encoders do real work). */
export async function smallImages(size = 48): Promise<Record<Accepted, Buffer>> {
  // Seeded noise over a gradient (sharp's own noise differs per run, so mutants would too).
  const rnd = seededRandom(7);
  const pixels = Buffer.alloc(size * size * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = ((i % (size * 3)) * 2 + Math.floor(rnd() * 96)) & 0xff;
  const raw = await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
  const rects = Array.from(
    { length: 12 },
    (_, i) =>
      `<rect x="${(i * 7) % size}" y="${(i * 11) % size}" width="9" height="5" fill="#${((i * 0x15a3f1) & 0xffffff).toString(16).padStart(6, '0')}"/>`,
  );
  return {
    jpeg: await sharp(raw).jpeg({ quality: 80 }).toBuffer(),
    png: await sharp(raw).png().toBuffer(),
    webp: await sharp(raw).webp({ quality: 70 }).toBuffer(),
    gif: await sharp(raw).gif().toBuffer(),
    tiff: await sharp(raw).tiff({ compression: 'lzw' }).toBuffer(),
    avif: await sharp(raw).avif({ quality: 50, effort: 0 }).toBuffer(),
    svg: Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><circle cx="20" cy="20" r="15" fill="#3a7"/>${rects.join('')}</svg>`,
    ),
  };
}

/** Formats the fallback decoder (ImageMagick in WebAssembly) reads, with one small valid file each. */
export const FALLBACK = ['bmp', 'ico', 'tga', 'qoi', 'ppm', 'psd', 'hdr', 'exr', 'jp2', 'jxl', 'heic'] as const;
export type Fallback = (typeof FALLBACK)[number];
export const FALLBACK_EXT: Record<Fallback, string> = {
  bmp: 'bmp',
  ico: 'ico',
  tga: 'tga',
  qoi: 'qoi',
  ppm: 'ppm',
  psd: 'psd',
  hdr: 'hdr',
  exr: 'exr',
  jp2: 'jp2',
  jxl: 'jxl',
  heic: 'heic',
};

const run = promisify(execFile);

/**
 * One small valid file per fallback format, the same pixels on every run: written by
 * ImageMagick (WebAssembly) itself, HEIC by `heif-enc` (ImageMagick's build cannot encode
 * HEVC). A format whose writer is missing is left out; the caller says so.
 */
export async function fallbackImages(size = 40): Promise<Partial<Record<Fallback, Buffer>>> {
  const rnd = seededRandom(11);
  const rgb = Buffer.alloc(size * size * 3);
  for (let i = 0; i < rgb.length; i++) rgb[i] = ((i % (size * 3)) * 3 + Math.floor(rnd() * 64)) & 0xff;
  const magick = await magickWasm();
  const { MagickFormat, MagickImage, MagickReadSettings } = magick;
  const write = (format: string): Buffer => {
    const image = MagickImage.create();
    try {
      image.read(rgb, new MagickReadSettings({ width: size, height: size, format: 'RGB' as never }));
      image.depth = 8;
      let out: Buffer | undefined;
      image.write(format as never, (d) => {
        out = Buffer.from(d);
      });
      return out!;
    } finally {
      image.dispose();
    }
  };
  const files: Partial<Record<Fallback, Buffer>> = {
    bmp: write(MagickFormat.Bmp),
    ico: write(MagickFormat.Ico),
    tga: write(MagickFormat.Tga),
    qoi: write(MagickFormat.Qoi),
    ppm: write(MagickFormat.Ppm),
    psd: write(MagickFormat.Psd),
    hdr: write(MagickFormat.Hdr),
    exr: write(MagickFormat.Exr),
    jp2: write(MagickFormat.Jp2),
    jxl: write(MagickFormat.Jxl),
  };
  if (commandOnPath('heif-enc')) {
    const dir = await mkdtemp(join(tmpdir(), 'pixmill-heic-'));
    try {
      await sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
        .png()
        .toFile(join(dir, 'in.png'));
      await run('heif-enc', ['-q', '60', '-o', join(dir, 'out.heic'), join(dir, 'in.png')]);
      files.heic = await readFile(join(dir, 'out.heic'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return files;
}

/** A BMP header (8-bit, RLE8, grey palette) declaring width × height, and an RLE stream of a few bytes. */
export function bmpDeclaring(width: number, height: number): Buffer {
  const palette = Buffer.alloc(256 * 4);
  for (let i = 0; i < 256; i++) palette.fill(i, i * 4, i * 4 + 3);
  // One run of 255 pixels of index 7, then end of bitmap.
  const rle = Buffer.from([255, 7, 0, 1]);
  const head = Buffer.alloc(54);
  const offset = head.length + palette.length;
  head.write('BM', 0, 'latin1');
  head.writeUInt32LE(offset + rle.length, 2);
  head.writeUInt32LE(offset, 10);
  head.writeUInt32LE(40, 14);
  head.writeInt32LE(width, 18);
  head.writeInt32LE(height, 22);
  head.writeUInt16LE(1, 26);
  head.writeUInt16LE(8, 28);
  head.writeUInt32LE(1, 30); // BI_RLE8
  head.writeUInt32LE(rle.length, 34);
  head.writeUInt32LE(256, 46);
  return Buffer.concat([head, palette, rle]);
}

/** A binary PPM header declaring width × height, and a few bytes of pixels. */
export const ppmDeclaring = (width: number, height: number): Buffer =>
  Buffer.concat([Buffer.from(`P6\n${width} ${height}\n255\n`), Buffer.alloc(48, 0x80)]);

/** A QOI header declaring width × height, one run of pixels and the end marker. */
export function qoiDeclaring(width: number, height: number): Buffer {
  const head = Buffer.alloc(14);
  head.write('qoif', 0, 'latin1');
  head.writeUInt32BE(width, 4);
  head.writeUInt32BE(height, 8);
  head[12] = 3;
  return Buffer.concat([head, Buffer.from([0xfd]), Buffer.from([0, 0, 0, 0, 0, 0, 0, 1])]);
}

/** An uncompressed true-colour TGA header declaring width × height (16-bit fields), a few pixels. */
export function tgaDeclaring(width: number, height: number): Buffer {
  const head = Buffer.alloc(18);
  head[2] = 2;
  head.writeUInt16LE(width, 12);
  head.writeUInt16LE(height, 14);
  head[16] = 24;
  head[17] = 0x20;
  return Buffer.concat([head, Buffer.alloc(48, 0x80)]);
}

/** A PSD (version 1, RGB, 8-bit) header declaring width × height, empty sections, RLE composite. */
export function psdDeclaring(width: number, height: number): Buffer {
  const head = Buffer.alloc(26);
  head.write('8BPS', 0, 'latin1');
  head.writeUInt16BE(1, 4);
  head.writeUInt16BE(3, 12);
  head.writeUInt32BE(height, 14);
  head.writeUInt32BE(width, 18);
  head.writeUInt16BE(8, 22);
  head.writeUInt16BE(3, 24);
  // Colour mode data, image resources, layer and mask info: all empty; composite: RLE, no rows.
  return Buffer.concat([head, Buffer.alloc(12), Buffer.from([0, 1]), Buffer.alloc(32)]);
}

/** A Radiance HDR header declaring width × height, and a few bytes of flat RGBE. */
export const hdrDeclaring = (width: number, height: number): Buffer =>
  Buffer.concat([
    Buffer.from(`#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y ${height} +X ${width}\n`),
    Buffer.alloc(64, 0x80),
  ]);

/** An icon whose one entry is a 32-bit BMP header declaring width × height (stored as 2 × height). */
export function icoDeclaring(width: number, height: number): Buffer {
  const bmp = Buffer.alloc(40 + 64);
  bmp.writeUInt32LE(40, 0);
  bmp.writeInt32LE(width, 4);
  bmp.writeInt32LE(height * 2, 8);
  bmp.writeUInt16LE(1, 12);
  bmp.writeUInt16LE(32, 14);
  const dir = Buffer.alloc(6 + 16);
  dir.writeUInt16LE(1, 2);
  dir.writeUInt16LE(1, 4);
  dir.writeUInt16LE(1, 10);
  dir.writeUInt16LE(32, 12);
  dir.writeUInt32LE(bmp.length, 14);
  dir.writeUInt32LE(dir.length, 18);
  return Buffer.concat([dir, bmp]);
}

/** A valid OpenEXR with its data and display windows rewritten to width × height. */
export function exrDeclaring(exr: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(exr);
  for (const name of ['dataWindow', 'displayWindow']) {
    const at = out.indexOf(Buffer.from(`${name}\0box2i\0`, 'latin1'));
    if (at < 0) throw new Error(`no ${name} in the generated EXR`);
    const values = at + name.length + 1 + 6 + 4;
    out.writeInt32LE(0, values);
    out.writeInt32LE(0, values + 4);
    out.writeInt32LE(width - 1, values + 8);
    out.writeInt32LE(height - 1, values + 12);
  }
  return out;
}

/** A valid JPEG 2000 (JP2) with its image header box and SIZ marker rewritten to width × height. */
export function jp2Declaring(jp2: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jp2);
  const ihdr = out.indexOf(Buffer.from('ihdr', 'latin1'));
  const siz = out.indexOf(Buffer.from([0xff, 0x51]));
  if (ihdr < 0 || siz < 0) throw new Error('no ihdr box or SIZ marker in the generated JP2');
  out.writeUInt32BE(height, ihdr + 4);
  out.writeUInt32BE(width, ihdr + 8);
  // SIZ: marker, Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz (one tile over the whole image).
  out.writeUInt32BE(width, siz + 6);
  out.writeUInt32BE(height, siz + 10);
  out.writeUInt32BE(width, siz + 22);
  out.writeUInt32BE(height, siz + 26);
  return out;
}

/** A valid HEIC with its image spatial extents ('ispe') rewritten to width × height. */
export function heicDeclaring(heic: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(heic);
  let at = out.indexOf(Buffer.from('ispe', 'latin1'));
  if (at < 0) throw new Error('no ispe box in the generated HEIC');
  for (; at >= 0; at = out.indexOf(Buffer.from('ispe', 'latin1'), at + 4)) {
    out.writeUInt32BE(width, at + 8);
    out.writeUInt32BE(height, at + 12);
  }
  return out;
}

/** Hand-written files of `format` declaring width × height, from a valid `sample` where the format needs one. */
export function fallbackDeclaring(
  format: Fallback,
  width: number,
  height: number,
  sample?: Buffer,
): Buffer | undefined {
  switch (format) {
    case 'bmp':
      return bmpDeclaring(width, height);
    case 'ppm':
      return ppmDeclaring(width, height);
    case 'qoi':
      return qoiDeclaring(width, height);
    case 'tga':
      return tgaDeclaring(Math.min(width, 65_535), Math.min(height, 65_535));
    case 'psd':
      return psdDeclaring(Math.min(width, 30_000), Math.min(height, 30_000));
    case 'hdr':
      return hdrDeclaring(width, height);
    case 'ico':
      return icoDeclaring(width, height);
    case 'exr':
      return sample && exrDeclaring(sample, width, height);
    case 'jp2':
      return sample && jp2Declaring(sample, width, height);
    case 'heic':
      return sample && heicDeclaring(sample, width, height);
    case 'jxl':
      // Its sizes are variable-length bit fields: no byte to rewrite in place.
      return undefined;
  }
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

export function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG of a few dozen bytes whose IHDR (valid CRC) declares width × height, 8-bit grey. */
export function pngDeclaring(width: number, height: number, extraChunks: Buffer[] = []): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 0, 0, 0, 0])]);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    ...extraChunks,
    pngChunk('IDAT', deflateSync(Buffer.alloc(2))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A baseline JPEG header (tables, SOF0 declaring width × height, SOS) and a few bytes of scan. */
export async function jpegDeclaring(width: number, height: number): Promise<Buffer> {
  const real = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
    .jpeg({ mozjpeg: false })
    .toBuffer();
  const out = Buffer.from(real);
  for (let i = 2; i + 9 < out.length; ) {
    const marker = out[i + 1]!;
    if (marker === 0xc0 || marker === 0xc2) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + out.readUInt16BE(i + 2);
  }
  throw new Error('no SOF marker in the generated JPEG');
}

/** GIF89a header with a logical screen and one frame of width × height, and a 1-pixel scan. */
export function gifDeclaring(width: number, height: number): Buffer {
  const le = (n: number) => [n & 0xff, (n >> 8) & 0xff];
  return Buffer.from([
    ...Buffer.from('GIF89a'),
    ...le(width),
    ...le(height),
    0x80,
    0,
    0,
    0,
    0,
    0,
    0xff,
    0xff,
    0xff,
    0x2c,
    0,
    0,
    0,
    0,
    ...le(width),
    ...le(height),
    0,
    0x02,
    0x02,
    0x44,
    0x01,
    0x00,
    0x3b,
  ]);
}

/**
 * A GIF with `frames` 1×1 frames, written directly: each frame is a graphic control extension,
 * an image descriptor and the smallest LZW stream (clear, pixel 0, end = 0x44 0x01), 23 bytes.
 */
export function gifWithFrames(frames: number): Buffer {
  const head = Buffer.from([...Buffer.from('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff]);
  const loop = Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0'), 0x03, 0x01, 0x00, 0x00, 0x00]);
  const frame = Buffer.from([
    0x21, 0xf9, 0x04, 0x04, 0x02, 0x00, 0x00, 0x00, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00,
  ]);
  return Buffer.concat([head, loop, Buffer.alloc(frame.length * frames).fill(frame), Buffer.from([0x3b])]);
}

/** A valid JPEG with `segments` comment (COM) segments of 65,000 bytes each after the SOI. */
export function jpegWithHugeComment(jpeg: Buffer, segments: number): Buffer {
  const body = Buffer.alloc(65_000, 0x41);
  const com = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from([(body.length + 2) >> 8, (body.length + 2) & 0xff]),
    body,
  ]);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.alloc(com.length * segments).fill(com), jpeg.subarray(2)]);
}

/** A valid PNG with a `bytes`-long tEXt chunk inserted after IHDR. */
export function pngWithHugeText(png: Buffer, bytes: number): Buffer {
  const ihdrEnd = 8 + 8 + 13 + 4;
  const text = pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(bytes, 0x41)]));
  return Buffer.concat([png.subarray(0, ihdrEnd), text, png.subarray(ihdrEnd)]);
}

export const MUTATIONS = ['flip', 'truncate', 'duplicate', 'insert'] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** One seeded mutation of a valid file: bytes flipped, cut short, a chunk repeated, junk inserted. */
export function mutate(data: Buffer, kind: Mutation, rnd: () => number): Buffer {
  const at = (n = data.length) => Math.floor(rnd() * n);
  switch (kind) {
    case 'flip': {
      const out = Buffer.from(data);
      const flips = 1 + at(8);
      for (let i = 0; i < flips; i++) out[at()] = at(256);
      return out;
    }
    case 'truncate':
      return data.subarray(0, at(data.length - 1));
    case 'duplicate': {
      const start = at();
      const chunk = data.subarray(start, start + 1 + at(256));
      const where = at();
      return Buffer.concat([data.subarray(0, where), chunk, chunk, data.subarray(where)]);
    }
    case 'insert': {
      const where = at();
      const junk = Buffer.from(Array.from({ length: 1 + at(64) }, () => at(256)));
      return Buffer.concat([data.subarray(0, where), junk, data.subarray(where)]);
    }
  }
}

/** A ZIP archive (stored, no compression) holding one file: what a download folder may hold as ".jpg". */
export function zipWith(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12);
  end.writeUInt32LE(local.length + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

export type Outcome =
  | { kind: 'done'; output: string; warnings?: string[] }
  | { kind: 'skipped' }
  | { kind: 'failed'; code: string; message: string; detail?: string };

/** Runs a real batch and returns every outcome per input file, the summary and the pool's stats. */
export async function runBatch(options: Omit<BatchOptions, 'onEvent' | 'onPoolStats'>) {
  const outcomes = new Map<string, Outcome[]>();
  const add = (file: string, o: Outcome) => outcomes.set(file, [...(outcomes.get(file) ?? []), o]);
  let stats: Readonly<PoolStats> | undefined;
  const summary = await startBatch({
    ...options,
    onPoolStats: (s) => (stats = s),
    onEvent: (e) => {
      if (e.type === 'file-done')
        add(e.file, {
          kind: 'done',
          output: e.output,
          ...(e.warnings?.length ? { warnings: e.warnings.map((w) => w.code) } : {}),
        });
      else if (e.type === 'file-skipped') add(e.file, { kind: 'skipped' });
      else if (e.type === 'file-failed')
        add(e.file, { kind: 'failed', code: e.code, message: e.message, ...(e.detail ? { detail: e.detail } : {}) });
    },
  }).done;
  /** The one outcome of `file` (throws when it has none or several). */
  const only = (file: string): Outcome => {
    const seen = outcomes.get(file) ?? [];
    if (seen.length !== 1) throw new Error(`${file}: expected one outcome, got ${JSON.stringify(seen)}`);
    return seen[0]!;
  };
  return { summary, outcomes, stats: stats!, only };
}

/** "CODE: n" per error code, most frequent first, for a test's console output. */
export function codeTable(outcomes: Map<string, Outcome[]>): Record<string, number> {
  const counts = new Map<string, number>();
  for (const seen of outcomes.values())
    for (const o of seen) {
      const key = o.kind === 'failed' ? o.code : o.kind;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}
