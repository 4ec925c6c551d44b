// "Nobody wins by doing less": every contender's outputs must have the bare-sharp reference's
// dimensions, file by file. Sizes are read from each format's header here rather than with sharp,
// so that the desktop app can run the benchmark from its main process, where sharp is never loaded.
import { open, readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

/** Width and height from a JPEG's first SOFn segment, or undefined if there is none. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return undefined;
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5]! << 8) | bytes[i + 6]!, width: (bytes[i + 7]! << 8) | bytes[i + 8]! };
    }
    i += 2 + length;
  }
  return undefined;
}

const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

/** PNG: the IHDR chunk is always first. */
export function pngSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 24 || u32be(b, 0) !== 0x89504e47 || ascii(b, 12, 4) !== 'IHDR') return undefined;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** WebP: the first chunk is lossy (VP8), lossless (VP8L) or extended (VP8X), each with its own layout. */
export function webpSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return undefined;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return undefined;
}

/** AVIF (HEIF): the primary item's `ispe` property box; our outputs hold one image item. */
export function avifSize(b: Uint8Array): { width: number; height: number } | undefined {
  if (b.length < 12 || ascii(b, 4, 4) !== 'ftyp') return undefined;
  for (let i = 8; i + 16 <= b.length; i++) {
    // 'ispe', then version and flags (4 bytes), then width and height.
    if (b[i] === 0x69 && b[i + 1] === 0x73 && b[i + 2] === 0x70 && b[i + 3] === 0x65)
      return { width: u32be(b, i + 8), height: u32be(b, i + 12) };
  }
  return undefined;
}

/** Width and height of a JPEG, PNG, WebP or AVIF, by its first bytes. */
export function imageSize(b: Uint8Array): { width: number; height: number } | undefined {
  return jpegSize(b) ?? pngSize(b) ?? webpSize(b) ?? avifSize(b);
}

/** The frame header sits after EXIF/ICC blocks; 256 kB reaches it in any output of ours. */
async function readSize(path: string): Promise<{ size: string; bytes: number }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const size = imageSize(buffer.subarray(0, bytesRead));
    return { size: size ? `${size.width}x${size.height}` : 'unreadable', bytes: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

export interface OutputSummary {
  /** Output name (without extension) → "WxH". */
  sizes: Map<string, string>;
  /** All outputs together: equal dimensions at twice the bytes would be a different job. */
  bytes: number;
}

const OUTPUT_NAMES = /\.(jpe?g|png|webp|avif)$/i;

/** Dimensions of every output image below `dir`, and their total size on disk. */
export async function outputSizes(dir: string): Promise<OutputSummary> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.') && OUTPUT_NAMES.test(e.name));
  const summary: OutputSummary = { sizes: new Map(), bytes: 0 };
  for (const e of files) {
    const { size, bytes } = await readSize(join(e.parentPath, e.name));
    summary.sizes.set(basename(e.name, extname(e.name)), size);
    summary.bytes += bytes;
  }
  return summary;
}

/**
 * Compares a contender's outputs with the reference's, sorted by name. Resamplers may round a
 * fractional edge either way, so one pixel per side is tolerated; a missing file, an extra file,
 * a swapped orientation or a skipped resize is not.
 */
export function compareSizes(
  reference: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, string>,
): string | undefined {
  const names = [...new Set([...reference.keys(), ...actual.keys()])].sort();
  const problems: string[] = [];
  for (const name of names) {
    const want = reference.get(name);
    const got = actual.get(name);
    if (want === undefined || got === undefined) {
      problems.push(`${name}: ${want === undefined ? 'unexpected output' : 'missing'}`);
    } else if (!sameSize(want, got)) {
      problems.push(`${name}: ${got}, expected ${want}`);
    }
  }
  if (problems.length === 0) return undefined;
  return `${problems.length} of ${names.length} outputs differ (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''})`;
}

function sameSize(a: string, b: string): boolean {
  const [aw, ah] = a.split('x').map(Number);
  const [bw, bh] = b.split('x').map(Number);
  if (![aw, ah, bw, bh].every((n) => Number.isFinite(n))) return false;
  return Math.abs(aw! - bw!) <= 1 && Math.abs(ah! - bh!) <= 1;
}
