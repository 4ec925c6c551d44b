// The chains the oracle tries: every filter alone (with variants of its modes), every ordered
// pair and a seeded sample of ordered triples of the representative steps, seeded longer chains,
// and the chains people reported. Parameters are sized for fixtures of 48–96 px.
import type { StepInput } from '../../common/pipeline.js';

export type Chain = StepInput[];

/** One representative step per filter: these build the pairs and triples. */
export function representativeSteps(watermark: string): StepInput[] {
  return [
    { op: 'resize', params: { by: 'width', width: 40 } },
    { op: 'crop', params: { mode: 'rectangle', left: 5, top: 4, width: 36, height: 30 } },
    { op: 'rotate', params: { angle: 90 } },
    { op: 'flip', params: { direction: 'horizontal' } },
    { op: 'sharpen', params: { mode: 'precise', sigma: 1, flat: 1, jagged: 2 } },
    { op: 'blur', params: { sigma: 1.5 } },
    { op: 'denoise', params: { size: 3 } },
    { op: 'modulate', params: { brightness: 1.1, saturation: 1.4, hue: 30 } },
    { op: 'gamma', params: { gamma: 2.2 } },
    { op: 'grayscale' },
    { op: 'tint', params: { color: '#704214' } },
    { op: 'normalise', params: { lower: 1, upper: 99 } },
    { op: 'clahe', params: { width: 16, height: 16, maxSlope: 3 } },
    { op: 'negate', params: { alpha: false } },
    { op: 'threshold', params: { level: 128 } },
    { op: 'border', params: { size: 4, color: '#ff8800' } },
    { op: 'trim', params: { threshold: 10 } },
    { op: 'watermark', params: { path: watermark, gravity: 'southeast', opacity: 0.7, scale: 0.3 } },
    { op: 'text', params: { text: 'Pm', size: 12, color: '#ffff00', gravity: 'northwest' } },
  ];
}

/** Other modes of the filters whose modes take different paths through sharp. */
export function variantSteps(): StepInput[] {
  return [
    { op: 'resize', params: { by: 'box', width: 36, height: 36, fit: 'cover' } },
    { op: 'resize', params: { by: 'box', width: 40, height: 30, fit: 'contain', background: '#2040ff' } },
    { op: 'resize', params: { by: 'box', width: 30, height: 30, fit: 'fill' } },
    // A 4× reduction: large enough for JPEG shrink-on-load.
    { op: 'resize', params: { by: 'percent', percent: 25 } },
    { op: 'resize', params: { by: 'longEdge', longEdge: 120, withoutEnlargement: false, kernel: 'mitchell' } },
    { op: 'crop', params: { mode: 'attention', width: 32, height: 32 } },
    { op: 'crop', params: { mode: 'center', width: 40, height: 24 } },
    { op: 'rotate', params: { angle: 180 } },
    { op: 'rotate', params: { angle: -90 } },
    { op: 'rotate', params: { angle: 30, background: '#00000000' } },
    { op: 'flip', params: { direction: 'vertical' } },
    { op: 'flip', params: { direction: 'both' } },
    { op: 'sharpen', params: { mode: 'fast' } },
    { op: 'negate', params: { alpha: true } },
    { op: 'border', params: { size: 3, color: '#00ff0080' } },
  ];
}

/** Mulberry32: a small seeded PRNG, so that a failing chain can be run again by its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

export interface ChainSet {
  singles: Chain[];
  pairs: Chain[];
  /** Every variant before and after every representative step. */
  variantPairs: Chain[];
  triples: Chain[];
  long: Chain[];
  reported: Chain[];
}

export function oracleChains(watermark: string, opts: { triples: number; long: number; seed: number }): ChainSet {
  const reps = representativeSteps(watermark);
  const pool = [...reps, ...variantSteps()];
  const random = prng(opts.seed);
  const pairs = reps.flatMap((a) => reps.map((b) => [a, b]));
  const variantPairs = variantSteps().flatMap((v) =>
    reps.flatMap((r) => [
      [v, r],
      [r, v],
    ]),
  );
  const allTriples = reps.flatMap((a) => reps.flatMap((b) => reps.map((c) => [a, b, c])));
  // A partial Fisher–Yates shuffle: the first n of a seeded permutation, without repeats.
  for (let i = 0; i < opts.triples; i++) {
    const j = i + Math.floor(random() * (allTriples.length - i));
    [allTriples[i], allTriples[j]] = [allTriples[j]!, allTriples[i]!];
  }
  const long = Array.from({ length: opts.long }, () =>
    Array.from({ length: 5 + Math.floor(random() * 4) }, () => pick(pool, random)),
  );
  const resize = reps[0]!;
  const [sharpen, blur] = [reps[4]!, reps[5]!];
  const [wm, text] = [reps[17]!, reps[18]!];
  return {
    singles: pool.map((s) => [s]),
    pairs,
    variantPairs,
    triples: allTriples.slice(0, opts.triples),
    long,
    // The reported chains: sharpen or blur, then an overlay, then resize (saturated yellow);
    // and the ordinary chain the preview broke by appending its own resize.
    reported: [
      [sharpen, wm, resize],
      [sharpen, text, resize],
      [blur, wm, resize],
      [blur, text, resize],
      [resize, sharpen, wm, text],
      [resize, sharpen, wm, text, resize],
    ],
  };
}

export const describeChain = (chain: Chain): string =>
  chain
    .map((s) => {
      const p = Object.entries(s.params ?? {})
        .filter(([k]) => k !== 'path')
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return p ? `${s.op}(${p})` : s.op;
    })
    .join(' → ');
