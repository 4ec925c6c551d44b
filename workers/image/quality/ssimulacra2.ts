// SSIMULACRA 2.1 (Jon Sneyers, Cloudinary; libjxl tools/ssimulacra2.cc, BSD licence): SSIM and
// two edge maps (ringing/blocking, blurring) for X, Y and B−Y at six scales, 1-norms and
// 4-norms pooled by weights tuned on subjective scores. Its scale is the score the spec uses
// (common/pipeline.ts TARGET_SCORE): 100 identical, 90 visually lossless, 70 high quality, 50
// medium, 30 low. The reference's half of the work (its XYB planes, local means and variances)
// is done once per image, so each probe pays only its own half.
//
// Our own code, checked against libjxl's documented XYB ranges and its filter's definition: the
// one SSIMULACRA2 on npm (calc-s2-rust, WebAssembly) has had one release, computes version 2.0
// (2.1 replaced it in April 2023), prints a line to stdout on every call (which would corrupt
// `pixmill run --json` in inline mode), has no Node entry point, and took 2.7–3.2 s per
// megapixel here. An SSIM library (ssim.js) would be luma only, the known weakness of
// jpeg-recompress-style searches, and SSIM's scale says less about what people see.
import { BlurScratch, blur } from './gaussian.js';
import {
  downscaleByTwo,
  linearFromSrgb,
  newPlanes,
  type Planes,
  POSITIVE_XYB_21,
  type PositiveXyb,
  xybFromLinear,
} from './xyb.js';

const SCALES = 6;
/** SSIM's stabilising constant for the variances (the means' one is dropped by the metric). */
const C2 = 0.0009;
/** The metric stops at the first scale smaller than this in either direction. */
const MIN_SIDE = 8;

/** A version of the metric: how XYB is made positive, the 108 weights, the final curve. */
export interface Ssimulacra2Version {
  positive: PositiveXyb;
  weights: readonly number[];
  finish: (weighted: number) => number;
}

// biome-ignore format: one weight per line would be 108 lines of numbers.
const WEIGHTS_21 = [
  0, 0.0007376606707406586, 0, 0, 0.0007793481682867309, 0, 0, 0.0004371155730107379, 0,
  1.1041726426657346, 0.00066284834129271, 0.00015231632783718752, 0, 0.0016406437456599754, 0,
  1.8422455520539298, 11.441172603757666, 0, 0.0007989109436015163, 0.000176816438078653, 0,
  1.8787594979546387, 10.94906990605142, 0, 0.0007289346991508072, 0.9677937080626833, 0,
  0.00014003424285435884, 0.9981766977854967, 0.00031949755934435053, 0.0004550992113792063, 0, 0,
  0.0013648766163243398, 0, 0, 0, 0, 0, 7.466890328078848, 0, 17.445833984131262,
  0.0006235601634041466, 0, 0, 6.683678146179332, 0.00037724407979611296, 1.027889937768264,
  225.20515300849274, 0, 0, 19.213238186143016, 0.0011401524586618361, 0.001237755635509985,
  176.39317598450694, 0, 0, 24.43300999870476, 0.28520802612117757, 0.0004485436923833408, 0, 0, 0,
  34.77906344483772, 44.835625328877896, 0, 0, 0, 0, 0, 0, 0, 0, 0.0008680556573291698, 0, 0, 0, 0,
  0, 0.0005313191874358747, 0, 0.00016533814161379112, 0, 0, 0, 0, 0, 0.0004179171803251336,
  0.0017290828234722833, 0, 0.0020827005846636437, 0, 0, 8.826982764996862, 23.19243343998926, 0,
  95.1080498811086, 0.9863978034400682, 0.9834382792465353, 0.0012286405048278493,
  171.2667255897307, 0.9807858872435379, 0, 0, 0, 0.0005130064588990679, 0, 0.00010854057858411537,
] as const;

const SSIMULACRA2_1: Ssimulacra2Version = {
  positive: POSITIVE_XYB_21,
  weights: WEIGHTS_21,
  finish: (weighted) => {
    let s = weighted * 0.9562382616834844;
    s = 2.326765642916932 * s - 0.020884521182843837 * s * s + 6.248496625763138e-5 * s * s * s;
    return s > 0 ? 100 - 10 * s ** 0.6276336467831387 : 100;
  },
};

/** One scale of the reference: its XYB planes, their local means and blurred squares. */
interface ReferenceScale {
  xyb: Planes;
  mu: Planes;
  sq: Planes;
}

export interface Reference {
  width: number;
  height: number;
  version: Ssimulacra2Version;
  /** Indexed by scale; a scale left out (see prepareReference's `scales`) is not compared. */
  scales: (ReferenceScale | undefined)[];
  /** The distorted side's planes, reused from probe to probe (zeroing and collecting them cost as much as a blur). */
  work?: Workspace;
}

interface Workspace {
  linear: Planes[];
  xyb: Planes[];
  /** One channel's local mean, blurred square and blurred product with the reference (full size, reused at every scale). */
  blurred: [Float32Array, Float32Array, Float32Array];
  scratch: BlurScratch;
}

function workspace(ref: Reference): Workspace {
  if (ref.work) return ref.work;
  const sizes: { width: number; height: number }[] = [];
  for (let w = ref.width, h = ref.height, s = 0; s < ref.scales.length; s++) {
    sizes.push({ width: w, height: h });
    w = Math.ceil(w / 2);
    h = Math.ceil(h / 2);
  }
  const planes = () => sizes.map((z) => newPlanes(z.width, z.height));
  const n = ref.width * ref.height;
  ref.work = {
    linear: planes(),
    xyb: planes(),
    blurred: [new Float32Array(n), new Float32Array(n), new Float32Array(n)],
    scratch: new BlurScratch(ref.width, ref.height),
  };
  return ref.work;
}

/** Scales `from` (inclusive) to `to` (exclusive); 0 is full size, 5 is 1:32. */
export interface ScaleRange {
  from: number;
  to: number;
}

const ALL_SCALES: ScaleRange = { from: 0, to: SCALES };

/**
 * Sums over one image (or one tile) per scale: for each channel, Σd and Σd⁴ of the SSIM error,
 * of the ringing and of the blurring maps, and the pixel count. Sums of tiles add up, so a
 * score over several tiles is the score of their union.
 */
export interface ScaleSums {
  pixels: number;
  /** [channel × 6]: ssim, ssim⁴, ringing, ringing⁴, blurring, blurring⁴. */
  sums: Float64Array;
}

const planesOf = (p: Planes): [Float32Array, Float32Array, Float32Array] => [p.c0, p.c1, p.c2];

function blurPlanes(a: Planes, b: Planes | null, temp: BlurScratch, into?: Planes): Planes {
  const out = into ?? newPlanes(a.width, a.height);
  const src = planesOf(a);
  const other = b ? planesOf(b) : null;
  const dst = planesOf(out);
  for (let c = 0; c < 3; c++) blur(src[c]!, other ? other[c]! : null, a.width, a.height, dst[c]!, temp);
  return out;
}

/**
 * The linear-light pyramid: the image itself, then each 2×2 downscale of it. As in libjxl, the
 * size is checked before downscaling, so the last scale may be smaller than 8 on a side.
 */
function* pyramid(rgb: Uint8Array, width: number, height: number, into?: Planes[]): Generator<Planes> {
  let linear = linearFromSrgb(rgb, width, height, into?.[0]);
  for (let s = 0; s < SCALES && linear.width >= MIN_SIDE && linear.height >= MIN_SIDE; s++) {
    if (s > 0) linear = downscaleByTwo(linear, into?.[s]);
    yield linear;
  }
}

/** The reference's half of the metric, for interleaved 8-bit sRGB pixels, at the scales asked for. */
export function prepareReference(
  rgb: Uint8Array,
  width: number,
  height: number,
  range: ScaleRange = ALL_SCALES,
  version: Ssimulacra2Version = SSIMULACRA2_1,
): Reference {
  const scales: (ReferenceScale | undefined)[] = [];
  let temp: BlurScratch | undefined;
  let s = 0;
  for (const linear of pyramid(rgb, width, height)) {
    if (s >= range.to) break;
    if (s++ < range.from) {
      scales.push(undefined);
      continue;
    }
    temp ??= new BlurScratch(linear.width, linear.height);
    const xyb = xybFromLinear(linear, version.positive);
    scales.push({ xyb, mu: blurPlanes(xyb, null, temp), sq: blurPlanes(xyb, xyb, temp) });
  }
  return { width, height, version, scales };
}

/**
 * The per-scale sums of a distorted image (same size, interleaved 8-bit sRGB) against the
 * reference, at the scales the reference was prepared for (the others are left empty).
 */
export function compareSums(ref: Reference, rgb: Uint8Array): (ScaleSums | undefined)[] {
  const out: (ScaleSums | undefined)[] = [];
  const work = workspace(ref);
  const temp = work.scratch;
  let s = 0;
  for (const linear of pyramid(rgb, ref.width, ref.height, work.linear)) {
    if (s >= ref.scales.length) break;
    const at = s;
    const r = ref.scales[s++];
    if (!r) {
      out.push(undefined);
      continue;
    }
    const xyb = xybFromLinear(linear, ref.version.positive, work.xyb[at]);
    const { width, height } = linear;
    const [m2, s22, s12] = work.blurred;
    const sums = new Float64Array(18);
    const [ref1, refMu, refSq, dist] = [r.xyb, r.mu, r.sq, xyb].map(planesOf);
    // Channel by channel: the distorted side's three blurred planes exist for one channel at a time.
    for (let c = 0; c < 3; c++) {
      const i1 = ref1![c]!;
      const m1 = refMu![c]!;
      const s11 = refSq![c]!;
      const i2 = dist![c]!;
      blur(i2, null, width, height, m2, temp);
      blur(i2, i2, width, height, s22, temp);
      blur(i1, i2, width, height, s12, temp);
      let ssim = 0;
      let ssim4 = 0;
      let ring = 0;
      let ring4 = 0;
      let blurred = 0;
      let blurred4 = 0;
      for (let i = 0; i < width * height; i++) {
        const mu1 = m1[i]!;
        const mu2 = m2[i]!;
        // The metric drops SSIM's denominator for the means: the values are already perceptual.
        const numM = 1 - (mu1 - mu2) * (mu1 - mu2);
        const numS = 2 * (s12[i]! - mu1 * mu2) + C2;
        const denS = s11[i]! - mu1 * mu1 + (s22[i]! - mu2 * mu2) + C2;
        const d = Math.max(0, 1 - (numM * numS) / denS);
        ssim += d;
        ssim4 += d * d * d * d;
        // > 0: an edge the original lacks (ringing, blocking, banding); < 0: an edge it lost (blur).
        const e = (1 + Math.abs(i2[i]! - mu2)) / (1 + Math.abs(i1[i]! - mu1)) - 1;
        if (e > 0) {
          ring += e;
          ring4 += e * e * e * e;
        } else {
          blurred -= e;
          blurred4 += e * e * e * e;
        }
      }
      sums.set([ssim, ssim4, ring, ring4, blurred, blurred4], c * 6);
    }
    out.push({ pixels: width * height, sums });
  }
  return out;
}

/** Adds sums scale by scale: tiles of one image, or the scales of one part to another's. */
export function addSums(parts: readonly (ScaleSums | undefined)[][]): ScaleSums[] {
  const out: ScaleSums[] = [];
  for (const part of parts) {
    part.forEach((scale, s) => {
      if (!scale) return;
      out[s] ??= { pixels: 0, sums: new Float64Array(18) };
      const acc = out[s];
      acc.pixels += scale.pixels;
      for (let i = 0; i < 18; i++) acc.sums[i]! += scale.sums[i]!;
    });
  }
  return out;
}

/** The score from the sums: norms per scale, weighted in the metric's order, then its curve. */
export function poolScore(scales: readonly ScaleSums[], version: Ssimulacra2Version = SSIMULACRA2_1): number {
  let weighted = 0;
  let w = 0;
  const norm = (sum: number, pixels: number, fourth: boolean) =>
    fourth ? Math.sqrt(Math.sqrt(sum / pixels)) : sum / pixels;
  for (let c = 0; c < 3; c++) {
    // An image too small for all six scales takes the next weights for the next channel, exactly
    // as libjxl's loop does: it counts weights over the scales it has.
    for (const scale of scales) {
      for (let n = 0; n < 2; n++) {
        const at = (k: number) => norm(scale.sums[c * 6 + k * 2 + n]!, scale.pixels, n === 1);
        weighted += version.weights[w++]! * at(0);
        weighted += version.weights[w++]! * at(1);
        weighted += version.weights[w++]! * at(2);
      }
    }
  }
  return version.finish(weighted);
}

/** SSIMULACRA2 of a distorted image against the prepared reference. */
export const scoreAgainst = (ref: Reference, rgb: Uint8Array): number =>
  poolScore(addSums([compareSums(ref, rgb)]), ref.version);
