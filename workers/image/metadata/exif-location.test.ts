// The EXIF block found by walking each container as libvips (and ImageMagick, for JPEG XL)
// write it, and a file cut short inside its structure refused rather than half-walked.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type ConcreteFormat, makePipeline } from '../../../common/pipeline.js';
import { encodeJxl, JXL_HANDOVER } from '../encoders/jxl.js';
import { ContainerUnreadable } from './containers.js';
import { exifSites } from './exif-location.js';

const EXIF = { IFD0: { Artist: 'Site test' } };

async function withExif(format: ConcreteFormat): Promise<Buffer> {
  const image = sharp({ create: { width: 24, height: 16, channels: 3, background: '#123456' } }).withExif(EXIF);
  if (format !== 'jxl') return image.toFormat(format).toBuffer();
  return encodeJxl(
    await image.png(JXL_HANDOVER).toBuffer(),
    { quality: 80, lossless: false, effort: 1 },
    makePipeline({}).limits,
  );
}

describe.each(['jpeg', 'png', 'webp', 'avif', 'jxl'] as const)('%s', (format) => {
  it('has one EXIF site, a TIFF structure holding the field written', async () => {
    const data = await withExif(format);
    const sites = exifSites(data, format);
    expect(sites).toHaveLength(1);
    expect(['II*\0', 'MM\0*']).toContain(sites[0]!.tiff.toString('latin1', 0, 4));
    expect(sites[0]!.tiff.includes('Site test')).toBe(true);
  });

  it('a file cut short inside the EXIF element is refused', async () => {
    const data = await withExif(format);
    const { element } = exifSites(data, format)[0]!;
    const cut = data.subarray(0, element.end - 4);
    expect(() => exifSites(cut, format)).toThrow(ContainerUnreadable);
  });
});

it('a file without EXIF has no site; TIFF and GIF never have one', async () => {
  const plain = sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } });
  for (const format of ['jpeg', 'png', 'webp', 'avif'] as const)
    expect(exifSites(await plain.clone().toFormat(format).toBuffer(), format), format).toEqual([]);
  expect(exifSites(Buffer.alloc(0), 'tiff')).toEqual([]);
});
