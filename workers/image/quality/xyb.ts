// The colour side of SSIMULACRA2: 8-bit sRGB into linear-light planes, 2×2 box downscaling in
// linear light (the metric's pyramid), and linear RGB into the XYB space JPEG XL models the eye
// with, shifted into 0…1 the way the metric expects. Constants from libjxl (opsin_params.h and
// tools/ssimulacra2.cc, BSD licence).

/** Three planes of one image, row-major, one float per pixel each. */
export interface Planes {
  width: number;
  height: number;
  c0: Float32Array;
  c1: Float32Array;
  c2: Float32Array;
}

export function newPlanes(width: number, height: number): Planes {
  const n = width * height;
  return { width, height, c0: new Float32Array(n), c1: new Float32Array(n), c2: new Float32Array(n) };
}

/** The sRGB transfer curve for every 8-bit value. */
const SRGB_TO_LINEAR = Float32Array.from({ length: 256 }, (_, i) => {
  const v = i / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
});

/** Interleaved 8-bit sRGB (3 channels) into linear-light R, G, B planes. */
export function linearFromSrgb(rgb: Uint8Array, width: number, height: number, into?: Planes): Planes {
  const out = into ?? newPlanes(width, height);
  const { c0, c1, c2 } = out;
  for (let i = 0, j = 0; i < c0.length; i++, j += 3) {
    c0[i] = SRGB_TO_LINEAR[rgb[j]!]!;
    c1[i] = SRGB_TO_LINEAR[rgb[j + 1]!]!;
    c2[i] = SRGB_TO_LINEAR[rgb[j + 2]!]!;
  }
  return out;
}

/** Half the size in each direction (into `into` when given, to reuse its memory), each pixel the mean of a 2×2 block (edges repeat the last pixel). */
export function downscaleByTwo(p: Planes, into?: Planes): Planes {
  const w = Math.ceil(p.width / 2);
  const h = Math.ceil(p.height / 2);
  const out = into ?? newPlanes(w, h);
  for (const [src, dst] of [
    [p.c0, out.c0],
    [p.c1, out.c1],
    [p.c2, out.c2],
  ] as const) {
    for (let oy = 0; oy < h; oy++) {
      const y0 = 2 * oy * p.width;
      const y1 = Math.min(2 * oy + 1, p.height - 1) * p.width;
      for (let ox = 0; ox < w; ox++) {
        const x0 = 2 * ox;
        const x1 = Math.min(x0 + 1, p.width - 1);
        dst[oy * w + ox] = (src[y0 + x0]! + src[y0 + x1]! + src[y1 + x0]! + src[y1 + x1]!) * 0.25;
      }
    }
  }
  return out;
}

// The opsin absorbance matrix and bias.
const M00 = 0.3;
const M01 = 1 - 0.078 - 0.3;
const M02 = 0.078;
const M10 = 0.23;
const M11 = 1 - 0.078 - 0.23;
const M12 = 0.078;
const M20 = 0.24342268924547819;
const M21 = 0.20476744424496821;
const M22 = 1 - M20 - M21;
const BIAS = 0.0037930732552754493;
const CBRT_BIAS = Math.cbrt(BIAS);

/**
 * How XYB is shifted into about 0…1 before the SSIM formulas (the metric's versions differ here):
 * X′ = X·xScale + xOffset, Y′ = Y + yOffset, B′ = B − Y + bOffset.
 */
export interface PositiveXyb {
  xScale: number;
  xOffset: number;
  yOffset: number;
  bOffset: number;
}

/** SSIMULACRA 2.1's shift. */
export const POSITIVE_XYB_21: PositiveXyb = { xScale: 14, xOffset: 0.42, yOffset: 0.01, bOffset: 0.55 };

/** Linear RGB planes into positive XYB planes (X, Y, B−Y). */
export function xybFromLinear(p: Planes, positive: PositiveXyb = POSITIVE_XYB_21, into?: Planes): Planes {
  const out = into ?? newPlanes(p.width, p.height);
  const { c0: x, c1: y, c2: bOut } = out;
  const { c0: r, c1: g, c2: b } = p;
  const { xScale, xOffset, yOffset, bOffset } = positive;
  for (let i = 0; i < r.length; i++) {
    const ri = r[i]!;
    const gi = g[i]!;
    const bi = b[i]!;
    const l = Math.cbrt(Math.max(0, M00 * ri + M01 * gi + M02 * bi + BIAS)) - CBRT_BIAS;
    const m = Math.cbrt(Math.max(0, M10 * ri + M11 * gi + M12 * bi + BIAS)) - CBRT_BIAS;
    const s = Math.cbrt(Math.max(0, M20 * ri + M21 * gi + M22 * bi + BIAS)) - CBRT_BIAS;
    const yi = 0.5 * (l + m);
    x[i] = 0.5 * (l - m) * xScale + xOffset;
    y[i] = yi + yOffset;
    bOut[i] = s - yi + bOffset;
  }
  return out;
}
