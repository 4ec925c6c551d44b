// What a file's own bytes say about why it could not be read, when the decoder's words are too
// vague for a person: "unsupported image format" is libvips' answer to a valid animated AVIF, a
// TIFF cut before its directory and a truncated SVGZ alike.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { type FileError, fileError } from '../../common/errors.js';
import { FORMAT_NAMES, type SniffedFormat, sniffFormat } from '../../common/sniff.js';

const ascii = (b: Uint8Array, start: number, end: number): string => String.fromCharCode(...b.subarray(start, end));

/** The brands of an ISO-BMFF file's ftyp box (AVIF, HEIF). */
function brands(head: Uint8Array): string[] {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return [];
  const size = Math.min(((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0, head.length);
  const found = [ascii(head, 8, 12)];
  for (let i = 16; i + 4 <= size; i += 4) found.push(ascii(head, i, i + 4));
  return found;
}

/** An AVIF image sequence (animated AVIF): valid, but libvips reads no frame of it. */
export const isAvifSequence = (head: Uint8Array): boolean => brands(head).includes('avis');

/** The offset of a classic TIFF's first directory (a file cut short ends before it). */
export function tiffDirectoryOffset(head: Uint8Array): number | undefined {
  if (head.length < 8) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const little = head[0] === 0x49;
  if (view.getUint16(2, little) !== 42) return undefined;
  return view.getUint32(4, little);
}

/**
 * A PNG whose 8-byte signature was damaged (a text-mode transfer turns its CR LF into LF, or the
 * reverse): every PNG's first chunk is IHDR, right after the signature. Only called for files no
 * sniffer recognised, so an intact PNG never gets here.
 */
export function isDamagedPngSignature(head: Uint8Array): boolean {
  // A CR LF → LF conversion shortens the signature by a byte, LF → CR LF lengthens it.
  const ihdr = ascii(head, 8, 20).indexOf('IHDR');
  return head.length >= 16 && (ascii(head, 1, 4) === 'PNG' || (ihdr >= 3 && ihdr <= 5));
}

/** An ICC colour profile (a .icc/.icm file, sometimes named like an image): 'acsp' at byte 36. */
export const isIccProfile = (head: Uint8Array): boolean => head.length >= 40 && ascii(head, 36, 40) === 'acsp';

/** A row for a file no sniffer recognised, when its bytes still say what it is. */
export function unknownContent(head: Uint8Array, detail: string): FileError | undefined {
  if (isDamagedPngSignature(head)) {
    return fileError(
      'DECODE_FAILED',
      'read',
      detail,
      'This is a PNG image whose signature (its first 8 bytes) is damaged, so it cannot be read. A file copied in text mode gets this damage.',
    );
  }
  if (isIccProfile(head)) {
    return fileError('UNSUPPORTED_FORMAT', 'read', detail, 'This is a colour profile (ICC), not an image.');
  }
  return undefined;
}

/** The most an SVGZ is unpacked to tell a cut-short file from one that holds no SVG. */
const SVGZ_LIMIT = 64 * 1024 * 1024;

async function svgzFailure(path: string, detail: string): Promise<FileError> {
  let svg: Buffer;
  try {
    svg = await promisify(gunzip)(await readFile(path), { maxOutputLength: SVGZ_LIMIT });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'Z_BUF_ERROR') {
      return fileError('TRUNCATED', 'decode', detail, 'The compressed SVG (SVGZ) file is cut short.');
    }
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return fileError('UNSUPPORTED_FORMAT', 'decode', detail, 'This compressed file unpacks to far more than an SVG.');
    }
    return fileError('DECODE_FAILED', 'decode', detail, 'The compressed SVG (SVGZ) file is damaged.');
  }
  return sniffFormat(svg.subarray(0, 512)) === 'svg'
    ? fileError('DECODE_FAILED', 'decode', detail, 'The SVG inside this compressed file is damaged.')
    : fileError('UNSUPPORTED_FORMAT', 'decode', detail, 'This compressed (gzip) file holds no SVG image.');
}

/**
 * A sharper row for a header read that failed, from what the file's bytes say: the decoder's
 * classification stands unless the bytes know better.
 */
export async function refineReadFailure(
  error: FileError,
  path: string,
  head: Uint8Array,
  bytes: number,
  format: SniffedFormat,
): Promise<FileError> {
  const detail = error.detail ?? '';
  // Whatever librsvg said (often "unsupported image format"), the gzip stream knows more.
  if (format === 'svgz' && error.code !== 'TOO_MANY_PIXELS') return svgzFailure(path, detail);
  if (!/unsupported image format/i.test(detail)) return error;
  if (format === 'avif' && isAvifSequence(head)) {
    return fileError(
      'UNSUPPORTED_FORMAT',
      'decode',
      detail,
      'This is an animated AVIF (an AVIF image sequence), which Pixmill cannot read.',
    );
  }
  if (format === 'tiff') {
    const directory = tiffDirectoryOffset(head);
    if (directory !== undefined && directory >= bytes) {
      return fileError(
        'TRUNCATED',
        'decode',
        detail,
        `The ${FORMAT_NAMES.tiff} file is cut short: it ends before the image directory its header points to.`,
      );
    }
  }
  return error;
}
