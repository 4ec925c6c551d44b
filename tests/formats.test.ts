// The pixels of every format the fallback decoder (ImageMagick in WebAssembly) reads, through the
// whole engine (processImage, real sharp, real decoder, lossless PNG out), against a reference
// the decoder had no part in: the known pixels a hand-written file was made of, or the format's
// own native tools (heif-convert, djxl, opj_decompress) on the same file.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSpecInput } from '../common/pipeline.js';
import { expectDone, run, warningCodes } from '../workers/image/test-support.js';
import { commandOnPath, corpusDir, makeImage, tempDir } from './fixtures.js';
import * as F from './format-fixtures.js';

const exec = promisify(execFile);

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tempDir('pixmill-formats-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const W = 64;
const H = 48;
const PNG_OUT: PipelineSpecInput = { output: { format: 'png' } };

/** The pixels of an image file as stored, grey kept grey (sharp would otherwise hand out sRGB). */
async function pixelsOf(input: string | Buffer, autoOrient = false): Promise<F.Pixels> {
  const { channels } = await sharp(input).metadata();
  let img = sharp(input);
  if (autoOrient) img = img.autoOrient();
  if ((channels ?? 3) <= 2) img = img.toColourspace('b-w');
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as F.Pixels['channels'] };
}

async function write(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** The file through the whole engine, and the output's pixels. */
async function decode(path: string, spec: PipelineSpecInput = PNG_OUT) {
  const out = join(dir, `out-${n++}`);
  await mkdir(out);
  const result = expectDone(await run(path, out, spec));
  return { result, output: result.output, pixels: await pixelsOf(result.output) };
}

type Difference = ReturnType<typeof F.sampleDifference>;
const difference = F.sampleDifference;

/** Figures printed so a run shows how close each decoder came, not only that it passed. */
function expectClose(label: string, actual: F.Pixels, expected: F.Pixels, tolerance: Difference = { mean: 0, max: 0 }) {
  const e = difference(actual, expected);
  console.log(`${label}: mean error ${e.mean.toFixed(3)}, max ${e.max}`);
  expect(e.max, `${label}: max error`).toBeLessThanOrEqual(tolerance.max);
  expect(e.mean, `${label}: mean error`).toBeLessThanOrEqual(tolerance.mean);
}

const flippedRows = (p: F.Pixels): F.Pixels => {
  const row = p.width * p.channels;
  const data = new Uint8Array(p.data.length);
  for (let y = 0; y < p.height; y++) data.set(p.data.subarray(y * row, (y + 1) * row), (p.height - 1 - y) * row);
  return { ...p, data };
};

const rgb = F.knownPixels(W, H, 3);
const rgba = F.knownPixels(W, H, 4);
const grey = F.knownPixels(W, H, 1);

describe('the comparison itself', () => {
  it('fails on a deliberately wrong reference: flipped rows, swapped channels, one sample off', () => {
    expect(difference(rgba, rgba)).toEqual({ mean: 0, max: 0 });
    expect(difference(flippedRows(rgba), rgba).max).toBeGreaterThan(100);
    const swapped = { ...rgb, data: Uint8Array.from(rgb.data, (_, i) => rgb.data[i - (i % 3) + (2 - (i % 3))]!) };
    expect(difference(swapped, rgb).mean).toBeGreaterThan(10);
    const off = { ...rgb, data: Uint8Array.from(rgb.data) };
    off.data[100] = off.data[100]! ^ 1;
    expect(difference(off, rgb).max).toBe(1);
    expect(() => expectClose('wrong on purpose', flippedRows(rgb), rgb)).toThrow();
  });
});

// Hand-written files of known pixels: 8-bit formats must give them back exactly (the decoder
// only unpacks bytes), 16-bit ones rounded to 8 bits (±1: whether a sample exactly half-way
// rounds up is the decoder's choice), float ones through one rounding to 8 bits (±1).
describe('hand-written files, against the pixels they were made of', () => {
  it('BMP, 24-bit: exact, and no warning', async () => {
    const { result, pixels } = await decode(await write('rgb24.bmp', F.bmp24(rgb)));
    expectClose('BMP 24-bit', pixels, rgb);
    expect(warningCodes(result)).toEqual([]);
  });

  it('BMP, 32-bit with an alpha mask, top-down: exact, alpha kept', async () => {
    const { result, pixels } = await decode(await write('rgba32.bmp', F.bmp32(rgba)));
    expectClose('BMP 32-bit alpha', pixels, rgba);
    expect(warningCodes(result)).toEqual([]);
  });

  it('BMP, 8-bit palette: exact', async () => {
    const { palette, index } = F.knownPalette(W, H);
    const { result, pixels } = await decode(await write('pal8.bmp', F.bmp8(W, H, palette, index)));
    expectClose('BMP 8-bit palette', pixels, F.paletteToPixels(W, H, palette, index));
    expect(warningCodes(result)).toEqual([]);
  });

  it.each([
    ['the largest (a PNG) in the middle', [16, 48, 32], 1],
    ['the largest (a DIB) first, a PNG last', [48, 16, 32], 2],
  ] as const)('ICO, sizes %s: the largest is the one decoded, exactly', async (_, sizes, pngAt) => {
    const entries = sizes.map((s, i) => ({ pixels: F.knownPixels(s, s, 4), png: i === pngAt }));
    const { result, pixels } = await decode(await write(`icon-${sizes.join('-')}.ico`, await F.ico(entries)));
    expectClose(`ICO ${sizes.join('/')}`, pixels, F.knownPixels(48, 48, 4));
    // Other sizes of an icon are not frames of an animation.
    expect(warningCodes(result)).not.toContain('ANIMATION_FLATTENED');
  });

  it.each([
    ['PPM (P6)', 'rgb.ppm', () => F.pnm(rgb), rgb],
    ['PGM (P5)', 'grey.pgm', () => F.pnm(grey), grey],
    ['PBM (P4)', 'bits.pbm', () => F.pbm(grey), F.bilevel(grey)],
    ['PAM (P7, RGB_ALPHA)', 'rgba.pam', () => F.pam(rgba), rgba],
  ] as const)('%s: exact, grey stays one channel', async (label, name, make, expected) => {
    const { result, pixels } = await decode(await write(name, make()));
    expectClose(label, pixels, expected);
    expect(warningCodes(result)).toEqual([]);
  });

  it('PPM with 16-bit samples: rounded to 8 bits (±1), and says so (DEPTH_REDUCED)', async () => {
    const deep = F.knownPixels16(W, H, 3);
    const { result, pixels } = await decode(await write('deep.ppm', F.ppm16(deep)));
    expectClose('PPM 16-bit', pixels, F.to8(deep), { mean: 0.05, max: 1 });
    expect(warningCodes(result)).toContain('DEPTH_REDUCED');
  });

  it('Netpbm with two pictures in one file: the first is decoded, and the rest is said to be left out', async () => {
    const second = F.pnm({ ...rgb, data: Uint8Array.from(rgb.data, (v) => 255 - v) });
    const { result, pixels } = await decode(await write('two.ppm', Buffer.concat([F.pnm(rgb), second])));
    expectClose('PPM, first of two', pixels, rgb);
    expect(warningCodes(result)).toContain('ANIMATION_FLATTENED');
  });

  it.each([
    ['24-bit, bottom-up', 'b24.tga', () => F.tga(rgb), rgb],
    ['32-bit with alpha, top-down', 't32.tga', () => F.tga(rgba, { topDown: true }), rgba],
    ['32-bit with alpha, run-length encoded', 'rle32.tga', () => F.tga(rgba, { rle: true }), rgba],
  ] as const)('TGA, %s: exact', async (label, name, make, expected) => {
    const { pixels } = await decode(await write(name, make()));
    expectClose(`TGA ${label}`, pixels, expected);
  });

  it.each([
    ['RGB', rgb],
    ['RGBA', rgba],
  ] as const)('QOI, %s: exact', async (label, expected) => {
    const { pixels } = await decode(await write(`known-${label}.qoi`, F.qoi(expected)));
    expectClose(`QOI ${label}`, pixels, expected);
  });

  it('QOI missing its end marker: decoded, and said to be read leniently', async () => {
    const whole = F.qoi(rgb);
    const { result } = await decode(await write('cut.qoi', whole.subarray(0, whole.length - 1)));
    expect(result.warnings?.map((w) => w.code)).toContain('DECODED_LENIENTLY');
    const { result: intact } = await decode(await write('whole.qoi', whole));
    expect(intact.warnings ?? []).toEqual([]);
  });

  it('PSD, 8-bit RGB: exact', async () => {
    const file = F.psd({ width: W, height: H, channels: 3, depth: 8, mode: 'rgb', samples: rgb.data });
    const { result, pixels } = await decode(await write('rgb8.psd', file));
    expectClose('PSD 8-bit RGB', pixels, rgb);
    expect(warningCodes(result)).toEqual([]);
  });

  it('PSD, 16-bit RGB: rounded to 8 bits (±1), and says so (DEPTH_REDUCED)', async () => {
    const deep = F.knownPixels16(W, H, 3);
    const file = F.psd({ width: W, height: H, channels: 3, depth: 16, mode: 'rgb', samples: deep.data });
    const { result, pixels } = await decode(await write('rgb16.psd', file));
    expectClose('PSD 16-bit RGB', pixels, F.to8(deep), { mean: 0.05, max: 1 });
    expect(warningCodes(result)).toContain('DEPTH_REDUCED');
  });

  it('PSD, CMYK: the same colours libvips makes of the same CMYK pixels in a TIFF', async () => {
    // CMYK to RGB depends on a profile; with none, both files meet libvips' own CMYK fallback
    // profile, so they must agree. ±1: the PSD's are inverted on the way in and out.
    const cmyk = F.knownPixels(W, H, 4).data;
    const file = F.psd({ width: W, height: H, channels: 4, depth: 8, mode: 'cmyk', samples: cmyk });
    const { pixels } = await decode(await write('cmyk.psd', file));
    const reference = await decode(await write('cmyk.tif', F.cmykTiff(W, H, cmyk)));
    expectClose('PSD CMYK vs CMYK TIFF', pixels, reference.pixels, { mean: 0.05, max: 1 });
  });

  // Linear light: the decoder rounds it to 8 bits (Q8) and then applies sRGB's transfer
  // function, as libvips does for its own float formats; the reference does the same rounding,
  // so ±1 covers only the RGBE mantissa of HDR. The 4.0 patch (brighter than white) clips to 255.
  const floats = F.knownFloats(W, H, 3);
  const linear8 = (v: number) => F.srgbEncode(Math.round(255 * Math.min(1, Math.max(0, v))) / 255);
  it.each([
    ['PFM', 'light.pfm', () => F.pfm(floats), floats],
    ['Radiance HDR (flat RGBE)', 'light.hdr', () => F.hdr(floats), F.rgbeRoundTrip(floats)],
  ] as const)('%s: sRGB-encoded linear light (±1), and DEPTH_REDUCED', async (label, name, make, kept) => {
    const { result, pixels } = await decode(await write(name, make()));
    expectClose(label, pixels, F.floatsAs8(kept, linear8), { mean: 0.2, max: 1 });
    expect(warningCodes(result)).toContain('DEPTH_REDUCED');
    expect(result.warnings?.find((w) => w.code === 'DEPTH_REDUCED')?.message).toMatch(/high dynamic range/);
  });

  it('OpenEXR, 32-bit float RGBA: sRGB-encoded linear light (±1), alpha kept, and DEPTH_REDUCED', async () => {
    const light = F.knownFloats(W, H, 4);
    const { result, pixels } = await decode(await write('light.exr', F.exr(light)));
    expectClose('OpenEXR', pixels, F.floatsAs8(light, linear8), { mean: 0.2, max: 1 });
    expect(warningCodes(result)).toContain('DEPTH_REDUCED');
  });
});

/** A native tool, or undefined (with the package to install) when it is not on this machine. */
async function tool(command: string, pkg: string): Promise<string | undefined> {
  if (commandOnPath(command)) return command;
  console.log(`${command} not found: install the Debian package ${pkg} to compare with it`);
  return undefined;
}

const [heifEnc, heifConvert, cjxl, djxl, opjCompress, opjDecompress] = await Promise.all([
  tool('heif-enc', 'libheif-examples'),
  tool('heif-convert', 'libheif-examples'),
  tool('cjxl', 'libjxl-tools'),
  tool('djxl', 'libjxl-tools'),
  tool('opj_compress', 'libopenjp2-tools'),
  tool('opj_decompress', 'libopenjp2-tools'),
]);
const heif = heifEnc && heifConvert;

/** The native tool's decode of a file, as a PNG next to it. */
async function nativeDecode(kind: 'heif' | 'jxl' | 'jp2', path: string): Promise<string> {
  const png = `${path}.native.png`;
  if (kind === 'heif') await exec(heifConvert!, [path, png]);
  else if (kind === 'jxl') await exec(djxl!, [path, png]);
  else await exec(opjDecompress!, ['-i', path, '-o', png]);
  return png;
}

describe('encoded by the native tools, against their own decoders', () => {
  let knownPng: string;
  beforeAll(async () => {
    knownPng = await write('known.png', await F.pngOf(rgb));
  });

  // libheif + libde265 on both sides (ImageMagick's HEIC coder is libheif): the HEVC pixels are
  // the same; what may differ is the YCbCr→RGB step, libheif's in each but not necessarily the
  // same version. Measured: mean 0.09, max 2; tolerance mean 0.5, max 4.
  it.skipIf(!heif)('HEIC (lossy, 4:2:0) matches heif-convert', async () => {
    const path = join(dir, 'known.heic');
    await exec(heifEnc!, ['-q', '90', '-o', path, knownPng]);
    const { result, pixels } = await decode(path);
    expectClose('HEIC vs heif-convert', pixels, await pixelsOf(await nativeDecode('heif', path)), {
      mean: 0.5,
      max: 4,
    });
    expect(warningCodes(result)).not.toContain('DEPTH_REDUCED');
  });

  // Lossless JPEG XL and JPEG 2000 (reversible 5/3 wavelet) give back the very pixels.
  it.skipIf(!cjxl)('JPEG XL, lossless: exact', async () => {
    const path = join(dir, 'lossless.jxl');
    await exec(cjxl!, [knownPng, path, '-d', '0', '-e', '3']);
    expectClose('JPEG XL lossless', (await decode(path)).pixels, rgb);
  });

  // libjxl on both sides; djxl and ImageMagick may round the final float→8-bit step apart.
  // Measured: mean 0.2, max 1; tolerance mean 0.5, max 2.
  it.skipIf(!(cjxl && djxl))('JPEG XL, lossy (VarDCT d1): matches djxl', async () => {
    const path = join(dir, 'lossy.jxl');
    await exec(cjxl!, [knownPng, path, '-d', '1', '-e', '3']);
    const { pixels } = await decode(path);
    expectClose('JPEG XL lossy vs djxl', pixels, await pixelsOf(await nativeDecode('jxl', path)), {
      mean: 0.5,
      max: 2,
    });
  });

  it.skipIf(!opjCompress)('JPEG 2000, lossless: exact', async () => {
    const ppm = await write('known.ppm', F.pnm(rgb));
    const path = join(dir, 'lossless.jp2');
    await exec(opjCompress!, ['-i', ppm, '-o', path]);
    expectClose('JPEG 2000 lossless', (await decode(path)).pixels, rgb);
  });

  // OpenJPEG on both sides: the same integer inverse wavelet, so the same pixels.
  it.skipIf(!(opjCompress && opjDecompress))('JPEG 2000, lossy (20:1): matches opj_decompress', async () => {
    const ppm = await write('known-lossy.ppm', F.pnm(rgb));
    const path = join(dir, 'lossy.jp2');
    await exec(opjCompress!, ['-i', ppm, '-o', path, '-r', '20']);
    const { pixels } = await decode(path);
    expectClose('JPEG 2000 lossy vs opj_decompress', pixels, await pixelsOf(await nativeDecode('jp2', path)), {
      mean: 0.05,
      max: 1,
    });
  });
});

describe('orientation, colour profile and EXIF', () => {
  let photo: string;
  beforeAll(async () => {
    // Stored 96 × 64 with EXIF orientation 6 (turn 90° clockwise to show): upright it is 64 × 96.
    const plain = await makeImage(join(dir, 'photo-plain.jpg'), { width: 96, height: 64 });
    photo = join(dir, 'photo-6.jpg');
    await sharp(plain)
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'Pixmill Test Camera', Model: 'T-1' } })
      .jpeg({ quality: 95 })
      .toFile(photo);
  });

  // A camera's HEIC: the pixels as the sensor saw them, an 'irot' saying turn them (libheif
  // applies it while decoding) and the EXIF still saying orientation 6. Applying both would turn
  // it twice (96 × 64, upside down); upright once is 64 × 96 and matches sharp's auto-oriented
  // reading of the JPEG. Tolerance: HEVC at quality 90 from a JPEG, measured mean 1.8, max 14.
  it.skipIf(!heifEnc)('a HEIC with its rotation stored comes out upright once, EXIF kept', async () => {
    const stored = join(dir, 'photo-6.heic');
    await exec(heifEnc!, ['-q', '90', '-o', stored, photo]);
    const turned = await write('photo-irot.heic', F.withHeifRotation(await readFile(stored), 3));
    const upright = await pixelsOf(photo, true);
    const { pixels, output } = await decode(turned, { output: { format: 'png', metadata: 'keep' } });
    expectClose('HEIC irot + EXIF 6 vs upright JPEG', pixels, upright, { mean: 3, max: 40 });
    const meta = await sharp(output).metadata();
    expect(meta.orientation ?? 1).toBe(1);
    expect(meta.exif?.toString('latin1')).toContain('Pixmill Test Camera');
    // Twice turned would be the other way round: the comparison would have caught it.
    expect(() => difference(flippedRows(pixels), upright)).not.toThrow();
    expect(difference(flippedRows(pixels), upright).mean).toBeGreaterThan(3);
  });

  it('a PSD with a Display P3 profile is converted like a PNG with the same pixels and profile', async () => {
    // The same pixels as P3 code values, and P3's profile, in a PNG (made by sharp) and a PSD.
    const p3Png = await write('p3.png', await F.pngOf(rgb, 'p3'));
    const { icc } = await sharp(p3Png).metadata();
    const p3Pixels = await sharp(p3Png).keepIccProfile().raw().toBuffer();
    const file = F.psd({ width: W, height: H, channels: 3, depth: 8, mode: 'rgb', samples: p3Pixels, icc: icc! });
    const reference = (await decode(p3Png)).pixels;
    const { pixels } = await decode(await write('p3.psd', file));
    // The same lcms transform of the same 8-bit pixels: the same result.
    expectClose('P3 PSD vs P3 PNG', pixels, reference, { mean: 0, max: 0 });
    // A dropped profile (P3 values taken as sRGB) would be far off.
    const asSrgb = { ...rgb, data: Uint8Array.from(p3Pixels) };
    expect(difference(asSrgb, reference).max).toBeGreaterThan(10);
  });

  // Same HEVC pixels and same profile (heif-convert keeps it in its PNG). Measured: mean 0.04,
  // max 13 on a few samples at the saturated patches' edges, where the two libheif releases'
  // chroma upsampling differs most; a dropped profile would be off everywhere (mean above 5).
  it.skipIf(!heif)(
    'a HEIC with a Display P3 profile is converted like the same pixels and profile in a PNG',
    async () => {
      const p3Png = await write('p3-source.png', await F.pngOf(rgb, 'p3'));
      const path = join(dir, 'p3.heic');
      await exec(heifEnc!, ['-q', '90', '-o', path, p3Png]);
      const native = await nativeDecode('heif', path);
      expect((await sharp(native).metadata()).icc).toBeDefined();
      const { pixels } = await decode(path);
      expectClose('P3 HEIC vs P3 PNG', pixels, (await decode(native)).pixels, { mean: 0.5, max: 16 });
    },
  );
});

const corpus = corpusDir();
if (!corpus) console.log('corpus format tests skipped: set PIXMILL_CORPUS to the shared corpora folder');

describe.skipIf(!corpus)('corpus samples', () => {
  const file = (p: string) => join(corpus!, p);

  // Pillow's HEVC sample with an nclx colour box: libheif in both, but ImageMagick's libheif
  // may be a newer release (its YCbCr→RGB, chroma upsampling) than Debian's. Measured: mean
  // 0.8, max 9; tolerance mean 1.5, max 12.
  it.skipIf(!heifConvert)('formats/hopper.heif matches heif-convert', async () => {
    const native = join(dir, 'hopper.png');
    await exec(heifConvert!, [file('formats/hopper.heif'), native]);
    const { pixels } = await decode(file('formats/hopper.heif'));
    expectClose('hopper.heif vs heif-convert', pixels, await pixelsOf(native), { mean: 1.5, max: 12 });
  });

  it.skipIf(!opjDecompress)('sharp-fixtures/relax_tileparts.jp2 matches opj_decompress', async () => {
    const native = join(dir, 'relax.png');
    await exec(opjDecompress!, ['-i', file('sharp-fixtures/relax_tileparts.jp2'), '-o', native]);
    const { pixels } = await decode(file('sharp-fixtures/relax_tileparts.jp2'));
    expectClose('relax_tileparts.jp2 vs opj_decompress', pixels, await pixelsOf(native));
  });

  it('formats/basn2c08.bmp is the same picture as pngsuite/basn2c08.png (its alpha mask all opaque)', async () => {
    const { pixels, result } = await decode(file('formats/basn2c08.bmp'));
    const png = await pixelsOf(file('pngsuite/basn2c08.png'));
    // A 32-bit BMP whose header declares an alpha mask: kept as alpha, every pixel opaque.
    const withAlpha = new Uint8Array(png.width * png.height * 4);
    for (let i = 0; i < png.width * png.height; i++)
      withAlpha.set([...png.data.subarray(i * 3, i * 3 + 3), 255], i * 4);
    expectClose('basn2c08.bmp vs .png', pixels, { ...png, data: withAlpha, channels: 4 });
    expect(warningCodes(result)).toEqual([]);
  });

  it('formats/favicon.ico: the largest of its sizes (48 × 48), pixels as its own DIB says', async () => {
    const bytes = await readFile(file('formats/favicon.ico'));
    const { pixels, result } = await decode(file('formats/favicon.ico'));
    expectClose('favicon.ico 48×48', pixels, favicon48(bytes));
    expect(warningCodes(result)).not.toContain('ANIMATION_FLATTENED');
  });

  it('formats/five_channels.psd: its merged picture, without calling its layers frames', async () => {
    const { pixels, result } = await decode(file('formats/five_channels.psd'));
    expect([pixels.width, pixels.height]).toEqual([1, 1]);
    expect(warningCodes(result)).not.toContain('ANIMATION_FLATTENED');
  });

  it('animated/star.avifs: the first frame, and ANIMATION_FLATTENED', async () => {
    const { pixels, result } = await decode(file('animated/star.avifs'));
    expect([pixels.width, pixels.height, pixels.channels]).toEqual([159, 159, 4]);
    expect(warningCodes(result)).toContain('ANIMATION_FLATTENED');
    const { channels } = await sharp(Buffer.from(pixels.data), {
      raw: { width: 159, height: 159, channels: 4 },
    }).stats();
    expect(channels.some((c) => c.min !== c.max)).toBe(true);
  });
});

/**
 * The 48 × 48 picture of favicon.ico read straight from its bytes: the directory entry of that
 * size, an 8-bit palette DIB (rows bottom-up) and its AND mask (1 = transparent).
 */
function favicon48(ico: Buffer): F.Pixels {
  const count = ico.readUInt16LE(4);
  let at = -1;
  for (let i = 0; i < count; i++) if (ico[6 + i * 16] === 48) at = ico.readUInt32LE(6 + i * 16 + 12);
  const headerSize = ico.readUInt32LE(at);
  expect(ico.readUInt16LE(at + 14)).toBe(8);
  const colours = ico.readUInt32LE(at + 32) || 256;
  const palette = at + headerSize;
  const rows = palette + colours * 4;
  const stride = 48;
  const mask = rows + stride * 48;
  const maskStride = 8;
  const data = new Uint8Array(48 * 48 * 4);
  for (let y = 0; y < 48; y++)
    for (let x = 0; x < 48; x++) {
      const row = 47 - y;
      const p = palette + ico[rows + row * stride + x]! * 4;
      const clear = (ico[mask + row * maskStride + (x >> 3)]! >> (7 - (x & 7))) & 1;
      data.set([ico[p + 2]!, ico[p + 1]!, ico[p]!, clear ? 0 : 255], (y * 48 + x) * 4);
    }
  return { data, width: 48, height: 48, channels: 4 };
}
