// Camera raw files, synthesised from known pixels (raw-fixtures.ts): the camera's full-size
// preview is used and said so, a raw without one is developed by libraw and said so, the EXIF
// and orientation come through once, and a raw neither gives is one coded row naming it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/fixtures.js';
import { expectDone, run, warningCodes } from '../test-support.js';
import { rawFormatName } from './camera-raw.js';
import { type RawSource, rawScene, synthDng, synthPreviewOnlyRaw } from './raw-fixtures.js';
import { readRawLayout } from './raw-preview.js';

let dir: string;
let n = 0;
const W = 256;
const H = 192;
const scene = rawScene(W, H);

beforeAll(async () => {
  dir = await tempDir('pixmill-raw-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function file(name: string, data: Buffer): Promise<{ path: string; out: string }> {
  const d = join(dir, `case-${n++}`);
  const out = join(d, 'out');
  await mkdir(out, { recursive: true });
  await writeFile(join(d, name), data);
  return { path: join(d, name), out };
}

async function pixels(input: string | Buffer) {
  const { data, info } = await sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The scene turned as orientation 6 shows it (90° clockwise). */
const upright = (s: RawSource) =>
  sharp(s.rgb, { raw: { width: s.width, height: s.height, channels: 3 } })
    .rotate(90)
    .raw()
    .toBuffer();

/** Pearson correlation of one channel of two same-sized RGB buffers. */
function correlation(a: Buffer, b: Buffer, channel: number): number {
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let k = 0;
  for (let i = channel; i < a.length; i += 3, k++) {
    sa += a[i]!;
    sb += b[i]!;
    saa += a[i]! * a[i]!;
    sbb += b[i]! * b[i]!;
    sab += a[i]! * b[i]!;
  }
  const cov = sab / k - (sa / k) * (sb / k);
  return cov / Math.sqrt((saa / k - (sa / k) ** 2) * (sbb / k - (sb / k) ** 2));
}

describe('camera raw: the embedded full-size preview', () => {
  it("uses a DNG's full-size JPEG preview, says so, and turns it by the raw's orientation once", async () => {
    const dng = await synthDng(scene, { preview: 'full', orientation: 6 });
    const { path, out } = await file('shot.dng', dng.data);
    const r = expectDone(await run(path, out, { output: { format: 'png' } }));
    expect([r.width, r.height]).toEqual([H, W]);
    expect(warningCodes(r)).toContain('RAW_PREVIEW_USED');
    expect(r.warnings!.find((w) => w.code === 'RAW_PREVIEW_USED')!.message).toMatch(
      /camera's embedded JPEG preview of the DNG raw file \(256×192\), not a development/,
    );
    // The output is exactly the embedded JPEG, decoded and turned: nothing else touched it.
    const got = await pixels(r.output!);
    const want = await pixels(await sharp(dng.preview!).rotate(90).png().toBuffer());
    let max = 0;
    for (let i = 0; i < got.data.length; i++) max = Math.max(max, Math.abs(got.data[i]! - want.data[i]!));
    expect(max).toBeLessThanOrEqual(1);
  });

  it("keeps the raw's EXIF (camera, date, exposure) with metadata 'keep', the orientation already applied", async () => {
    const dng = await synthDng(scene, { preview: 'full', orientation: 6, make: 'Pixmill', model: 'Test Body' });
    const { path, out } = await file('shot.dng', dng.data);
    const r = expectDone(await run(path, out, { output: { format: 'jpeg', metadata: 'keep' } }));
    const meta = await sharp(r.output!).metadata();
    expect([meta.width, meta.height]).toEqual([H, W]);
    expect(meta.orientation ?? 1).toBe(1);
    const exif = meta.exif!.toString('latin1');
    expect(exif).toContain('Pixmill');
    expect(exif).toContain('Test Body');
    expect(exif).toContain('2024:05:06 07:08:09');
  });

  it('uses the full-size JPEG in IFD0 of a CR2-like file whose raw data libraw cannot develop', async () => {
    const cr2 = await synthPreviewOnlyRaw(scene, 1);
    const { path, out } = await file('IMG_0001.CR2', cr2.data);
    const r = expectDone(await run(path, out, { output: { format: 'png' } }));
    expect([r.width, r.height]).toEqual([W, H]);
    expect(r.warnings!.map((w) => w.message).join(' ')).toMatch(/preview of the Canon CR2 raw file/);
  });

  it('finds the previews, the sensor size and the orientation from the structure alone', async () => {
    const dng = await synthDng(scene, { preview: 'full', orientation: 8 });
    const layout = readRawLayout(dng.data)!;
    expect(layout.sensor).toEqual({ width: W, height: H });
    expect(layout.previews.map((p) => [p.width, p.height])).toEqual([[W, H]]);
    expect(layout.orientation).toBe(8);
    expect(layout.truncated).toBe(false);
  });
});

describe('camera raw: developing the sensor data', () => {
  it('develops a DNG that has only a small thumbnail, says so, and gives the scene back', async () => {
    const dng = await synthDng(scene, { preview: 'small', orientation: 6 });
    const { path, out } = await file('thumb-only.dng', dng.data);
    const r = expectDone(await run(path, out, { output: { format: 'png', metadata: 'keep' } }));
    expect([r.width, r.height]).toEqual([H, W]);
    expect(warningCodes(r)).toContain('RAW_DEVELOPED');
    expect(warningCodes(r)).not.toContain('RAW_PREVIEW_USED');
    // Demosaicing, libraw's auto-brightness and its BT.709 gamma change every value, so the
    // check is structural: each channel must rise and fall with the scene's (turned as the shot
    // was). The development measured 0.989 (blue) to 0.9996 (green); any two of the scene's
    // channels correlate at -0.39 to 0.17, so swapped channels or a mosaic read with the wrong
    // pattern cannot pass 0.9, and a missed turn changes the size.
    const got = await pixels(r.output!);
    const want = await upright(scene);
    for (const c of [0, 1, 2]) expect(correlation(got.data, want, c)).toBeGreaterThan(0.9);
    const meta = await sharp(r.output!).metadata();
    expect(meta.orientation ?? 1).toBe(1);
    expect(meta.exif!.toString('latin1')).toContain('Synthetic DNG');
  });

  it('a raw with neither a full-size preview nor raw data libraw reads is one row naming the format', async () => {
    const cr2 = await synthPreviewOnlyRaw(scene, 1, false);
    const { path, out } = await file('IMG_0002.CR2', cr2.data);
    const r = await run(path, out, { output: { format: 'png' } });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.code).toBe('UNSUPPORTED_FORMAT');
    expect(r.message).toMatch(/Canon CR2 raw file has no full-size embedded preview/);
  });

  it('a DNG cut short in its sensor data is one TRUNCATED row', async () => {
    const dng = await synthDng(scene, { preview: 'full' });
    const { path, out } = await file('cut.dng', dng.data.subarray(0, dng.rawDataAt + 1000));
    const r = await run(path, out, { output: { format: 'png' } });
    expect(r.status).toBe('failed');
    if (r.status !== 'failed') return;
    expect(r.code).toBe('TRUNCATED');
    expect(r.message).toMatch(/DNG raw file is cut short/);
  });
});

describe('camera raw: names', () => {
  it('names the camera format by content where it tells, else by the name', () => {
    expect(rawFormatName('x.cr3', Buffer.from('\0\0\0\x18ftypcrx ', 'latin1'))).toBe('Canon CR3 raw file');
    expect(rawFormatName('a.NEF', Buffer.from('II*\0'))).toBe('Nikon NEF raw file');
    expect(rawFormatName('a.rw2', Buffer.from('IIU\0'))).toBe('Panasonic RW2 raw file');
  });
});
