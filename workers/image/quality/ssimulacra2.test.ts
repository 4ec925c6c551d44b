// The metric against what libjxl documents of it, and against what a person sees: identical
// images score 100, more compression scores lower, and the proxy agrees with the whole image.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitsSchema } from '../../../common/pipeline.js';
import { corpusDir } from '../../../tests/fixtures.js';
import sharp from '../sharp.js';
import { BlurScratch, blur } from './gaussian.js';
import { rgbForScore } from './score-pixels.js';
import { Scorer } from './scorer.js';
import { prepareReference, scoreAgainst } from './ssimulacra2.js';
import { photoLike } from './test-support.js';
import { linearFromSrgb, xybFromLinear } from './xyb.js';

const limits = limitsSchema.parse({});

async function jpegScores(png: Buffer, qualities: number[]): Promise<number[]> {
  const ref = await rgbForScore(png, 'png', limits);
  const prepared = prepareReference(ref.data, ref.width, ref.height);
  const out: number[] = [];
  for (const quality of qualities) {
    const jpeg = await sharp(png).jpeg({ quality }).toBuffer();
    out.push(scoreAgainst(prepared, (await rgbForScore(jpeg, 'jpeg', limits)).data));
  }
  return out;
}

describe('SSIMULACRA2', () => {
  it('scores an image against itself 100', async () => {
    const png = await photoLike(300, 200);
    const ref = await rgbForScore(png, 'png', limits);
    expect(scoreAgainst(prepareReference(ref.data, ref.width, ref.height), ref.data)).toBe(100);
  });

  it('puts sRGB into the XYB ranges libjxl documents for it (X 0.2046–0.8134, Y 0.01–0.8553, B 0.2723–0.9380)', () => {
    // The extremes of a linear map followed by a rising curve sit at the corners of the RGB cube.
    const corners = Uint8Array.from({ length: 8 * 3 }, (_, i) => ((Math.floor(i / 3) >> (i % 3)) & 1) * 255);
    const xyb = xybFromLinear(linearFromSrgb(corners, 8, 1));
    const range = (p: Float32Array) => [Math.min(...p), Math.max(...p)];
    const [x, y, b] = [range(xyb.c0), range(xyb.c1), range(xyb.c2)];
    expect(x[0]).toBeCloseTo(0.204594, 4);
    expect(x[1]).toBeCloseTo(0.813402, 4);
    expect(y[0]).toBeCloseTo(0.01, 5);
    expect(y[1]).toBeCloseTo(0.855308, 4);
    expect(b[0]).toBeCloseTo(0.272295, 4);
    expect(b[1]).toBeCloseTo(0.938012, 4);
  });

  it('blurs with a Gaussian of sigma 1.5 that keeps brightness', () => {
    const w = 64;
    const impulse = new Float32Array(w * w);
    impulse[32 * w + 32] = 1;
    const out = new Float32Array(w * w);
    blur(impulse, null, w, w, out, new BlurScratch(w, w));
    let sum = 0;
    let spread = 0;
    out.forEach((v, i) => {
      sum += v;
      spread += v * ((i % w) - 32) ** 2;
    });
    expect(sum).toBeCloseTo(1, 4);
    expect(spread / sum).toBeCloseTo(2.25, 2);
  });

  it('orders JPEG qualities on a photo-like image: q30 < q60 < q90', async () => {
    const [q30, q60, q90] = await jpegScores(await photoLike(480, 360), [30, 60, 90]);
    expect(q30).toBeLessThan(q60!);
    expect(q60).toBeLessThan(q90!);
    expect(q90).toBeLessThan(100);
  });

  it('scores the same on the tile proxy as on the whole image, within a point', async () => {
    const png = await photoLike(1000, 750, 3);
    const ref = await rgbForScore(png, 'png', limits);
    const scorer = new Scorer(ref, { from: 0, share: 0.125 });
    expect(scorer.tiles!.length).toBeGreaterThanOrEqual(4);
    for (const quality of [40, 75, 92]) {
      const probe = await rgbForScore(await sharp(png).jpeg({ quality }).toBuffer(), 'jpeg', limits);
      expect(Math.abs(scorer.proxyScore(probe) - scorer.fullScore(probe)), `q${quality}`).toBeLessThan(1);
    }
  });

  const corpus = corpusDir();
  it.skipIf(!corpus).each(['sharp-fixtures/flowers.jpeg', 'orientation/Landscape_1.jpg'])(
    'orders JPEG qualities on %s: q30 < q60 < q90',
    async (file) => {
      const png = await sharp(await readFile(join(corpus!, file)))
        .png()
        .toBuffer();
      const [q30, q60, q90] = await jpegScores(png, [30, 60, 90]);
      expect(q30).toBeLessThan(q60!);
      expect(q60).toBeLessThan(q90!);
    },
  );
});
