// Hand-written writers for the simple image formats the fallback decoder reads (BMP, ICO, PNM,
// PAM, PFM, Radiance HDR, OpenEXR, TGA, QOI, PSD, CMYK TIFF), from pixels the test knows: each
// follows its format's specification byte by byte, and shares no code with any decoder, so the
// known pixels are an independent reference for what a decoder must give back.
import sharp from 'sharp';
import { expect } from 'vitest';

/** Interleaved 8-bit pixels, row by row from the top, as sharp's raw output. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** Interleaved 16-bit samples, row by row from the top. */
export interface Pixels16 {
  data: Uint16Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Interleaved linear-light floats (1.0 = white), row by row from the top. */
export interface FloatPixels {
  data: Float32Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** The eight primaries and secondaries plus black and white, for the patch strip. */
const PATCHES: readonly (readonly [number, number, number])[] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [0, 255, 255],
  [255, 0, 255],
  [255, 255, 0],
  [255, 255, 255],
  [0, 0, 0],
];

/**
 * A picture no two formats could confuse: red runs left to right, green top to bottom, blue is
 * a fine checker (every pixel differs from its neighbours, so a shifted or flipped row shows), the
 * bottom quarter is a strip of pure colour patches, and alpha ramps from 0 at the left to 255 at
 * the right with a notch of fully opaque rows at the top (so a flipped image shows in alpha too).
 */
export function knownPixels(width: number, height: number, channels: 1 | 2 | 3 | 4 = 3): Pixels {
  const data = new Uint8Array(width * height * channels);
  const patchTop = height - Math.max(1, Math.floor(height / 4));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let rgb: readonly [number, number, number];
      if (y >= patchTop) rgb = PATCHES[Math.floor((x * PATCHES.length) / width)]!;
      else
        rgb = [
          Math.round((255 * x) / Math.max(1, width - 1)),
          Math.round((255 * y) / Math.max(1, height - 1)),
          ((x + y) % 2) * 160 + ((x * 7 + y * 3) % 64),
        ];
      const alpha = y < 3 ? 255 : Math.round((255 * x) / Math.max(1, width - 1));
      const grey = Math.round(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]);
      const px = channels <= 2 ? [grey] : [...rgb];
      if (channels === 2 || channels === 4) px.push(alpha);
      data.set(px, (y * width + x) * channels);
    }
  return { data, width, height, channels };
}

/** 16-bit samples that use all 16 bits (no 8-bit picture has them), with the same patch strip. */
export function knownPixels16(width: number, height: number, channels: 1 | 3 | 4 = 3): Pixels16 {
  const data = new Uint16Array(width * height * channels);
  const patchTop = height - Math.max(1, Math.floor(height / 4));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) {
        const patch = PATCHES[Math.floor((x * PATCHES.length) / width)]!;
        const v =
          c === 3
            ? Math.round((65535 * x) / Math.max(1, width - 1))
            : y >= patchTop
              ? patch[c]! * 257
              : (x * 1021 + y * 613 + c * 9001) % 65536;
        data[(y * width + x) * channels + c] = v;
      }
  return { data, width, height, channels };
}

/** What an 8-bit decoder must make of 16-bit samples: each rounded to the nearest of 256 levels. */
export function to8(p: Pixels16): Pixels {
  return { ...p, data: Uint8Array.from(p.data, (v) => Math.round(v / 257)) };
}

/** A palette of 256 distinct colours and, per pixel, an index into it. */
export function knownPalette(width: number, height: number): { palette: Uint8Array; index: Uint8Array } {
  const palette = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) palette.set([i, 255 - i, (i * 37) & 255], i * 3);
  const index = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) index[y * width + x] = (x * 5 + y * 3) & 255;
  return { palette, index };
}

export function paletteToPixels(width: number, height: number, palette: Uint8Array, index: Uint8Array): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < index.length; i++) data.set(palette.subarray(index[i]! * 3, index[i]! * 3 + 3), i * 3);
  return { data, width, height, channels: 3 };
}

/** Linear-light floats: the known pixels over 255, with a patch brighter than white (4.0) at the bottom right. */
export function knownFloats(width: number, height: number, channels: 3 | 4 = 3): FloatPixels {
  const base = knownPixels(width, height, channels);
  const data = Float32Array.from(base.data, (v) => v / 255);
  for (let y = height - 4; y < height; y++)
    for (let x = width - 4; x < width; x++) for (let c = 0; c < 3; c++) data[(y * width + x) * channels + c] = 4;
  return { data, width, height, channels };
}

/** sRGB's transfer function, linear light 0…1 (clipped) to an 8-bit code value. */
export function srgbEncode(linear: number): number {
  const v = Math.min(1, Math.max(0, linear));
  return Math.round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055));
}

/** The 8-bit values of float pixels taken as they are (1.0 → 255), clipped. */
export function floatsAs8(p: FloatPixels, encode: (v: number) => number): Pixels {
  const data = Uint8Array.from(p.data, (v, i) => (i % p.channels === 3 ? Math.round(255 * v) : encode(v)));
  return { data, width: p.width, height: p.height, channels: p.channels };
}

// --- little helpers ---------------------------------------------------------------------------

const u16le = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};
const u32le = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v >>> 0);
  return b;
};
const i32le = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(v);
  return b;
};
const u16be = (v: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(v);
  return b;
};
const u32be = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
};
const f32le = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeFloatLE(v);
  return b;
};
const ascii = (s: string) => Buffer.from(s, 'latin1');

/** Sample `c` of pixel (x, y). */
const at = (p: Pixels, x: number, y: number, c: number) => p.data[(y * p.width + x) * p.channels + c]!;

// --- BMP ----------------------------------------------------------------------------------------

function bmpRows(p: Pixels, bytesPerPixel: 3 | 4, topDown: boolean): Buffer {
  const stride = Math.ceil((p.width * bytesPerPixel) / 4) * 4;
  const out = Buffer.alloc(stride * p.height);
  for (let row = 0; row < p.height; row++) {
    const y = topDown ? row : p.height - 1 - row;
    for (let x = 0; x < p.width; x++) {
      const o = row * stride + x * bytesPerPixel;
      out[o] = at(p, x, y, 2);
      out[o + 1] = at(p, x, y, 1);
      out[o + 2] = at(p, x, y, 0);
      if (bytesPerPixel === 4) out[o + 3] = p.channels === 4 ? at(p, x, y, 3) : 255;
    }
  }
  return out;
}

function bmpFile(infoHeader: Buffer, palette: Buffer, pixels: Buffer): Buffer {
  const offset = 14 + infoHeader.length + palette.length;
  const head = Buffer.concat([ascii('BM'), u32le(offset + pixels.length), u32le(0), u32le(offset)]);
  return Buffer.concat([head, infoHeader, palette, pixels]);
}

function bitmapInfoHeader(width: number, height: number, bpp: number, imageSize: number, colours = 0): Buffer {
  return Buffer.concat([
    u32le(40),
    i32le(width),
    i32le(height),
    u16le(1),
    u16le(bpp),
    u32le(0), // BI_RGB
    u32le(imageSize),
    u32le(2835),
    u32le(2835),
    u32le(colours),
    u32le(0),
  ]);
}

/** A 24-bit BMP (BITMAPINFOHEADER, rows bottom-up, each padded to 4 bytes). */
export function bmp24(p: Pixels): Buffer {
  const rows = bmpRows(p, 3, false);
  return bmpFile(bitmapInfoHeader(p.width, p.height, 24, rows.length), Buffer.alloc(0), rows);
}

/**
 * A 32-bit BMP with alpha: BITMAPV5HEADER, BI_BITFIELDS with an alpha mask (the way Windows and
 * browsers mark a BMP's fourth byte as transparency), sRGB, rows top-down (negative height).
 */
export function bmp32(p: Pixels): Buffer {
  const rows = bmpRows(p, 4, true);
  const v5 = Buffer.concat([
    u32le(124),
    i32le(p.width),
    i32le(-p.height),
    u16le(1),
    u16le(32),
    u32le(3), // BI_BITFIELDS
    u32le(rows.length),
    u32le(2835),
    u32le(2835),
    u32le(0),
    u32le(0),
    u32le(0x00ff0000),
    u32le(0x0000ff00),
    u32le(0x000000ff),
    u32le(0xff000000),
    ascii('BGRs'), // LCS_sRGB, 0x73524742 little-endian
    Buffer.alloc(36), // endpoints
    Buffer.alloc(12), // gamma
    u32le(4), // LCS_GM_IMAGES
    u32le(0),
    u32le(0),
    u32le(0),
  ]);
  return bmpFile(v5, Buffer.alloc(0), rows);
}

/** An 8-bit palette BMP: 256 BGRX palette entries, one index byte per pixel, rows bottom-up. */
export function bmp8(width: number, height: number, palette: Uint8Array, index: Uint8Array): Buffer {
  const stride = Math.ceil(width / 4) * 4;
  const rows = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row++) {
    const y = height - 1 - row;
    rows.set(index.subarray(y * width, (y + 1) * width), row * stride);
  }
  const pal = Buffer.alloc(256 * 4);
  for (let i = 0; i < 256; i++) pal.set([palette[i * 3 + 2]!, palette[i * 3 + 1]!, palette[i * 3]!, 0], i * 4);
  return bmpFile(bitmapInfoHeader(width, height, 8, rows.length, 256), pal, rows);
}

// --- ICO ----------------------------------------------------------------------------------------

/** An icon's picture as a DIB: BITMAPINFOHEADER of twice the height, BGRA rows bottom-up, then an all-clear AND mask. */
function icoDib(p: Pixels): Buffer {
  const rows = bmpRows(p, 4, false);
  const maskStride = Math.ceil(p.width / 32) * 4;
  const mask = Buffer.alloc(maskStride * p.height);
  return Buffer.concat([bitmapInfoHeader(p.width, p.height * 2, 32, rows.length + mask.length), rows, mask]);
}

/**
 * An ICO holding each picture in turn, in the order given: as a PNG when `png` says so (as
 * Windows Vista's 256-pixel icons are), otherwise as a 32-bit DIB.
 */
export async function ico(entries: readonly { pixels: Pixels; png?: boolean }[]): Promise<Buffer> {
  const bodies = await Promise.all(
    entries.map(({ pixels: p, png }) =>
      png
        ? sharp(Buffer.from(p.data), { raw: { width: p.width, height: p.height, channels: p.channels } })
            .png()
            .toBuffer()
        : Promise.resolve(icoDib(p)),
    ),
  );
  const head = Buffer.concat([u16le(0), u16le(1), u16le(entries.length)]);
  let offset = 6 + 16 * entries.length;
  const dir = entries.map(({ pixels: p }, i) => {
    const entry = Buffer.concat([
      Buffer.from([p.width & 255, p.height & 255, 0, 0]),
      u16le(1),
      u16le(32),
      u32le(bodies[i]!.length),
      u32le(offset),
    ]);
    offset += bodies[i]!.length;
    return entry;
  });
  return Buffer.concat([head, ...dir, ...bodies]);
}

// --- Netpbm ---------------------------------------------------------------------------------------

/** P6 (RGB) or P5 (grey), 8-bit, maxval 255. */
export function pnm(p: Pixels): Buffer {
  if (p.channels !== 1 && p.channels !== 3) throw new Error('PNM holds grey or RGB');
  return Buffer.concat([
    ascii(`${p.channels === 1 ? 'P5' : 'P6'}\n# known pixels\n${p.width} ${p.height}\n255\n`),
    p.data,
  ]);
}

/** P6 with maxval 65535: two bytes per sample, most significant first. */
export function ppm16(p: Pixels16): Buffer {
  const body = Buffer.alloc(p.data.length * 2);
  for (let i = 0; i < p.data.length; i++) body.writeUInt16BE(p.data[i]!, i * 2);
  return Buffer.concat([ascii(`P6\n${p.width} ${p.height}\n65535\n`), body]);
}

/** P4: one bit per pixel, 1 = black, rows padded to a whole byte. Pixels at or above 128 are white. */
export function pbm(p: Pixels): Buffer {
  const stride = Math.ceil(p.width / 8);
  const body = Buffer.alloc(stride * p.height);
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) if (at(p, x, y, 0) < 128) body[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  return Buffer.concat([ascii(`P4\n${p.width} ${p.height}\n`), body]);
}

/** What a PBM holds of grey pixels: black or white. */
export const bilevel = (p: Pixels): Pixels => ({ ...p, data: Uint8Array.from(p.data, (v) => (v < 128 ? 0 : 255)) });

/** P7 (PAM) with the tuple type matching the channels. */
export function pam(p: Pixels): Buffer {
  const tuple = ['GRAYSCALE', 'GRAYSCALE_ALPHA', 'RGB', 'RGB_ALPHA'][p.channels - 1];
  const head = `P7\nWIDTH ${p.width}\nHEIGHT ${p.height}\nDEPTH ${p.channels}\nMAXVAL 255\nTUPLTYPE ${tuple}\nENDHDR\n`;
  return Buffer.concat([ascii(head), p.data]);
}

// --- PFM, Radiance HDR, OpenEXR -----------------------------------------------------------------

/** PFM: "PF" (RGB), a negative scale for little-endian floats, rows from the bottom up. */
export function pfm(p: FloatPixels): Buffer {
  if (p.channels !== 3) throw new Error('PFM holds RGB');
  const body = Buffer.alloc(p.data.length * 4);
  let o = 0;
  for (let y = p.height - 1; y >= 0; y--)
    for (let i = 0; i < p.width * 3; i++) o = body.writeFloatLE(p.data[y * p.width * 3 + i]!, o);
  return Buffer.concat([ascii(`PF\n${p.width} ${p.height}\n-1.0\n`), body]);
}

/** One pixel in Ward's RGBE: a shared exponent and three 8-bit mantissas (Radiance's float2rgbe). */
function rgbe(r: number, g: number, b: number): number[] {
  const v = Math.max(r, g, b);
  if (v < 1e-32) return [0, 0, 0, 0];
  const e = Math.floor(Math.log2(v)) + 1; // v = m · 2^e with 0.5 ≤ m < 1
  const scale = 2 ** (8 - e);
  return [Math.floor(r * scale), Math.floor(g * scale), Math.floor(b * scale), e + 128];
}

/** What RGBE keeps of a value whose pixel's brightest channel is `max` (Radiance's rgbe2float). */
export function rgbeRoundTrip(p: FloatPixels): FloatPixels {
  const data = new Float32Array(p.data.length);
  for (let i = 0; i < p.data.length; i += p.channels) {
    const [r, g, b, e] = rgbe(p.data[i]!, p.data[i + 1]!, p.data[i + 2]!);
    const f = e ? 2 ** (e - 136) : 0;
    data.set([r! * f, g! * f, b! * f], i);
    if (p.channels === 4) data[i + 3] = p.data[i + 3]!;
  }
  return { ...p, data };
}

/** Radiance HDR with flat (not run-length encoded) RGBE scanlines, top row first. */
export function hdr(p: FloatPixels): Buffer {
  const body = Buffer.alloc(p.width * p.height * 4);
  for (let i = 0; i < p.width * p.height; i++)
    body.set(rgbe(p.data[i * p.channels]!, p.data[i * p.channels + 1]!, p.data[i * p.channels + 2]!), i * 4);
  const head = `#?RADIANCE\n# known pixels\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=1.0\n\n-Y ${p.height} +X ${p.width}\n`;
  return Buffer.concat([ascii(head), body]);
}

function exrAttribute(name: string, type: string, value: Buffer): Buffer {
  return Buffer.concat([ascii(`${name}\0${type}\0`), i32le(value.length), value]);
}

/**
 * OpenEXR, single-part scanline, NO_COMPRESSION, 32-bit FLOAT channels (A, B, G, R: channels
 * are stored sorted by name), one scanline per block, increasing Y.
 */
export function exr(p: FloatPixels): Buffer {
  const names = p.channels === 4 ? ['A', 'B', 'G', 'R'] : ['B', 'G', 'R'];
  const source = { R: 0, G: 1, B: 2, A: 3 } as Record<string, number>;
  const chlist = Buffer.concat([
    ...names.map((n) => Buffer.concat([ascii(`${n}\0`), i32le(2), Buffer.from([0, 0, 0, 0]), i32le(1), i32le(1)])),
    Buffer.from([0]),
  ]);
  const box = Buffer.concat([i32le(0), i32le(0), i32le(p.width - 1), i32le(p.height - 1)]);
  const header = Buffer.concat([
    Buffer.from([0x76, 0x2f, 0x31, 0x01]),
    u32le(2),
    exrAttribute('channels', 'chlist', chlist),
    exrAttribute('compression', 'compression', Buffer.from([0])),
    exrAttribute('dataWindow', 'box2i', box),
    exrAttribute('displayWindow', 'box2i', box),
    exrAttribute('lineOrder', 'lineOrder', Buffer.from([0])),
    exrAttribute('pixelAspectRatio', 'float', f32le(1)),
    exrAttribute('screenWindowCenter', 'v2f', Buffer.concat([f32le(0), f32le(0)])),
    exrAttribute('screenWindowWidth', 'float', f32le(1)),
    Buffer.from([0]),
  ]);
  const lineBytes = p.width * names.length * 4;
  const blocks: Buffer[] = [];
  for (let y = 0; y < p.height; y++) {
    const line = Buffer.alloc(8 + lineBytes);
    line.writeInt32LE(y, 0);
    line.writeInt32LE(lineBytes, 4);
    let o = 8;
    for (const n of names)
      for (let x = 0; x < p.width; x++) o = line.writeFloatLE(p.data[(y * p.width + x) * p.channels + source[n]!]!, o);
    blocks.push(line);
  }
  const table = Buffer.alloc(8 * p.height);
  let offset = header.length + table.length;
  blocks.forEach((b, y) => {
    table.writeBigUInt64LE(BigInt(offset), y * 8);
    offset += b.length;
  });
  return Buffer.concat([header, table, ...blocks]);
}

// --- TGA ------------------------------------------------------------------------------------------

/**
 * Truevision TGA, true colour, BGR(A): uncompressed (type 2) or run-length encoded (type 10),
 * rows from the top (descriptor bit 5) or, as most writers do, from the bottom.
 */
export function tga(p: Pixels, opts: { rle?: boolean; topDown?: boolean } = {}): Buffer {
  if (p.channels !== 3 && p.channels !== 4) throw new Error('TGA here holds RGB or RGBA');
  const bpp = p.channels * 8;
  const head = Buffer.alloc(18);
  head[2] = opts.rle ? 10 : 2;
  head.writeUInt16LE(p.width, 12);
  head.writeUInt16LE(p.height, 14);
  head[16] = bpp;
  head[17] = (p.channels === 4 ? 8 : 0) | (opts.topDown ? 0x20 : 0);
  const pixels: Buffer[] = [];
  for (let row = 0; row < p.height; row++) {
    const y = opts.topDown ? row : p.height - 1 - row;
    for (let x = 0; x < p.width; x++) {
      const px = [at(p, x, y, 2), at(p, x, y, 1), at(p, x, y, 0)];
      if (p.channels === 4) px.push(at(p, x, y, 3));
      pixels.push(Buffer.from(px));
    }
  }
  if (!opts.rle) return Buffer.concat([head, ...pixels]);
  // Packets never cross a row; a run packet for 2+ equal pixels, a raw packet otherwise (≤ 128 each).
  const out: Buffer[] = [head];
  for (let row = 0; row < p.height; row++) {
    const line = pixels.slice(row * p.width, (row + 1) * p.width);
    let i = 0;
    while (i < line.length) {
      let run = 1;
      while (i + run < line.length && run < 128 && line[i + run]!.equals(line[i]!)) run++;
      if (run > 1) {
        out.push(Buffer.from([0x80 | (run - 1)]), line[i]!);
        i += run;
        continue;
      }
      let raw = 1;
      while (i + raw < line.length && raw < 128 && !line[i + raw]!.equals(line[i + raw - 1]!)) raw++;
      if (i + raw < line.length && raw > 1) raw--; // leave the first pixel of a run to its run packet
      out.push(Buffer.from([raw - 1]), ...line.slice(i, i + raw));
      i += raw;
    }
  }
  return Buffer.concat(out);
}

// --- QOI ------------------------------------------------------------------------------------------

/** QOI, the full encoder of the specification (runs, index, diff, luma, RGB and RGBA ops). */
export function qoi(p: Pixels): Buffer {
  if (p.channels !== 3 && p.channels !== 4) throw new Error('QOI holds RGB or RGBA');
  const out: number[] = [];
  const index = new Array<number[]>(64).fill([0, 0, 0, 0]);
  let prev: number[] = [0, 0, 0, 255];
  let run = 0;
  const n = p.width * p.height;
  const wrap = (v: number) => ((v + 384) % 256) - 128; // signed difference, wrapped as bytes wrap
  for (let i = 0; i < n; i++) {
    const px: number[] = [p.data[i * p.channels]!, p.data[i * p.channels + 1]!, p.data[i * p.channels + 2]!, 255];
    if (p.channels === 4) px[3] = p.data[i * 4 + 3]!;
    if (px.every((v, c) => v === prev[c])) {
      run++;
      if (run === 62 || i === n - 1) {
        out.push(0xc0 | (run - 1));
        run = 0;
      }
      continue;
    }
    if (run) {
      out.push(0xc0 | (run - 1));
      run = 0;
    }
    const hash = (px[0]! * 3 + px[1]! * 5 + px[2]! * 7 + px[3]! * 11) % 64;
    if (index[hash]!.every((v, c) => v === px[c])) out.push(hash);
    else {
      index[hash] = px;
      if (px[3] === prev[3]) {
        const dr = wrap(px[0]! - prev[0]!);
        const dg = wrap(px[1]! - prev[1]!);
        const db = wrap(px[2]! - prev[2]!);
        const drg = dr - dg;
        const dbg = db - dg;
        if (dr >= -2 && dr <= 1 && dg >= -2 && dg <= 1 && db >= -2 && db <= 1)
          out.push(0x40 | ((dr + 2) << 4) | ((dg + 2) << 2) | (db + 2));
        else if (dg >= -32 && dg <= 31 && drg >= -8 && drg <= 7 && dbg >= -8 && dbg <= 7)
          out.push(0x80 | (dg + 32), ((drg + 8) << 4) | (dbg + 8));
        else out.push(0xfe, px[0]!, px[1]!, px[2]!);
      } else out.push(0xff, px[0]!, px[1]!, px[2]!, px[3]!);
    }
    prev = px;
  }
  const head = Buffer.concat([ascii('qoif'), u32be(p.width), u32be(p.height), Buffer.from([p.channels, 0])]);
  return Buffer.concat([head, Buffer.from(out), Buffer.from([0, 0, 0, 0, 0, 0, 0, 1])]);
}

// --- PSD ------------------------------------------------------------------------------------------

export type PsdMode = 'grey' | 'rgb' | 'cmyk';
const PSD_MODES: Record<PsdMode, number> = { grey: 1, rgb: 3, cmyk: 4 };

/**
 * A flat PSD (no layers): header, no colour mode data, the image resources given (1039 = ICC
 * profile), no layer section, then the merged image, raw (compression 0), channel after channel,
 * 8 or 16 bits big-endian. `planes` are the channels' samples as stored, interleaved per pixel;
 * CMYK is stored inverted, as Photoshop does (255 = no ink), and is inverted here.
 */
export function psd(opts: {
  width: number;
  height: number;
  channels: number;
  depth: 8 | 16;
  mode: PsdMode;
  samples: ArrayLike<number>;
  icc?: Uint8Array;
}): Buffer {
  const { width, height, channels, depth, mode, samples } = opts;
  const head = Buffer.concat([
    ascii('8BPS'),
    u16be(1),
    Buffer.alloc(6),
    u16be(channels),
    u32be(height),
    u32be(width),
    u16be(depth),
    u16be(PSD_MODES[mode]),
  ]);
  const resources: Buffer[] = [];
  if (opts.icc) {
    const data = Buffer.from(opts.icc);
    const padded = data.length % 2 ? Buffer.concat([data, Buffer.alloc(1)]) : data;
    resources.push(Buffer.concat([ascii('8BIM'), u16be(1039), Buffer.alloc(2), u32be(data.length), padded]));
  }
  const resourceBlock = Buffer.concat(resources);
  const bytes = depth / 8;
  const plane = width * height * bytes;
  const image = Buffer.alloc(2 + plane * channels);
  for (let c = 0; c < channels; c++)
    for (let i = 0; i < width * height; i++) {
      let v = samples[i * channels + c]!;
      if (mode === 'cmyk' && c < 4) v = (depth === 16 ? 65535 : 255) - v;
      const o = 2 + c * plane + i * bytes;
      if (depth === 16) image.writeUInt16BE(v, o);
      else image[o] = v;
    }
  return Buffer.concat([head, u32be(0), u32be(resourceBlock.length), resourceBlock, u32be(0), image]);
}

// --- TIFF (CMYK) ----------------------------------------------------------------------------------

/** An uncompressed, chunky, 8-bit CMYK TIFF (one strip), little-endian, with an ICC profile if given. */
export function cmykTiff(width: number, height: number, cmyk: Uint8Array, icc?: Uint8Array): Buffer {
  const entries: [number, number, number, number | Buffer][] = [];
  // tag, type (3 SHORT, 4 LONG, 7 UNDEFINED), count, value
  const bitsAt = 8;
  entries.push([256, 4, 1, width], [257, 4, 1, height], [258, 3, 4, bitsAt], [259, 3, 1, 1], [262, 3, 1, 5]);
  entries.push([273, 4, 1, 0], [277, 3, 1, 4], [278, 4, 1, height], [279, 4, 1, cmyk.length], [284, 3, 1, 1]);
  if (icc) entries.push([34675, 7, icc.length, Buffer.from(icc)]);
  const ifdSize = 2 + entries.length * 12 + 4;
  const bits = Buffer.concat([u16le(8), u16le(8), u16le(8), u16le(8)]);
  let extra = 8 + ifdSize;
  const bitsOffset = extra;
  extra += bits.length;
  const iccOffset = extra;
  extra += icc?.length ?? 0;
  const pixelsOffset = extra;
  const ifd = Buffer.alloc(ifdSize);
  ifd.writeUInt16LE(entries.length, 0);
  entries.forEach(([tag, type, count, value], i) => {
    const o = 2 + i * 12;
    ifd.writeUInt16LE(tag, o);
    ifd.writeUInt16LE(type, o + 2);
    ifd.writeUInt32LE(count, o + 4);
    if (tag === 258) ifd.writeUInt32LE(bitsOffset, o + 8);
    else if (tag === 273) ifd.writeUInt32LE(pixelsOffset, o + 8);
    else if (tag === 34675) ifd.writeUInt32LE(iccOffset, o + 8);
    else if (type === 3) ifd.writeUInt16LE(value as number, o + 8);
    else ifd.writeUInt32LE(value as number, o + 8);
  });
  const head = Buffer.concat([ascii('II'), u16le(42), u32le(8)]);
  return Buffer.concat([head, ifd, bits, icc ? Buffer.from(icc) : Buffer.alloc(0), Buffer.from(cmyk)]);
}

// --- PNG reference ----------------------------------------------------------------------------------

/** Known pixels as a lossless PNG (with an ICC profile if given), for the external encoders and references. */
export function pngOf(p: Pixels, icc?: string): Promise<Buffer> {
  let img = sharp(Buffer.from(p.data), { raw: { width: p.width, height: p.height, channels: p.channels } });
  if (icc) img = img.withIccProfile(icc);
  return img.png().toBuffer();
}

// --- HEIF rotation ----------------------------------------------------------------------------------

interface Box {
  type: string;
  start: number;
  end: number;
  /** Where the children (or payload) begin: after the size and type, and a full box's version and flags. */
  body: number;
}

function boxes(b: Buffer, from: number, to: number, full: ReadonlySet<string> = new Set()): Box[] {
  const out: Box[] = [];
  for (let o = from; o + 8 <= to; ) {
    const size = b.readUInt32BE(o);
    const type = b.toString('latin1', o + 4, o + 8);
    if (size < 8) throw new Error(`unsupported box size ${size} for ${type}`);
    out.push({ type, start: o, end: o + size, body: o + 8 + (full.has(type) ? 4 : 0) });
    o += size;
  }
  return out;
}

const withSize = (box: Buffer): Buffer => {
  box.writeUInt32BE(box.length, 0);
  return box;
};

/**
 * The HEIF with an 'irot' property (rotation anticlockwise by `quarterTurns` × 90°) added to its
 * primary item, as cameras store a turned photo: the property goes at the end of 'ipco', its
 * index is added to the primary item's 'ipma' entry, the boxes around grow to match, and the
 * item offsets in 'iloc' move by the bytes added in front of the data. Any EXIF orientation the
 * file holds stays as it was (an iPhone's HEIC says 6 in its EXIF and 270° in its irot).
 */
export function withHeifRotation(heif: Buffer, quarterTurns: 1 | 2 | 3): Buffer {
  const top = boxes(heif, 0, heif.length);
  const meta = top.find((x) => x.type === 'meta');
  if (!meta) throw new Error('no meta box');
  const inMeta = boxes(heif, meta.start + 12, meta.end, new Set(['pitm', 'iloc']));
  const pitm = inMeta.find((x) => x.type === 'pitm')!;
  const primary = heif[pitm.body - 4] === 0 ? heif.readUInt16BE(pitm.body) : heif.readUInt32BE(pitm.body);
  const iprp = inMeta.find((x) => x.type === 'iprp')!;
  const inIprp = boxes(heif, iprp.body, iprp.end, new Set(['ipma']));
  const ipco = inIprp.find((x) => x.type === 'ipco')!;
  const ipma = inIprp.find((x) => x.type === 'ipma')!;
  const propertyCount = boxes(heif, ipco.body, ipco.end).length;
  const irot = Buffer.from([0, 0, 0, 9, 0x69, 0x72, 0x6f, 0x74, quarterTurns]);
  const newIpco = withSize(Buffer.concat([heif.subarray(ipco.start, ipco.end), irot]));
  // ipma: version and flags, entry count, then per item its ID, association count, associations.
  const version = heif[ipma.body - 4]!;
  const wide = (heif[ipma.body - 1]! & 1) === 1;
  const parts: Buffer[] = [heif.subarray(ipma.start, ipma.body + 4)];
  const entries = heif.readUInt32BE(ipma.body);
  let o = ipma.body + 4;
  for (let e = 0; e < entries; e++) {
    const idBytes = version < 1 ? 2 : 4;
    const id = idBytes === 2 ? heif.readUInt16BE(o) : heif.readUInt32BE(o);
    const count = heif[o + idBytes]!;
    const end = o + idBytes + 1 + count * (wide ? 2 : 1);
    const entry = Buffer.from(heif.subarray(o, end));
    if (id === primary) {
      entry[idBytes] = count + 1;
      const index = propertyCount + 1; // ipma counts properties from 1
      parts.push(entry, wide ? Buffer.from([0x80 | (index >> 8), index & 255]) : Buffer.from([0x80 | index]));
    } else parts.push(entry);
    o = end;
  }
  const newIpma = withSize(Buffer.concat(parts));
  const iprpChildren = inIprp.map((x) => (x === ipco ? newIpco : x === ipma ? newIpma : heif.subarray(x.start, x.end)));
  const newIprp = withSize(Buffer.concat([heif.subarray(iprp.start, iprp.body), ...iprpChildren]));
  const metaChildren = inMeta.map((x) => (x === iprp ? newIprp : Buffer.from(heif.subarray(x.start, x.end))));
  const newMeta = withSize(Buffer.concat([heif.subarray(meta.start, meta.start + 12), ...metaChildren]));
  const grown = newMeta.length - (meta.end - meta.start);
  // iloc (version 0 or 1): offsets are from the file's start; those past the meta box move.
  const ilocIndex = inMeta.findIndex((x) => x.type === 'iloc');
  const iloc = metaChildren[ilocIndex]!;
  const ilocVersion = iloc[8]!;
  const sizes = iloc.readUInt16BE(12);
  const [offsetSize, lengthSize, baseSize] = [sizes >> 12, (sizes >> 8) & 15, (sizes >> 4) & 15];
  const indexSize = ilocVersion >= 1 ? sizes & 15 : 0;
  const readN = (at: number, n: number) =>
    n === 0 ? 0 : n === 4 ? iloc.readUInt32BE(at) : Number(iloc.readBigUInt64BE(at));
  const writeN = (at: number, n: number, v: number) => {
    if (n === 4) iloc.writeUInt32BE(v, at);
    else if (n === 8) iloc.writeBigUInt64BE(BigInt(v), at);
  };
  const items = ilocVersion < 2 ? iloc.readUInt16BE(14) : iloc.readUInt32BE(14);
  let p = ilocVersion < 2 ? 16 : 18;
  for (let i = 0; i < items; i++) {
    p += ilocVersion < 2 ? 2 : 4; // item ID
    const construction = ilocVersion >= 1 ? iloc.readUInt16BE(p) & 15 : 0;
    if (ilocVersion >= 1) p += 2;
    p += 2; // data reference index
    const base = readN(p, baseSize);
    p += baseSize;
    const extents = iloc.readUInt16BE(p);
    p += 2;
    for (let x = 0; x < extents; x++) {
      p += indexSize;
      if (construction === 0 && base + readN(p, offsetSize) > meta.start)
        writeN(p, offsetSize, readN(p, offsetSize) + grown);
      p += offsetSize + lengthSize;
    }
  }
  const patched = withSize(Buffer.concat([heif.subarray(meta.start, meta.start + 12), ...metaChildren]));
  return Buffer.concat(top.map((x) => (x === meta ? patched : heif.subarray(x.start, x.end))));
}

/** Any interleaved pixels: these fixtures, or a decoder's raw output. */
type Samples = Pick<Pixels, 'data' | 'width' | 'height'> & { channels: number };

/** Mean and largest absolute difference over every sample; the shapes must match exactly. */
export function sampleDifference(actual: Samples, expected: Samples): { mean: number; max: number } {
  expect([actual.width, actual.height, actual.channels]).toEqual([expected.width, expected.height, expected.channels]);
  let sum = 0;
  let max = 0;
  for (let i = 0; i < expected.data.length; i++) {
    const d = Math.abs(actual.data[i]! - expected.data[i]!);
    sum += d;
    if (d > max) max = d;
  }
  return { mean: sum / expected.data.length, max };
}
