// The preview is the output: its after image must show what a batch writes for the same file and
// chain, scaled for the screen, not a different chain that happens to end in a resize.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePipeline, type StepInput } from '../../common/pipeline.js';
import { fileWarning } from '../../common/warnings.js';
import { compareImages, formatDifference, TOLERANCE, within } from '../../tests/chain-oracle/compare.js';
import { makeWatermark } from '../../tests/chain-oracle/fixtures.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { bmp24, knownPixels } from '../../tests/format-fixtures.js';
import { expectDone, run } from '../../workers/image/test-support.js';
import { PreviewRenderer, previewWarnings } from './preview.js';

const SIZE = 240;
let dir: string;
let photo: string;
let translucent: string;
let large: string;
let watermark: string;
const renderer = new PreviewRenderer();

beforeAll(async () => {
  dir = await tempDir('pixmill-preview-');
  photo = await makeImage(join(dir, 'in', 'photo.jpg'), { width: 720, height: 480 });
  translucent = await makeImage(join(dir, 'in', 'translucent.png'), {
    width: 500,
    height: 360,
    format: 'png',
    alpha: true,
  });
  large = await makeImage(join(dir, 'in', 'large.jpg'), { width: 1800, height: 1200 });
  watermark = await makeWatermark(dir);
  await mkdir(join(dir, 'batch'));
});
afterAll(async () => {
  await renderer.close();
  await rm(dir, { recursive: true, force: true });
});

const text = { op: 'text', params: { text: 'Pixmill', size: 40, color: '#ffffff', gravity: 'southeast' } } as const;
/** Stands for the watermark file, made before the tests run. */
const WATERMARK = 'watermark.png';
const mark = { op: 'watermark', params: { path: WATERMARK, scale: 0.25, opacity: 0.7 } } as const;
const chains: { name: string; input: 'photo' | 'translucent'; steps: StepInput[]; format: 'png' | 'jpeg' | 'webp' }[] =
  [
    {
      name: 'Resize → Sharpen → Watermark → Text',
      input: 'photo',
      steps: [{ op: 'resize', params: { by: 'width', width: 600 } }, { op: 'sharpen' }, mark, text],
      format: 'png',
    },
    {
      name: 'Sharpen → Watermark → Resize (WebP)',
      input: 'photo',
      steps: [{ op: 'sharpen' }, mark, { op: 'resize', params: { by: 'width', width: 400 } }],
      format: 'webp',
    },
    { name: 'Blur → Text on a translucent PNG', input: 'translucent', steps: [{ op: 'blur' }, text], format: 'png' },
    { name: 'Grayscale → Tint (JPEG)', input: 'photo', steps: [{ op: 'grayscale' }, { op: 'tint' }], format: 'jpeg' },
  ];

/** The batch's output scaled as the preview scales it: by the engine, into a lossless PNG. */
async function batchOutputForScreen(input: string, steps: StepInput[], format: string, name: string): Promise<string> {
  const out = expectDone(await run(input, join(dir, 'batch'), { steps, output: { format: format as 'png' } }, name));
  const fit = { op: 'resize', params: { by: 'box', width: SIZE, height: SIZE, fit: 'inside' } } as const;
  return expectDone(
    await run(out.output, join(dir, 'batch'), { steps: [fit], output: { format: 'png' } }, `${name}-screen`),
  ).output;
}

const pixels = (src: string): Buffer => Buffer.from(src.split(',')[1]!, 'base64');

describe('preview', () => {
  it.each(chains)('$name: the after image is the batch output, scaled', async (chain) => {
    const input = chain.input === 'photo' ? photo : translucent;
    const steps = chain.steps.map((s) => (s === mark ? { ...mark, params: { ...mark.params, path: watermark } } : s));
    const r = await renderer.render({
      input,
      spec: makePipeline({ steps, output: { format: chain.format } }),
      size: SIZE,
    });
    if (!r.ok) throw new Error(`preview failed: ${r.code} ${r.message}`);
    const expected = await batchOutputForScreen(input, steps, chain.format, `b${chains.indexOf(chain)}`);
    const meta = await sharp(expected).metadata();
    expect([r.value.after.width, r.value.after.height]).toEqual([meta.width, meta.height]);
    const d = await compareImages(pixels(r.value.after.src), expected);
    expect(within(d, TOLERANCE, false), formatDifference(d)).toBe(true);
  });

  it('shows the before image at the same screen size', async () => {
    const r = await renderer.render({ input: photo, spec: makePipeline({ steps: [] }), size: SIZE });
    if (!r.ok) throw new Error(r.message);
    expect([r.value.before.width, r.value.before.height]).toEqual([SIZE, 160]);
    expect([r.value.after.width, r.value.after.height]).toEqual([SIZE, 160]);
  });
});

describe('preview of a format only the fallback decoder reads', () => {
  it('shows a BMP before and after, the after image the batch output scaled', async () => {
    const known = knownPixels(480, 320, 3);
    const bmp = join(dir, 'in', 'scan.bmp');
    await writeFile(bmp, bmp24(known));
    const steps: StepInput[] = [{ op: 'grayscale' }];
    const r = await renderer.render({
      input: bmp,
      spec: makePipeline({ steps, output: { format: 'png' } }),
      size: SIZE,
    });
    if (!r.ok) throw new Error(`preview failed: ${r.code} ${r.message}`);
    expect([r.value.before.width, r.value.before.height]).toEqual([SIZE, 160]);
    const expected = await batchOutputForScreen(bmp, steps, 'png', 'bmp');
    const d = await compareImages(pixels(r.value.after.src), expected);
    expect(within(d, TOLERANCE, false), formatDifference(d)).toBe(true);
    // The before image is the file's own pixels, scaled: not grey like the after image.
    const before = await sharp(pixels(r.value.before.src)).stats();
    expect(before.isOpaque).toBe(true);
    expect(Math.abs(before.channels[0]!.mean - before.channels[2]!.mean)).toBeGreaterThan(1);
  });
});

describe('preview of the output itself', () => {
  it('at full size, the after image is the file a batch writes, byte for byte, with its real size', async () => {
    const steps: StepInput[] = [{ op: 'resize', params: { by: 'width', width: 600 } }, { op: 'sharpen' }];
    const spec = makePipeline({ steps, output: { format: 'jpeg', quality: 70 } });
    const r = await renderer.render({ input: photo, spec, size: 1024 });
    if (!r.ok) throw new Error(r.message);
    const batch = expectDone(
      await run(photo, join(dir, 'batch'), { steps, output: { format: 'jpeg', quality: 70 } }, 'full'),
    );
    expect(r.value.after.src.startsWith('data:image/jpeg;base64,')).toBe(true);
    expect(pixels(r.value.after.src).equals(await readFile(batch.output))).toBe(true);
    expect(r.value.output).toEqual({ width: 600, height: 400, format: 'jpeg', bytes: batch.bytesOut, exact: true });
    expect(r.value.originalBytes).toBe((await stat(photo)).size);
    const before = await sharp(pixels(r.value.before.src)).metadata();
    expect([before.width, before.height]).toEqual([720, 480]);
  });

  it('scaled for the screen, it still reports the full output and its exact bytes', async () => {
    const spec = makePipeline({ output: { format: 'webp', quality: 60 } });
    const r = await renderer.render({ input: photo, spec, size: SIZE });
    if (!r.ok) throw new Error(r.message);
    const batch = expectDone(await run(photo, join(dir, 'batch'), { output: { format: 'webp', quality: 60 } }, 'w'));
    expect([r.value.after.width, r.value.after.height]).toEqual([SIZE, 160]);
    expect(r.value.output).toEqual({ width: 720, height: 480, format: 'webp', bytes: batch.bytesOut, exact: true });
  });

  it('estimates AVIF bytes from a full-resolution part of the output, and says it is an estimate', async () => {
    const output = { format: 'avif', quality: 50 } as const;
    const r = await renderer.render({ input: large, spec: makePipeline({ output }), size: SIZE });
    if (!r.ok) throw new Error(r.message);
    const batch = expectDone(await run(large, join(dir, 'batch'), { output }, 'a'));
    expect(r.value.after.src.startsWith('data:image/avif;base64,')).toBe(true);
    expect(r.value.output).toMatchObject({ width: 1800, height: 1200, format: 'avif', exact: false });
    const ratio = r.value.output.bytes / batch.bytesOut;
    expect(ratio, `estimate ${r.value.output.bytes} B, real ${batch.bytesOut} B`).toBeGreaterThan(0.8);
    expect(ratio, `estimate ${r.value.output.bytes} B, real ${batch.bytesOut} B`).toBeLessThan(1.25);
  });

  it('writes JPEG XL for real and shows it decoded again, with its exact bytes', async () => {
    const output = { format: 'jxl', quality: 60 } as const;
    const r = await renderer.render({ input: photo, spec: makePipeline({ output }), size: SIZE });
    if (!r.ok) throw new Error(r.message);
    const batch = expectDone(await run(photo, join(dir, 'batch'), { output }, 'x'));
    // The browser shows no JPEG XL: the screen copy is the written file decoded, as a PNG.
    expect(r.value.after.src.startsWith('data:image/png;base64,')).toBe(true);
    expect([r.value.after.width, r.value.after.height]).toEqual([SIZE, 160]);
    expect(r.value.output).toEqual({ width: 720, height: 480, format: 'jxl', bytes: batch.bytesOut, exact: true });
    // It shows the encoder's own result: close to the batch file decoded and scaled the same way.
    const shown = Buffer.from(r.value.after.src.split(',')[1]!, 'base64');
    const fromBatch = join(dir, 'batch-jxl-screen');
    await mkdir(fromBatch, { recursive: true });
    const scaled = expectDone(
      await run(batch.output, fromBatch, {
        steps: [{ op: 'resize', params: { by: 'box', width: SIZE, height: SIZE, fit: 'inside' } }],
        output: { format: 'png' },
      }),
    );
    const [a, b] = await Promise.all([shown, scaled.output].map((x) => sharp(x).raw().toBuffer()));
    expect(b!.equals(a!)).toBe(true);
  });

  it('answers only the newest of two requests; the older one gives way', async () => {
    const spec = makePipeline({ steps: [{ op: 'blur', params: { sigma: 8 } }] });
    const older = renderer.render({ input: photo, spec, size: SIZE });
    const newer = renderer.render({ input: photo, spec: makePipeline({ steps: [{ op: 'grayscale' }] }), size: SIZE });
    const [o, n] = await Promise.all([older, newer]);
    expect(o).toMatchObject({ ok: false, code: 'CANCELLED' });
    expect(n.ok).toBe(true);
  });
});

describe('preview warnings', () => {
  const step = fileWarning('STEP_NO_EFFECT', 'Crop (step 1) gave 768×512 instead of 1080×1080.');
  const larger = fileWarning('OUTPUT_LARGER', 'The output (2.0 kB) is larger than the original (1.0 kB).');
  const alpha = fileWarning('ALPHA_FLATTENED', 'Transparency was filled with white (JPEG cannot hold it).');

  it("keeps every warning of the batch's own encode", () => {
    expect(previewWarnings([step, larger, alpha], false)).toEqual([step, larger, alpha]);
  });

  it('drops what only the stand-in PNG caused, keeps what the chain caused', () => {
    expect(previewWarnings([step, larger, alpha], true)).toEqual([step]);
  });

  it('lists a JPEG output losing transparency, and no stand-in warning for AVIF', async () => {
    const jpeg = await renderer.render({
      input: translucent,
      spec: makePipeline({ output: { format: 'jpeg' } }),
      size: SIZE,
    });
    if (!jpeg.ok) throw new Error(jpeg.message);
    expect(jpeg.value.warnings.map((w) => w.code)).toContain('ALPHA_FLATTENED');
    const avif = await renderer.render({
      input: translucent,
      spec: makePipeline({ output: { format: 'avif' } }),
      size: SIZE,
    });
    if (!avif.ok) throw new Error(avif.message);
    expect(avif.value.warnings).toEqual([]);
  });
});
