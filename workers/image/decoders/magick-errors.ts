// ImageMagick's failures as error rows, by the words its coders use; the library's own text
// travels as the detail. A WebAssembly trap (a decoder that ran out of bounds, or aborted) may
// leave the module's memory inconsistent, so it also marks this worker for replacement.
import { type FileError, fileError } from '../../../common/errors.js';
import { FORMAT_NAMES, type SniffedFormat } from '../../../common/sniff.js';

let trapped = false;

/** Whether a decoder trapped in this worker: it finishes the job in hand, then is replaced. */
export const decoderTrapped = (): boolean => trapped;

const textOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** WebAssembly.RuntimeError: an "unreachable", an out-of-bounds access or an abort inside the module. */
const isTrap = (err: unknown): boolean => err instanceof Error && err.constructor.name === 'RuntimeError';

/** Marks this worker for replacement when `err` is a trap (the encoder's failures come here too). */
export function noteTrap(err: unknown): boolean {
  if (isTrap(err)) trapped = true;
  return trapped;
}

/**
 * The build in magick-wasm has no message catalogue: its errors carry the tag of the message
 * (`UnexpectedEndOfFile`, `CacheResourcesExhausted`), not its sentence. Spelt out in words, one
 * pattern matches both.
 */
const spelt = (text: string): string => text.replace(/([a-z])([A-Z])/g, '$1 $2');

/** Which of ImageMagick's coders spoke: its messages end in "@ error/pnm.c/ReadPNMImage/1618". */
const coderOf = (text: string): string | undefined => /@ \w+\/(\w+)\.c\//.exec(text)?.[1];

/** Coders whose "unable to read image data" means a read came back short: the file ends early. */
const SHORT_READ_CODERS: ReadonlySet<string> = new Set(['pnm', 'tga']);

/** The file ends before the data its header or its own tables promise. */
function cutShort(text: string): boolean {
  const words = spelt(text);
  if (
    /unexpected end[\s-]of[\s-]file|insufficient image data|not enough pixel data|premature end|truncated|end of (file|stream)|short read|stream too short/i.test(
      words,
    )
  )
    return true;
  if (/unable to read image data/i.test(words)) return SHORT_READ_CODERS.has(coderOf(text) ?? '');
  // OpenJPEG: a tile part that claims more bytes than are left.
  if (/tile part length size inconsistent with stream length/i.test(text)) return true;
  // OpenEXR: its offset table points past the end of the file.
  if (/too big for file size/i.test(text)) return true;
  const leader = /packed size (\d+), file offset (\d+), size (\d+)/.exec(text);
  return leader !== null && Number(leader[1]) + Number(leader[2]) > Number(leader[3]);
}

export function magickFailure(err: unknown, format: SniffedFormat): FileError {
  const text = textOf(err);
  const words = spelt(text);
  const name = FORMAT_NAMES[format];
  const outOfMemory = fileError(
    'MEMORY_LIMIT',
    'decode',
    text,
    `Decoding this ${name} file needed more memory than its decoder may use.`,
  );
  // WebAssembly.RuntimeError: an "unreachable", an out-of-bounds access or an abort inside the
  // module. Whatever it was, this worker's decoder is not to be trusted with another file.
  if (isTrap(err)) {
    trapped = true;
    if (/out of memory|\bOOM\b|cannot enlarge memory/i.test(text)) return outOfMemory;
    return fileError('DECODE_FAILED', 'decode', text, `The ${name} file is damaged; its decoder stopped on it.`);
  }
  if (
    err instanceof RangeError ||
    /out of memory|memory allocation failed|cache resources exhausted|pixel cache allocation failed/i.test(words)
  )
    return outOfMemory;
  if (/width or height exceeds limit|exceeds.*limit.*(area|width|height)|(area|width|height) limit/i.test(words))
    return fileError(
      'TOO_MANY_PIXELS',
      'decode',
      text,
      `This ${name} file declares more pixels than its decoder may decode.`,
    );
  if (/list length exceeds limit/i.test(words))
    return fileError(
      'TOO_MANY_FRAMES',
      'decode',
      text,
      `This ${name} file holds more frames or layers than the frame limit.`,
    );
  if (/time limit exceeded/i.test(words)) return fileError('TIMEOUT', 'decode', text);
  if (cutShort(text))
    return fileError('TRUNCATED', 'decode', text, `The ${name} file is cut short (incomplete download or copy?).`);
  // Every format sent here has a decoder: ImageMagick not knowing the bytes means they are not
  // the format their first bytes (or name) promised, not that Pixmill cannot read it.
  if (/no decode delegate/i.test(words))
    return fileError(
      'DECODE_FAILED',
      'decode',
      text,
      `This file starts like an image in ${name} format, but its decoder does not recognise the rest: it is damaged or cut short.`,
    );
  return fileError(
    'DECODE_FAILED',
    'decode',
    text,
    `This file starts like an image in ${name} format but is too damaged to be read.`,
  );
}
