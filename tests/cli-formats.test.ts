// `pixmill formats` run as a person or a script would (the built CLI), and held to its word: a
// folder with one small file of each format it says ImageMagick reads goes through `pixmill run`.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECODERS, FORMAT_EXTENSIONS } from '../common/formats.js';
import { magickWasm } from '../workers/image/decoders/magick-wasm.js';
import { pixmill } from './cli-runner.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pixmill-cli-formats-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('pixmill formats', () => {
  it('lists every known format with its names and the decoder that reads it, or says it is not read', async () => {
    const r = await pixmill('formats');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}JPEG +\.jpg \.jpeg .*libvips \(sharp\) +--format jpeg$/m);
    expect(r.stdout).toMatch(/^ {2}HEIC \(HEVC-coded HEIF\) +\.heic .*ImageMagick \(WebAssembly\) +—$/m);
    expect(r.stdout).toMatch(/^ {2}JPEG XR +\.jxr \.wdp +not read \(reported as unsupported\)/m);
    expect(r.stdout).toContain('AVIF is the open format');
  });

  it('prints the same table as JSON, one row per format, agreeing with the decoder table', async () => {
    const rows = JSON.parse((await pixmill('formats', '--json')).stdout) as { format: string; readBy: string | null }[];
    expect(rows.map((r) => r.format)).toEqual(Object.keys(FORMAT_EXTENSIONS));
    for (const row of rows)
      expect(row.readBy !== null).toBe(DECODERS[row.format as keyof typeof DECODERS] !== undefined);
  });

  it('reads what it lists: a folder of BMP, ICO, TGA, QOI, PPM, PSD, JPEG 2000 and JPEG XL files all become PNGs', async () => {
    const magick = await magickWasm();
    const { data, info } = await sharp({
      create: { width: 24, height: 16, channels: 3, background: { r: 200, g: 40, b: 90 } },
    })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const written = ['BMP', 'ICO', 'TGA', 'QOI', 'PPM', 'PSD', 'JP2', 'JXL'] as const;
    const input = join(dir, 'in');
    await rm(input, { recursive: true, force: true });
    await mkdir(input);
    for (const format of written) {
      const bytes = await new Promise<Uint8Array>((done) =>
        magick.ImageMagick.read(
          data,
          new magick.MagickReadSettings({ format: 'RGB' as never, width: info.width, height: info.height }),
          (image) => image.write(format as never, (out) => done(Uint8Array.from(out))),
        ),
      );
      await writeFile(join(input, `sample.${format.toLowerCase()}`), bytes);
    }
    const out = join(dir, 'out');
    const r = await pixmill('run', input, '-o', out, '--format', 'png', '--json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { processed: number; failed: number };
    expect(summary).toMatchObject({ processed: written.length, failed: 0 });
    const outputs = (await readdir(out)).filter((f) => f.endsWith('.png'));
    expect(outputs).toHaveLength(written.length);
    for (const f of outputs) {
      const pixel = await sharp(join(out, f)).extract({ left: 12, top: 8, width: 1, height: 1 }).raw().toBuffer();
      // JPEG XL and JPEG 2000 are lossy by default here: a flat colour comes back within a few levels.
      expect(
        [...pixel.subarray(0, 3)].map((v, i) => Math.abs(v - [200, 40, 90][i]!)).every((d) => d <= 4),
        f,
      ).toBe(true);
    }
  });
});
