// Per image, the encoder settings a quality target, a size cap or a format shoot-out asks for,
// and the file they make. The worker hands over the output's final pixels (a lossless PNG, in the
// output's colourspace and size, with its metadata) and an encoder that writes them exactly as
// the real output; what comes back is one of the files that encoder made, never a re-encode.
//
// A shoot-out compares formats at one perceptual score: without a target it uses the default
// target (TARGET_SCORE.default), because "the same quality number" means different things to
// different encoders (AVIF at 82 is far better, and far larger, than JPEG at 82), so the
// smallest file at equal numbers would say nothing about which format is better for the image.
import type { FileError } from '../../../common/errors.js';
import type { EncodingChoice } from '../../../common/job.js';
import {
  type ConcreteFormat,
  type Limits,
  limitsSchema,
  type OutputSettings,
  type SearchableFormat,
  TARGET_SCORE,
} from '../../../common/pipeline.js';
import { isSearchable } from '../../../common/recipes.js';
import type { FileWarning } from '../../../common/warnings.js';
import { type FormatOutcome, searchFormat } from './format-search.js';
import { type EncodeFn, type Probe, Prober, scoreOf } from './probe.js';

export type { EncodeFn } from './probe.js';

export interface SearchRequest {
  /** The output's final pixels, losslessly (e.g. an uncompressed PNG), metadata included. */
  pixels: Buffer;
  /**
   * The output's format for this image ("keep" already resolved). With a shoot-out it is the
   * format `bytesAtFixed` is measured in; otherwise the one searched.
   */
  format: ConcreteFormat;
  output: Pick<
    OutputSettings,
    'quality' | 'lossless' | 'targetScore' | 'maxBytes' | 'sizeCapOutcome' | 'minQuality' | 'pickFormat' | 'background'
  >;
  /** Applies the output's encoder options and metadata to the image and returns the file's bytes. */
  encode: EncodeFn;
  /** Pixel and memory limits for decoding the probes (the defaults when left out). */
  limits?: Limits;
  signal?: AbortSignal;
}

export type SearchOutcome = { data: Buffer; choice: EncodingChoice; warnings: FileWarning[] } | { error: FileError };

/**
 * The first quality a shoot-out tries in a format other than the output's own, for a target
 * score: what reached the target on the bench's photos, rounded (the output's own format starts
 * at the recipe's `quality`, which doubles as the fixed-quality file).
 */
const FIRST_GUESS: Record<SearchableFormat, (target: number) => number> = {
  jpeg: (t) => t + 2,
  webp: (t) => t + 4,
  avif: (t) => t - 22,
  jxl: (t) => t - 5,
};

/**
 * The format likely to be smallest first: once it has its file, each other format stops at its
 * first failing probe that is already larger (more quality would only add bytes), so the
 * formats that lose cost a probe or two instead of a whole search.
 */
const LIKELY_SMALLEST: readonly ConcreteFormat[] = ['avif', 'jxl', 'webp', 'jpeg'];

/** Passing files first, smallest first; then the best score; a downscaled file last. */
function rank(a: FormatOutcome, b: FormatOutcome): number {
  const key = (o: FormatOutcome) => [o.chosen?.size ? 1 : 0, o.met === false ? 1 : 0] as const;
  const [ka, kb] = [key(a), key(b)];
  if (ka[0] !== kb[0]) return ka[0] - kb[0];
  if (ka[1] !== kb[1]) return ka[1] - kb[1];
  if (a.met === false) return (scoreOf(b.chosen!) ?? 0) - (scoreOf(a.chosen!) ?? 0);
  return a.chosen!.data.length - b.chosen!.data.length;
}

export async function searchEncoding(req: SearchRequest): Promise<SearchOutcome> {
  const o = req.output;
  const shootOut = o.pickFormat.length > 0;
  const formats: ConcreteFormat[] = shootOut
    ? [...new Set(o.pickFormat)].sort((a, b) => LIKELY_SMALLEST.indexOf(a) - LIKELY_SMALLEST.indexOf(b))
    : [req.format];
  const target = o.targetScore ?? (shootOut ? TARGET_SCORE.default : undefined);
  const prober = new Prober({
    pixels: req.pixels,
    encode: req.encode,
    limits: req.limits ?? limitsSchema.parse({}),
    background: o.background,
    signal: req.signal,
  });
  const outcomes: FormatOutcome[] = [];
  for (const format of formats) {
    const searchable = isSearchable(format) && !o.lossless;
    const own = format === req.format;
    const best = outcomes.filter((x) => x.met && !x.chosen?.size).sort(rank)[0];
    outcomes.push(
      await searchFormat(prober, {
        format,
        searchable,
        target,
        maxBytes: o.maxBytes,
        outcome: o.sizeCapOutcome,
        minQuality: o.minQuality,
        first: own || target === undefined || !searchable ? o.quality : FIRST_GUESS[format as SearchableFormat](target),
        // The cap may change the ranking, so only a shoot-out without one stops a format early.
        bytesToBeat: o.maxBytes === undefined ? best?.chosen?.data.length : undefined,
      }),
    );
  }
  const written = outcomes.filter((x) => x.chosen && !x.error && !x.outrun).sort(rank)[0];
  if (!written?.chosen) return { error: outcomes.find((x) => x.error)!.error! };
  const chosen = written.chosen;
  const fixed = await fixedProbe(prober, req, outcomes);
  const choice: EncodingChoice = {
    format: chosen.format,
    quality: chosen.quality,
    ...(chosen.fullScore !== undefined ? { score: chosen.fullScore } : {}),
    encodes: prober.encodes,
    ...(fixed ? { bytesAtFixed: fixed.data.length } : {}),
    ...(fixed && scoreOf(fixed) !== undefined ? { scoreAtFixed: scoreOf(fixed)! } : {}),
    ...(chosen.size ? { downscaledTo: chosen.size } : {}),
    ...(shootOut ? { candidates: outcomes.flatMap(candidate) } : {}),
  };
  return { data: chosen.data, choice, warnings: written.warnings };
}

/** A shoot-out's report of one format: the file it would write, or the probe that showed it could not win. */
function candidate(x: FormatOutcome): NonNullable<EncodingChoice['candidates']> {
  if (!x.chosen) return [];
  const score = scoreOf(x.chosen);
  return [
    {
      format: x.format,
      bytes: x.chosen.data.length,
      quality: x.chosen.quality,
      ...(score !== undefined ? { score } : {}),
    },
  ];
}

/**
 * The file the recipe's fixed quality would write, for "bytes saved": usually the search's first
 * probe; a shoot-out that left the output's own format out encodes it once more (and counts it).
 */
async function fixedProbe(prober: Prober, req: SearchRequest, outcomes: FormatOutcome[]): Promise<Probe | undefined> {
  const made = outcomes
    .flatMap((x) => x.probes)
    .find((p) => p.format === req.format && p.quality === req.output.quality && !p.size);
  if (made) return made;
  if (req.output.pickFormat.length === 0) return undefined;
  return prober.probe(req.format, req.output.quality);
}
