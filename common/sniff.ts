// Recognises a file's format from its first bytes, so that images are found by content rather
// than by name, and so that an unreadable file's error row can say what it really is.

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
  | 'text'
  | 'empty'
  | 'unknown';

/** Formats Pixmill decodes. Everything else is reported as unsupported with its real name. */
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

/**
 * Whether a file with no image extension should be taken as an image because of its content.
 * Only formats Pixmill can process count: a PDF or a .gz among the photos is not a failed image.
 */
export function isImageByContent(format: SniffedFormat): boolean {
  return READABLE_FORMATS.has(format) && format !== 'svgz';
}

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
  text: 'text',
  empty: 'empty (zero bytes)',
  unknown: 'unknown',
};

const ascii = (b: Uint8Array, start: number, end: number): string => String.fromCharCode(...b.subarray(start, end));
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((v, i) => b[at + i] === v);

function sniffIsoBmff(b: Uint8Array): SniffedFormat | undefined {
  if (ascii(b, 4, 8) !== 'ftyp') return undefined;
  const brands = [ascii(b, 8, 12)];
  const boxSize = Math.min(((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0, b.length);
  for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(b, i, i + 4));
  if (brands.includes('avif')) return 'avif';
  if (brands.includes('avis')) return 'avif';
  if (brands.some((x) => ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(x))) return 'heic';
  if (brands.some((x) => ['mif1', 'msf1'].includes(x))) return 'heif';
  return undefined;
}

function looksLikeText(b: Uint8Array): boolean {
  for (const c of b) if (c === 0 || c < 9 || (c > 13 && c < 32 && c !== 27)) return false;
  return true;
}

/** Identifies the format of a file from (up to) its first SNIFF_BYTES bytes. */
export function sniffFormat(head: Uint8Array): SniffedFormat {
  const b = head;
  if (b.length === 0) return 'empty';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'webp';
  if (ascii(b, 0, 4) === 'GIF8') return 'gif';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  const iso = sniffIsoBmff(b);
  if (iso) return iso;
  if (ascii(b, 0, 2) === 'BM') return 'bmp';
  if (startsWith(b, [0, 0, 1, 0]) || startsWith(b, [0, 0, 2, 0])) return 'ico';
  if (ascii(b, 0, 4) === '8BPS') return 'psd';
  if (ascii(b, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(b, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(b, [0xff, 0x4f, 0xff, 0x51]))
    return 'jp2';
  if (startsWith(b, [0xff, 0x0a]) || startsWith(b, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return 'jxl';
  if (ascii(b, 0, 4) === 'qoif') return 'qoi';
  if (startsWith(b, [0x08, 0xf2, 0xa6, 0xb6]) || startsWith(b, [0xb6, 0xa6, 0xf2, 0x08])) return 'vips';
  if (startsWith(b, [0x76, 0x2f, 0x31, 0x01])) return 'exr';
  if (startsWith(b, [0x1f, 0x8b])) return 'svgz';
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

/** File name endings people give images, including formats Pixmill reports as unsupported. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'png',
  'apng',
  'webp',
  'gif',
  'tif',
  'tiff',
  'avif',
  'heic',
  'heif',
  'hif',
  'svg',
  'svgz',
  'bmp',
  'dib',
  'ico',
  'cur',
  'psd',
  'jp2',
  'j2k',
  'jpf',
  'jxl',
  'qoi',
  'tga',
  'exr',
]);
