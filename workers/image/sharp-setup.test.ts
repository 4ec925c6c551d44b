// configureSharp() blocks every libvips loader Pixmill does not accept. The first test runs
// before the block, in this same process, so it shows what the block takes away.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/fixtures.js';
import { configureSharp } from './sharp-setup.js';
import { run } from './test-support.js';

let dir: string;
let vipsFile: string;
let vipsAsPng: string;
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="12"><rect width="16" height="12" fill="#00ff00"/></svg>';

beforeAll(async () => {
  dir = await tempDir('pixmill-block-');
  vipsFile = join(dir, 'native.v');
  await sharp({ create: { width: 16, height: 12, channels: 3, background: '#ff0000' } }).toFile(vipsFile);
  vipsAsPng = join(dir, 'native-renamed.png');
  await copyFile(vipsFile, vipsAsPng);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const watermarkWith = (path: string) => ({
  steps: [{ op: 'watermark' as const, params: { path, scale: 0.5, opacity: 1 } }],
  output: { format: 'png' as const },
});

describe('loaders', () => {
  it('unconfigured, this libvips build decodes a libvips .v file, also as a watermark', async () => {
    expect((await sharp(vipsAsPng).metadata()).format).toBe('vips');
    const photo = join(dir, 'photo.png');
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0000ff' } })
      .png()
      .toFile(photo);
    const out = join(dir, 'out-before');
    await mkdir(out);
    expect((await run(photo, out, watermarkWith(vipsFile))).status).toBe('done');
  });

  it('configured, libvips refuses the .v file whatever its name, as sharp input and as a watermark', async () => {
    await configureSharp();
    await configureSharp(); // idempotent
    for (const file of [vipsFile, vipsAsPng]) {
      await expect(sharp(file).metadata()).rejects.toThrow(/unsupported image format/);
      await expect(sharp(file).png().toBuffer()).rejects.toThrow(/unsupported image format/);
    }
    const photo = join(dir, 'photo.png');
    const out = join(dir, 'out-after');
    await mkdir(out);
    expect(await run(photo, out, watermarkWith(vipsFile))).toMatchObject({
      status: 'failed',
      code: 'WATERMARK_FAILED',
    });
    // As an input it never reaches libvips' loader: ImageMagick reads it inside its WebAssembly sandbox.
    const renamed = await run(vipsAsPng, out);
    expect(renamed).toMatchObject({ status: 'done' });
  });

  it('configured, still decodes every accepted format from a file and from a buffer', async () => {
    const base = () => sharp({ create: { width: 16, height: 12, channels: 3, background: '#00ff00' } });
    const files: Record<string, Buffer> = {
      jpeg: await base().jpeg().toBuffer(),
      png: await base().png().toBuffer(),
      webp: await base().webp().toBuffer(),
      gif: await base().gif().toBuffer(),
      tiff: await base().tiff().toBuffer(),
      heif: await base().avif().toBuffer(),
      svg: Buffer.from(SVG),
      svgz: gzipSync(SVG),
    };
    for (const [format, data] of Object.entries(files)) {
      const path = join(dir, `ok.${format}`);
      await writeFile(path, data);
      for (const input of [path, data]) {
        const { info } = await sharp(input).png().toBuffer({ resolveWithObject: true });
        expect([format, info.width, info.height]).toEqual([format, 16, 12]);
      }
      expect((await sharp(data).metadata()).format).toBe(format === 'svgz' ? 'svg' : format);
    }
    // Pixels made in memory and raw pixel buffers never go through a loader.
    const raw = await sharp(Buffer.alloc(16 * 12 * 3, 200), { raw: { width: 16, height: 12, channels: 3 } })
      .png()
      .toBuffer();
    expect((await sharp(raw).metadata()).width).toBe(16);
  });

  it('blocking a loader this build does not have is harmless', () => {
    expect(() =>
      sharp.block({ operation: ['VipsForeignLoadMagick', 'VipsForeignLoadPdf', 'VipsForeignLoadNoSuchThing'] }),
    ).not.toThrow();
  });
});
