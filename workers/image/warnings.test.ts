// Each warning a file can finish with, triggered on a real file, and the settings that must not
// trigger it. Pixels are read back where the warning is about pixels.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineSpecInput } from '../../common/pipeline.js';
import { findPreset } from '../../common/presets.js';
import type { WarningCode } from '../../common/warnings.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { pngCompressionLevel } from './output-format.js';
import { type Done, expectDone, pixelAt, run } from './test-support.js';

let dir: string;
let inDir: string;
let logo: string;
let photo: string;

/** A black 20×20 square in the middle of a 40×40 transparent canvas. */
async function makeLogo(path: string, colour = '#000000'): Promise<string> {
  const square = { create: { width: 20, height: 20, channels: 4, background: colour } } as const;
  await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: square, left: 10, top: 10 }])
    .png()
    .toFile(path);
  return path;
}

beforeAll(async () => {
  dir = await tempDir('pixmill-warnings-');
  inDir = join(dir, 'in');
  await mkdir(inDir, { recursive: true });
  logo = await makeLogo(join(inDir, 'logo.png'));
  photo = await makeImage(join(inDir, 'photo.jpg'), { width: 400, height: 300, orientation: 1 });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

let n = 0;
async function process(input: string, spec: PipelineSpecInput): Promise<Done> {
  const out = join(dir, `out-${n++}`);
  await mkdir(out, { recursive: true });
  return expectDone(await run(input, out, spec));
}

const codes = (out: Done): WarningCode[] => (out.warnings ?? []).map((w) => w.code);
const messageOf = (out: Done, code: WarningCode): string => out.warnings?.find((w) => w.code === code)?.message ?? '';
/** Whether the file's EXIF still holds the copyright the fixture was given (libvips writes a bare EXIF of its own). */
const hasCopyright = async (path: string): Promise<boolean> =>
  (await sharp(path).metadata()).exif?.includes('Someone') ?? false;
const near = (got: number[], want: number[], tolerance = 12): boolean =>
  want.every((v, i) => Math.abs(got[i]! - v) <= tolerance);

describe('ALPHA_FLATTENED and the background colour', () => {
  it('a black logo on transparency becomes black on white in a JPEG, and says so', async () => {
    const out = await process(logo, { output: { format: 'jpeg' } });
    expect(near(await pixelAt(out.output, 2, 2), [255, 255, 255])).toBe(true);
    expect(near(await pixelAt(out.output, 20, 20), [0, 0, 0])).toBe(true);
    expect(messageOf(out, 'ALPHA_FLATTENED')).toBe('Transparency was filled with white (JPEG cannot hold it).');
  });

  it('is laid on the background asked for', async () => {
    const out = await process(logo, { output: { format: 'jpeg', background: '#ff0000' } });
    expect(near(await pixelAt(out.output, 2, 2), [255, 0, 0])).toBe(true);
    expect(near(await pixelAt(out.output, 20, 20), [0, 0, 0])).toBe(true);
    expect(messageOf(out, 'ALPHA_FLATTENED')).toMatch(/filled with #ff0000/);
  });

  it('comes after colour filters: a negated logo keeps its white background', async () => {
    const red = await makeLogo(join(inDir, 'red-logo.png'), '#ff0000');
    const out = await process(red, { steps: [{ op: 'negate' }], output: { format: 'jpeg' } });
    expect(near(await pixelAt(out.output, 2, 2), [255, 255, 255])).toBe(true);
    expect(near(await pixelAt(out.output, 20, 20), [0, 255, 255])).toBe(true);
  });

  it('fills the corners a translucent rotation leaves, on an opaque photo', async () => {
    const out = await process(photo, {
      steps: [{ op: 'rotate', params: { angle: 45, background: '#00000000' } }],
      output: { format: 'jpeg', background: '#00ff00' },
    });
    expect(near(await pixelAt(out.output, 1, 1), [0, 255, 0])).toBe(true);
    expect(codes(out)).toContain('ALPHA_FLATTENED');
  });

  it('a grey logo with alpha: the same white background', async () => {
    const pixels = Buffer.alloc(40 * 40 * 2);
    for (let y = 10; y < 30; y++) for (let x = 10; x < 30; x++) pixels[(y * 40 + x) * 2 + 1] = 255;
    const grey = join(inDir, 'grey-logo.png');
    await sharp(pixels, { raw: { width: 40, height: 40, channels: 2 } })
      .png()
      .toFile(grey);
    const out = await process(grey, { output: { format: 'jpeg' } });
    expect(near(await pixelAt(out.output, 2, 2), [255])).toBe(true);
    expect(near(await pixelAt(out.output, 20, 20), [0])).toBe(true);
    expect(codes(out)).toContain('ALPHA_FLATTENED');
  });

  it('keeping metadata keeps it, and still finds the transparency', async () => {
    const tagged = join(inDir, 'tagged-logo.png');
    await sharp(logo).withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>Someone</x:xmpmeta>').toFile(tagged);
    const out = await process(tagged, { output: { format: 'jpeg', metadata: 'keep' } });
    expect((await sharp(out.output).metadata()).xmp?.includes('Someone')).toBe(true);
    expect(near(await pixelAt(out.output, 2, 2), [255, 255, 255])).toBe(true);
    expect(codes(out)).toContain('ALPHA_FLATTENED');
    expect(codes(out)).not.toContain('METADATA_DROPPED');
  });

  it('says nothing for an alpha channel that is opaque everywhere, or for a format that keeps it', async () => {
    const opaque = await makeImage(join(inDir, 'opaque-rgba.png'), { format: 'png', color: '#336699ff', alpha: true });
    for (const metadata of ['strip', 'keep'] as const)
      expect(codes(await process(opaque, { output: { format: 'jpeg', metadata } })), metadata).not.toContain(
        'ALPHA_FLATTENED',
      );
    const png = await process(logo, { output: { format: 'png' } });
    expect(codes(png)).not.toContain('ALPHA_FLATTENED');
    expect((await pixelAt(png.output, 2, 2))[3]).toBe(0);
  });
});

describe('QUALITY_IGNORED', () => {
  it('PNG does not use a quality setting', async () => {
    const out = await process(photo, { output: { format: 'png', quality: 60 } });
    expect(messageOf(out, 'QUALITY_IGNORED')).toBe('PNG is saved losslessly: quality 60 was not used.');
  });

  it('GIF has no quality setting and cannot be lossless; JPEG cannot be lossless', async () => {
    expect(codes(await process(photo, { output: { format: 'gif', quality: 50 } }))).toContain('QUALITY_IGNORED');
    expect(codes(await process(photo, { output: { format: 'gif', lossless: true } }))).toContain('QUALITY_IGNORED');
    const jpeg = await process(photo, { output: { format: 'jpeg', lossless: true } });
    expect(messageOf(jpeg, 'QUALITY_IGNORED')).toMatch(/JPEG cannot be lossless: it was saved at quality 82/);
  });

  it('says nothing at the default quality or where quality is used', async () => {
    expect(codes(await process(photo, { output: { format: 'png' } }))).not.toContain('QUALITY_IGNORED');
    expect(codes(await process(photo, { output: { format: 'webp', quality: 60 } }))).not.toContain('QUALITY_IGNORED');
  });
});

describe('OUTPUT_LARGER', () => {
  it('a small JPEG saved again at quality 100 grows, and says by how much', async () => {
    const small = join(inDir, 'q30.jpg');
    await sharp(photo).jpeg({ quality: 30 }).toFile(small);
    const out = await process(small, { output: { format: 'jpeg', quality: 100 } });
    expect(out.bytesOut).toBeGreaterThan(out.bytesIn);
    expect(messageOf(out, 'OUTPUT_LARGER')).toMatch(
      /^The output \(\d.* kB\) is larger than the original \(\d.* kB\)\.$/,
    );
  });

  it('says nothing when the output is smaller', async () => {
    const out = await process(photo, { steps: [{ op: 'resize', params: { by: 'width', width: 100 } }] });
    expect(out.bytesOut).toBeLessThan(out.bytesIn);
    expect(codes(out)).not.toContain('OUTPUT_LARGER');
  });
});

describe('STEP_NO_EFFECT', () => {
  it('square-1080 on a 768×512 image cannot make a square, and names the step', async () => {
    const small = await makeImage(join(inDir, 'small.jpg'), { width: 768, height: 512 });
    const out = await process(small, findPreset('square-1080')!.spec);
    expect([out.width, out.height]).toEqual([768, 512]);
    expect(messageOf(out, 'STEP_NO_EFFECT')).toBe(
      'Crop (step 1) gave 768×512 instead of 1080×1080: the image is smaller, and a crop never enlarges.',
    );
  });

  it('a resize to an exact box that would enlarge, with "Never enlarge" on; none once enlarging is allowed', async () => {
    const resize = (withoutEnlargement: boolean) => ({
      steps: [
        {
          op: 'resize' as const,
          params: { by: 'box' as const, width: 800, height: 800, fit: 'cover' as const, withoutEnlargement },
        },
      ],
    });
    const kept = await process(photo, resize(true));
    expect([kept.width, kept.height]).toEqual([400, 300]);
    expect(messageOf(kept, 'STEP_NO_EFFECT')).toMatch(/^Resize \(step 1\) gave 400×300 instead of 800×800/);
    const enlarged = await process(photo, resize(false));
    expect([enlarged.width, enlarged.height]).toEqual([800, 800]);
    expect(codes(enlarged)).not.toContain('STEP_NO_EFFECT');
  });

  it('no warning when a smaller photo is left as it is by "fit inside" or a width, never enlarging', async () => {
    for (const params of [
      { by: 'box' as const, width: 1600, height: 1600, fit: 'inside' as const },
      { by: 'width' as const, width: 800 },
      { by: 'longEdge' as const, longEdge: 1600 },
    ]) {
      const out = await process(photo, { steps: [{ op: 'resize', params }] });
      expect([out.width, out.height]).toEqual([400, 300]);
      expect(codes(out)).not.toContain('STEP_NO_EFFECT');
    }
  });

  it('a crop rectangle reaching past the edge', async () => {
    const out = await process(photo, {
      steps: [{ op: 'crop', params: { mode: 'rectangle', left: 300, top: 0, width: 200, height: 100 } }],
    });
    expect([out.width, out.height]).toEqual([100, 100]);
    expect(messageOf(out, 'STEP_NO_EFFECT')).toMatch(/gave 100×100 instead of 200×100: the rectangle reaches past/);
  });
});

describe('METADATA_DROPPED', () => {
  let tagged: string;
  beforeAll(async () => {
    tagged = join(inDir, 'tagged.jpg');
    await sharp(photo)
      .withExif({ IFD0: { Copyright: 'Someone' } })
      .jpeg()
      .toFile(tagged);
  });

  it('GIF cannot hold EXIF', async () => {
    const out = await process(tagged, { output: { format: 'gif', metadata: 'keep' } });
    expect(messageOf(out, 'METADATA_DROPPED')).toBe('EXIF could not be kept: GIF cannot hold it.');
    expect(await hasCopyright(out.output)).toBe(false);
  });

  it('TIFF cannot hold EXIF either; JPEG, PNG and WebP keep it without a word', async () => {
    expect(messageOf(await process(tagged, { output: { format: 'tiff', metadata: 'keep' } }), 'METADATA_DROPPED')).toBe(
      'EXIF could not be kept: TIFF cannot hold it.',
    );
    for (const format of ['jpeg', 'png', 'webp'] as const) {
      const out = await process(tagged, { output: { format, metadata: 'keep' } });
      expect(codes(out), format).not.toContain('METADATA_DROPPED');
      expect(await hasCopyright(out.output), format).toBe(true);
    }
  });

  it('a filter order that needs two passes loses it', async () => {
    const out = await process(tagged, {
      steps: [
        { op: 'blur', params: { sigma: 1 } },
        { op: 'resize', params: { by: 'width', width: 200 } },
      ],
      output: { format: 'jpeg', metadata: 'keep' },
    });
    expect(messageOf(out, 'METADATA_DROPPED')).toMatch(
      /^EXIF could not be kept: this filter order needs more than one pass/,
    );
    expect(await hasCopyright(out.output)).toBe(false);
  });

  it('says nothing when stripping is asked for', async () => {
    expect(codes(await process(tagged, { output: { format: 'gif', metadata: 'strip' } }))).not.toContain(
      'METADATA_DROPPED',
    );
  });
});

describe('PNG compression', () => {
  it("the default effort is sharp's own default level (6)", async () => {
    expect(pngCompressionLevel(4)).toBe(6);
    expect([0, 9].map(pngCompressionLevel)).toEqual([0, 9]);
    const out = await process(photo, { output: { format: 'png' } });
    const sharpDefault = await sharp(photo).png().toBuffer();
    expect(out.bytesOut).toBe(sharpDefault.length);
  });
});
