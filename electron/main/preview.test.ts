// The preview is the output: its after image must show what a batch writes for the same file and
// chain, scaled for the screen, not a different chain that happens to end in a resize.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePipeline, type StepInput } from '../../common/pipeline.js';
import { compareImages, formatDifference, TOLERANCE, within } from '../../tests/chain-oracle/compare.js';
import { makeWatermark } from '../../tests/chain-oracle/fixtures.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { expectDone, run } from '../../workers/image/test-support.js';
import { PreviewRenderer } from './preview.js';

const SIZE = 240;
let dir: string;
let photo: string;
let translucent: string;
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
