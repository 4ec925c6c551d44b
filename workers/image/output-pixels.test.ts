// Depth and greyscale end to end: 16-bit stays 16-bit where the format holds it (and says so where
// it does not), greyscale stays one channel, 1-bit stays 1-bit, colour filters still make colour.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepInput } from '../../common/pipeline.js';
import { corpusDir, makeImage, tempDir } from '../../tests/fixtures.js';
import { expectDone, pixelAt, run, warningCodes } from './test-support.js';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tempDir('pixmill-pixels-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function outDir(): Promise<string> {
  const d = join(dir, `out-${n++}`);
  await mkdir(d, { recursive: true });
  return d;
}

/** A 16-bit image whose samples use all 16 bits (a ramp plus a fine pattern no 8-bit image has). */
async function deepImage(name: string, channels: 1 | 3, format: 'png' | 'tiff' = 'png'): Promise<string> {
  const [width, height] = [64, 48];
  const px = new Uint16Array(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) px[(y * width + x) * channels + c] = (x * 1021 + y * 37 + c * 9001) % 65536;
  const path = join(dir, name);
  const img = sharp(px, { raw: { width, height, channels } }).toColourspace(channels === 1 ? 'grey16' : 'rgb16');
  await (format === 'png' ? img.png() : img.tiff({ compression: 'lzw' })).toFile(path);
  return path;
}

/** Every sample at 16 bits, in the image's own colourspace. */
async function samples16(path: string): Promise<Uint16Array> {
  const { space } = await sharp(path).metadata();
  const raw = await sharp(path)
    .toColourspace(space === 'grey16' || space === 'b-w' ? 'grey16' : 'rgb16')
    .raw({ depth: 'ushort' })
    .toBuffer();
  return new Uint16Array(raw.buffer, raw.byteOffset, raw.length / 2);
}

const eightBitData = (s: Uint16Array): boolean => s.every((v) => v % 257 === 0);

async function greyJpeg(name: string): Promise<string> {
  const path = join(dir, name);
  const photo = await makeImage(join(dir, `${name}.src.jpg`), { width: 120, height: 90 });
  await sharp(photo).toColourspace('b-w').jpeg({ quality: 90 }).toFile(path);
  return path;
}

describe('16 bits per channel', () => {
  it.each([
    ['png', 3],
    ['png', 1],
    ['tiff', 3],
    ['tiff', 1],
  ] as const)('a 16-bit %s with %d channel(s) is kept as it is, sample for sample', async (format, channels) => {
    const src = await deepImage(`deep-${format}-${channels}.${format}`, channels, format);
    const out = expectDone(await run(src, await outDir()));
    const meta = await sharp(out.output).metadata();
    expect([meta.format, meta.depth, meta.channels]).toEqual([format, 'ushort', channels]);
    expect(await samples16(out.output)).toEqual(await samples16(src));
    expect(warningCodes(out)).not.toContain('DEPTH_REDUCED');
  });

  it('a resized 16-bit PNG keeps 16 bits of precision, not 8 bits scaled up', async () => {
    const src = await deepImage('deep-resize.png', 3);
    const out = expectDone(
      await run(src, await outDir(), { steps: [{ op: 'resize', params: { by: 'width', width: 40 } }] }),
    );
    expect((await sharp(out.output).metadata()).depth).toBe('ushort');
    expect(eightBitData(await samples16(out.output))).toBe(false);
  });

  it('a 16-bit TIFF saved as PNG with its colour profile kept stays 16-bit', async () => {
    const src = await deepImage('deep-icc.tif', 3, 'tiff');
    const out = expectDone(await run(src, await outDir(), { output: { format: 'png', metadata: 'icc' } }));
    expect((await sharp(out.output).metadata()).bitsPerSample).toBe(16);
  });

  it.each(['jpeg', 'webp', 'gif'] as const)('16-bit to %s says the depth was reduced to 8 bits', async (format) => {
    const src = await deepImage(`deep-to-${format}.png`, 3);
    const out = expectDone(await run(src, await outDir(), { output: { format } }));
    expect((await sharp(out.output).metadata()).depth).toBe('uchar');
    expect(out.warnings).toContainEqual({
      code: 'DEPTH_REDUCED',
      message: expect.stringMatching(/holds 8 bits per channel: this 16-bit image was saved with 8/),
    });
  });

  it('16-bit to AVIF is saved with 12 bits, and says so', async () => {
    const src = await deepImage('deep-to-avif.png', 3);
    const out = expectDone(await run(src, await outDir(), { output: { format: 'avif', effort: 0 } }));
    expect((await sharp(out.output).metadata()).bitsPerSample).toBe(12);
    expect(out.warnings).toContainEqual({ code: 'DEPTH_REDUCED', message: expect.stringMatching(/with 12 bits/) });
  });

  it('Grayscale on a 16-bit image says it works in 8 bits, and the output holds 8', async () => {
    const src = await deepImage('deep-grey-step.png', 3);
    const out = expectDone(await run(src, await outDir(), { steps: [{ op: 'grayscale' }] }));
    const meta = await sharp(out.output).metadata();
    expect([meta.channels, meta.depth]).toEqual([1, 'uchar']);
    expect(out.warnings).toContainEqual({
      code: 'DEPTH_REDUCED',
      message: expect.stringMatching(/^Grayscale works in 8 bits/),
    });
  });

  it('a chain of more than one pass either keeps 16 bits of precision or says it did not', async () => {
    const src = await deepImage('deep-two-pass.png', 3);
    // sharp would sharpen after resizing whatever the order: this chain takes two passes.
    const steps: StepInput[] = [{ op: 'sharpen' }, { op: 'resize', params: { by: 'width', width: 40 } }];
    const out = expectDone(await run(src, await outDir(), { steps }));
    const meta = await sharp(out.output).metadata();
    const kept = meta.depth === 'ushort' && !eightBitData(await samples16(out.output));
    expect(kept || warningCodes(out).includes('DEPTH_REDUCED')).toBe(true);
  });
});

describe('greyscale', () => {
  it('a greyscale JPEG stays one channel as JPEG and as PNG, and the PNG is smaller for it', async () => {
    const src = await greyJpeg('grey.jpg');
    const jpeg = expectDone(await run(src, await outDir()));
    expect((await sharp(jpeg.output).metadata()).channels).toBe(1);
    const png = expectDone(await run(src, await outDir(), { output: { format: 'png' } }));
    expect((await sharp(png.output).metadata()).channels).toBe(1);
    const asRgb = await sharp(src).png().toBuffer();
    expect(png.bytesOut).toBeLessThan(asRgb.length);
  });

  it('greyscale with alpha stays two channels', async () => {
    const path = join(dir, 'grey-alpha.png');
    await sharp(await makeImage(join(dir, 'ga.src.png'), { width: 40, height: 30, format: 'png', alpha: true }))
      .toColourspace('b-w')
      .png()
      .toFile(path);
    expect((await sharp(path).metadata()).channels).toBe(2);
    const out = expectDone(await run(path, await outDir()));
    expect((await sharp(out.output).metadata()).channels).toBe(2);
  });

  it('a 1-bit PNG stays 1-bit, pixel for pixel', async () => {
    const path = join(dir, 'one-bit.png');
    const photo = await makeImage(join(dir, 'ob.src.png'), { width: 96, height: 64, format: 'png' });
    await sharp(photo).threshold(128).toColourspace('b-w').png({ palette: false, colours: 2 }).toFile(path);
    expect((await sharp(path).metadata()).bitsPerSample).toBe(1);
    const out = expectDone(
      await run(path, await outDir(), { steps: [{ op: 'flip', params: { direction: 'horizontal' } }] }),
    );
    const meta = await sharp(out.output).metadata();
    expect([meta.channels, meta.bitsPerSample]).toEqual([1, 1]);
    const flipped = await sharp(path).flop().raw().toBuffer();
    expect(await sharp(out.output).raw().toBuffer()).toEqual(flipped);
  });

  it('Grayscale makes a colour photo one channel; Threshold makes it 1-bit', async () => {
    const photo = await makeImage(join(dir, 'colour.png'), { width: 80, height: 60, format: 'png' });
    const grey = expectDone(await run(photo, await outDir(), { steps: [{ op: 'grayscale' }] }));
    expect((await sharp(grey.output).metadata()).channels).toBe(1);
    const bw = expectDone(await run(photo, await outDir(), { steps: [{ op: 'threshold' }] }));
    const meta = await sharp(bw.output).metadata();
    expect([meta.channels, meta.bitsPerSample]).toEqual([1, 1]);
  });

  it('a translucent border then Threshold keeps the alpha of the border instead of failing to write 1-bit grey', async () => {
    const photo = await makeImage(join(dir, 'colour-border.png'), { width: 80, height: 60, format: 'png' });
    const out = expectDone(
      await run(photo, await outDir(), {
        steps: [{ op: 'border', params: { size: 4, color: '#00000080' } }, { op: 'threshold' }],
        output: { format: 'png' },
      }),
    );
    const meta = await sharp(out.output).metadata();
    expect(meta.hasAlpha).toBe(true);
    expect([meta.width, meta.height]).toEqual([88, 68]);
  });

  it('a tint on a greyscale image gives colour', async () => {
    const src = await greyJpeg('grey-tint.jpg');
    const out = expectDone(await run(src, await outDir(), { steps: [{ op: 'tint', params: { color: '#ff0000' } }] }));
    expect((await sharp(out.output).metadata()).channels).toBe(3);
    const [r, , b] = await pixelAt(out.output, 60, 45);
    expect(r! - b!).toBeGreaterThan(30);
  });

  it('a red border on a greyscale image is red, and Grayscale then Tint gives colour', async () => {
    const src = await greyJpeg('grey-border.jpg');
    const border = expectDone(
      await run(src, await outDir(), {
        steps: [{ op: 'border', params: { size: 10, color: '#ff0000' } }],
        output: { format: 'png' },
      }),
    );
    expect(await pixelAt(border.output, 2, 2)).toEqual([255, 0, 0]);
    const photo = await makeImage(join(dir, 'grey-then-tint.png'), { width: 60, height: 40, format: 'png' });
    const tinted = expectDone(
      await run(photo, await outDir(), { steps: [{ op: 'grayscale' }, { op: 'tint', params: { color: '#0000ff' } }] }),
    );
    const [r, , b] = await pixelAt(tinted.output, 30, 20);
    expect(b! - r!).toBeGreaterThan(30);
  });
});

const corpus = corpusDir();
describe.skipIf(!corpus)('real-world depth and greyscale files', () => {
  it.each([
    ['pngsuite/basn0g16.png', 'grey16', 1, 16],
    ['pngsuite/basn4a16.png', 'grey16', 2, 16],
    ['pngsuite/basn6a16.png', 'rgb16', 4, 16],
    ['pngsuite/basn0g01.png', 'b-w', 1, 1],
    ['pngsuite/basn0g04.png', 'b-w', 1, 4],
    ['formats/16bit.cropped.tif', 'grey16', 1, 16],
    ['sharp-fixtures/tifftag-photoshop.tiff', 'rgb16', 3, 16],
  ] as const)('%s keeps %s, %d channel(s), %d bits', async (file, space, channels, bits) => {
    const src = join(corpus!, file);
    const out = expectDone(await run(src, await outDir()));
    const meta = await sharp(out.output).metadata();
    expect([meta.space, meta.channels, meta.bitsPerSample]).toEqual([space, channels, bits]);
    const original = await sharp(src).raw({ depth: 'ushort' }).toBuffer();
    const same = (await sharp(out.output).raw({ depth: 'ushort' }).toBuffer()).equals(original);
    expect(same, 'samples equal').toBe(true);
  });

  it('a greyscale JPEG with its own profile keeps one channel and the profile', async () => {
    const out = expectDone(
      await run(join(corpus!, 'sharp-fixtures/concert.jpg'), await outDir(), { output: { metadata: 'icc' } }),
    );
    const meta = await sharp(out.output).metadata();
    expect(meta.channels).toBe(1);
    expect(meta.icc).toBeDefined();
  });
});
