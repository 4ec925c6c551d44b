// Which of the preview's warnings hold for the batch's output. The preview writes JPEG, WebP and
// GIF as the batch does, but stands in lossless PNG for TIFF, AVIF and "same as original" (quick
// to write, and the browser shows it) and writes PNG at the lowest effort: a warning about the
// written format would then be about the stand-in, not about what the batch will write.
import type { OutputFormat } from '../../../common/pipeline';
import type { FileWarning, WarningCode } from '../../../common/warnings';

const WRITTEN_AS_IS: ReadonlySet<OutputFormat> = new Set<OutputFormat>(['jpeg', 'webp', 'gif']);
const ABOUT_THE_FORMAT: ReadonlySet<WarningCode> = new Set<WarningCode>([
  'FORMAT_CHANGED',
  'METADATA_DROPPED',
  'ANIMATION_FLATTENED',
  'ALPHA_FLATTENED',
  'DEPTH_REDUCED',
  'PAGES_DROPPED',
  'TIMING_CHANGED',
  'QUALITY_IGNORED',
  'OUTPUT_LARGER',
]);

export function previewWarnings(warnings: readonly FileWarning[], format: OutputFormat): readonly FileWarning[] {
  if (WRITTEN_AS_IS.has(format)) return warnings;
  if (format === 'png') return warnings.filter((w) => w.code !== 'OUTPUT_LARGER');
  return warnings.filter((w) => !ABOUT_THE_FORMAT.has(w.code));
}
