// Each filter checked on what a person would see in the output file.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepInput } from '../../common/pipeline.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { expectDone, isRed, markedImage, pixelAt, rawOf, run, variance } from './test-support.js';

let dir: string;
let photo: string;
let marked: string;
let n = 0;

beforeAll(async () => {
  dir = await tempDir('pixmill-filters-');
  photo = await makeImage(join(dir, 'in', 'photo.png'), { width: 320, height: 240, format: 'png' });
  marked = await markedImage(join(dir, 'in', 'marked.jpg'), 60, 40);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function apply(steps: StepInput[], input = photo, format: 'png' | 'jpeg' = 'png') {
  return expectDone(await run(input, dir, { steps, output: { format } }, `f${n++}`));
}

describe('resize', () => {
  it.each([
    [{ by: 'box', width: 100, height: 100, fit: 'inside' }, 100, 75],
    [{ by: 'box', width: 100, height: 100, fit: 'cover' }, 100, 100],
    [{ by: 'box', width: 100, height: 100, fit: 'contain' }, 100, 100],
    [{ by: 'box', width: 100, height: 100, fit: 'fill' }, 100, 100],
    [{ by: 'box', width: 100, height: 100, fit: 'outside' }, 133, 100],
    [{ by: 'width', width: 160 }, 160, 120],
    [{ by: 'height', height: 60 }, 80, 60],
    [{ by: 'longEdge', longEdge: 64 }, 64, 48],
    [{ by: 'percent', percent: 25 }, 80, 60],
    [{ by: 'width', width: 1000 }, 320, 240],
    [{ by: 'width', width: 640, withoutEnlargement: false }, 640, 480],
  ] as const)('%o gives %i×%i', async (params, w, h) => {
    const out = await apply([{ op: 'resize', params }]);
    expect([out.width, out.height]).toEqual([w, h]);
    const meta = await sharp(out.output).metadata();
    expect([meta.width, meta.height]).toEqual([w, h]);
  });

  it('resizes twice in a row (two stages)', async () => {
    const out = await apply([
      { op: 'resize', params: { by: 'width', width: 200 } },
      { op: 'resize', params: { by: 'width', width: 50 } },
    ]);
    expect([out.width, out.height]).toEqual([50, 38]);
  });
});

describe('crop', () => {
  it('cuts a rectangle', async () => {
    const out = await apply([{ op: 'crop', params: { left: 10, top: 20, width: 100, height: 50 } }]);
    expect([out.width, out.height]).toEqual([100, 50]);
  });

  it('clamps a rectangle that runs past the edge', async () => {
    const out = await apply([{ op: 'crop', params: { left: 300, top: 200, width: 100, height: 100 } }]);
    expect([out.width, out.height]).toEqual([20, 40]);
  });

  it('refuses a rectangle outside the image', async () => {
    const result = await run(
      photo,
      dir,
      { steps: [{ op: 'crop', params: { left: 500, top: 0, width: 10, height: 10 } }] },
      'outside',
    );
    expect(result).toMatchObject({ status: 'failed', code: 'PROCESS_FAILED', stage: 'process' });
    expect(result.status === 'failed' && result.message).toMatch(/outside the 320×240 image/);
  });

  it('crops after a resize using the resized size', async () => {
    const out = await apply([
      { op: 'resize', params: { by: 'width', width: 160 } },
      { op: 'crop', params: { left: 100, top: 100, width: 100, height: 100 } },
    ]);
    expect([out.width, out.height]).toEqual([60, 20]);
  });

  it.each(['attention', 'entropy', 'center'] as const)('smart crop %s fills the size', async (mode) => {
    const out = await apply([{ op: 'crop', params: { mode, width: 100, height: 100 } }]);
    expect([out.width, out.height]).toEqual([100, 100]);
  });
});

describe('geometry', () => {
  it('rotate 90 swaps the dimensions and moves the corner marker', async () => {
    const out = await apply([{ op: 'rotate', params: { angle: 90 } }], marked);
    expect([out.width, out.height]).toEqual([40, 60]);
    expect(isRed(await pixelAt(out.output, 35, 3))).toBe(true);
  });

  it('rotate 45 fills the corners with the background', async () => {
    const out = await apply([{ op: 'rotate', params: { angle: 45, background: '#00ff00' } }], marked);
    expect(out.width).toBeGreaterThan(60);
    const [r, g, b] = await pixelAt(out.output, 0, 0);
    expect(g).toBeGreaterThan(200);
    expect(r! + b!).toBeLessThan(80);
  });

  it.each([
    ['horizontal', 55, 3],
    ['vertical', 3, 35],
    ['both', 55, 35],
  ] as const)('flip %s moves the marker', async (direction, x, y) => {
    const out = await apply([{ op: 'flip', params: { direction } }], marked);
    expect(isRed(await pixelAt(out.output, x, y))).toBe(true);
    expect(isRed(await pixelAt(out.output, 3, 3))).toBe(false);
  });

  it('border adds its size on every side, in its colour', async () => {
    const out = await apply([{ op: 'border', params: { size: 7, color: '#00ff00' } }], marked);
    expect([out.width, out.height]).toEqual([74, 54]);
    for (const [x, y] of [
      [0, 0],
      [73, 53],
      [3, 27],
      [70, 27],
    ] as const) {
      expect(await pixelAt(out.output, x, y)).toEqual([0, 255, 0]);
    }
    expect(isRed(await pixelAt(out.output, 9, 9))).toBe(true);
  });

  it('trim removes a solid margin', async () => {
    const inner = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const framed = join(dir, 'in', 'framed.png');
    await sharp({ create: { width: 100, height: 80, channels: 3, background: '#ffffff' } })
      .composite([{ input: inner, left: 30, top: 25 }])
      .png()
      .toFile(framed);
    const out = await apply([{ op: 'trim', params: { threshold: 10 } }], framed);
    expect([out.width, out.height]).toEqual([40, 30]);
  });
});

describe('tones and colours', () => {
  it('grayscale makes every pixel grey', async () => {
    const out = await apply([{ op: 'grayscale' }]);
    const { data, channels } = await rawOf(out.output);
    for (let i = 0; i < data.length; i += channels * 97) {
      expect(data[i]).toBe(data[i + 1]);
      expect(data[i]).toBe(data[i + 2]);
    }
  });

  it('threshold leaves only black and white', async () => {
    const out = await apply([{ op: 'threshold', params: { level: 128 } }]);
    const { data } = await rawOf(out.output);
    expect(new Set(data)).toEqual(new Set([0, 255]));
  });

  it('negate inverts a known pixel', async () => {
    const out = await apply([{ op: 'negate' }], marked);
    const [r, g, b] = await pixelAt(out.output, 3, 3);
    expect(r).toBeLessThan(60);
    expect(g).toBeGreaterThan(200);
    expect(b).toBeGreaterThan(200);
  });

  it('tint turns a grey image towards the colour', async () => {
    const grey = await makeImage(join(dir, 'in', 'grey.png'), {
      color: '#808080',
      format: 'png',
      width: 20,
      height: 20,
    });
    const out = await apply([{ op: 'tint', params: { color: '#ff0000' } }], grey);
    const [r, , b] = await pixelAt(out.output, 5, 5);
    expect(r! - b!).toBeGreaterThan(30);
  });

  it('modulate hue rotates red away from red', async () => {
    const out = await apply([{ op: 'modulate', params: { hue: 120 } }], marked);
    expect(isRed(await pixelAt(out.output, 3, 3))).toBe(false);
  });

  it('modulate brightness brightens', async () => {
    const grey = await makeImage(join(dir, 'in', 'grey2.png'), {
      color: '#606060',
      format: 'png',
      width: 20,
      height: 20,
    });
    const out = await apply([{ op: 'modulate', params: { brightness: 1.5 } }], grey);
    expect((await pixelAt(out.output, 5, 5))[0]).toBeGreaterThan(0x70);
  });

  it('blur reduces variance, sharpen increases it', async () => {
    const base = variance((await rawOf(photo)).data, 3);
    const blurred = await apply([{ op: 'blur', params: { sigma: 3 } }]);
    expect(variance((await rawOf(blurred.output)).data, 3)).toBeLessThan(base - 200);
    for (const mode of ['precise', 'fast'] as const) {
      const sharper = await apply([
        { op: 'blur', params: { sigma: 1 } },
        { op: 'sharpen', params: { mode, sigma: 1, flat: 2, jagged: 3 } },
      ]);
      const soft = await apply([{ op: 'blur', params: { sigma: 1 } }]);
      expect(variance((await rawOf(sharper.output)).data, 3)).toBeGreaterThan(
        variance((await rawOf(soft.output)).data, 3),
      );
    }
  });

  it('denoise removes isolated speckles', async () => {
    const speck = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const noisy = join(dir, 'in', 'speck.png');
    await sharp({ create: { width: 30, height: 30, channels: 3, background: '#000000' } })
      .composite([{ input: speck, left: 15, top: 15 }])
      .png()
      .toFile(noisy);
    const out = await apply([{ op: 'denoise', params: { size: 3 } }], noisy);
    expect((await pixelAt(out.output, 15, 15)).slice(0, 3)).toEqual([0, 0, 0]);
  });

  it('normalise stretches a low-contrast image', async () => {
    const flat = join(dir, 'in', 'flat.png');
    const half = await sharp({ create: { width: 20, height: 40, channels: 3, background: '#707070' } })
      .png()
      .toBuffer();
    await sharp({ create: { width: 40, height: 40, channels: 3, background: '#909090' } })
      .composite([{ input: half, left: 0, top: 0 }])
      .png()
      .toFile(flat);
    const out = await apply([{ op: 'normalise', params: { lower: 1, upper: 99 } }], flat);
    expect((await pixelAt(out.output, 5, 5))[0]).toBeLessThan(0x40);
    expect((await pixelAt(out.output, 35, 5))[0]).toBeGreaterThan(0xc0);
  });

  it('clahe and gamma run and keep the size', async () => {
    const out = await apply([
      { op: 'gamma', params: { gamma: 2.2 } },
      { op: 'resize', params: { by: 'width', width: 100 } },
      { op: 'clahe' },
    ]);
    expect(out.width).toBe(100);
  });
});

describe('order of steps', () => {
  it('blur before resize differs from blur after resize', async () => {
    const before = await apply([
      { op: 'blur', params: { sigma: 4 } },
      { op: 'resize', params: { by: 'width', width: 80 } },
    ]);
    const after = await apply([
      { op: 'resize', params: { by: 'width', width: 80 } },
      { op: 'blur', params: { sigma: 4 } },
    ]);
    expect([before.width, after.width]).toEqual([80, 80]);
    const a = await rawOf(before.output);
    const b = await rawOf(after.output);
    expect(a.data.equals(b.data)).toBe(false);
    expect(variance(b.data, 3)).toBeLessThan(variance(a.data, 3));
  });

  it('rotate then flip is not flip then rotate', async () => {
    const rf = await apply(
      [
        { op: 'rotate', params: { angle: 90 } },
        { op: 'flip', params: { direction: 'horizontal' } },
      ],
      marked,
    );
    const fr = await apply(
      [
        { op: 'flip', params: { direction: 'horizontal' } },
        { op: 'rotate', params: { angle: 90 } },
      ],
      marked,
    );
    expect(isRed(await pixelAt(rf.output, 3, 3))).toBe(true);
    expect(isRed(await pixelAt(fr.output, 35, 55))).toBe(true);
  });
});

describe('overlays', () => {
  it('watermark changes pixels in its gravity corner only', async () => {
    const logo = join(dir, 'in', 'logo.png');
    await sharp({ create: { width: 50, height: 50, channels: 4, background: '#00ff00ff' } })
      .png()
      .toFile(logo);
    const out = await apply(
      [{ op: 'watermark', params: { path: logo, gravity: 'southeast', opacity: 1, scale: 0.25 } }],
      marked,
    );
    expect(await pixelAt(out.output, 58, 38)).toEqual([0, 255, 0]);
    expect((await sharp(out.output).metadata()).hasAlpha).toBe(false);
    expect(isRed(await pixelAt(out.output, 3, 3))).toBe(true);
    expect((await pixelAt(out.output, 30, 5))[2]).toBeGreaterThan(200);
  });

  it('a missing watermark file is WATERMARK_FAILED', async () => {
    const result = await run(
      photo,
      dir,
      { steps: [{ op: 'watermark', params: { path: join(dir, 'nope.png') } }] },
      'wm-missing',
    );
    expect(result).toMatchObject({ status: 'failed', code: 'WATERMARK_FAILED' });
  });

  it('text draws in the gravity corner, markup characters included', async () => {
    const blank = await makeImage(join(dir, 'in', 'blank.png'), {
      color: '#000000',
      format: 'png',
      width: 300,
      height: 100,
    });
    const out = await apply(
      [{ op: 'text', params: { text: '<b>A&B</b> "x"', size: 30, color: '#ffffff', gravity: 'northwest' } }],
      blank,
    );
    const { data, width, channels } = await rawOf(out.output);
    const brightIn = (x0: number, x1: number, y0: number, y1: number): number => {
      let count = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (data[(y * width + x) * channels]! > 128) count++;
      return count;
    };
    expect(brightIn(0, 150, 0, 50)).toBeGreaterThan(20);
    expect(brightIn(150, 300, 50, 100)).toBe(0);
  });
});

/** Mean of each channel of an image file. */
async function channelMeans(path: string): Promise<number[]> {
  return (await sharp(path).stats()).channels.map((c) => c.mean);
}

describe('chains that must give what their steps give one at a time', () => {
  it('sharpen, an overlay, then resize keeps the colours (it came out saturated yellow)', async () => {
    const logo = join(dir, 'in', 'yellow-logo.png');
    await sharp({ create: { width: 40, height: 20, channels: 4, background: '#ffffff80' } })
      .png()
      .toFile(logo);
    const out = await apply([
      { op: 'sharpen' },
      { op: 'watermark', params: { path: logo, scale: 0.2 } },
      { op: 'resize', params: { by: 'width', width: 160 } },
    ]);
    const after = await channelMeans(out.output);
    const before = await channelMeans(photo);
    for (const c of [0, 1, 2]) expect(Math.abs(after[c]! - before[c]!)).toBeLessThan(8);
  });

  it('CLAHE works on a 16-bit PNG', async () => {
    const deep = join(dir, 'in', 'deep.png');
    await sharp(photo).toColourspace('rgb16').png().toFile(deep);
    const out = await apply([{ op: 'clahe', params: { width: 32, height: 32, maxSlope: 3 } }], deep);
    expect([out.width, out.height]).toEqual([320, 240]);
  });

  it('negate after the fast sharpen inverts the image (it came out black)', async () => {
    const out = await apply([{ op: 'sharpen', params: { mode: 'fast' } }, { op: 'negate' }]);
    const [r] = await channelMeans(out.output);
    const [r0] = await channelMeans(photo);
    expect(Math.abs(r! - (255 - r0!))).toBeLessThan(8);
  });

  it('rotate by 180° then by 30° turns by 210° (sharp keeps only the last rotate of a pipeline)', async () => {
    const out = await apply(
      [
        { op: 'rotate', params: { angle: 180 } },
        { op: 'rotate', params: { angle: 30, background: '#00ff00' } },
      ],
      marked,
    );
    // The red corner marker ends in the lower half only when both turns happened.
    const { data, width, height, channels } = await rawOf(out.output);
    let lower = 0;
    let upper = 0;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * channels;
        if (isRed([data[i]!, data[i + 1]!, data[i + 2]!])) y < height / 2 ? upper++ : lower++;
      }
    expect(lower).toBeGreaterThan(20);
    expect(upper).toBe(0);
  });

  it('a greyscale image with alpha keeps its alpha through a second pass', async () => {
    const translucent = await makeImage(join(dir, 'in', 'translucent.png'), { format: 'png', alpha: true });
    const out = await apply(
      [
        { op: 'grayscale' },
        { op: 'resize', params: { by: 'width', width: 200 } },
        { op: 'resize', params: { by: 'width', width: 100 } },
      ],
      translucent,
    );
    expect((await sharp(out.output).metadata()).hasAlpha).toBe(true);
  });
});
