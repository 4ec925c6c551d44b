// The sizes the headers of the fallback decoder's formats declare, read straight from their bytes:
// a file that claims more pixels than the limit is refused before ImageMagick is handed it (its
// own header read of such a file can take a minute and gigabytes: a 60-byte PSD claiming
// 30000 × 30000, a few kB of JPEG 2000 claiming 144 MP), and the file list can show the size.
import type { SniffedFormat } from '../../common/sniff.js';
import { i32le, indexOfTag, u16be, u16le, u32be, u32le } from './header-bytes.js';
import type { Dimensions } from './header-dimensions.js';

const sized = (b: Uint8Array, end: number, read: () => Dimensions): Dimensions | undefined =>
  b.length >= end ? read() : undefined;

function bmpSize(b: Uint8Array): Dimensions | undefined {
  // BITMAPCOREHEADER (12 bytes) has 16-bit sides; the others 32-bit, a negative height top-down.
  if (u32le(b, 14) === 12) return sized(b, 22, () => ({ width: u16le(b, 18), height: u16le(b, 20) }));
  return sized(b, 26, () => ({ width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) }));
}

/** The largest of an icon's entries (a side of 0 means 256). */
function icoSize(b: Uint8Array): Dimensions | undefined {
  let best: Dimensions | undefined;
  const count = b.length >= 6 ? u16le(b, 4) : 0;
  for (let i = 0; i < count && 6 + 16 * i + 2 <= b.length; i++) {
    const width = b[6 + 16 * i] || 256;
    const height = b[6 + 16 * i + 1] || 256;
    if (!best || width * height > best.width * best.height) best = { width, height };
  }
  return best;
}

const text = (b: Uint8Array): string => String.fromCharCode(...b.subarray(0, Math.min(b.length, 4096)));

/** Netpbm P1–P6 (whitespace and comments between the fields) and P7's WIDTH/HEIGHT lines. */
function netpbmSize(b: Uint8Array): Dimensions | undefined {
  const head = text(b);
  if (head.startsWith('P7')) {
    const width = /\bWIDTH\s+(\d+)/.exec(head)?.[1];
    const height = /\bHEIGHT\s+(\d+)/.exec(head)?.[1];
    return width && height ? { width: Number(width), height: Number(height) } : undefined;
  }
  const fields = head
    .replace(/#[^\n]*\n/g, ' ')
    .split(/\s+/)
    .slice(1, 3)
    .map(Number);
  return fields.length === 2 && fields.every(Number.isInteger) ? { width: fields[0]!, height: fields[1]! } : undefined;
}

function pfmSize(b: Uint8Array): Dimensions | undefined {
  const m = /^P[fF]\s+(\d+)\s+(\d+)\s/.exec(text(b));
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

/** Radiance: the resolution line after the header's blank line, "-Y height +X width" (or turned). */
function hdrSize(b: Uint8Array): Dimensions | undefined {
  const m = /\n\n([-+])([XY]) (\d+) ([-+])([XY]) (\d+)\n/.exec(text(b));
  if (!m) return undefined;
  return m[2] === 'Y' ? { width: Number(m[6]), height: Number(m[3]) } : { width: Number(m[3]), height: Number(m[6]) };
}

/** OpenEXR: the dataWindow attribute (a box2i) among the header's name/type/size/value attributes. */
function exrSize(b: Uint8Array): Dimensions | undefined {
  let i = 8;
  while (i < b.length && b[i] !== 0) {
    const nameEnd = b.indexOf(0, i);
    const typeEnd = nameEnd < 0 ? -1 : b.indexOf(0, nameEnd + 1);
    if (typeEnd < 0 || typeEnd + 5 > b.length) return undefined;
    const name = String.fromCharCode(...b.subarray(i, nameEnd));
    const size = u32le(b, typeEnd + 1);
    const value = typeEnd + 5;
    if (name === 'dataWindow' && size === 16 && value + 16 <= b.length) {
      const [xMin, yMin, xMax, yMax] = [0, 4, 8, 12].map((o) => i32le(b, value + o)) as [
        number,
        number,
        number,
        number,
      ];
      return { width: xMax - xMin + 1, height: yMax - yMin + 1 };
    }
    i = value + size;
  }
  return undefined;
}

/** JPEG 2000: the JP2 header's 'ihdr' box, or a bare codestream's SIZ marker. */
function jp2Size(b: Uint8Array): Dimensions | undefined {
  if (b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51)
    return sized(b, 28, () => ({ width: u32be(b, 8) - u32be(b, 16), height: u32be(b, 12) - u32be(b, 20) }));
  const end = Math.min(b.length, 4096);
  const i = indexOfTag(b, 'ihdr', 4, end);
  return i >= 0 && i + 12 <= end ? { height: u32be(b, i + 4), width: u32be(b, i + 8) } : undefined;
}

export function fallbackDimensions(b: Uint8Array, format: SniffedFormat): Dimensions | undefined {
  switch (format) {
    case 'bmp':
      return bmpSize(b);
    case 'ico':
      return icoSize(b);
    case 'tga':
      return sized(b, 16, () => ({ width: u16le(b, 12), height: u16le(b, 14) }));
    case 'qoi':
      return sized(b, 16, () => ({ width: u32be(b, 4), height: u32be(b, 8) }));
    case 'farbfeld':
      return sized(b, 16, () => ({ width: u32be(b, 8), height: u32be(b, 12) }));
    case 'psd':
      return sized(b, 22, () => ({ height: u32be(b, 14), width: u32be(b, 18) }));
    case 'netpbm':
      return netpbmSize(b);
    case 'pfm':
      return pfmSize(b);
    case 'hdr':
      return hdrSize(b);
    case 'exr':
      return exrSize(b);
    case 'jp2':
      return jp2Size(b);
    case 'dds':
      return sized(b, 20, () => ({ height: u32le(b, 12), width: u32le(b, 16) }));
    case 'sgi':
      return sized(b, 10, () => ({ width: u16be(b, 6), height: u16be(b, 8) }));
    case 'pcx':
      return sized(b, 12, () => ({ width: u16le(b, 8) - u16le(b, 4) + 1, height: u16le(b, 10) - u16le(b, 6) + 1 }));
    case 'sun':
      return sized(b, 16, () => ({ width: u32be(b, 4), height: u32be(b, 8) }));
    default:
      return undefined;
  }
}
