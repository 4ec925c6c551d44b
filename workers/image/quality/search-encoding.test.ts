// The search as the worker will call it, with the worker's own encoder: every promise checked
// from the written bytes alone (their score recomputed on the whole image, their size, their
// pixels), and against encodes this test makes itself.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ConcreteFormat, type OutputSettings, TARGET_SCORE } from '../../../common/pipeline.js';
import { corpusDir } from '../../../tests/fixtures.js';
import { Cancelled } from '../run-stages.js';
import sharp from '../sharp.js';
import { type SearchOutcome, searchEncoding } from './search-encoding.js';
import { outputWith, photoLike, realEncoder, scoreOfFile } from './test-support.js';

async function search(pixels: Buffer, format: ConcreteFormat, o: Partial<OutputSettings>) {
  const output = outputWith({ format, ...o });
  const count = { encodes: 0 };
  const result = await searchEncoding({ pixels, format, output, encode: realEncoder(output, count) });
  return { result, count, output };
}

function done(r: SearchOutcome) {
  if ('error' in r) throw new Error(`expected a file, got ${JSON.stringify(r.error)}`);
  return r;
}

/** The file the worker would write at this quality, made here without the search. */
const encodeAt = (pixels: Buffer, output: OutputSettings, format: ConcreteFormat, quality: number) =>
  realEncoder(output)(sharp(pixels), format, quality);

const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);

describe('searchEncoding: quality target', () => {
  it.each(['jpeg', 'webp'] as const)(
    '%s: the written file reaches the target, in at most 6 encodes, at (nearly) the lowest quality that does',
    async (format) => {
      const pixels = await photoLike(640, 480, 2);
      const { result, count, output } = await search(pixels, format, { targetScore: 75 });
      const r = done(result);
      expect(r.choice.format).toBe(format);
      expect(await scoreOfFile(pixels, r.data, format)).toBeGreaterThanOrEqual(75);
      expect(r.choice.score).toBeGreaterThanOrEqual(75);
      expect(r.choice.encodes).toBe(count.encodes);
      expect(count.encodes).toBeLessThanOrEqual(6);
      expect(r.warnings).toEqual([]);
      // Three steps lower no longer reaches the target: the search did not stop far above it.
      const lower = await encodeAt(pixels, output, format, r.choice.quality - 3);
      expect(await scoreOfFile(pixels, lower, format)).toBeLessThan(75);
      // The fixed quality's file, for "bytes saved", is the one the worker would write without a search.
      expect(r.choice.bytesAtFixed).toBe((await encodeAt(pixels, output, format, output.quality)).length);
    },
  );

  it('on a large image (scored on the proxy while searching) the written file still reaches the target', async () => {
    const pixels = await photoLike(960, 720, 4);
    const r = done((await search(pixels, 'jpeg', { targetScore: 70, quality: 90 })).result);
    expect(await scoreOfFile(pixels, r.data, 'jpeg')).toBeGreaterThanOrEqual(70);
    expect(r.choice.score).toBeCloseTo(await scoreOfFile(pixels, r.data, 'jpeg'), 6);
    expect(r.choice.encodes).toBeLessThanOrEqual(6);
  });

  it('a target out of reach keeps the best file and says so (TARGET_MISSED)', async () => {
    const pixels = await photoLike(320, 240, 5);
    const r = done((await search(pixels, 'webp', { targetScore: 99 })).result);
    expect(codes(r)).toEqual(['TARGET_MISSED']);
    expect(r.choice.score).toBeLessThan(99);
    expect(r.choice.encodes).toBeLessThanOrEqual(6);
  });

  it('AVIF: at most 4 encodes, the target reached', async () => {
    const pixels = await photoLike(480, 360, 6);
    const { result, count } = await search(pixels, 'avif', { targetScore: 70 });
    const r = done(result);
    expect(count.encodes).toBeLessThanOrEqual(4);
    expect(await scoreOfFile(pixels, r.data, 'avif')).toBeGreaterThanOrEqual(70);
  });

  it('JPEG XL (encoded and decoded by ImageMagick): the target reached in at most 4 encodes', async () => {
    const pixels = await photoLike(192, 144, 16);
    const { result, count } = await search(pixels, 'jxl', { targetScore: 75 });
    const r = done(result);
    expect(count.encodes).toBeLessThanOrEqual(4);
    expect(await scoreOfFile(pixels, r.data, 'jxl')).toBeGreaterThanOrEqual(75);
  });

  it('stops between probes when the job is cancelled', async () => {
    const pixels = await photoLike(192, 144, 17);
    const output = outputWith({ format: 'jpeg', targetScore: 80 });
    const controller = new AbortController();
    controller.abort();
    await expect(
      searchEncoding({ pixels, format: 'jpeg', output, encode: realEncoder(output), signal: controller.signal }),
    ).rejects.toBeInstanceOf(Cancelled);
  });
});

describe('searchEncoding: size cap', () => {
  it('lowers quality until the file fits, no lower than needed', async () => {
    const pixels = await photoLike(640, 480, 7);
    const fixed = await encodeAt(pixels, outputWith({ format: 'jpeg' }), 'jpeg', 82);
    const cap = Math.round(fixed.length * 0.6);
    const { result, output } = await search(pixels, 'jpeg', { maxBytes: cap });
    const r = done(result);
    expect(r.data.length).toBeLessThanOrEqual(cap);
    expect(r.warnings).toEqual([]);
    expect(r.choice.bytesAtFixed).toBe(fixed.length);
    expect(r.choice.encodes).toBeLessThanOrEqual(7);
    const above = await encodeAt(pixels, output, 'jpeg', r.choice.quality + 1);
    expect(above.length).toBeGreaterThan(cap);
  });

  it('a file that fits at the fixed quality is the fixed-quality file, in one encode', async () => {
    const pixels = await photoLike(200, 150, 8);
    const { result, output } = await search(pixels, 'jpeg', { maxBytes: 1_000_000 });
    const r = done(result);
    expect(r.choice).toMatchObject({ quality: output.quality, encodes: 1 });
  });

  const hard = { maxBytes: 2_000, minQuality: 40 };

  it('smallest: keeps the file at the quality floor and warns SIZE_CAP_MISSED', async () => {
    const pixels = await photoLike(640, 480, 9);
    const { result, output } = await search(pixels, 'jpeg', { ...hard, sizeCapOutcome: 'smallest' });
    const r = done(result);
    expect(codes(r)).toEqual(['SIZE_CAP_MISSED']);
    expect(r.choice.quality).toBe(40);
    expect(r.data.equals(await encodeAt(pixels, output, 'jpeg', 40))).toBe(true);
  });

  it('fail: writes nothing and answers SIZE_CAP_UNREACHED', async () => {
    const pixels = await photoLike(640, 480, 9);
    const { result } = await search(pixels, 'jpeg', { ...hard, sizeCapOutcome: 'fail' });
    expect(result).toMatchObject({ error: { code: 'SIZE_CAP_UNREACHED', stage: 'encode' } });
  });

  it('downscale: a smaller image at the floor that fits, its size reported and warned', async () => {
    const pixels = await photoLike(640, 480, 9);
    const r = done((await search(pixels, 'webp', { ...hard, sizeCapOutcome: 'downscale' })).result);
    expect(r.data.length).toBeLessThanOrEqual(2_000);
    expect(codes(r)).toEqual(['DOWNSCALED_TO_FIT']);
    const meta = await sharp(r.data).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual(r.choice.downscaledTo);
    expect(meta.width).toBeLessThan(640);
    expect(Math.abs(meta.width! / meta.height! - 640 / 480)).toBeLessThan(0.05);
    expect(r.choice.quality).toBe(40);
  });

  it('with a target too: the cap wins and the report says the target was missed', async () => {
    const pixels = await photoLike(640, 480, 10);
    const r = done((await search(pixels, 'jpeg', { targetScore: 90, maxBytes: 30_000 })).result);
    expect(r.data.length).toBeLessThanOrEqual(30_000);
    expect(codes(r)).toEqual(['TARGET_MISSED']);
    expect(r.choice.score).toBeLessThan(90);
    expect(r.warnings[0]!.message).toMatch(/size cap of 30 kB comes before the quality target 90/);
  });

  it('PNG has no quality to lower: a cap it misses is the outcome at once', async () => {
    const pixels = await photoLike(320, 240, 11);
    const { result } = await search(pixels, 'png', { maxBytes: 5_000, sizeCapOutcome: 'fail' });
    expect(result).toMatchObject({ error: { code: 'SIZE_CAP_UNREACHED' } });
  });
});

describe('searchEncoding: format shoot-out', () => {
  it('writes the smallest of the formats that reach the target, and reports each', async () => {
    const pixels = await photoLike(480, 360, 12);
    const { result, output } = await search(pixels, 'jpeg', { targetScore: 72, pickFormat: ['jpeg', 'webp', 'avif'] });
    const r = done(result);
    expect(await scoreOfFile(pixels, r.data, r.choice.format)).toBeGreaterThanOrEqual(72);
    expect(r.choice.candidates?.map((c) => c.format).sort()).toEqual(['avif', 'jpeg', 'webp']);
    // Each other format's smallest passing file, found here by bisection on the whole image.
    for (const format of ['jpeg', 'webp', 'avif'] as const) {
      if (format === r.choice.format) continue;
      let lo = output.minQuality;
      let hi = 100;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        const score = await scoreOfFile(pixels, await encodeAt(pixels, output, format, mid), format);
        if (score >= 72) hi = mid;
        else lo = mid;
      }
      const best = await encodeAt(pixels, output, format, hi);
      // The search stops within a few quality steps of the answer, a few per cent of the bytes.
      expect(r.data.length, format).toBeLessThanOrEqual(best.length * 1.05);
    }
  });

  it('without a target, compares the formats at the default target', async () => {
    const pixels = await photoLike(320, 240, 13);
    const r = done((await search(pixels, 'jpeg', { pickFormat: ['webp', 'jpeg'] })).result);
    expect(r.choice.score).toBeGreaterThanOrEqual(TARGET_SCORE.default);
    expect(r.choice.bytesAtFixed).toBeGreaterThan(0);
  });
});

describe('searchEncoding: what the worker hands over', () => {
  it('keeps the metadata the encoder writes (the probes are the real output)', async () => {
    const pixels = await sharp(await photoLike(320, 240, 14))
      .withExif({ IFD0: { Copyright: 'Pixmill test' } })
      .png()
      .toBuffer();
    const r = done((await search(pixels, 'jpeg', { targetScore: 70, metadata: 'keep' })).result);
    expect((await sharp(r.data).metadata()).exif?.toString('latin1')).toContain('Pixmill test');
  });

  it('JPEG of a transparent image is scored as the output shows it, laid on the background', async () => {
    const pixels = await sharp(await photoLike(320, 240, 15))
      .ensureAlpha(0.5)
      .png()
      .toBuffer();
    const r = done((await search(pixels, 'jpeg', { targetScore: 75, background: '#ffffff' })).result);
    const flat = await sharp(pixels).flatten({ background: '#ffffff' }).png().toBuffer();
    expect(await scoreOfFile(flat, r.data, 'jpeg')).toBeGreaterThanOrEqual(75);
  });
});

const corpus = corpusDir();
describe.skipIf(!corpus)('searchEncoding on real photos', () => {
  it.each([
    ['sharp-fixtures/flowers.jpeg', 'jpeg'],
    ['orientation/Landscape_1.jpg', 'webp'],
  ] as const)('%s as %s: reaches target 80 in at most 6 encodes', async (file, format) => {
    const pixels = await sharp(await readFile(join(corpus!, file)))
      .png({ compressionLevel: 0 })
      .toBuffer();
    const { result, count } = await search(pixels, format, { targetScore: 80 });
    const r = done(result);
    expect(await scoreOfFile(pixels, r.data, format)).toBeGreaterThanOrEqual(80);
    expect(count.encodes).toBeLessThanOrEqual(6);
  });
});
