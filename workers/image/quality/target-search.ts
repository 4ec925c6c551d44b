// The quality search for a target score: the lowest quality whose file scores at least the
// target, in a few probes. Quality against score is a rising curve with some noise, so each
// step brackets the target between the best probe below it and the best above, and proposes the
// next quality by the secant between them (or by the curve's slope from one side). Every probe is
// a full-size encode, whose bytes are the bytes written; the proxy only scores it. The file
// chosen is one of the probes, scored again on the whole image: if the proxy was optimistic it
// counts as a miss and the search goes on.
import type { ConcreteFormat } from '../../../common/pipeline.js';
import { type Probe, type Prober, scoreOf } from './probe.js';

interface SearchTuning {
  /** Encodes at most, the first guess included. */
  budget: number;
  /** Stop once the passing and the failing probe are this many quality steps apart. */
  tolerance: number;
  /** Stop once a passing probe is within this many points of the target. */
  closeEnough: number;
  /** Score points per quality step, before two probes have measured it. */
  slope: number;
}

/**
 * JPEG and WebP encode in milliseconds: six probes, a step apart. AVIF (libaom at one thread) and
 * JPEG XL (WebAssembly) cost seconds per probe: four, and two steps or a point above the target
 * is close enough (a quality step is about 1–2 % of the bytes; three steps and 1.5 points left
 * AVIF files up to 2.8 points above their target on the corpus photos).
 */
const TUNING: Record<ConcreteFormat, SearchTuning> = {
  jpeg: { budget: 6, tolerance: 1, closeEnough: 0.5, slope: 0.8 },
  webp: { budget: 6, tolerance: 1, closeEnough: 0.5, slope: 0.6 },
  avif: { budget: 4, tolerance: 2, closeEnough: 1, slope: 0.7 },
  jxl: { budget: 4, tolerance: 2, closeEnough: 1, slope: 0.8 },
  png: { budget: 1, tolerance: 100, closeEnough: 100, slope: 1 },
  tiff: { budget: 1, tolerance: 100, closeEnough: 100, slope: 1 },
  gif: { budget: 1, tolerance: 100, closeEnough: 100, slope: 1 },
};

export interface TargetRequest {
  format: ConcreteFormat;
  target: number;
  minQuality: number;
  first: number;
  /** A shoot-out's best so far: a failing probe at least this large cannot win, so the search stops. */
  bytesToBeat?: number | undefined;
}

export interface TargetResult {
  /** The smallest probe verified to reach the target, else the best-scoring one (verified). */
  chosen: Probe;
  met: boolean;
  /** True when the search stopped because it could no longer beat `bytesToBeat` (`chosen` is the probe that showed it). */
  outrun: boolean;
  probes: Probe[];
}

const clamp = (q: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, Math.round(q)));

/** The lowest-quality probe that passes, and the highest below it that fails. */
function bracket(probes: readonly Probe[], target: number): { lo?: Probe; hi?: Probe } {
  const sorted = [...probes].sort((a, b) => a.quality - b.quality);
  const hi = sorted.find((p) => (scoreOf(p) ?? -Infinity) >= target);
  const below = sorted.filter((p) => (scoreOf(p) ?? -Infinity) < target && (!hi || p.quality < hi.quality));
  const lo = below.at(-1);
  return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) };
}

/** The curve's slope from the two probes nearest `at`, or the format's default. */
function slopeNear(probes: readonly Probe[], at: Probe, fallback: number): number {
  const others = probes
    .filter((p) => p !== at)
    .sort((a, b) => Math.abs(a.quality - at.quality) - Math.abs(b.quality - at.quality));
  const near = others[0];
  if (!near) return fallback;
  const slope = ((scoreOf(at) ?? 0) - (scoreOf(near) ?? 0)) / (at.quality - near.quality);
  return Number.isFinite(slope) && slope > 0.05 ? Math.min(slope, 5) : fallback;
}

/** The next quality to try, or undefined when the search is done. */
function nextQuality(
  probes: readonly Probe[],
  r: Pick<TargetRequest, 'target' | 'minQuality'>,
  t: SearchTuning,
): number | undefined {
  const { lo, hi } = bracket(probes, r.target);
  const score = (p: Probe) => scoreOf(p) ?? 0;
  if (hi && (hi.quality <= r.minQuality || score(hi) - r.target <= t.closeEnough)) return undefined;
  if (lo && !hi && lo.quality >= 100) return undefined;
  let q: number;
  if (lo && hi) {
    if (hi.quality - lo.quality <= t.tolerance) return undefined;
    // Aim a little above the target: landing just short of it costs another probe.
    const aim = r.target + t.closeEnough / 2;
    const secant = lo.quality + ((aim - score(lo)) * (hi.quality - lo.quality)) / (score(hi) - score(lo));
    q = clamp(secant, lo.quality + 1, hi.quality - 1);
  } else if (hi) {
    const step = (score(hi) - r.target - t.closeEnough / 2) / slopeNear(probes, hi, t.slope);
    q = clamp(hi.quality - Math.min(30, step), r.minQuality, hi.quality - 1);
  } else {
    const step = (r.target - score(lo!)) / slopeNear(probes, lo!, t.slope) + 1;
    q = clamp(lo!.quality + Math.min(30, step), lo!.quality + 1, 100);
  }
  return probes.some((p) => p.quality === q) ? undefined : q;
}

/** Searches one format's quality for the target; `earlier` are probes of this format already made. */
export async function searchTarget(prober: Prober, r: TargetRequest, earlier: Probe[] = []): Promise<TargetResult> {
  const t = TUNING[r.format];
  const probes = [...earlier];
  let used = 0;
  let next: number | undefined = clamp(r.first, r.minQuality, 100);
  for (;;) {
    while (next !== undefined && used < t.budget) {
      probes.push(await prober.probe(r.format, next));
      used++;
      const { lo } = bracket(probes, r.target);
      // Passing needs a higher quality than this failing probe, so more bytes than the best already has.
      if (r.bytesToBeat !== undefined && lo && lo.data.length >= r.bytesToBeat)
        return { chosen: lo, met: false, outrun: true, probes };
      next = nextQuality(probes, r, t);
    }
    // The smallest passing probe, scored on the whole image; a proxy that was optimistic makes it a miss.
    const passing = probes
      .filter((p) => (scoreOf(p) ?? -Infinity) >= r.target)
      .sort((a, b) => a.data.length - b.data.length);
    for (const p of passing) {
      if ((await prober.verify(p)) >= r.target) return { chosen: p, met: true, outrun: false, probes };
      if (used < t.budget) break;
    }
    next = nextQuality(probes, r, t);
    if (next === undefined || used >= t.budget) {
      // Nothing passed on the whole image: the best-scoring probe, scored whole, with the miss reported.
      const best = [...probes].sort((a, b) => (scoreOf(b) ?? 0) - (scoreOf(a) ?? 0))[0]!;
      const met = (await prober.verify(best)) >= r.target;
      return { chosen: best, met, outrun: false, probes };
    }
  }
}
