// Quality targets, size caps and the format shoot-out through the real engine: the files on disk
// are read back and scored again here, independently of what the worker reported.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { limitsSchema, type PipelineSpecInput } from '../common/pipeline.js';
import { rgbForScore } from '../workers/image/quality/score-pixels.js';
import { addSums, compareSums, poolScore, prepareReference } from '../workers/image/quality/ssimulacra2.js';
import { listFiles, tempDir } from './fixtures.js';
import { runRecipe } from './recipe-runner.js';

let root: string;
let photos: string;
const limits = limitsSchema.parse({});

/** A photo-like picture: smooth areas, edges and fine texture, as a real photo has. */
async function makePhoto(path: string, width: number, height: number) {
  const texture = await sharp({
    create: { width, height, channels: 3, background: '#777777', noise: { type: 'gaussian', mean: 120, sigma: 50 } },
  })
    .blur(1.2)
    .raw()
    .toBuffer();
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const sky = y < height * 0.4;
      texture[i] = sky ? 90 + (x % 7) : (texture[i]! + Math.round((255 * x) / width)) >> 1;
      texture[i + 1] = sky ? 150 : texture[i + 1]!;
      texture[i + 2] = sky ? 220 - Math.round((60 * y) / height) : (texture[i + 2]! + 40) >> 1;
    }
  await sharp(texture, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 95 })
    .toFile(path);
}

beforeAll(async () => {
  root = await tempDir();
  photos = join(root, 'photos');
  await mkdir(photos, { recursive: true });
  await makePhoto(join(photos, 'field.jpg'), 400, 300);
  await makePhoto(join(photos, 'meadow.jpg'), 300, 400);
});

const run = (spec: PipelineSpecInput, out: string) => runRecipe([photos], out, spec);

/** SSIMULACRA2 of a written file against the same recipe's pixels written losslessly. */
async function scoreOf(file: string, reference: string): Promise<number> {
  const format = file.endsWith('.jxl') ? 'jxl' : 'png';
  const ref = await rgbForScore(await readFile(reference), 'png', limits);
  const probe = await rgbForScore(await readFile(file), format, limits);
  const prepared = prepareReference(ref.data, ref.width, ref.height);
  return poolScore(addSums([compareSums(prepared, probe.data)]));
}

describe('a quality target', () => {
  it('reaches the score asked for, per image, as scored again from the files on disk', async () => {
    const out = join(root, 'target');
    const lossless = join(root, 'lossless');
    await run({ output: { format: 'png' } }, lossless);
    const { summary, done } = await run({ output: { format: 'webp', targetScore: 80 } }, out);
    expect(summary).toMatchObject({ processed: 2, failed: 0 });
    for (const e of done) {
      if (e.type !== 'file-done') continue;
      const name = e.output.split('/').pop()!.replace('.webp', '');
      expect(e.encoding?.encodes).toBeLessThanOrEqual(7);
      expect(e.encoding?.format).toBe('webp');
      const score = await scoreOf(e.output, join(lossless, `${name}.png`));
      expect(score, name).toBeGreaterThanOrEqual(80 - 0.5);
      expect(Math.abs(score - (e.encoding?.score ?? 0)), name).toBeLessThan(1);
    }
  });
});

describe('a size cap', () => {
  it('keeps every output under the cap', async () => {
    const out = join(root, 'cap');
    const { summary } = await run({ output: { format: 'jpeg', maxBytes: 10_000, minQuality: 10 } }, out);
    expect(summary).toMatchObject({ processed: 2, failed: 0 });
    for (const f of await listFiles(out)) expect((await stat(join(out, f))).size, f).toBeLessThanOrEqual(10_000);
  });

  it('fails the file when asked to, writing nothing, with a code', async () => {
    const out = join(root, 'cap-fail');
    const { summary } = await run(
      { output: { format: 'jpeg', maxBytes: 1024, minQuality: 60, sizeCapOutcome: 'fail' } },
      out,
    );
    expect(summary).toMatchObject({ processed: 0, failed: 2 });
    expect(summary.errors.map((e) => e.code)).toEqual(['SIZE_CAP_UNREACHED', 'SIZE_CAP_UNREACHED']);
    expect(await listFiles(out)).toEqual([]);
  });

  it('keeps the smallest and says so, or makes the image smaller until it fits', async () => {
    const smallest = await run(
      { output: { format: 'jpeg', maxBytes: 1024, minQuality: 60, sizeCapOutcome: 'smallest' } },
      join(root, 'cap-smallest'),
    );
    expect(smallest.summary).toMatchObject({ processed: 2, failed: 0 });
    expect(smallest.summary.warnings.flatMap((w) => w.warnings.map((x) => x.code))).toContain('SIZE_CAP_MISSED');
    const down = await run(
      { output: { format: 'jpeg', maxBytes: 4_000, minQuality: 60, sizeCapOutcome: 'downscale' } },
      join(root, 'cap-down'),
    );
    expect(down.summary).toMatchObject({ processed: 2, failed: 0 });
    for (const e of down.done) {
      if (e.type !== 'file-done') continue;
      expect(e.bytesOut).toBeLessThanOrEqual(4_000);
      const m = await sharp(e.output).metadata();
      expect(m.width! * m.height!).toBeLessThan(400 * 300);
      expect(e.encoding?.downscaledTo).toEqual({ width: m.width, height: m.height });
      expect(e.warnings?.map((w) => w.code)).toContain('DOWNSCALED_TO_FIT');
    }
  });
});

describe('a format shoot-out', () => {
  it('writes the smallest of the candidates at the target, and names the others it tried', async () => {
    const out = join(root, 'shootout');
    const { summary, done } = await run(
      { output: { format: 'jpeg', quality: 80, pickFormat: ['webp', 'jpeg'], targetScore: 75 } },
      out,
    );
    expect(summary).toMatchObject({ processed: 2, failed: 0 });
    for (const e of done) {
      if (e.type !== 'file-done') continue;
      const candidates = e.encoding?.candidates ?? [];
      expect(candidates.map((c) => c.format).sort()).toEqual(['jpeg', 'webp']);
      const passing = candidates.filter((c) => (c.score ?? 0) >= 75);
      const smallest = passing.reduce((a, b) => (b.bytes < a.bytes ? b : a));
      expect(e.encoding?.format).toBe(smallest.format);
      expect(e.output.endsWith(smallest.format === 'jpeg' ? '.jpg' : '.webp')).toBe(true);
      expect(e.bytesOut).toBe(smallest.bytes);
      expect((await sharp(e.output).metadata()).format).toBe(smallest.format);
    }
  });
});
