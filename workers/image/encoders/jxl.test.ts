// JPEG XL output end to end: real jobs through the worker's pipeline, each output decoded by
// libjxl's own djxl (Debian's libjxl-tools) when it is on PATH, else by ImageMagick in
// WebAssembly, and compared with the source pixels.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePipeline, parsePipeline } from '../../../common/pipeline.js';
import { autoTimeLimitSeconds, JXL_EFFORT } from '../../../common/time-limit.js';
import { commandOnPath, makeAnimation, tempDir } from '../../../tests/fixtures.js';
import { sampleDifference } from '../../../tests/format-fixtures.js';
import { magickWasm } from '../decoders/magick-wasm.js';
import { chooseFormat } from '../output-format.js';
import { expectDone, run, warningCodes } from '../test-support.js';
import { verifyOutput } from '../verify-output.js';
import { encodeJxl, jxlQuality } from './jxl.js';

const hasDjxl = commandOnPath('djxl');

interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

let dir: string;
let n = 0;
async function freshOut(): Promise<string> {
  const out = join(dir, `out-${n++}`);
  await mkdir(out, { recursive: true });
  return out;
}

/** The JPEG XL file's pixels, 8 bits per channel, and its colour profile if it has one. */
async function decode(path: string): Promise<Raw & { icc?: Buffer }> {
  if (hasDjxl) {
    const png = `${path}.djxl.png`;
    execFileSync('djxl', [path, png], { stdio: 'ignore' });
    const { data, info } = await sharp(png)
      .keepIccProfile()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const { icc } = await sharp(png).metadata();
    return { data, width: info.width, height: info.height, channels: info.channels, ...(icc ? { icc } : {}) };
  }
  const magick = await magickWasm();
  const image = magick.MagickImage.create();
  try {
    image.read(await readFile(path));
    const channels = image.channelCount;
    const format =
      channels === 4
        ? magick.MagickFormat.Rgba
        : channels === 3
          ? magick.MagickFormat.Rgb
          : channels === 2
            ? magick.MagickFormat.Graya
            : magick.MagickFormat.Gray;
    let data = Buffer.alloc(0);
    image.write(format, (d) => {
      data = Buffer.from(d);
    });
    const icc = image.getProfile('icc')?.data;
    return { data, width: image.width, height: image.height, channels, ...(icc ? { icc: Buffer.from(icc) } : {}) };
  } finally {
    image.dispose();
  }
}

/** The numbers stored in an image file, not converted to sRGB. */
const rawOf = async (path: string | Buffer): Promise<Raw> => {
  const { data, info } = await sharp(path)
    .keepIccProfile()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
};

/** (expected, actual): the order these tests name them in. */
const difference = (a: Raw, b: Raw) => sampleDifference(b, a);

/** A smooth photo-like picture: two ramps, a sine ripple and a few hard edges. */
async function smoothImage(path: string, width: number, height: number, alpha = false): Promise<string> {
  const channels = alpha ? 4 : 3;
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const edge = x > width / 2 && y > height / 3 && y < (2 * height) / 3;
      data[i] = Math.round((255 * x) / width);
      data[i + 1] = edge ? 230 : Math.round((255 * y) / height);
      data[i + 2] = Math.round(128 + 100 * Math.sin(x / 9) * Math.cos(y / 13));
      if (alpha) data[i + 3] = Math.round((255 * y) / (height - 1));
    }
  await sharp(data, { raw: { width, height, channels } }).png().toFile(path);
  return path;
}

let photo: string;
let withAlpha: string;
let wideGamut: string;
let tagged: string;

beforeAll(async () => {
  dir = await tempDir('pixmill-jxl-');
  photo = await smoothImage(join(dir, 'photo.png'), 256, 192);
  withAlpha = await smoothImage(join(dir, 'alpha.png'), 160, 120, true);
  // Display P3 pixels, tagged as such: converted to sRGB they are other numbers.
  wideGamut = join(dir, 'p3.png');
  await sharp(photo).withIccProfile('p3').toFile(wideGamut);
  tagged = join(dir, 'tagged.jpg');
  await sharp(photo)
    .withExif({ IFD0: { Artist: 'Pixmill JXL test', Copyright: 'CC0' } })
    .jpeg({ quality: 95 })
    .toFile(tagged);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('JPEG XL output', () => {
  it(`writes a .jxl that ${hasDjxl ? 'djxl' : 'ImageMagick (djxl is not on PATH)'} decodes to pixels close to the source`, async () => {
    const out = await freshOut();
    const r = expectDone(await run(photo, out, { output: { format: 'jxl' } }));
    expect(r).toMatchObject({ format: 'jxl', width: 256, height: 192, output: join(out, 'out.jxl') });
    const bytes = await readFile(r.output);
    expect(r.bytesOut).toBe(bytes.length);
    // A bare JPEG XL codestream (no metadata to box), or the ISO/IEC 18181-2 container.
    const bare = bytes[0] === 0xff && bytes[1] === 0x0a;
    expect(bare || bytes.subarray(4, 8).toString('latin1') === 'JXL ').toBe(true);
    // Quality 82 (Butteraugli distance 1.72) on a smooth picture: a mean difference under 2 of
    // 255 per sample, none over 48 (the hard edges ring). Measured (djxl 0.7): 1.1 and 36.
    const diff = difference(await rawOf(photo), await decode(r.output));
    expect(diff.mean).toBeLessThan(2);
    expect(diff.max).toBeLessThan(48);
    expect(r.warnings ?? []).toEqual([]);
  });

  it('lossless is exact, colour and transparency', async () => {
    for (const input of [photo, withAlpha]) {
      const out = await freshOut();
      const r = expectDone(await run(input, out, { output: { format: 'jxl', lossless: true } }));
      expect(difference(await rawOf(input), await decode(r.output))).toEqual({ mean: 0, max: 0 });
    }
  });

  it('a lower quality writes a smaller file, and a higher effort is allowed more time', async () => {
    const sizes: number[] = [];
    for (const quality of [95, 82, 50, 20]) {
      const out = await freshOut();
      sizes.push(expectDone(await run(photo, out, { output: { format: 'jxl', quality } })).bytesOut);
    }
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]!).toBeLessThan(sizes[i - 1]!);
    const limit = (effort: number) =>
      autoTimeLimitSeconds({ inputMegapixels: 24, outputMegapixels: 24, format: 'jxl', effort });
    expect(limit(9)).toBeGreaterThan(limit(4));
    expect(limit(4)).toBeGreaterThan(
      autoTimeLimitSeconds({ inputMegapixels: 24, outputMegapixels: 24, format: 'jpeg', effort: 4 }),
    );
  });

  it('maps effort 0–9 evenly onto libjxl 1–9, and quality 100 without "Lossless" stays lossy', () => {
    expect(JXL_EFFORT).toEqual([1, 2, 3, 4, 5, 5, 6, 7, 8, 9]);
    // ImageMagick takes quality 100 as lossless.
    expect(jxlQuality({ quality: 100, lossless: false })).toBe(99);
    expect(jxlQuality({ quality: 40, lossless: true })).toBe(100);
    expect(jxlQuality({ quality: 40, lossless: false })).toBe(40);
  });

  it('keeps transparency in a lossy file', async () => {
    const out = await freshOut();
    const r = expectDone(await run(withAlpha, out, { output: { format: 'jxl' } }));
    const got = await decode(r.output);
    expect(got.channels).toBe(4);
    const want = await rawOf(withAlpha);
    let alphaDiff = 0;
    for (let i = 3; i < want.data.length; i += 4)
      alphaDiff = Math.max(alphaDiff, Math.abs(want.data[i]! - got.data[i]!));
    // Alpha is coded losslessly-ish (modular) even in lossy files: within 2 of 255.
    expect(alphaDiff).toBeLessThanOrEqual(2);
    expect(warningCodes(r)).not.toContain('ALPHA_FLATTENED');
  });

  it('keeps the colour profile exactly when lossless, and converts to sRGB (and says so) when lossy', async () => {
    const p3 = (await sharp(wideGamut).metadata()).icc!;
    const keep = { format: 'jxl', metadata: 'icc', toSrgb: false } as const;
    const lossless = expectDone(await run(wideGamut, await freshOut(), { output: { ...keep, lossless: true } }));
    const exact = await decode(lossless.output);
    expect(exact.icc?.equals(p3)).toBe(true);
    const stored = await rawOf(wideGamut);
    expect(difference(stored, exact).max).toBe(0);
    expect(warningCodes(lossless)).toEqual([]);

    const lossy = expectDone(await run(wideGamut, await freshOut(), { output: keep }));
    expect(lossy.warnings?.find((w) => w.code === 'METADATA_DROPPED')?.message).toMatch(
      /colour profile could not be kept: lossy JPEG XL is written in sRGB, so the colours were converted/,
    );
    // The pixels are the P3 picture converted to sRGB, not P3 numbers labelled sRGB.
    const srgb = await rawOf(await sharp(wideGamut).toColourspace('srgb').png().toBuffer());
    const converted = difference(srgb, await decode(lossy.output));
    const p3Numbers = difference(stored, srgb);
    // Measured: 10.3 between the P3 numbers and their sRGB conversion, 1.2 from the output.
    expect(p3Numbers.mean).toBeGreaterThan(5);
    expect(converted.mean).toBeLessThan(2);
  });

  it('keeps EXIF when metadata is "keep", and writes none when it is "strip"', async () => {
    const magick = await magickWasm();
    const exifOf = async (path: string): Promise<string> => {
      const image = magick.MagickImage.create();
      try {
        image.read(await readFile(path));
        const exif = image.getProfile('exif')?.data;
        return exif ? Buffer.from(exif).toString('latin1') : '';
      } finally {
        image.dispose();
      }
    };
    const kept = expectDone(await run(tagged, await freshOut(), { output: { format: 'jxl', metadata: 'keep' } }));
    expect(await exifOf(kept.output)).toContain('Pixmill JXL test');
    expect(warningCodes(kept)).toEqual([]);
    if (hasDjxl) expect(execFileSync('jxlinfo', [kept.output]).toString()).toMatch(/Exif/);
    const stripped = expectDone(await run(tagged, await freshOut(), { output: { format: 'jxl' } }));
    expect(await exifOf(stripped.output)).toBe('');
  });

  it('writes through a temp file and commits it: nothing else is left, an existing file is kept under "skip"', async () => {
    const out = await freshOut();
    const r = expectDone(await run(photo, out, { output: { format: 'jxl' } }));
    expect(await readdir(out)).toEqual(['out.jxl']);
    const before = await stat(r.output);
    const again = await run(photo, out, { output: { format: 'jxl', conflict: 'skip', quality: 30 } });
    expect(again).toMatchObject({ status: 'skipped', reason: 'exists' });
    expect(await readdir(out)).toEqual(['out.jxl']);
    expect((await stat(r.output)).size).toBe(before.size);
    const suffixed = expectDone(await run(photo, out, { output: { format: 'jxl' } }));
    expect(suffixed.output).not.toBe(r.output);
    expect((await readdir(out)).sort()).toEqual(['out-1.jxl', 'out.jxl']);
  });

  it('"Same as original" keeps a JPEG XL original as JPEG XL, with no format warning', async () => {
    expect(chooseFormat('keep', 'jxl', false)).toEqual({ format: 'jxl' });
    const original = join(dir, 'original.jxl');
    await writeFile(
      original,
      await encodeJxl(await sharp(photo).png().toBuffer(), makePipeline().output, makePipeline().limits),
    );
    const r = expectDone(await run(original, await freshOut(), { steps: [{ op: 'resize', params: { width: 128 } }] }));
    expect(r).toMatchObject({ format: 'jxl', width: 128, height: 96 });
    expect(r.output.endsWith('.jxl')).toBe(true);
    expect(warningCodes(r)).not.toContain('FORMAT_CHANGED');
  });

  it('saves the first frame of an animation, saying JPEG XL is written as a still image', async () => {
    const gif = await makeAnimation(join(dir, 'anim.gif'), 3);
    const r = expectDone(await run(gif, await freshOut(), { output: { format: 'jxl' } }));
    expect(r.warnings?.find((w) => w.code === 'ANIMATION_FLATTENED')?.message).toMatch(
      /first of 3 frames.*JPEG XL as a still image/,
    );
    expect(r.height).toBe(48);
  });

  it('checks the written file by decoding it: a size other than the one encoded fails the job', async () => {
    const file = await encodeJxl(await sharp(photo).png().toBuffer(), makePipeline().output, makePipeline().limits);
    const expected = {
      format: 'jxl',
      pages: { animated: false, pages: 1 },
      pixels: { colourspace: 'srgb', reusePalette: false, inputBits: 8, outputBits: 8 },
      delay: undefined,
      mayLoseDepth: false,
      limits: makePipeline().limits,
    } as const;
    expect(await verifyOutput(file, { ...expected, info: { width: 256, height: 192, channels: 3 } })).toEqual([]);
    await expect(verifyOutput(file, { ...expected, info: { width: 256, height: 192, channels: 4 } })).rejects.toThrow(
      /decodes to 256×192 with 3 channels, not the 256×192 with 4/,
    );
    await expect(
      verifyOutput(Buffer.from('not a jxl file'), { ...expected, info: { width: 1, height: 1, channels: 3 } }),
    ).rejects.toThrow(/does not decode again/);
  });
});

describe('JPEG XL settings', () => {
  it.each([
    [{ format: 'jxl', effort: 12 }, 'output.effort', 'Expected a whole number between 0 and 9'],
    [{ format: 'jxl', effort: 2.5 }, 'output.effort', 'Expected a whole number between 0 and 9'],
    [{ format: 'jxl', quality: 0 }, 'output.quality', 'Expected a whole number between 1 and 100'],
    [{ format: 'jxl', quality: '90' }, 'output.quality', 'Expected a whole number between 1 and 100'],
    [{ format: 'jxl', lossless: 'yes' }, 'output.lossless', 'Expected true or false'],
    [{ format: 'jpegxl' }, 'output.format', 'Expected one of keep, jpeg, png, webp, avif, jxl, tiff, gif'],
  ])('refuses %j with a plain message', (output, field, message) => {
    expect(parsePipeline({ output })).toEqual({ ok: false, field, message: `${field}: ${message}` });
  });
});
