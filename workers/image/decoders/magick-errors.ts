// ImageMagick's failures as error rows, by the words its coders use; the library's own text
// travels as the detail. A WebAssembly trap (a decoder that ran out of bounds) may leave the
// module's memory inconsistent, so it also marks this worker for replacement.
import { type FileError, fileError } from '../../../common/errors.js';
import { FORMAT_NAMES, type SniffedFormat } from '../../../common/sniff.js';

let trapped = false;

/** Whether a decoder trapped in this worker: it finishes the job in hand, then is replaced. */
export const decoderTrapped = (): boolean => trapped;

const textOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** WebAssembly.RuntimeError: an "unreachable" or an out-of-bounds access inside the module. */
export function noteTrap(err: unknown): boolean {
  if (err instanceof Error && err.constructor.name === 'RuntimeError') trapped = true;
  return trapped;
}

export function magickFailure(err: unknown, format: SniffedFormat): FileError {
  const text = textOf(err);
  const name = FORMAT_NAMES[format];
  if (err instanceof Error && err.constructor.name === 'RuntimeError') {
    noteTrap(err);
    return fileError('DECODE_FAILED', 'decode', text, `The ${name} file is damaged; its decoder stopped on it.`);
  }
  if (err instanceof RangeError || /out of memory|memory allocation failed|cache resources exhausted/i.test(text))
    return fileError(
      'MEMORY_LIMIT',
      'decode',
      text,
      `Decoding this ${name} file needed more memory than its decoder may use.`,
    );
  if (/width or height exceeds limit|exceeds.*limit.*(area|width|height)|(area|width|height) limit/i.test(text))
    return fileError('TOO_MANY_PIXELS', 'decode', text);
  if (/list length exceeds limit/i.test(text)) return fileError('TOO_MANY_FRAMES', 'decode', text);
  if (/time limit exceeded/i.test(text)) return fileError('TIMEOUT', 'decode', text);
  if (
    /unexpected end-of-file|insufficient image data|premature end|truncated|end of (file|stream)|short read/i.test(text)
  )
    return fileError('TRUNCATED', 'decode', text, `The ${name} file is cut short (incomplete download or copy?).`);
  if (/no decode delegate|NoDecodeDelegate/i.test(text))
    return fileError(
      'UNSUPPORTED_FORMAT',
      'decode',
      text,
      `This file is in ${name} format, which Pixmill cannot read.`,
    );
  return fileError(
    'DECODE_FAILED',
    'decode',
    text,
    `This file starts like an image in ${name} format but is too damaged to be read.`,
  );
}
