// processImage end to end: orientation, formats, animations, naming, conflicts, bad input.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnimation, makeDamaged, makeImage, sha256, tempDir } from '../../tests/fixtures.js';
import { processImage } from './process-image.js';
import { type Done, expectDone, isRed, jobFor, markedImage, pixelAt, run } from './test-support.js';

let dir: string;
let inDir: string;
let photo: string;

beforeAll(async () => {
  dir = await tempDir('pixmill-process-');
  inDir = join(dir, 'in');
  photo = await makeImage(join(inDir, 'photo.jpg'), { width: 400, height: 300 });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function outDir(name: string): Promise<string> {
  const d = join(dir, name);
  await mkdir(d, { recursive: true });
  return d;
}

describe('orientation', () => {
  it('applies EXIF 6 (90° clockwise) before everything else', async () => {
    const src = await markedImage(join(inDir, 'o6.jpg'), 60, 40, 6);
    const out = expectDone(await run(src, await outDir('o6'), { output: { format: 'png' } }));
    expect([out.width, out.height]).toEqual([40, 60]);
    expect(isRed(await pixelAt(out.output, 36, 3))).toBe(true);
  });

  it('applies EXIF 3 (180°)', async () => {
    const src = await markedImage(join(inDir, 'o3.jpg'), 60, 40, 3);
    const out = expectDone(await run(src, await outDir('o3'), { output: { format: 'png' } }));
    expect([out.width, out.height]).toEqual([60, 40]);
    expect(isRed(await pixelAt(out.output, 56, 36))).toBe(true);
  });

  it('keeps metadata without an orientation that would rotate the image twice', async () => {
    const src = await makeImage(join(inDir, 'o6-keep.jpg'), { width: 80, height: 40, orientation: 6 });
    const out = expectDone(await run(src, await outDir('o6k'), { output: { format: 'jpeg', metadata: 'keep' } }));
    const meta = await sharp(out.output).metadata();
    expect([meta.width, meta.height]).toEqual([40, 80]);
    expect(meta.orientation ?? 1).toBe(1);
    expect(meta.exif).toBeDefined();
  });
});

describe('output', () => {
  it('names the file from the template with {w} and {h} and the format extension', async () => {
    const d = await outDir('naming');
    const out = expectDone(
      await run(
        photo,
        d,
        { steps: [{ op: 'resize', params: { by: 'width', width: 100 } }], output: { format: 'webp' } },
        'photo-{w}x{h}',
      ),
    );
    expect(out.output).toBe(join(d, 'photo-100x75.webp'));
    expect(out).toMatchObject({
      format: 'webp',
      width: 100,
      height: 75,
      bytesOut: expect.any(Number),
      bytesIn: expect.any(Number),
    });
    expect((await sharp(out.output).metadata()).format).toBe('webp');
  });

  it.each([
    ['jpeg', 'jpg', 'jpeg'],
    ['png', 'png', 'png'],
    ['avif', 'avif', 'heif'],
    ['tiff', 'tif', 'tiff'],
    ['gif', 'gif', 'gif'],
  ] as const)('writes %s as .%s', async (format, ext, sharpFormat) => {
    const out = expectDone(await run(photo, await outDir(`fmt-${format}`), { output: { format } }));
    expect(out.output.endsWith(`.${ext}`)).toBe(true);
    expect((await sharp(out.output).metadata()).format).toBe(sharpFormat);
  });

  it('quality 30 gives a smaller JPEG than quality 80', async () => {
    const hi = expectDone(await run(photo, await outDir('q80'), { output: { format: 'jpeg', quality: 80 } }));
    const lo = expectDone(await run(photo, await outDir('q30'), { output: { format: 'jpeg', quality: 30 } }));
    expect(lo.bytesOut).toBeLessThan(hi.bytesOut * 0.7);
  });

  it('JPEG effort: 0 skips the Huffman pass (larger, same pixels), 9 uses mozjpeg (smaller)', async () => {
    const atEffort = async (effort: number) =>
      expectDone(
        await run(photo, await outDir(`effort-${effort}`), { output: { format: 'jpeg', quality: 80, effort } }),
      );
    const fast = await atEffort(0);
    const normal = await atEffort(4);
    const small = await atEffort(9);
    expect(fast.bytesOut).toBeGreaterThan(normal.bytesOut);
    expect(small.bytesOut).toBeLessThan(normal.bytesOut);
    // Optimal Huffman tables change the coding, never the decoded pixels.
    const pixels = async (r: Done) => (await sharp(r.output).raw().toBuffer()).toString('base64');
    expect(await pixels(fast)).toEqual(await pixels(normal));
  });

  it('writes lossless WebP pixel for pixel', async () => {
    const png = await makeImage(join(inDir, 'lossless.png'), { width: 64, height: 48, format: 'png' });
    const out = expectDone(await run(png, await outDir('lossless'), { output: { format: 'webp', lossless: true } }));
    const a = await sharp(png).raw().toBuffer();
    const b = await sharp(out.output).raw().toBuffer();
    expect(b.equals(a)).toBe(true);
  });

  it('"keep" falls back for SVG input: PNG (it has alpha) with a warning', async () => {
    const svg = join(inDir, 'circle.svg');
    await writeFile(
      svg,
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><circle cx="20" cy="15" r="10" fill="red"/></svg>',
    );
    const out = expectDone(await run(svg, await outDir('svg'), { output: { format: 'keep' } }));
    expect(out.format).toBe('png');
    expect(out.warnings).toContainEqual({ code: 'FORMAT_CHANGED', message: expect.stringMatching(/cannot write SVG/) });
    expect((await sharp(out.output).metadata()).format).toBe('png');
  });

  it('"keep" keeps a writable format without warnings', async () => {
    const out = expectDone(await run(photo, await outDir('keep'), { output: { format: 'keep' } }));
    expect(out.format).toBe('jpeg');
    expect(out.warnings).toBeUndefined();
  });
});

describe('animations', () => {
  let gif: string;
  beforeAll(async () => {
    gif = await makeAnimation(join(inDir, 'anim.gif'), 6);
  });

  it.each(['gif', 'webp'] as const)('gif → %s keeps every frame', async (format) => {
    const out = expectDone(
      await run(gif, await outDir(`anim-${format}`), {
        steps: [{ op: 'resize', params: { by: 'width', width: 24 } }],
        output: { format },
      }),
    );
    const meta = await sharp(out.output).metadata();
    expect(meta.pages).toBe(6);
    expect([out.width, out.height]).toEqual([24, 24]);
  });

  it('keeps frames across stages (blur before resize)', async () => {
    const out = expectDone(
      await run(gif, await outDir('anim-stages'), {
        steps: [
          { op: 'blur', params: { sigma: 1 } },
          { op: 'resize', params: { by: 'width', width: 24 } },
          { op: 'border', params: { size: 2 } },
        ],
        output: { format: 'gif' },
      }),
    );
    const meta = await sharp(out.output).metadata();
    expect(meta.pages).toBe(6);
    expect([meta.width, meta.height]).toEqual([28, 28]);
  });

  it('gif → jpeg keeps the first frame only, and says so', async () => {
    const out = expectDone(await run(gif, await outDir('anim-jpeg'), { output: { format: 'jpeg' } }));
    const meta = await sharp(out.output).metadata();
    expect([meta.width, meta.height, meta.pages ?? 1]).toEqual([48, 48, 1]);
    expect(out.warnings).toContainEqual({
      code: 'ANIMATION_FLATTENED',
      message: expect.stringMatching(/first of 6 frames/),
    });
  });

  it('refuses more frames than the limit', async () => {
    const result = await run(gif, await outDir('anim-limit'), { limits: { maxFrames: 5 } });
    expect(result).toMatchObject({ status: 'failed', code: 'TOO_MANY_FRAMES' });
  });
});

describe('conflicts', () => {
  it('skip leaves the existing file and reports skipped', async () => {
    const d = await outDir('skip');
    await writeFile(join(d, 'out.jpg'), 'existing');
    const result = await run(photo, d, { output: { format: 'jpeg', conflict: 'skip' } });
    expect(result).toMatchObject({ status: 'skipped', output: join(d, 'out.jpg'), reason: 'exists' });
    expect(await readdir(d)).toEqual(['out.jpg']);
  });

  it('suffix picks the next free name', async () => {
    const d = await outDir('suffix');
    await writeFile(join(d, 'out.jpg'), 'existing');
    await writeFile(join(d, 'out-1.jpg'), 'existing');
    const out = expectDone(await run(photo, d, { output: { format: 'jpeg', conflict: 'suffix' } }));
    expect(out.output).toBe(join(d, 'out-2.jpg'));
    expect((await readdir(d)).sort()).toEqual(['out-1.jpg', 'out-2.jpg', 'out.jpg']);
  });

  it('overwrite replaces an earlier output', async () => {
    const d = await outDir('overwrite');
    await writeFile(join(d, 'out.jpg'), 'existing');
    const out = expectDone(await run(photo, d, { output: { format: 'jpeg', conflict: 'overwrite' } }));
    expect(out.output).toBe(join(d, 'out.jpg'));
    expect((await sharp(out.output).metadata()).format).toBe('jpeg');
    expect(await readdir(d)).toEqual(['out.jpg']);
  });

  it('overwrite never replaces the original', async () => {
    const before = await sha256(photo);
    const result = await processImage({
      ...jobFor(photo, inDir, { output: { format: 'jpeg', conflict: 'overwrite' } }),
      nameTemplate: 'photo',
    });
    expect(result).toMatchObject({ status: 'failed', code: 'OUTPUT_IS_INPUT' });
    expect(await sha256(photo)).toBe(before);
  });

  it('a cancelled job leaves no file behind', async () => {
    const d = await outDir('cancel');
    const controller = new AbortController();
    controller.abort();
    const result = await processImage(jobFor(photo, d), controller.signal);
    expect(result).toMatchObject({ status: 'failed', code: 'CANCELLED' });
    expect(await readdir(d)).toEqual([]);
  });
});

describe('bad input', () => {
  let damaged: Awaited<ReturnType<typeof makeDamaged>>;
  beforeAll(async () => {
    damaged = await makeDamaged(join(dir, 'damaged'));
  });

  it.each([
    ['truncated', 'TRUNCATED'],
    ['corrupt', 'DECODE_FAILED'],
    ['empty', 'UNSUPPORTED_FORMAT'],
    ['text', 'UNSUPPORTED_FORMAT'],
  ] as const)('%s file → %s, original unchanged, no output', async (kind, code) => {
    const d = await outDir(`bad-${kind}`);
    const before = await sha256(damaged[kind]);
    const result = await run(damaged[kind], d);
    expect(result).toMatchObject({ status: 'failed', code });
    expect(await sha256(damaged[kind])).toBe(before);
    expect(await readdir(d)).toEqual([]);
  });

  it('says what an unreadable format really is', async () => {
    const empty = await run(damaged.empty, await outDir('msg-empty'));
    expect(empty.status === 'failed' && empty.message).toMatch(/empty/);
    const text = await run(damaged.text, await outDir('msg-text'));
    expect(text.status === 'failed' && text.message).toMatch(/text/);
    // A JPEG XR header ('II', 0xbc, version, first IFD offset): a format no decoder here reads.
    const jxr = join(inDir, 'fake.jxr');
    await writeFile(jxr, Buffer.from([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0, 0, 0, 0, 0]));
    const result = await run(jxr, await outDir('msg-jxr'));
    expect(result).toMatchObject({
      status: 'failed',
      code: 'UNSUPPORTED_FORMAT',
      message: 'This file is in JPEG XR format, which Pixmill cannot read.',
    });
  });

  it('refuses an image over the pixel limit, naming its size', async () => {
    const result = await run(photo, await outDir('pixels'), { limits: { maxPixels: 10_000 } });
    expect(result).toMatchObject({ status: 'failed', code: 'TOO_MANY_PIXELS' });
    expect(result.status === 'failed' && result.message).toMatch(/400 × 300/);
  });

  it('a missing input is NOT_FOUND', async () => {
    const result = await run(join(inDir, 'gone.jpg'), await outDir('gone'));
    expect(result).toMatchObject({ status: 'failed', code: 'NOT_FOUND', stage: 'read' });
  });

  it('leaves the originals untouched after a successful run', async () => {
    const before = await sha256(photo);
    expectDone(await run(photo, await outDir('untouched'), { steps: [{ op: 'resize' }, { op: 'sharpen' }] }));
    expect(await sha256(photo)).toBe(before);
  });
});
