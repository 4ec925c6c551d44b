// Several outputs from one decode, through the real engine: every output on disk with its size,
// format and folder, its pixels the same as the same output made on its own, its metadata kept,
// a re-run up to date, and a manifest per source that points at the files.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../common/events.js';
import type { PipelineSpecInput } from '../common/pipeline.js';
import { listFiles, tempDir } from './fixtures.js';
import { runRecipe } from './recipe-runner.js';

let root: string;
let photos: string;

/** A smooth photo-like picture (blurred noise over ramps): resampling twice stays close to once. */
async function makePhoto(path: string, width: number, height: number, opts: { orientation?: number } = {}) {
  const noise = await sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .blur(6)
    .raw()
    .toBuffer();
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      noise[i] = (noise[i]! + Math.round((255 * x) / width)) >> 1;
      noise[i + 2] = (noise[i + 2]! + Math.round((255 * y) / height)) >> 1;
    }
  const img = sharp(noise, { raw: { width, height, channels: 3 } }).withExif({
    IFD0: { Copyright: 'Pixmill tests', Artist: 'A. Photographer' },
  });
  if (opts.orientation) img.withMetadata({ orientation: opts.orientation });
  await img.jpeg({ quality: 92 }).toFile(path);
}

beforeAll(async () => {
  root = await tempDir();
  photos = join(root, 'photos');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(photos, 'trip'), { recursive: true });
  await makePhoto(join(photos, 'wide.jpg'), 1800, 1200);
  // Stored sideways: the outputs must come out upright, 1200 wide becoming the height.
  await makePhoto(join(photos, 'trip', 'tall.jpg'), 1500, 1000, { orientation: 6 });
});

const run = (spec: PipelineSpecInput, out: string) => runRecipe([photos], out, spec);

/** Mean absolute difference per channel value between two images of (nearly) one size. */
async function meanDifference(a: string | Buffer, b: string | Buffer): Promise<number> {
  const ma = await sharp(a).metadata();
  const size = { width: ma.width!, height: ma.height!, fit: 'fill' as const };
  const [pa, pb] = await Promise.all([
    sharp(a).removeAlpha().raw().toBuffer(),
    sharp(b).resize(size).removeAlpha().raw().toBuffer(),
  ]);
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs(pa[i]! - pb[i]!);
  return sum / pa.length;
}

const RESPONSIVE: PipelineSpecInput = {
  output: { metadata: 'keep' },
  outputs: [
    { width: 320, format: 'webp', pattern: '{name}-320' },
    { width: 800, format: 'webp', pattern: '{name}-800' },
    { width: 320, format: 'jpeg', pattern: '{name}-320' },
    { width: 800, format: 'png', folder: 'large' },
  ],
};

describe('a recipe with several outputs', () => {
  let out: string;
  let events: EngineEvent[];

  beforeAll(async () => {
    out = join(root, 'out');
    const r = await run(RESPONSIVE, out);
    events = r.events;
    expect(r.summary).toMatchObject({ processed: 2, failed: 0, skipped: 0, total: 2 });
  });

  it('writes every output of every source, each in its format, size and folder', async () => {
    expect(await listFiles(out)).toEqual(
      [
        'wide-320.webp',
        'wide-800.webp',
        'wide-320.jpg',
        'large/wide.png',
        'trip/tall-320.webp',
        'trip/tall-800.webp',
        'trip/tall-320.jpg',
        'large/trip/tall.png',
      ].sort(),
    );
    const meta = async (f: string) => sharp(join(out, f)).metadata();
    expect(await meta('wide-320.webp')).toMatchObject({ format: 'webp', width: 320, height: 213 });
    expect(await meta('wide-320.jpg')).toMatchObject({ format: 'jpeg', width: 320, height: 213 });
    expect(await meta('large/wide.png')).toMatchObject({ format: 'png', width: 800, height: 533 });
    // Upright: the sideways 1500×1000 is 1000×1500, so 800 wide is 1200 high.
    expect(await meta('large/trip/tall.png')).toMatchObject({ width: 800, height: 1200 });
    expect(await meta('trip/tall-320.webp')).toMatchObject({ width: 320, height: 480 });
  });

  it('answers each source once, listing its outputs', () => {
    const done = events.filter((e) => e.type === 'file-done');
    expect(done).toHaveLength(2);
    for (const e of done) {
      expect(e.outputs?.map((o) => o.label)).toEqual([
        '320 px WebP',
        '800 px WebP',
        '320 px JPEG',
        '800 px PNG in large/',
      ]);
      expect(e.outputs?.every((o) => o.result.status === 'done')).toBe(true);
      const sum = e.outputs!.reduce((a, o) => a + (o.result.status === 'done' ? o.result.bytesOut : 0), 0);
      expect(e.bytesOut).toBe(sum);
    }
  });

  it('keeps the metadata asked for through the shared decode, with the orientation applied once', async () => {
    for (const f of ['wide-800.webp', 'wide-320.jpg', 'large/trip/tall.png']) {
      const m = await sharp(join(out, f)).metadata();
      expect(m.exif, f).toBeDefined();
      expect(m.exif!.toString('latin1'), f).toContain('Pixmill tests');
      expect(m.orientation ?? 1, f).toBe(1);
    }
  });

  it('gives each output the pixels it would have on its own', async () => {
    const alone = join(root, 'alone');
    await run({ steps: [{ op: 'resize', params: { by: 'width', width: 800 } }], output: { format: 'png' } }, alone);
    for (const name of ['wide', 'trip/tall']) {
      const d = await meanDifference(join(out, 'large', `${name}.png`), join(alone, `${name}.png`));
      expect(d, name).toBeLessThan(1);
    }
    // The small ones come from the shared picture, not from the file: still the same image.
    const small = join(root, 'alone-320');
    await run({ steps: [{ op: 'resize', params: { by: 'width', width: 320 } }], output: { format: 'png' } }, small);
    const mine = await sharp(join(out, 'wide-320.webp')).png().toBuffer();
    expect(await meanDifference(mine, join(small, 'wide.png'))).toBeLessThan(3);
  });

  it('is up to date on a second run, and redoes a source whose output was removed', async () => {
    const again = await run(RESPONSIVE, out);
    expect(again.summary).toMatchObject({ processed: 0, skipped: 2, upToDate: 2 });
    const { rm } = await import('node:fs/promises');
    await rm(join(out, 'wide-800.webp'));
    const third = await run(RESPONSIVE, out);
    expect(third.summary).toMatchObject({ processed: 1, skipped: 1 });
    // Replaced in place, no suffixed copies beside the outputs it made before.
    expect((await listFiles(out)).filter((f) => /-\d+-\d+\./.test(f) || /wide-1\./.test(f))).toEqual([]);
    expect(await listFiles(out)).toContain('wide-800.webp');
  });
});

describe('a recipe whose chain does work before the size', () => {
  it('runs the chain per output, sharpening after each output is resized', async () => {
    const out = join(root, 'out-chain');
    const spec: PipelineSpecInput = {
      steps: [
        { op: 'grayscale' },
        { op: 'resize', params: { by: 'width', width: 1000 } },
        { op: 'sharpen', params: { mode: 'precise', sigma: 1 } },
      ],
      output: { format: 'png' },
      outputs: [
        { width: 300, pattern: '{name}-300' },
        { width: 600, pattern: '{name}-600' },
      ],
    };
    const { summary } = await run(spec, out);
    expect(summary).toMatchObject({ processed: 2, failed: 0 });
    const alone = join(root, 'out-chain-alone');
    await run(
      {
        steps: [
          { op: 'grayscale' },
          { op: 'resize', params: { by: 'width', width: 300 } },
          { op: 'sharpen', params: { mode: 'precise', sigma: 1 } },
        ],
        output: { format: 'png', pattern: '{name}-300' },
      },
      alone,
    );
    // Same chain, same decode of the same bytes: the very same pixels.
    expect(await meanDifference(join(out, 'wide-300.png'), join(alone, 'wide-300.png'))).toBe(0);
    expect(await sharp(join(out, 'wide-600.png')).metadata()).toMatchObject({ width: 600, channels: 1 });
  });
});

describe('names and conflicts', () => {
  it('skips only the output whose name is taken under "skip", and writes the others', async () => {
    const out = join(root, 'out-skip');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'wide-320.webp'), 'someone else’s file');
    const { summary, events } = await run(
      {
        output: { conflict: 'skip' },
        outputs: [
          { width: 320, format: 'webp', pattern: '{name}-320' },
          { width: 640, format: 'webp', pattern: '{name}-640' },
        ],
      },
      out,
    );
    expect(summary).toMatchObject({ processed: 2, failed: 0 });
    expect(await readFile(join(out, 'wide-320.webp'), 'utf8')).toBe('someone else’s file');
    expect(await listFiles(out)).toContain('wide-640.webp');
    const wide = events.find((e) => e.type === 'file-done' && e.file.endsWith('wide.jpg'));
    expect(wide?.type === 'file-done' && wide.outputs?.map((o) => o.result.status)).toEqual(['skipped', 'done']);
  });
});

describe('manifests', () => {
  it('writes a <picture> snippet per source whose srcsets name the files by width', async () => {
    const out = join(root, 'out-html');
    await run(
      {
        manifest: 'html',
        outputs: [
          { width: 320, format: 'avif', pattern: '{name}-320', effort: 0 },
          { width: 640, format: 'webp', pattern: '{name}-640' },
          { width: 320, format: 'jpeg', pattern: '{name}-320' },
          { width: 640, format: 'jpeg', pattern: '{name}-640' },
        ],
      },
      out,
    );
    const html = await readFile(join(out, 'wide.html'), 'utf8');
    expect(html).toContain('<source type="image/avif" srcset="wide-320.avif 320w"');
    expect(html).toContain('<source type="image/webp" srcset="wide-640.webp 640w"');
    expect(html).toMatch(
      /<img src="wide-640.jpg" srcset="wide-320.jpg 320w, wide-640.jpg 640w" sizes="100vw" width="640" height="427"/,
    );
    expect(await listFiles(out)).toContain('trip/tall.html');
  });

  it('writes a JSON manifest whose paths lead to the outputs, across sub-folders', async () => {
    const out = join(root, 'out-json');
    await run(
      {
        manifest: 'json',
        outputs: [
          { width: 200, format: 'webp', folder: 'small' },
          { width: 400, format: 'webp', folder: 'big' },
        ],
      },
      out,
    );
    const manifest = JSON.parse(await readFile(join(out, 'wide.json'), 'utf8')) as {
      source: string;
      outputs: { file: string; width: number; format: string; bytes: number }[];
    };
    expect(manifest.source).toBe('wide.jpg');
    expect(manifest.outputs.map((o) => [o.file, o.width])).toEqual([
      ['small/wide.webp', 200],
      ['big/wide.webp', 400],
    ]);
    for (const o of manifest.outputs) {
      const m = await sharp(join(out, o.file)).metadata();
      expect(m.width).toBe(o.width);
    }
    // A source in a sub-folder keeps its manifest there, its paths leading up and into each size.
    const tall = JSON.parse(await readFile(join(out, 'trip', 'tall.json'), 'utf8')) as typeof manifest;
    expect(tall.outputs.map((o) => o.file)).toEqual(['../small/trip/tall.webp', '../big/trip/tall.webp']);
    for (const o of tall.outputs) expect((await sharp(join(out, 'trip', o.file)).metadata()).width).toBe(o.width);
  });
});

describe('metadata and dates through one decode', () => {
  // keep-except-gps keeps IPTC, which the shared decode cannot carry: each output decodes for
  // itself. The custom list leaves IPTC out, so its outputs share one decode.
  it.each<[string, NonNullable<PipelineSpecInput['output']>]>([
    ['keep-except-gps', { metadata: 'keep-except-gps' }],
    ['custom exif, xmp, icc', { metadata: 'custom', metadataKeep: ['exif', 'xmp', 'icc'] }],
  ])('%s: every output keeps all but the location, and the original’s file date', async (name, policy) => {
    const { richJpeg, latitudeBytes, XMP_KEPT_TEXT, ARTIST } = await import('./metadata-fixtures.js');
    const { mkdir, stat, utimes } = await import('node:fs/promises');
    const dir = join(root, `rich-${name}`);
    await mkdir(dir, { recursive: true });
    const source = await richJpeg(join(dir, 'river.jpg'));
    const then = new Date('2019-06-01T12:00:00Z');
    await utimes(source, then, then);
    const out = join(root, `out-rich-${name}`);
    const { summary } = await runRecipe(
      [dir],
      out,
      {
        output: { ...policy, keepDates: true },
        outputs: [
          { width: 200, format: 'webp', pattern: '{name}-200' },
          { width: 400, format: 'jpeg', pattern: '{name}-400' },
          { width: 400, format: 'avif', pattern: '{name}-400', effort: 0 },
        ],
      },
      1,
    );
    expect(summary).toMatchObject({ processed: 1, failed: 0 });
    for (const f of ['river-200.webp', 'river-400.jpg', 'river-400.avif']) {
      const bytes = await readFile(join(out, f));
      for (const lat of latitudeBytes()) expect(bytes.includes(lat), `${f}: latitude`).toBe(false);
      const m = await sharp(bytes).metadata();
      expect(m.exif?.includes(Buffer.from(ARTIST.slice(0, 3))), `${f}: artist`).toBe(true);
      expect(m.xmp?.toString('utf8'), `${f}: XMP`).toContain(XMP_KEPT_TEXT);
      expect(m.xmp?.toString('utf8'), `${f}: XMP`).not.toMatch(/GPSLatitude/);
      expect((await stat(join(out, f))).mtime.getTime(), `${f}: date`).toBe(then.getTime());
    }
  });
});
