// One probe: the output encoded at one quality (and size), exactly as it would be written, and
// scored. Every encode goes through here, so the count the report gives is the count made.
import type { Sharp } from 'sharp';
import type { ConcreteFormat, Limits } from '../../../common/pipeline.js';
import { holdsAlpha } from '../output-format.js';
import { Cancelled } from '../run-stages.js';
import sharp from '../sharp.js';
import { rgbForScore } from './score-pixels.js';
import { type ProxyPlan, Scorer } from './scorer.js';
import type { RgbImage } from './tiles.js';

/** Encodes the output's pixels as the real output: its encoder options and metadata. */
export type EncodeFn = (image: Sharp, format: ConcreteFormat, quality: number) => Promise<Buffer>;

export interface Probe {
  format: ConcreteFormat;
  quality: number;
  data: Buffer;
  /** Set when the probe was made smaller than the output to fit a size cap. */
  size?: { width: number; height: number };
  /** The proxy's estimate (tiles), when the probe was scored on it. */
  proxyScore?: number;
  /** The score against the whole image; once known, it is the one every decision uses. */
  fullScore?: number;
}

/** The score a decision uses: the whole image's when known, else the proxy's. */
export const scoreOf = (p: Probe): number | undefined => p.fullScore ?? p.proxyScore;

/**
 * Scored on the proxy above 0.6 MP, with tiles over an eighth of the image (at least four):
 * measured on photos at 1024–1600 px (JPEG q40–92, WebP q50–90, AVIF q35–65), tiles over a tenth
 * to a third of the image all stayed within 0.7 points of the whole image's score (a sparse
 * image, a bug on a transparent ground, needed a dozen tiles). An eighth costs about a fifth of
 * scoring the whole image. A chosen file is always scored whole.
 */
const PROXY: ProxyPlan = { from: 600_000, share: 0.125 };

const MID_GREY = '#808080';

export interface ProberOptions {
  pixels: Buffer;
  encode: EncodeFn;
  limits: Limits;
  /** What a format without transparency (JPEG) lays it on, as the output does. */
  background: string;
  signal?: AbortSignal | undefined;
}

export class Prober {
  encodes = 0;
  private readonly scorers = new Map<string, Promise<Scorer>>();
  /** Each probe's decoded pixels, kept for its whole-image score should it be chosen. */
  private readonly decoded = new WeakMap<Probe, RgbImage>();
  private meta: Promise<{ width: number; height: number; hasAlpha: boolean }> | undefined;

  constructor(private readonly o: ProberOptions) {}

  /** The output's own size and whether it has transparency. */
  shape(): Promise<{ width: number; height: number; hasAlpha: boolean }> {
    this.meta ??= sharp(this.o.pixels)
      .metadata()
      .then((m) => ({ width: m.width ?? 1, height: m.height ?? 1, hasAlpha: m.hasAlpha ?? false }));
    return this.meta;
  }

  /**
   * The reference as this format's file will show it: laid on the output's background for a
   * format without transparency, on mid-grey (both sides alike) for the others.
   */
  private scorer(format: ConcreteFormat): Promise<Scorer> {
    const background = holdsAlpha(format) ? MID_GREY : this.o.background;
    let scorer = this.scorers.get(background);
    if (!scorer) {
      scorer = sharp(this.o.pixels)
        .flatten({ background })
        .png({ compressionLevel: 0 })
        .toBuffer()
        .then((png) => rgbForScore(png, 'png', this.o.limits))
        .then((rgb) => new Scorer(rgb, PROXY));
      this.scorers.set(background, scorer);
    }
    return scorer;
  }

  /**
   * Encodes the output at this quality. Scored if asked, and never when it was made smaller
   * (there is nothing of its size to compare it with).
   */
  async probe(
    format: ConcreteFormat,
    quality: number,
    size?: { width: number; height: number },
    scored = true,
  ): Promise<Probe> {
    if (this.o.signal?.aborted) throw new Cancelled();
    let image = sharp(this.o.pixels, { limitInputPixels: this.o.limits.maxPixels });
    if (size) image = image.resize(size.width, size.height, { fit: 'fill' });
    const data = await this.o.encode(image, format, quality);
    this.encodes++;
    const probe: Probe = { format, quality, data, ...(size ? { size } : {}) };
    if (size || !scored) return probe;
    const scorer = await this.scorer(format);
    const rgb = await rgbForScore(data, format, this.o.limits);
    this.decoded.set(probe, rgb);
    if (scorer.tiles) probe.proxyScore = scorer.proxyScore(rgb);
    else probe.fullScore = scorer.fullScore(rgb);
    return probe;
  }

  /** The probe's score against the whole image, worked out once. */
  async verify(probe: Probe): Promise<number> {
    if (probe.fullScore === undefined) {
      const scorer = await this.scorer(probe.format);
      const rgb = this.decoded.get(probe) ?? (await rgbForScore(probe.data, probe.format, this.o.limits));
      probe.fullScore = scorer.fullScore(rgb);
    }
    return probe.fullScore;
  }
}
