// Turns what sharp and the file system throw into an error row: our own message per code,
// the library's text kept as detail.
import { type FileError, fileError, fileSystemError, type Stage } from '../../common/errors.js';
import { FORMAT_NAMES, READABLE_FORMATS, type SniffedFormat } from '../../common/sniff.js';

const textOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const readFailure = (err: unknown): FileError => fileSystemError(err, 'read');
export const writeFailure = (err: unknown): FileError => fileSystemError(err, 'write');

export const HEVC_MESSAGE =
  'This is a HEIC (HEVC) photo; HEVC decoding is not supported by Pixmill. Export it as JPEG first.';

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
  // libheif says "bad seek" for any HEIF it cannot read to the end; only for HEVC does that mean
  // an undecodable codec. An AVIF (AV1) saying it is cut or damaged (found by fuzzing).
  if (format !== 'avif' && /bad seek|HEVC|compression format has not been built/i.test(text)) {
    return fileError('UNSUPPORTED_FORMAT', 'decode', text, HEVC_MESSAGE);
  }
  if (/unsupported image format/i.test(text)) {
    // The magic bytes name a format we read, yet no loader takes the file: it is damaged, not
    // foreign (e.g. a TIFF whose first directory is garbage). Any gzip sniffs as SVGZ, so not that.
    if (format && format !== 'svgz' && READABLE_FORMATS.has(format)) {
      return fileError(
        'DECODE_FAILED',
        'decode',
        text,
        `This file starts like a ${FORMAT_NAMES[format]} image but is too damaged to be read.`,
      );
    }
    return fileError('UNSUPPORTED_FORMAT', 'decode', text);
  }
  if (/support is not configured|not supported/i.test(text)) {
    return fileError(
      'UNSUPPORTED_FORMAT',
      'decode',
      text,
      'This file uses a compression or layout variant Pixmill cannot decode.',
    );
  }
  if (/contains no image/i.test(text)) return fileError('DECODE_FAILED', 'decode', text);
  if (/premature end|unexpected end|truncated|end of (file|data|stream)|not enough data/i.test(text)) {
    return fileError('TRUNCATED', 'decode', text);
  }
  // The encoder writes to memory, so when it reports it could not write, the pixels it was
  // pulling from the decoder never came: libvips decodes lazily and the damage shows up there.
  if (/unable to write to target/i.test(text)) {
    return fileError('DECODE_FAILED', 'decode', text, 'The image is damaged: decoding stopped partway through.');
  }
  if (
    /corrupt|read error|invalid|bad |damaged|tiff2vips|vipspng|VipsJpeg|gifload|svgload|webp|heif|exceeds channel limit|failOn/i.test(
      text,
    )
  ) {
    return fileError('DECODE_FAILED', 'decode', text);
  }
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
