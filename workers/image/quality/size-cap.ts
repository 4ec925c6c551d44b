// The size cap: the highest quality (at most `ceiling`: the target's choice, or the fixed
// quality) whose file fits, found by interpolating log-bytes between the probes that fit and the
// ones that do not; then, when even the quality floor does not fit, shrinking the image at the
// floor until it does. Bytes are all a cap needs: these probes are scored only if chosen.
import type { ConcreteFormat } from '../../../common/pipeline.js';
import type { Probe, Prober } from './probe.js';

/** New encodes the quality search may add; one step apart is the answer. */
const CAP_BUDGET = 6;
/** Aim a little under the cap: a probe just over it costs another. */
const AIM = 0.97;
/** Bytes grow about this much per quality step, before two probes have measured it. */
const GROWTH_PER_STEP = 1.03;

export interface CapRequest {
  format: ConcreteFormat;
  maxBytes: number;
  minQuality: number;
  /** The highest quality to consider. */
  ceiling: number;
}

export interface CapResult {
  /** The highest-quality probe that fits, if any did. */
  fits?: Probe;
  /** The smallest probe made (at the floor, when nothing fit). */
  smallest: Probe;
  probes: Probe[];
}

const bytes = (p: Probe): number => p.data.length;

/** Log-bytes per quality step between two probes, or the default growth. */
function growth(a: Probe, b: Probe | undefined): number {
  if (!b || a.quality === b.quality) return Math.log(GROWTH_PER_STEP);
  const g = (Math.log(bytes(a)) - Math.log(bytes(b))) / (a.quality - b.quality);
  return Number.isFinite(g) && g > 0.001 ? g : Math.log(GROWTH_PER_STEP);
}

function nextCapQuality(probes: readonly Probe[], r: CapRequest): number | undefined {
  const within = probes.filter((p) => p.quality <= r.ceiling).sort((a, b) => a.quality - b.quality);
  const fit = within.filter((p) => bytes(p) <= r.maxBytes).at(-1);
  const over = within.find((p) => bytes(p) > r.maxBytes && (!fit || p.quality > fit.quality));
  if (fit && (fit.quality >= r.ceiling || (over && over.quality - fit.quality <= 1))) return undefined;
  if (!fit && over && over.quality <= r.minQuality) return undefined;
  const goal = Math.log(r.maxBytes * AIM);
  let q: number;
  if (fit && over) {
    const at = fit.quality + (goal - Math.log(bytes(fit))) / growth(over, fit);
    q = Math.min(over.quality - 1, Math.max(fit.quality + 1, Math.round(at)));
  } else if (over) {
    const below = within.filter((p) => p.quality < over.quality).at(-1) ?? within.find((p) => p !== over);
    q = Math.round(over.quality - (Math.log(bytes(over)) - goal) / growth(over, below));
    q = Math.min(over.quality - 1, Math.max(r.minQuality, q));
  } else {
    q = r.ceiling;
  }
  return probes.some((p) => p.quality === q) ? undefined : q;
}

/** Brings one format's file under the cap by quality alone, reusing the probes already made. */
export async function fitQuality(prober: Prober, r: CapRequest, earlier: readonly Probe[]): Promise<CapResult> {
  const probes = [...earlier];
  for (let used = 0; used < CAP_BUDGET; used++) {
    const q = nextCapQuality(probes, r);
    if (q === undefined) break;
    probes.push(await prober.probe(r.format, q, undefined, false));
  }
  const within = probes.filter((p) => p.quality <= r.ceiling);
  const fits = within
    .filter((p) => bytes(p) <= r.maxBytes)
    .sort((a, b) => b.quality - a.quality || bytes(a) - bytes(b))[0];
  const smallest = [...within].sort((a, b) => bytes(a) - bytes(b))[0]!;
  return { ...(fits ? { fits } : {}), smallest, probes };
}

/** Steps of at least 15 % in each side; at most this many. */
const DOWNSCALE_STEP = 0.85;
const DOWNSCALE_TRIES = 8;

/**
 * At the quality floor, smaller and smaller until the file fits: each step aims at the cap by
 * area (bytes follow the pixel count), and is never less than 15 %. Undefined if even the last
 * try is too large (metadata alone larger than the cap).
 */
export async function downscaleToFit(
  prober: Prober,
  r: Pick<CapRequest, 'format' | 'maxBytes' | 'minQuality'>,
  from: Probe,
): Promise<Probe | undefined> {
  const { width, height } = await prober.shape();
  let scale = 1;
  let last = bytes(from);
  for (let i = 0; i < DOWNSCALE_TRIES; i++) {
    scale *= Math.min(DOWNSCALE_STEP, Math.sqrt((r.maxBytes * AIM) / last));
    const size = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    const probe = await prober.probe(r.format, r.minQuality, size);
    if (bytes(probe) <= r.maxBytes) return probe;
    last = bytes(probe);
    if (size.width === 1 && size.height === 1) return undefined;
  }
  return undefined;
}
