// The output settings' values in words, as the window's controls show them.
import type {
  ManifestKind,
  MetadataClass,
  MetadataPolicy,
  OutputFormat,
  SearchableFormat,
  SizeCapOutcome,
} from '../../../common/pipeline';

export const FORMAT_LABELS: Record<OutputFormat, string> = {
  keep: 'Same as original',
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  jxl: 'JPEG XL',
  tiff: 'TIFF',
  gif: 'GIF',
};

/** The shoot-out's formats in the order people weigh them: newest and smallest first. */
export const SHOOT_OUT_ORDER = ['avif', 'webp', 'jpeg', 'jxl'] as const satisfies readonly SearchableFormat[];

export const METADATA_LABELS: Record<MetadataPolicy, string> = {
  strip: 'Strip all',
  keep: 'Keep all',
  icc: 'Keep colour profile only',
  'keep-except-gps': 'Keep all but location (GPS)',
  'copyright-only': 'Keep copyright and profile only',
  custom: 'Choose what to keep…',
};

export const METADATA_CLASS_LABELS: Record<MetadataClass, string> = {
  exif: 'Camera settings (EXIF)',
  gps: 'Location (GPS)',
  makernotes: 'Maker notes',
  xmp: 'XMP (ratings, edits)',
  iptc: 'IPTC (captions, credits)',
  icc: 'Colour profile',
};

/** What "Choose what to keep…" starts with: everything but where the photo was taken and the maker's blobs. */
export const CUSTOM_METADATA_START: readonly MetadataClass[] = ['exif', 'xmp', 'iptc', 'icc'];

export const SIZE_CAP_LABELS: Record<SizeCapOutcome, string> = {
  smallest: 'Keep the smallest and warn',
  downscale: 'Make it smaller until it fits',
  fail: 'Fail the file',
};

export const MANIFEST_LABELS: Record<ManifestKind, string> = {
  none: 'None',
  json: 'JSON manifest',
  html: 'HTML <picture> snippet',
};
