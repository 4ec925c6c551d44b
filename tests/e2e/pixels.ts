// Reads a preview <img>'s data URL back into pixels with sharp, in the test process, so the test
// judges what the person sees rather than what the app says it did.

import type { Locator } from 'playwright-core';
import sharp from 'sharp';

export interface Colourfulness {
  /** Mean over the image of max(|R−G|, |G−B|, |R−B|): 0 for grey. */
  meanChroma: number;
  /** The largest channel difference of any pixel. */
  maxChroma: number;
  meanLuma: number;
}

export async function imageSrc(img: Locator): Promise<string> {
  const src = await img.getAttribute('src');
  if (!src?.startsWith('data:image/')) throw new Error(`Expected a data: image URL, got ${src?.slice(0, 40)}`);
  return src;
}

export async function measure(dataUrl: string): Promise<Colourfulness> {
  const buffer = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  // Grey images may come back with one channel; sRGB makes every image three comparable channels.
  const { data, info } = await sharp(buffer)
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  let chroma = 0;
  let maxChroma = 0;
  let luma = 0;
  const pixels = info.width * info.height;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
    const c = Math.max(Math.abs(r - g), Math.abs(g - b), Math.abs(r - b));
    chroma += c;
    maxChroma = Math.max(maxChroma, c);
    luma += (r + g + b) / 3;
  }
  return { meanChroma: chroma / pixels, maxChroma, meanLuma: luma / pixels };
}
