// Error rows for real files, through the real worker code: each case is a file that once got a
// code or a message that was wrong for it (a cut TIFF told it was a HEIC photo, a valid Lab TIFF
// told it was damaged, a colour-space failure blamed on a filter when there was none).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, tempDir } from '../../tests/fixtures.js';
import { mutate, seededRandom } from '../../tests/hostile-fixtures.js';
import { pixelAt, run } from './test-support.js';
import { baselineTiff } from './tiff-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('pixmill-classify-');
});

async function failure(name: string, data: Buffer, spec = {}) {
  const path = join(dir, name);
  await writeFile(path, data);
  const result = await run(path, dir, spec, name.replace(/\W/g, '_'));
  if (result.status !== 'failed') throw new Error(`${name}: expected a failure, got ${result.status}`);
  return result;
}

describe('damaged TIFFs are TIFF damage, never a HEIC photo', () => {
  it('a strip that lies past the end of the file ("bad seek") is a cut-short TIFF', async () => {
    const tiff = baselineTiff(200, 150);
    tiff.data.writeUInt32LE(tiff.data.length * 3, tiff.stripOffsetsAt + 4);
    const row = await failure('far-strip.tif', tiff.data);
    expect(row.detail).toMatch(/bad seek/);
    expect(row.code).toBe('TRUNCATED');
    expect(row.message).toMatch(/TIFF/);
    expect(row.message).not.toMatch(/HEIC|HEVC/);
  });

  it('a TIFF cut in the middle of its pixels is cut short', async () => {
    const { data } = baselineTiff(200, 150);
    const row = await failure('half.tif', data.subarray(0, Math.floor(data.length * 0.4)));
    expect(row.code).toBe('TRUNCATED');
  });

  it('a TIFF cut before the directory its header points to is cut short, not "too damaged"', async () => {
    const whole = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    expect(whole.readUInt32LE(4)).toBeGreaterThan(whole.length / 2);
    const row = await failure('no-directory.tif', whole.subarray(0, whole.length / 2));
    expect(row).toMatchObject({ code: 'TRUNCATED', message: expect.stringContaining('TIFF') });
  });
});

describe('Lab TIFFs', () => {
  // libvips opens no 8-bit CIELAB TIFF; ImageMagick, the second decoder, does. The same brick red
  // as the 16-bit case below (L* 50, a* +40, b* +30), in TIFF's two 8-bit Lab encodings: it must
  // come out as libvips makes the 16-bit one, within the rounding of 8-bit Lab.
  it.each([['CIELAB', 8, (): [number, number, number] => [128, 40, 30]]] as const)(
    'an 8-bit %s TIFF, which libvips cannot open, is read by the second decoder into the colours it holds',
    async (_, photometric, pixel) => {
      const reference = join(dir, `lab16-ref-${photometric}.tif`);
      await writeFile(
        reference,
        baselineTiff(32, 24, { photometric: 8, bits: 16, pixel: () => [32768, 40 * 256, 30 * 256] }).data,
      );
      const path = join(dir, `lab8-${photometric}.tif`);
      await writeFile(path, baselineTiff(32, 24, { photometric, pixel }).data);
      for (const [file, name] of [
        [reference, `ref${photometric}`],
        [path, `lab8-${photometric}`],
      ] as const)
        expect((await run(file, dir, { output: { format: 'png' } }, name)).status).toBe('done');
      const want = await pixelAt(join(dir, `ref${photometric}.png`), 16, 12);
      const got = await pixelAt(join(dir, `lab8-${photometric}.png`), 16, 12);
      expect(want[0]! - want[1]!).toBeGreaterThan(50);
      for (let c = 0; c < 3; c++)
        expect(Math.abs(got[c]! - want[c]!), `channel ${c}: ${got} vs ${want}`).toBeLessThanOrEqual(4);
    },
  );

  // ImageMagick would read ICC Lab's numbers as if they were RGB: that one stays refused, in words.
  it('an ICC Lab TIFF with no filters set is an unsupported colour space, not a filter that failed', async () => {
    const row = await failure('icclab.tif', baselineTiff(64, 48, { photometric: 9 }).data);
    expect(row.code).toBe('UNSUPPORTED_FORMAT');
    expect(row.message).toMatch(/colour space/);
  });

  it('a 16-bit CIELAB TIFF is processed into sRGB with the colours it holds', async () => {
    // L* 50, a* +40, b* +30 (16-bit CIELAB: L over 0…65535, a and b signed, 256 per unit): a brick red.
    const pixel = (): [number, number, number] => [32768, 40 * 256, 30 * 256];
    const path = join(dir, 'lab16.tif');
    await writeFile(path, baselineTiff(32, 24, { photometric: 8, bits: 16, pixel }).data);
    const result = await run(path, dir, { output: { format: 'png' } }, 'lab16');
    expect(result.status).toBe('done');
    const [r, g, b] = await pixelAt(join(dir, 'lab16.png'), 16, 12);
    expect(r! - g!).toBeGreaterThan(50);
    expect(r! - b!).toBeGreaterThan(50);
  });
});

describe('files no sniffer names, by what their bytes say', () => {
  it('a PNG with a damaged signature is a damaged PNG, not an unknown format', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    const textMode = Buffer.concat([png.subarray(0, 4), Buffer.from([0x0a]), png.subarray(6)]);
    const row = await failure('text-mode.png', textMode);
    expect(row).toMatchObject({ code: 'DECODE_FAILED', message: expect.stringContaining('PNG') });
  });

  it('an ICC colour profile named .jpg is a colour profile', async () => {
    const { icc } = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#000' } })
      .withIccProfile('p3')
      .jpeg()
      .toBuffer()
      .then((b) => sharp(b).metadata());
    const row = await failure('profile.jpg', icc!);
    expect(row).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/colour profile/) });
  });

  it('an SVGZ cut short is cut short; a gzip with no SVG inside says so', async () => {
    const svg = Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">${'<rect/>'.repeat(400)}</svg>`,
    );
    const gz = gzipSync(svg);
    expect((await failure('cut.svgz', gz.subarray(0, gz.length / 2))).code).toBe('TRUNCATED');
    const notSvg = await failure('notes.svgz', gzipSync(Buffer.from('shopping list: bread, milk\n')));
    expect(notSvg).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/no SVG/) });
  });
});

describe('a damaged JPEG with no filters set', () => {
  it('is a decode error (damaged or cut short), never a filter that failed', async () => {
    const jpeg = await sharp({
      create: {
        width: 160,
        height: 120,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 50 },
      },
    })
      .jpeg()
      .toBuffer();
    const rnd = seededRandom(7);
    const codes = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const path = join(dir, `mutant-${i}.jpg`);
      await writeFile(path, mutate(jpeg, i % 2 ? 'flip' : 'truncate', rnd));
      const result = await run(path, dir, {}, `mutant-${i}`);
      if (result.status !== 'failed') continue;
      codes.add(result.code);
      expect(result.code, result.detail).not.toBe('PROCESS_FAILED');
      expect(result.message).not.toMatch(/filter/);
    }
    expect([...codes].every((c) => ['DECODE_FAILED', 'TRUNCATED'].includes(c))).toBe(true);
  });
});

const corpus = corpusDir();
(corpus ? describe : describe.skip)('corpus files', () => {
  it('an animated AVIF (image sequence) is decoded by the fallback decoder, its first frame, and says so', async () => {
    const result = await run(join(corpus!, 'animated', 'star.avifs'), dir, {}, 'star');
    expect(result).toMatchObject({ status: 'done' });
    if (result.status === 'done') {
      expect(result.width).toBeGreaterThan(0);
      expect(result.warnings?.map((w) => w.code)).toContain('ANIMATION_FLATTENED');
    }
  });

  it('a HEIC photo is decoded now (HEVC by the fallback decoder), at the size its header declares', async () => {
    const path = join(corpus!, 'formats', 'hopper.heif');
    const { width, height } = await sharp(path).metadata();
    const result = await run(path, dir, {}, 'hopper');
    expect(result).toMatchObject({ status: 'done', width, height });
  });
});
