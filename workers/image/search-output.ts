// The worker's side of a quality target, a size cap or a format shoot-out: the output's final
// pixels are made once, as an uncompressed PNG that carries the metadata the policy keeps (its
// cuts already made), and every probe encodes those bytes exactly as the real output would be
// encoded. The search (quality/search-encoding.ts) picks one of the probes; it is written as it is.
import type { Sharp } from 'sharp';
import type { FileError } from '../../common/errors.js';
import type { EncodingChoice } from '../../common/job.js';
import type { ConcreteFormat, Limits, OutputSettings } from '../../common/pipeline.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';
import { keptMetadata } from './metadata/policy.js';
import { type Encoded, encodeOutput } from './output-format.js';
import type { OutputPixels } from './output-pixels.js';
import { outputEncoder } from './quality/output-encoder.js';
import { searchEncoding } from './quality/search-encoding.js';

/** The format the pipeline is planned for in a shoot-out: the one that holds the most (depth, alpha). */
export function shootOutPlanFormat(candidates: readonly ConcreteFormat[]): ConcreteFormat {
  for (const f of ['avif', 'jxl', 'webp', 'jpeg'] as const) if (candidates.includes(f)) return f;
  return candidates[0] ?? 'jpeg';
}

/** An animation is written at the fixed quality: a search scores one picture, not frames. */
export function searchIgnoredWarning(format: ConcreteFormat, quality: number): FileWarning {
  const how = format === 'gif' || format === 'png' ? 'as it is' : `at quality ${quality}`;
  return fileWarning(
    'QUALITY_IGNORED',
    `A quality target, size cap or format shoot-out applies to still images: this animation was saved ${how}.`,
  );
}

export type Searched = { encoded: Encoded; choice: EncodingChoice; warnings: FileWarning[] } | { error: FileError };

/**
 * `image` has had applyMetadata already; `format` is the output's own (its fixed quality is the
 * baseline "bytes saved" is measured against).
 */
export async function encodeBySearch(
  image: Sharp,
  format: ConcreteFormat,
  o: OutputSettings,
  limits: Limits,
  pixels: OutputPixels,
  iptc: boolean,
  signal?: AbortSignal,
): Promise<Searched> {
  image.png({ compressionLevel: 0, adaptiveFiltering: false });
  const carrier = await encodeOutput(image, 'png', o, limits);
  const warnings: FileWarning[] = [...(carrier.warnings ?? [])];
  // The carrier already holds the metadata as the policy leaves it, in sRGB when asked: the
  // probes keep its profile as it is rather than convert again.
  const asKept: OutputSettings = { ...o, toSrgb: false };
  const encode = outputEncoder(asKept, limits, pixels);
  const outcome = await searchEncoding({
    pixels: carrier.data,
    format,
    output: o,
    encode,
    limits,
    ...(signal ? { signal } : {}),
  });
  if ('error' in outcome) return outcome;
  const { choice } = outcome;
  warnings.push(...outcome.warnings);
  // A PNG cannot carry IPTC: a JPEG made through the carrier has none.
  if (iptc && keptMetadata(o).iptc && choice.format === 'jpeg')
    warnings.push(
      fileWarning(
        'METADATA_DROPPED',
        'IPTC could not be kept: a quality search encodes from a copy that cannot hold it.',
      ),
    );
  const size = choice.downscaledTo ?? { width: carrier.info.width, height: carrier.info.height };
  const info = { ...carrier.info, ...size, format: choice.format, size: outcome.data.length };
  return { encoded: { data: outcome.data, info }, choice, warnings };
}
