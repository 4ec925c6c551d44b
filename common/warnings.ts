// What a file can lose on its way to an output without failing: each such loss is one warning
// row, `{ code, message }`, that travels with the result to the CLI (stderr, --json) and the
// window. Nothing is dropped silently.

export const WARNING_CODES = [
  /** "Keep original" could not write the input's format: another format was chosen. */
  'FORMAT_CHANGED',
  /** EXIF, XMP, IPTC or the colour profile was not kept although the settings asked for it. */
  'METADATA_DROPPED',
  /** An animation was saved as its first frame only. */
  'ANIMATION_FLATTENED',
  /** Transparency was replaced by a background colour (the output format has no alpha). */
  'ALPHA_FLATTENED',
  /** Bits per channel were reduced (e.g. 16-bit to 8-bit). */
  'DEPTH_REDUCED',
  /** Pages of a multi-page file were left out. */
  'PAGES_DROPPED',
  /** Frame timing changed (a delay the output format cannot hold exactly). */
  'TIMING_CHANGED',
  /** A quality setting that the output format ignores (it is lossless). */
  'QUALITY_IGNORED',
  /** The file was damaged or unusual and was decoded leniently: check the output. */
  'DECODED_LENIENTLY',
  /** The output is larger than the original. */
  'OUTPUT_LARGER',
  /** The output would have been larger than the original and was not kept ("skip if larger"). */
  'OUTPUT_KEPT_OUT',
  /** A step could not do what it says (e.g. a resize that would have to enlarge, with enlarging off). */
  'STEP_NO_EFFECT',
  /** A camera raw file was shown by the full-size JPEG preview the camera embedded, not developed. */
  'RAW_PREVIEW_USED',
  /** A camera raw file's sensor data was developed with default settings, not the camera's rendering. */
  'RAW_DEVELOPED',
  /** A size cap could not be reached at the quality floor: the smallest file found was kept. */
  'SIZE_CAP_MISSED',
  /** The output was made smaller than asked so that it fits its size cap. */
  'DOWNSCALED_TO_FIT',
  /** A quality target could not be reached within the allowed quality range: the best found was kept. */
  'TARGET_MISSED',
  /** The per-source JSON or HTML manifest of a recipe's outputs could not be written. */
  'MANIFEST_NOT_WRITTEN',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface FileWarning {
  code: WarningCode;
  /** A sentence a person understands, naming what was lost and, where it helps, how to keep it. */
  message: string;
}

export const fileWarning = (code: WarningCode, message: string): FileWarning => ({ code, message });
