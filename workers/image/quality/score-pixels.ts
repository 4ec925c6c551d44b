// What the score compares: an image file's pixels as 8-bit sRGB, three channels. Both sides go
// through the same decode, so a colour profile is applied to both alike; transparency is laid on
// mid-grey (libjxl's ssimulacra2 blends on 0.5 too), so colour hidden under alpha 0 does not count.
import type { ConcreteFormat, Limits } from '../../../common/pipeline.js';
import { applyLimits, magickWasm } from '../decoders/magick-wasm.js';
import sharp from '../sharp.js';
import type { RgbImage } from './tiles.js';

const MID_GREY = '#808080';

/** sharp cannot read JPEG XL: ImageMagick, which wrote it, decodes it into a PNG sharp reads. */
async function pngFromJxl(data: Buffer, limits: Limits): Promise<Buffer> {
  const magick = await magickWasm();
  applyLimits(magick, limits);
  const image = magick.MagickImage.create();
  try {
    image.read(data, new magick.MagickReadSettings({ format: magick.MagickFormat.Jxl }));
    let png: Buffer | undefined;
    image.write(magick.MagickFormat.Png, (d) => {
      png = Buffer.from(d);
    });
    if (!png) throw new Error('ImageMagick wrote no PNG for the JPEG XL file');
    return png;
  } finally {
    image.dispose();
  }
}

/** An encoded image (or the lossless reference) as the metric reads it. */
export async function rgbForScore(data: Buffer, format: ConcreteFormat | 'png', limits: Limits): Promise<RgbImage> {
  const input = format === 'jxl' ? await pngFromJxl(data, limits) : data;
  const { data: pixels, info } = await sharp(input, { limitInputPixels: limits.maxPixels })
    .flatten({ background: MID_GREY })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`Expected 3 channels for scoring but received ${info.channels}`);
  return { data: pixels, width: info.width, height: info.height };
}
