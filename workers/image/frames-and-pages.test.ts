// Animations and multi-page files end to end: GIF colours after a filter compared frame by frame
// with a reference decode, TIFF pages kept, and a warning for each frame or page that could not
// be kept (APNG, single-page formats, pages of different sizes). Frame delays: frame-timing.test.ts.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepInput } from '../../common/pipeline.js';
import { corpusDir, tempDir } from '../../tests/fixtures.js';
import { expectDone, flatFrames, run, warningCodes } from './test-support.js';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tempDir('pixmill-frames-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function outDir(): Promise<string> {
  const d = join(dir, `out-${n++}`);
  await mkdir(d, { recursive: true });
  return d;
}

/** RGBA of every frame, stacked. */
async function framesOf(image: Sharp): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Mean and largest colour difference over the pixels opaque in both. */
function colourDiff(a: Buffer, b: Buffer): { mean: number; max: number } {
  let sum = 0;
  let count = 0;
  let max = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i + 3]! < 250 || b[i + 3]! < 250) continue;
    const d = Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!));
    sum += d;
    count++;
    max = Math.max(max, d);
  }
  return { mean: count ? sum / count : 0, max };
}

/** White rings on red with black squares touching the border, one layout per frame: a 4-colour palette. */
async function ringsGif(): Promise<string> {
  const svg = (i: number): Buffer =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="60"><rect width="60" height="60" fill="#ff2500"/>` +
        `<circle cx="30" cy="30" r="${10 + i * 4}" fill="none" stroke="#ffffff" stroke-width="4"/>` +
        `<rect x="0" y="${i * 12}" width="14" height="14" fill="#000"/>` +
        `<rect x="46" y="${46 - i * 12}" width="14" height="14" fill="#000"/></svg>`,
    );
  const pngs = await Promise.all([0, 1, 2, 3].map((i) => sharp(svg(i)).png().toBuffer()));
  const path = join(dir, 'rings.gif');
  // One global palette, as most GIFs have: libvips finds no palette to reuse in a GIF with local ones.
  await sharp(pngs, { join: { animated: true } })
    .gif({ delay: [100, 100, 100, 100], colours: 4, dither: 0, interPaletteMaxError: 256 })
    .toFile(path);
  return path;
}

describe('GIF colours after a filter', () => {
  it.each([
    ['negate', [{ op: 'negate' }]],
    ['hue', [{ op: 'modulate', params: { hue: 120 } }]],
    ['tint', [{ op: 'tint', params: { color: '#2060ff' } }]],
  ] as const)('%s: every frame has the colours of a reference decode, not the old palette', async (_, steps) => {
    const src = await ringsGif();
    const out = expectDone(await run(src, await outDir(), { steps: steps as unknown as StepInput[] }));
    const reference = sharp(src, { animated: true });
    for (const step of steps as unknown as { op: string; params?: { hue?: number; color?: string } }[]) {
      if (step.op === 'negate') reference.negate({ alpha: false });
      if (step.op === 'modulate') reference.modulate({ hue: step.params!.hue! });
      if (step.op === 'tint') reference.tint(step.params!.color!);
    }
    const want = await framesOf(reference);
    const got = await framesOf(sharp(out.output, { animated: true }));
    expect([got.width, got.height]).toEqual([want.width, want.height]);
    const diff = colourDiff(want.data, got.data);
    expect(diff.mean).toBeLessThan(4);
    expect(diff.max).toBeLessThan(64);
  });

  it('a GIF without filters keeps its palette colours exactly', async () => {
    const src = await ringsGif();
    const out = expectDone(await run(src, await outDir()));
    const diff = colourDiff(
      (await framesOf(sharp(src, { animated: true }))).data,
      (await framesOf(sharp(out.output, { animated: true }))).data,
    );
    expect(diff.max).toBe(0);
  });
});

/** A TIFF of one flat colour per page. */
async function pagedTiff(name: string, colours: readonly string[]): Promise<string> {
  const path = join(dir, name);
  await sharp(await flatFrames(colours, 40), { join: { animated: true } })
    .tiff({ compression: 'lzw' })
    .toFile(path);
  return path;
}

async function pageColours(path: string, pages: number): Promise<number[][]> {
  const colours: number[][] = [];
  for (let page = 0; page < pages; page++) {
    const { channels } = await sharp(path, { page }).stats();
    colours.push(channels.slice(0, 3).map((c) => Math.round(c.mean)));
  }
  return colours;
}

describe('multi-page TIFF', () => {
  const colours = ['#ff0000', '#00ff00', '#0000ff', '#ffff00'];
  const rgb = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [255, 255, 0],
  ];

  it('keeps every page, each with its own pixels, and resizes them all', async () => {
    const src = await pagedTiff('pages.tif', colours);
    const out = expectDone(
      await run(src, await outDir(), { steps: [{ op: 'resize', params: { by: 'width', width: 20 } }] }),
    );
    const meta = await sharp(out.output).metadata();
    expect([meta.pages, meta.width, out.height]).toEqual([4, 20, 20]);
    // Resizing a stack of pages lets a page's edge rows take a trace of the next page's colour.
    for (const [page, colour] of (await pageColours(out.output, 4)).entries())
      for (const [c, value] of colour.entries())
        expect(Math.abs(value - rgb[page]![c]!), `page ${page}`).toBeLessThan(4);
    expect(warningCodes(out)).not.toContain('PAGES_DROPPED');
  });

  it('to a single-page format saves page 1 and says how many were left out', async () => {
    const src = await pagedTiff('pages-to-jpeg.tif', colours);
    const out = expectDone(await run(src, await outDir(), { output: { format: 'png' } }));
    expect((await sharp(out.output).metadata()).pages ?? 1).toBe(1);
    expect(out.warnings).toContainEqual({
      code: 'PAGES_DROPPED',
      message: expect.stringMatching(/^Page 1 of 4 was saved/),
    });
  });

  it('a step that does not work on page stacks keeps page 1, and says so', async () => {
    const src = await pagedTiff('pages-rotate.tif', colours);
    const out = expectDone(await run(src, await outDir(), { steps: [{ op: 'rotate', params: { angle: 90 } }] }));
    expect((await sharp(out.output).metadata()).pages ?? 1).toBe(1);
    expect(out.warnings).toContainEqual({ code: 'PAGES_DROPPED', message: expect.stringMatching(/Rotate/) });
  });
});

describe('steps that mirror a stack of pages', () => {
  const colours = ['#ff0000', '#00ff00', '#0000ff', '#ffff00'];
  it.each([
    ['a GIF flipped vertically', 'gif', [{ op: 'flip', params: { direction: 'vertical' } }]],
    ['a GIF turned 180°', 'gif', [{ op: 'rotate', params: { angle: 180 } }]],
    ['a TIFF turned -180°', 'tiff', [{ op: 'rotate', params: { angle: -180 } }]],
  ] as const)('%s never comes out with its pages in reverse order', async (_, format, steps) => {
    const src = join(dir, `mirrored-${n}.${format}`);
    const stack = sharp(await flatFrames(colours, 24), { join: { animated: true } });
    await (format === 'gif' ? stack.gif({ delay: [10, 20, 30, 40] }) : stack.tiff({ compression: 'lzw' })).toFile(src);
    const out = expectDone(await run(src, await outDir(), { steps: steps as unknown as StepInput[] }));
    const pages = (await sharp(out.output).metadata()).pages ?? 1;
    if (pages > 1) expect(await pageColours(out.output, pages)).toEqual(await pageColours(src, pages));
    else expect(warningCodes(out).some((c) => c === 'ANIMATION_FLATTENED' || c === 'PAGES_DROPPED')).toBe(true);
  });

  it('two vertical flips keep the pages, in order', async () => {
    const src = await pagedTiff('flip-twice.tif', colours);
    const flip = { op: 'flip', params: { direction: 'vertical' } } as const;
    const out = expectDone(await run(src, await outDir(), { steps: [flip, flip] }));
    expect(await pageColours(out.output, 4)).toEqual(await pageColours(src, 4));
  });
});

/** A PNG that declares itself animated: an acTL chunk (3 frames, loop forever) after IHDR. */
async function apng(): Promise<string> {
  const still = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#336699' } })
    .png()
    .toBuffer();
  const data = Buffer.alloc(8);
  data.writeUInt32BE(3, 0);
  const type = Buffer.from('acTL');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])) >>> 0, 8 + data.length);
  const afterIhdr = 8 + 25;
  const path = join(dir, 'animated.png');
  await writeFile(path, Buffer.concat([still.subarray(0, afterIhdr), chunk, still.subarray(afterIhdr)]));
  return path;
}

describe('animated PNG', () => {
  it('is saved as its first frame, with a warning that says so', async () => {
    const out = expectDone(await run(await apng(), await outDir()));
    expect(out.warnings).toContainEqual({
      code: 'ANIMATION_FLATTENED',
      message: expect.stringMatching(/animated PNG \(3 frames\) was saved as its first frame/),
    });
  });

  it('a still PNG has no such warning', async () => {
    const path = join(dir, 'still.png');
    await writeFile(
      path,
      await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
        .png()
        .toBuffer(),
    );
    expect(warningCodes(expectDone(await run(path, await outDir())))).not.toContain('ANIMATION_FLATTENED');
  });
});

const corpus = corpusDir();
describe.skipIf(!corpus)('real-world animations and pages', () => {
  it('the APNG of the corpus says it lost its frames', async () => {
    const out = expectDone(await run(join(corpus!, 'animated/apng-ball.png'), await outDir()));
    expect(warningCodes(out)).toContain('ANIMATION_FLATTENED');
  });

  it.each(['negate', 'hue'] as const)(
    'dispose_bgnd_transparency.gif after %s matches a reference decode, frame by frame',
    async (what) => {
      const src = join(corpus!, 'animated/dispose_bgnd_transparency.gif');
      const steps: StepInput[] = what === 'negate' ? [{ op: 'negate' }] : [{ op: 'modulate', params: { hue: 120 } }];
      const out = expectDone(await run(src, await outDir(), { steps }));
      const reference = sharp(src, { animated: true });
      if (what === 'negate') reference.negate({ alpha: false });
      else reference.modulate({ hue: 120 });
      const diff = colourDiff(
        (await framesOf(reference)).data,
        (await framesOf(sharp(out.output, { animated: true }))).data,
      );
      expect(diff.mean).toBeLessThan(2);
    },
  );

  it('the fax TIFF whose pages differ in size keeps page 1, 1-bit, pixel for pixel', async () => {
    const src = join(corpus!, 'sharp-fixtures/G31D_MULTI.TIF');
    const out = expectDone(await run(src, await outDir()));
    expect(out.warnings).toContainEqual({ code: 'PAGES_DROPPED', message: expect.stringMatching(/different sizes/) });
    expect((await sharp(out.output).metadata()).bitsPerSample).toBe(1);
    const same = (await sharp(out.output).raw().toBuffer()).equals(await sharp(src).raw().toBuffer());
    expect(same, 'pixels equal').toBe(true);
    expect(out.bytesOut).toBeLessThan((await readFile(src)).length);
  });
});
