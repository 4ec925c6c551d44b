// What a file's header declares, read straight from its bytes: the dimensions, for the error row
// of an image too large to open (sharp's metadata() refuses such files before telling us their
// size), and the frames of an animated PNG, which libvips reads as a still image.
import type { SniffedFormat } from '../../common/sniff.js';
import { fallbackDimensions } from './fallback-dimensions.js';
import { indexOfTag, u16be, u16le, u24le, u32be } from './header-bytes.js';

export interface Dimensions {
  width: number;
  height: number;
}

function jpegSize(b: Uint8Array): Dimensions | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    i += 2 + u16be(b, i + 2);
  }
  return undefined;
}

function webpSize(b: Uint8Array): Dimensions | undefined {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8X' && b.length >= 30) return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = (b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  return undefined;
}

/** HEIF/AVIF: the first image spatial extents ('ispe') property. */
function ispeSize(b: Uint8Array): Dimensions | undefined {
  const i = indexOfTag(b, 'ispe', 4);
  return i >= 0 && i + 16 <= b.length ? { width: u32be(b, i + 8), height: u32be(b, i + 12) } : undefined;
}

/** SVG: the root element's width and height in pixels (plain or px), else its viewBox size. */
function svgSize(b: Uint8Array): Dimensions | undefined {
  const root = /<svg\b[^>]*>/i.exec(new TextDecoder().decode(b))?.[0];
  if (!root) return undefined;
  const attr = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)\\s*(px)?\\s*["']`, 'i').exec(root)?.[1];
  const [width, height] = [attr('width'), attr('height')];
  if (width && height) return { width: Math.round(Number(width)), height: Math.round(Number(height)) };
  const box = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(root);
  return box ? { width: Math.round(Number(box[1])), height: Math.round(Number(box[2])) } : undefined;
}

export function declaredDimensions(head: Uint8Array, format: SniffedFormat): Dimensions | undefined {
  switch (format) {
    case 'jpeg':
      return jpegSize(head);
    case 'png':
      return head.length >= 24 ? { width: u32be(head, 16), height: u32be(head, 20) } : undefined;
    case 'gif':
      return head.length >= 10 ? { width: u16le(head, 6), height: u16le(head, 8) } : undefined;
    case 'webp':
      return webpSize(head);
    case 'avif':
    case 'heif':
    case 'heic':
      return ispeSize(head);
    case 'svg':
      return svgSize(head);
    default:
      return fallbackDimensions(head, format);
  }
}

/**
 * The frame count an animated PNG declares in its acTL chunk, which the APNG specification puts
 * before the first IDAT; undefined for a still PNG (or when the head ends before either chunk).
 * libvips ignores acTL and decodes the default image only, so this is the one place that knows.
 */
export function declaredApngFrames(head: Uint8Array): number | undefined {
  for (let i = 8; i + 12 <= head.length; ) {
    const length = u32be(head, i);
    const type = String.fromCharCode(...head.subarray(i + 4, i + 8));
    if (type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'acTL') return u32be(head, i + 8);
    i += 12 + length;
  }
  return undefined;
}
