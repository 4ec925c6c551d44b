// What happens when a finished file's EXIF cannot be cut safely: the block goes whole, in every
// container, and the file still decodes to the same pixels. And the last resort's reach into
// sharp's options, proved against the sharp installed.
import { rm } from 'node:fs/promises';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ConcreteFormat } from '../../../common/pipeline.js';
import { tempDir } from '../../../tests/fixtures.js';
import { cameraExif, latitudeBytes, richJpeg, withExifSegment } from '../../../tests/metadata-fixtures.js';
import { finishMetadata, keepProfileOnly, prepareMetadata } from './encode-metadata.js';
import { exifSites } from './exif-location.js';

const GPS = { IFD0: { Make: 'AcmeCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 7407/1000' } };

async function pixels(data: Buffer): Promise<Buffer> {
  return sharp(data).raw().toBuffer();
}

describe('an EXIF block that cannot be followed is left out whole, with a warning', () => {
  it.each(['jpeg', 'png', 'webp', 'avif'] as const)('%s', async (format: ConcreteFormat) => {
    const image = sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } });
    const data = await image.withExif(GPS).toFormat(format).toBuffer();
    const [site] = exifSites(data, format);
    // A broken byte-order mark: the TIFF structure can no longer be read.
    site!.tiff[0] = 0x58;
    site!.seal();
    const finish = await prepareMetadata(sharp(data), format, { metadata: 'keep-except-gps' });
    const out = finishMetadata(data, format, finish);
    expect(latitudeBytes().some((b) => out.includes(b))).toBe(false);
    expect(exifSites(out, format).every((s) => s.tiff.every((b) => b === 0))).toBe(true);
    expect(finish.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/^EXIF was left out: it could not be read to remove the location from it/),
    ]);
    const meta = await sharp(out).metadata();
    expect(meta.exif === undefined || meta.exif.every((b) => b === 0)).toBe(true);
    expect((await pixels(out)).equals(await pixels(data))).toBe(true);
  });

  it('a GPS pointer into nowhere, in a JPEG made by hand', async () => {
    const picture = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#000' } })
      .jpeg()
      .toBuffer();
    const tiff = cameraExif();
    // The GPS pointer is IFD0's last entry (tags in order; 0x8825 is the largest).
    const count = tiff.readUInt16LE(8);
    tiff.writeUInt32LE(tiff.length * 2, 8 + 2 + (count - 1) * 12 + 8);
    const data = withExifSegment(picture, tiff);
    const out = finishMetadata(data, 'jpeg', await prepareMetadata(sharp(data), 'jpeg', { metadata: 'keep' }));
    // "keep" cuts nothing: the block stays as it came.
    expect(out.equals(data)).toBe(true);
    const finish = await prepareMetadata(sharp(data), 'jpeg', { metadata: 'custom', metadataKeep: ['exif'] });
    const cut = finishMetadata(data, 'jpeg', finish);
    expect(exifSites(cut, 'jpeg')).toEqual([]);
    expect(latitudeBytes().some((b) => cut.includes(b))).toBe(false);
    expect(finish.warnings).toHaveLength(1);
  });
});

describe('keepProfileOnly', () => {
  it('leaves EXIF, XMP and IPTC out of a pipeline that kept everything, and keeps the profile', async () => {
    const dir = await tempDir('pixmill-profile-only-');
    const input = await richJpeg(`${dir}/rich.jpg`);
    const before = await sharp(input).keepMetadata().jpeg().toBuffer();
    const kept = await sharp(before).metadata();
    expect([kept.exif, kept.xmp, kept.iptc, kept.icc].every(Boolean)).toBe(true);
    const image = sharp(input)
      .keepMetadata()
      .withExif({ IFD0: { Artist: 'x' } })
      .withXmp('<x:xmpmeta/>');
    keepProfileOnly(image);
    const meta = await sharp(await image.jpeg().toBuffer()).metadata();
    expect({ exif: meta.exif, xmp: meta.xmp, iptc: meta.iptc }).toEqual({
      exif: undefined,
      xmp: undefined,
      iptc: undefined,
    });
    expect(meta.icc).toBeDefined();
    await rm(dir, { recursive: true, force: true });
  });
});
