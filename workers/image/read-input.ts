// The read stage: size, the first bytes (format sniffing, declared dimensions, APNG frames) and
// sharp's header metadata, with every failure turned into an error row.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Metadata } from 'sharp';
import { type FileError, fileError } from '../../common/errors.js';
import { DECODERS, type Decoder, SECOND_DECODER } from '../../common/formats.js';
import type { Limits } from '../../common/pipeline.js';
import { FORMAT_NAMES, SNIFF_BYTES, type SniffedFormat, sniffFormat } from '../../common/sniff.js';
import type { FileWarning } from '../../common/warnings.js';
import { pipelineFailure, pixelFloodFailure, readFailure } from './classify-error.js';
import { decodeCameraRaw } from './decoders/camera-raw.js';
import { decodeFallback } from './decoders/decode-fallback.js';
import { refineReadFailure, unknownContent } from './header-clues.js';
import { declaredApngFrames, declaredDimensions } from './header-dimensions.js';
import sharp from './sharp.js';

/** Enough to reach a JPEG's frame header past a typical EXIF block, or a HEIF 'ispe' box. */
const HEADER_BYTES = 64 * 1024;

export interface InputInfo {
  format: SniffedFormat;
  bytes: number;
  /** What sharp opens: the file itself, or the picture a fallback decoder made of it. */
  source: string | Buffer;
  decoder: Decoder;
  /** What the fallback decoder lost on the way (frames, depth), for the job's warnings. */
  decodeWarnings?: FileWarning[];
  meta: Metadata;
  /** The strict header read failed on a decoder warning; the file is read with `failOn: 'none'`. */
  lenient: boolean;
  /** Frames an animated PNG declares (libvips decodes only its still image). */
  apngFrames?: number;
  /** A multi-page file whose pages all share one size, so they can be decoded together. */
  uniformPages?: boolean;
}

/** How strictly libvips decodes: a decoder warning is an error unless the file was rescued. */
export const failOnFor = (input: InputInfo): 'warning' | 'none' => (input.lenient ? 'none' : 'warning');

/**
 * Whether a lenient decode gives nothing but one colour. `failOn: 'none'` returns such an image,
 * without an error, for some files it cannot really read (a PNG with a bad checksum comes out
 * black, a TIFF with a looping directory a flat colour): such a result is a failure, not a rescue.
 * It takes a full decode, so it runs only for files the strict decode refused.
 */
export async function decodesBlank(path: string, limits: Limits): Promise<boolean> {
  try {
    const { channels } = await sharp(path, { limitInputPixels: limits.maxPixels, failOn: 'none' }).stats();
    return channels.every((c) => c.min === c.max);
  } catch {
    return true;
  }
}

/**
 * The header read, strict first; a file refused only for a decoder warning is read leniently.
 * `rescue`: the strict pixel decode has already failed on a warning, so read leniently at once.
 */
async function readMetadata(
  path: string,
  format: SniffedFormat,
  limits: Limits,
  rescue: boolean,
): Promise<{ meta: Metadata; lenient: boolean } | { error: unknown }> {
  const options = { limitInputPixels: limits.maxPixels };
  try {
    return { meta: await sharp(path, { ...options, failOn: rescue ? 'none' : 'warning' }).metadata(), lenient: rescue };
  } catch (error) {
    if (rescue) return { error };
    if (pipelineFailure(error, 'decode', format, path).code !== 'DECODE_FAILED') return { error };
    try {
      const meta = await sharp(path, { ...options, failOn: 'none' }).metadata();
      return (await decodesBlank(path, limits)) ? { error } : { meta, lenient: true };
    } catch {
      return { error };
    }
  }
}

/** A TIFF's pages decode together only when they share the first page's size. */
async function pagesShareSize(path: string, limits: Limits, lenient: boolean): Promise<boolean> {
  try {
    await sharp(path, {
      limitInputPixels: limits.maxPixels,
      failOn: lenient ? 'none' : 'warning',
      pages: -1,
    }).metadata();
    return true;
  } catch {
    return false;
  }
}

export type ReadOutcome = { ok: true; input: InputInfo } | { ok: false; error: FileError };

function unsupported(format: SniffedFormat, head: Uint8Array): FileError {
  const detail = `Detected format: ${format}`;
  switch (format) {
    case 'empty':
      return fileError('UNSUPPORTED_FORMAT', 'read', detail, 'The file is empty (zero bytes).');
    case 'text':
      return fileError('UNSUPPORTED_FORMAT', 'read', detail, 'This is a text file, not an image.');
    case 'unknown':
      return (
        unknownContent(head, detail) ??
        fileError(
          'UNSUPPORTED_FORMAT',
          'read',
          detail,
          'The contents of this file are not an image format Pixmill knows.',
        )
      );
    default: {
      const name = FORMAT_NAMES[format];
      return fileError(
        'UNSUPPORTED_FORMAT',
        'read',
        detail,
        `This file is in ${name} format, which Pixmill cannot read.`,
      );
    }
  }
}

async function readHead(path: string): Promise<{ head: Uint8Array; bytes: number }> {
  const handle = await open(path, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
    const buffer = Buffer.alloc(Math.min(HEADER_BYTES, stat.size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { head: buffer.subarray(0, bytesRead), bytes: stat.size };
  } finally {
    await handle.close();
  }
}

/** A format libvips cannot decode, read by the fallback decoder into a picture sharp reads. */
async function readDecoded(path: string, format: SniffedFormat, bytes: number, limits: Limits): Promise<ReadOutcome> {
  const decoded =
    format === 'camera-raw' ? await decodeCameraRaw(path, limits) : await decodeFallback(path, format, limits);
  if (!decoded.ok) return decoded;
  const { data, warnings } = decoded.picture;
  const meta = await sharp(data, { limitInputPixels: limits.maxPixels }).metadata();
  const input: InputInfo = { format, bytes, source: data, decoder: 'imagemagick', meta, lenient: false };
  if (warnings.length) input.decodeWarnings = warnings;
  return { ok: true, input };
}

/**
 * `rescue`: read with `failOn: 'none'` (the caller has checked that the lenient decode is not blank).
 * `second`: libvips refused the file's pixels as unsupported; read it with the second decoder.
 */
export async function readInput(path: string, limits: Limits, rescue = false, second = false): Promise<ReadOutcome> {
  let head: Uint8Array;
  let bytes: number;
  try {
    ({ head, bytes } = await readHead(path));
  } catch (err) {
    return { ok: false, error: readFailure(err) };
  }
  let format = sniffFormat(head.subarray(0, SNIFF_BYTES), basename(path));
  // A JPEG start-of-image marker followed by garbage is a damaged JPEG, not an unknown format:
  // let the decoder say what is wrong with it.
  if (format === 'unknown' && head[0] === 0xff && head[1] === 0xd8) format = 'jpeg';
  const decoder = DECODERS[format];
  if (!decoder) return { ok: false, error: unsupported(format, head) };
  if ((decoder === 'imagemagick' && format !== 'heic') || second) return readDecoded(path, format, bytes, limits);

  const read = await readMetadata(path, format, limits, rescue);
  if ('error' in read) {
    const error = pipelineFailure(read.error, 'decode', format, path);
    // A HEIF-family header libvips refuses (an AVIF sequence) may still be ImageMagick's to read.
    if (SECOND_DECODER.has(format) && (error.code === 'UNSUPPORTED_FORMAT' || error.code === 'DECODE_FAILED')) {
      const decoded = await readDecoded(path, format, bytes, limits);
      // libvips never decodes HEVC, so for a HEIC the second decoder's answer is the one that counts.
      if (decoded.ok || format === 'heic') return decoded;
    }
    if (error.code === 'TOO_MANY_PIXELS') {
      return {
        ok: false,
        error: pixelFloodFailure(error.detail ?? '', declaredDimensions(head, format), limits.maxPixels),
      };
    }
    return { ok: false, error: await refineReadFailure(error, path, head, bytes, format) };
  }
  const { meta } = read;
  // Prebuilt libvips reads a HEVC HEIF's header but cannot decode a single pixel of it (patents).
  if (meta.compression === 'hevc') return readDecoded(path, 'heic', bytes, limits);
  if (meta.width && meta.height && meta.width * meta.height > limits.maxPixels) {
    return { ok: false, error: pixelFloodFailure('Input image exceeds pixel limit', meta, limits.maxPixels) };
  }
  const pages = meta.pages ?? 1;
  if (pages > limits.maxFrames) {
    return {
      ok: false,
      error: fileError(
        'TOO_MANY_FRAMES',
        'read',
        `pages: ${pages}`,
        `The animation has ${pages} frames; the limit is ${limits.maxFrames}.`,
      ),
    };
  }
  const input: InputInfo = { format, bytes, source: path, decoder: 'libvips', meta, lenient: read.lenient };
  const apngFrames = format === 'png' ? declaredApngFrames(head) : undefined;
  if (apngFrames && apngFrames > 1) input.apngFrames = apngFrames;
  if (pages > 1 && format === 'tiff') input.uniformPages = await pagesShareSize(path, limits, read.lenient);
  return { ok: true, input };
}
