// Turns what sharp and the file system throw into an error row: our own message per code,
// the library's text kept as detail.
import { type FileError, fileError, fileSystemError, type Stage } from '../../common/errors.js';
import { FORMAT_NAMES, READABLE_FORMATS, type SniffedFormat } from '../../common/sniff.js';

/** "Old-style JPEG" reads as "old-style JPEG" mid-sentence; an acronym (LZMA) stays. */
const lowerWord = (s: string): string => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const textOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const readFailure = (err: unknown): FileError => fileSystemError(err, 'read');
export const writeFailure = (err: unknown): FileError => fileSystemError(err, 'write');

export const HEVC_MESSAGE =
  'This is a HEIC (HEVC) photo; HEVC decoding is not supported by Pixmill. Export it as JPEG first.';

/**
 * libvips reads an 8-bit CIELAB TIFF into its packed LabQ coding and then refuses the header it
 * made ("bad labq format"); 16-bit and float CIELAB TIFFs read and convert to sRGB fine.
 */
export const CIELAB_MESSAGE =
  'This TIFF stores its colours as 8-bit CIELAB, a colour space Pixmill cannot read (16-bit CIELAB works). Save it as RGB first.';

/** What a decoder says when an offset inside the file points past its end. */
const cutShort = (format: SniffedFormat | undefined): string =>
  format && READABLE_FORMATS.has(format)
    ? `The ${FORMAT_NAMES[format]} file is cut short or damaged: it points to image data past its end.`
    : 'The file is cut short or damaged: it points to image data past its end.';

/**
 * libvips refused a variant of a format it reads (a compression or layout it was built without,
 * 8-bit CIELAB): ImageMagick, the second decoder, may have it. Not a colour space libvips cannot
 * convert (ImageMagick reads ICC Lab as if it were RGB).
 */
export const lacksVariant = (error: FileError): boolean =>
  error.code === 'UNSUPPORTED_FORMAT' && /support is not configured|not supported|labq/i.test(error.detail ?? '');

/** Words only a loader (decoder) uses: such an error is the file's, wherever in the pipeline it surfaced. */
const DECODER_WORDS =
  /corrupt|read error|invalid|bad |damaged|tiff2vips|tiffload|vipspng|pngload|spng|VipsJpeg|jpegload|gifload|svgload|rsvg|webp|heif|uhdr|VipsForeignLoad|exceeds channel limit|failOn/i;

/**
 * sharp's decode and pipeline errors, by the wording libvips uses for each kind of damage.
 * `format` is what the file's magic bytes say it is, when known.
 */
export function pipelineFailure(
  err: unknown,
  stage: Stage = 'decode',
  format?: SniffedFormat,
  input?: string,
): FileError {
  // Loaders quote the file's path; a file named "truncated.avif" must not decide its own code.
  const text = input ? textOf(err).replaceAll(input, '<file>') : textOf(err);
  if (/exceeds pixel limit/i.test(text)) return fileError('TOO_MANY_PIXELS', 'decode', text);
  if (/labq/i.test(text)) return fileError('UNSUPPORTED_FORMAT', 'decode', text, CIELAB_MESSAGE);
  if (/HEVC|compression format has not been built/i.test(text)) {
    return fileError('UNSUPPORTED_FORMAT', 'decode', text, HEVC_MESSAGE);
  }
  // "bad seek to N" is a read past the end of the file. libheif says it for every HEVC HEIC
  // (prebuilt libvips has no HEVC decoder); any other file is shorter than its own offsets say
  // (a TIFF whose strips lie past its end). An AVIF saying it is damaged, not cut (found by fuzzing).
  if (/bad seek/i.test(text)) {
    if (format === 'heic' || format === 'heif') return fileError('UNSUPPORTED_FORMAT', 'decode', text, HEVC_MESSAGE);
    if (format === 'avif') return fileError('DECODE_FAILED', 'decode', text);
    return fileError('TRUNCATED', 'decode', text, cutShort(format));
  }
  if (/unsupported image format/i.test(text)) {
    // The magic bytes name a format we read, yet no loader takes the file: it is damaged, not
    // foreign (e.g. a TIFF whose first directory is garbage). Any gzip sniffs as SVGZ, so not that.
    if (format && format !== 'svgz' && READABLE_FORMATS.has(format)) {
      return fileError(
        'DECODE_FAILED',
        'decode',
        text,
        `This file starts like an image in ${FORMAT_NAMES[format]} format but is too damaged to be read.`,
      );
    }
    return fileError('UNSUPPORTED_FORMAT', 'decode', text);
  }
  const missing = /([\w-][\w -]*?) compression support is not configured/i.exec(text);
  if (missing) {
    return fileError(
      'UNSUPPORTED_FORMAT',
      'decode',
      text,
      `This file uses ${lowerWord(missing[1]!)} compression, which Pixmill cannot decode.`,
    );
  }
  if (/support is not configured|not supported/i.test(text)) {
    return fileError(
      'UNSUPPORTED_FORMAT',
      'decode',
      text,
      'This file uses a compression or layout variant Pixmill cannot decode.',
    );
  }
  // The decoder made an image whose colour space libvips has no conversion for (e.g. a TIFF in
  // ICC Lab): nothing a filter did, and nothing damaged either.
  const route = /no known route from '([^']+)'/i.exec(text);
  if (route) {
    return fileError(
      'UNSUPPORTED_FORMAT',
      'decode',
      text,
      `Pixmill cannot convert this image's colours to RGB: unsupported colour space (${route[1]}).`,
    );
  }
  if (/contains no image/i.test(text)) return fileError('DECODE_FAILED', 'decode', text);
  // libtiff's short read ("got 4279 bytes, expected 9600") and glib's "Need more input" (a gzip
  // stream, SVGZ) are a file that ends early.
  if (
    /premature end|unexpected end|truncated|end of (file|data|stream)|not enough data|got \d+ bytes, expected|need more input/i.test(
      text,
    )
  ) {
    return fileError('TRUNCATED', 'decode', text);
  }
  // The encoder writes to memory, so when it reports it could not write, the pixels it was
  // pulling from the decoder never came: libvips decodes lazily and the damage shows up there.
  if (/unable to write to target/i.test(text)) {
    return fileError('DECODE_FAILED', 'decode', text, 'The image is damaged: decoding stopped partway through.');
  }
  if (/exceeds channel limit/i.test(text)) {
    return fileError(
      'DECODE_FAILED',
      'decode',
      text,
      'The image declares more colour channels than any real image has: the file is damaged.',
    );
  }
  if (DECODER_WORDS.test(text)) return fileError('DECODE_FAILED', 'decode', text);
  return fileError('PROCESS_FAILED', stage, text);
}

export function pixelFloodFailure(
  detail: string,
  size: { width: number; height: number } | undefined,
  limit: number,
): FileError {
  const declared = size
    ? `The image declares ${size.width} × ${size.height} pixels (${((size.width * size.height) / 1e6).toFixed(1)} MP)`
    : 'The image is larger than the limit (its header does not say how large)';
  return fileError('TOO_MANY_PIXELS', 'decode', detail, `${declared}; the limit is ${(limit / 1e6).toFixed(1)} MP.`);
}
