// Pixel comparison of two encoded images in one colour space (8-bit sRGB, every frame).
import sharp from 'sharp';

export interface Difference {
  /** Why the images cannot be compared pixel by pixel, if they cannot. */
  shape?: string;
  /** Per channel mean absolute error, in levels of 255. */
  mean: number[];
  /** Per channel largest absolute error. */
  max: number[];
  /** Fraction of samples that differ by more than OUTLIER_LEVELS. */
  outliers: number;
}

export const OUTLIER_LEVELS = 8;

/**
 * Tolerance, in levels of 255 (colour weighted by alpha): a mean absolute error per channel of at
 * most 1 level, and at most 0.5 % of samples off by more than 8 levels. Independent passes round
 * to 8 bits after every step where a fused pipeline rounds once, which costs well under a level
 * on average; a few samples may differ more where a step is discontinuous (threshold flips a
 * pixel that sat on the level, a smart crop's choice, a glyph's anti-aliasing).
 */
export const TOLERANCE = { mean: 1, outliers: 0.005 } as const;

interface Decoded {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
  pages: number;
}

async function decode(input: string | Buffer): Promise<Decoded> {
  const meta = await sharp(input, { animated: true }).metadata();
  const { data, info } = await sharp(input, { animated: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  // The file's own channel count: a grey PNG decodes to three channels, an RGB PNG too.
  return {
    data,
    width: info.width,
    height: info.height,
    channels: meta.channels ?? info.channels,
    pages: meta.pages ?? 1,
  };
}

/**
 * Colour is weighted by alpha: what a viewer sees over any background. Under fully transparent
 * pixels colour is invisible, and encoders and premultiplied resampling change it freely.
 */
export async function compareImages(actual: string | Buffer, expected: string | Buffer): Promise<Difference> {
  const [a, e] = await Promise.all([decode(actual), decode(expected)]);
  const shapeOf = (d: Decoded): string =>
    `${d.width}×${d.height}×${d.channels}${d.pages > 1 ? ` ${d.pages} pages` : ''}`;
  if (shapeOf(a) !== shapeOf(e) || a.data.length !== e.data.length) {
    return { shape: `${shapeOf(a)} (fused) vs ${shapeOf(e)} (step by step)`, mean: [], max: [], outliers: 1 };
  }
  const bands = a.data.length / (a.width * a.height);
  const alpha = bands === 4 || bands === 2;
  const sum = new Array<number>(bands).fill(0);
  const max = new Array<number>(bands).fill(0);
  let outliers = 0;
  for (let i = 0; i < a.data.length; i += bands) {
    const aa = alpha ? a.data[i + bands - 1]! / 255 : 1;
    const ea = alpha ? e.data[i + bands - 1]! / 255 : 1;
    for (let c = 0; c < bands; c++) {
      const isAlpha = alpha && c === bands - 1;
      const d = isAlpha
        ? Math.abs(a.data[i + c]! - e.data[i + c]!)
        : Math.abs(a.data[i + c]! * aa - e.data[i + c]! * ea);
      sum[c]! += d;
      if (d > max[c]!) max[c] = d;
      if (d > OUTLIER_LEVELS) outliers++;
    }
  }
  const n = a.data.length / bands;
  return { mean: sum.map((s) => s / n), max: max.map((m) => Math.round(m)), outliers: outliers / a.data.length };
}

export const formatDifference = (d: Difference): string =>
  d.shape ??
  `mean ${d.mean.map((m) => m.toFixed(2)).join('/')} max ${d.max.join('/')} outliers ${(100 * d.outliers).toFixed(2)}%`;
