// Recognises a file's format from its first bytes, so that images are found by content rather
// than by name, and so that an unreadable file's error row can say what it really is.
import { isReadable } from './formats.js';

export type SniffedFormat =
  | 'jpeg'
  | 'png'
  | 'webp'
  | 'gif'
  | 'tiff'
  | 'avif'
  | 'heic'
  | 'heif'
  | 'svg'
  | 'svgz'
  | 'bmp'
  | 'ico'
  | 'psd'
  | 'pdf'
  | 'jp2'
  | 'jxl'
  | 'qoi'
  | 'vips'
  | 'exr'
  | 'netpbm'
  | 'pfm'
  | 'hdr'
  | 'fits'
  | 'xbm'
  | 'xpm'
  | 'sun'
  | 'tga'
  | 'dds'
  | 'pcx'
  | 'sgi'
  | 'jxr'
  | 'icns'
  | 'farbfeld'
  | 'mng'
  | 'bpg'
  | 'flif'
  | 'xcf'
  | 'postscript'
  | 'camera-raw'
  | 'video'
  | 'text'
  | 'empty'
  | 'unknown';

/**
 * Formats libvips (sharp) decodes itself. `common/formats.ts` has the others a fallback decoder
 * reads; everything else is reported as unsupported with its real name.
 */
export const READABLE_FORMATS: ReadonlySet<SniffedFormat> = new Set([
  'jpeg',
  'png',
  'webp',
  'gif',
  'tiff',
  'avif',
  'heif',
  'svg',
  'svgz',
]);

/** Camera raw files built on TIFF (Canon CR2, Nikon NEF, Sony ARW, Adobe DNG, …): only the name tells them from a TIFF. */
const TIFF_RAW_NAMES = /\.(cr2|nef|nrw|arw|srf|sr2|dng|pef|erf|kdc|dcr|mos|mef|3fr|fff|iiq|srw|rwl|raw|k25|mrw)$/i;

/** How many leading bytes `sniffFormat` wants to see. */
export const SNIFF_BYTES = 512;

export const FORMAT_NAMES: Record<SniffedFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  gif: 'GIF',
  tiff: 'TIFF',
  avif: 'AVIF',
  heic: 'HEIC (HEVC-coded HEIF)',
  heif: 'HEIF',
  svg: 'SVG',
  svgz: 'compressed SVG (SVGZ)',
  bmp: 'BMP',
  ico: 'ICO/CUR icon',
  psd: 'Photoshop PSD',
  pdf: 'PDF',
  jp2: 'JPEG 2000',
  jxl: 'JPEG XL',
  qoi: 'QOI',
  vips: 'libvips native (.v)',
  exr: 'OpenEXR',
  netpbm: 'Netpbm (PPM/PGM/PBM/PAM)',
  pfm: 'PFM (portable float map)',
  hdr: 'Radiance HDR',
  fits: 'FITS',
  xbm: 'XBM (X bitmap)',
  xpm: 'XPM (X pixmap)',
  sun: 'Sun raster',
  tga: 'TGA (Targa)',
  dds: 'DDS (DirectDraw surface)',
  pcx: 'PCX',
  sgi: 'SGI image',
  jxr: 'JPEG XR',
  icns: 'Apple icon (ICNS)',
  farbfeld: 'farbfeld',
  mng: 'MNG',
  bpg: 'BPG',
  flif: 'FLIF',
  xcf: 'GIMP XCF',
  postscript: 'PostScript/EPS',
  'camera-raw': 'camera raw',
  video: 'video',
  text: 'text',
  empty: 'empty (zero bytes)',
  unknown: 'unknown',
};

const ascii = (b: Uint8Array, start: number, end: number): string => String.fromCharCode(...b.subarray(start, end));
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);
const u16le = (b: Uint8Array, at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32le = (b: Uint8Array, at: number): number => (u16le(b, at) | (u16le(b, at + 2) << 16)) >>> 0;

/** ISO base media brands of videos: phones put .MOV/.MP4 clips beside their photos. */
const VIDEO_BRANDS = /^(iso[2-9m]|mp4[12]|avc1|qt {2}|M4V |M4VP|3g[p2][0-9a-z ]|MSNV|dash|f4v |mmp4|XAVC)$/;

function sniffIsoBmff(b: Uint8Array): SniffedFormat | undefined {
  if (ascii(b, 4, 8) !== 'ftyp') return ['moov', 'mdat', 'wide'].includes(ascii(b, 4, 8)) ? 'video' : undefined;
  const brands = [ascii(b, 8, 12)];
  const boxSize = Math.min(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0, b.length);
  for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(b, i, i + 4));
  if (brands.includes('avif')) return 'avif';
  if (brands.includes('avis')) return 'avif';
  if (brands.some((x) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(x))) return 'heic';
  if (brands.some((x) => ['mif1', 'msf1'].includes(x))) return 'heif';
  if (brands[0] === 'crx ') return 'camera-raw';
  if (brands.some((x) => VIDEO_BRANDS.test(x))) return 'video';
  return undefined;
}

function looksLikeText(b: Uint8Array): boolean {
  for (const c of b) if (c === 0 || c < 9 || (c > 13 && c < 32 && c !== 27)) return false;
  return true;
}

/** BMP's second header starts with its own size, one of a handful of values: "BM" alone is two letters of text. */
const BMP_DIB_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

/** Formats whose signature is text: tried before a file is taken as text. */
function sniffTextual(text: string): SniffedFormat | undefined {
  // Netpbm: a digit after "P", then width and height (comments allowed): "P1 is…" in a letter is not one.
  if (/^P[1-6]\s(\s|#[^\n]*\n)*\d+\s(\s|#[^\n]*\n)*\d+\s/.test(text)) return 'netpbm';
  if (/^P7\s[\s\S]*?\b(WIDTH|HEIGHT|TUPLTYPE)\s/.test(text)) return 'netpbm';
  if (/^P[fF]\s+\d+\s+\d+\s/.test(text)) return 'pfm';
  if (text.startsWith('#?RADIANCE') || text.startsWith('#?RGBE')) return 'hdr';
  if (/^SIMPLE {2}=\s+T/.test(text)) return 'fits';
  if (/^(\/\*[\s\S]*?\*\/\s*)?#define\s+\S*width\s+\d+/.test(text)) return 'xbm';
  if (text.startsWith('/* XPM */') || text.startsWith('! XPM2')) return 'xpm';
  if (text.startsWith('%!PS')) return 'postscript';
  return undefined;
}

/** TGA has no signature: its name says so, and its header must hold together. */
function looksLikeTga(b: Uint8Array): boolean {
  if (b.length < 18) return false;
  const colourMap = b[1]!;
  const type = b[2]!;
  const depth = b[16]!;
  return (
    colourMap <= 1 &&
    [1, 2, 3, 9, 10, 11].includes(type) &&
    [8, 15, 16, 24, 32].includes(depth) &&
    u16le(b, 12) > 0 &&
    u16le(b, 14) > 0 &&
    (b[17]! & 0xc0) === 0
  );
}

/**
 * Identifies the format of a file from (up to) its first SNIFF_BYTES bytes. `name`, when known,
 * is used only for TGA, the one format people drop that has no signature.
 */
export function sniffFormat(head: Uint8Array, name?: string): SniffedFormat {
  const b = head;
  if (b.length === 0) return 'empty';
  // A start-of-image marker followed by garbage is a damaged JPEG: its decoder says what is wrong.
  if (startsWith(b, [0xff, 0xd8])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0x8a, 0x4d, 0x4e, 0x47]) || startsWith(b, [0x8b, 0x4a, 0x4e, 0x47])) return 'mng';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'AVI ') return 'video';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (ascii(b, 0, 4) === 'IIRO' || ascii(b, 0, 4) === 'IIRS' || ascii(b, 0, 4) === 'MMOR') return 'camera-raw';
  if (startsWith(b, [0x49, 0x49, 0x55, 0x00]) || ascii(b, 0, 15) === 'FUJIFILMCCD-RAW') return 'camera-raw';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]))
    return name && TIFF_RAW_NAMES.test(name) ? 'camera-raw' : 'tiff';
  if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  if (startsWith(b, [0x49, 0x49, 0xbc])) return 'jxr';
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  if (ascii(b, 0, 2) === 'BM' && BMP_DIB_SIZES.has(u32le(b, 14))) return 'bmp';
  if ((startsWith(b, [0, 0, 1, 0]) || startsWith(b, [0, 0, 2, 0])) && u16le(b, 4) > 0) return 'ico';
  if (ascii(b, 0, 4) === '8BPS') return 'psd';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(b, [0xc5, 0xd0, 0xd3, 0xc6])) return 'postscript';
  if (startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(b, [0xff, 0x4f, 0xff, 0x51]))
    return 'jp2';
  if (startsWith(b, [0xff, 0x0a]) || startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'jxl';
  if (ascii(b, 0, 4) === 'qoif') return 'qoi';
  if (startsWith(b, [0x08, 0xf2, 0xa6, 0xb6]) || startsWith(b, [0xb6, 0xa6, 0xf2, 0x08])) return 'vips';
  if (startsWith(b, [0x76, 0x2f, 0x31, 0x01])) return 'exr';
  if (startsWith(b, [0x59, 0xa6, 0x6a, 0x95])) return 'sun';
  if (ascii(b, 0, 4) === 'DDS ') return 'dds';
  if (startsWith(b, [0x01, 0xda]) && (b[2] ?? 9) <= 1 && [1, 2].includes(b[3] ?? 0)) return 'sgi';
  if (b[0] === 0x0a && [0, 2, 3, 4, 5].includes(b[1] ?? 9) && b[2] === 1 && [1, 2, 4, 8].includes(b[3] ?? 0))
    return 'pcx';
  if (ascii(b, 0, 4) === 'icns') return 'icns';
  if (ascii(b, 0, 8) === 'farbfeld') return 'farbfeld';
  if (startsWith(b, [0x42, 0x50, 0x47, 0xfb])) return 'bpg';
  if (ascii(b, 0, 4) === 'FLIF') return 'flif';
  if (ascii(b, 0, 9) === 'gimp xcf ') return 'xcf';
  if (startsWith(b, [0x1f, 0x8b])) return 'svgz';
  const textual = sniffTextual(ascii(b, 0, Math.min(b.length, SNIFF_BYTES)));
  if (textual) return textual;
  if (name && /\.(tga|icb|vda|vst)$/i.test(name) && looksLikeTga(b)) return 'tga';
  // UTF-16 text starts with a byte-order mark and is full of zero bytes.
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return 'text';
  if (looksLikeText(b)) {
    const text = ascii(b, 0, b.length)
      .replace(/^\uFEFF/, '')
      .trimStart();
    // Only a document that *is* an SVG: an HTML page with an inline <svg> is not an image.
    return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg(\s[^[>]*)?(\[[\s\S]*?\])?\s*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(
      text,
    )
      ? 'svg'
      : 'text';
  }
  return 'unknown';
}

/** Contents that are no image at all: a file holding them is answered "not an image", not failed. */
// Documents are not photos: a PDF invoice in a folder of photos is passed over with its reason,
// not counted as a failed image (it would make the whole batch exit as "some images failed").
const NOT_IMAGES: ReadonlySet<SniffedFormat> = new Set(['text', 'empty', 'unknown', 'video', 'pdf', 'postscript']);

/**
 * How the scan answers a file by its contents and name (`name`: the file's own name, no folder): an image for the worker (it reads it,
 * or knows why not), an image format that has no decoder here (an UNSUPPORTED_FORMAT row at
 * once), or no image at all. A name ending like an image makes a file the person's image
 * whatever it holds, so a text file renamed .png fails as an image instead of being passed over.
 */
export function answerFor(format: SniffedFormat, name: string): 'image' | 'unsupported' | 'not-image' {
  const dot = name.lastIndexOf('.');
  const namedLikeImage = dot > 0 && IMAGE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
  if (isReadable(format)) {
    // Any gzip sniffs as SVGZ: only one named so is taken for an image.
    return format === 'svgz' && !namedLikeImage ? 'not-image' : 'image';
  }
  if (NOT_IMAGES.has(format)) return namedLikeImage ? 'image' : 'not-image';
  return 'unsupported';
}

/** File name endings people give images, including formats Pixmill reports as unsupported. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  ...['jpg', 'jpeg', 'jpe', 'jfif', 'png', 'apng', 'webp', 'gif', 'tif', 'tiff', 'avif', 'heic', 'heif', 'hif'],
  ...['svg', 'svgz', 'bmp', 'dib', 'ico', 'cur', 'psd', 'jp2', 'j2k', 'jpf', 'jxl', 'qoi', 'tga', 'exr'],
  ...['ppm', 'pgm', 'pbm', 'pnm', 'pam', 'pfm', 'hdr', 'fits', 'fit', 'fts', 'xbm', 'xpm', 'ras', 'dds'],
  ...['pcx', 'sgi', 'jxr', 'wdp', 'icns', 'mng', 'xcf', 'cr3', 'raf', 'orf', 'rw2', 'cr2', 'nef', 'arw', 'dng'],
  ...['avifs', 'jpx', 'psb', 'icb', 'vda', 'vst', 'sun', 'rgb', 'ff', 'pef', 'srw', 'bpg', 'flif', 'v'],
]);
