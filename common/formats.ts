// Which decoder reads each format, and which formats Pixmill writes: the one table behind the
// scan's answers, the worker's choice of decoder, `pixmill formats` and the README.
import type { ConcreteFormat } from './pipeline.js';
import { FORMAT_NAMES, type SniffedFormat } from './sniff.js';

/**
 * libvips: sharp's own, fast and streaming. imagemagick: ImageMagick 7 compiled to WebAssembly,
 * for what the prebuilt libvips leaves out (HEVC for patents, the rest for size); it decodes the
 * whole picture in memory, 8 bits per channel.
 */
export type Decoder = 'libvips' | 'imagemagick';

export const DECODER_NAMES: Record<Decoder, string> = {
  libvips: 'libvips (sharp)',
  imagemagick: 'ImageMagick (WebAssembly)',
};

export const DECODERS: Partial<Record<SniffedFormat, Decoder>> = {
  jpeg: 'libvips',
  png: 'libvips',
  webp: 'libvips',
  gif: 'libvips',
  tiff: 'libvips',
  avif: 'libvips',
  heif: 'libvips',
  svg: 'libvips',
  svgz: 'libvips',
  // libvips reads a HEIC's header (size, profile, EXIF); ImageMagick decodes its HEVC pixels.
  heic: 'imagemagick',
  jxl: 'imagemagick',
  jp2: 'imagemagick',
  psd: 'imagemagick',
  bmp: 'imagemagick',
  ico: 'imagemagick',
  tga: 'imagemagick',
  qoi: 'imagemagick',
  exr: 'imagemagick',
  netpbm: 'imagemagick',
  pfm: 'imagemagick',
  hdr: 'imagemagick',
  fits: 'imagemagick',
  xbm: 'imagemagick',
  xpm: 'imagemagick',
  sun: 'imagemagick',
  dds: 'imagemagick',
  pcx: 'imagemagick',
  sgi: 'imagemagick',
  farbfeld: 'imagemagick',
  mng: 'imagemagick',
  xcf: 'imagemagick',
  'camera-raw': 'imagemagick',
  // libvips' own format: its loader is blocked in the workers (sharp-setup.ts), so it is read in the sandbox.
  vips: 'imagemagick',
};

/**
 * libvips formats whose variants ImageMagick also reads: a file libvips refuses as unsupported
 * (an old-style JPEG or tiled-planar TIFF, an HEVC HEIC, an AVIF sequence) gets a second decoder.
 */
export const SECOND_DECODER: ReadonlySet<SniffedFormat> = new Set(['tiff', 'heif', 'heic', 'avif']);

/** Where one format is read by more than its decoder's name says. */
export const DECODER_NOTES: Partial<Record<SniffedFormat, string>> = {
  'camera-raw': 'its full-size JPEG preview (libvips), else libraw (ImageMagick)',
  tiff: 'libvips (sharp); old-JPEG, planar: ImageMagick',
};

/** Whether any decoder here reads the format. */
export const isReadable = (format: SniffedFormat): boolean => DECODERS[format] !== undefined;

/** The encoder behind each output format. */
export const ENCODERS: Record<ConcreteFormat, Decoder> = {
  jpeg: 'libvips',
  png: 'libvips',
  webp: 'libvips',
  avif: 'libvips',
  // Prebuilt libvips has no libjxl; ImageMagick's does, at 8 bits per channel (its Q8 build).
  jxl: 'imagemagick',
  tiff: 'libvips',
  gif: 'libvips',
};

/** The name endings of each format, as `pixmill formats` and the README list them (files are read by content). */
export const FORMAT_EXTENSIONS: Partial<Record<SniffedFormat, readonly string[]>> = {
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  png: ['png', 'apng'],
  webp: ['webp'],
  gif: ['gif'],
  tiff: ['tif', 'tiff'],
  avif: ['avif', 'avifs'],
  heif: ['heif', 'hif'],
  heic: ['heic', 'heif', 'hif'],
  svg: ['svg'],
  svgz: ['svgz'],
  jxl: ['jxl'],
  jp2: ['jp2', 'j2k', 'jpf', 'jpx'],
  psd: ['psd', 'psb'],
  bmp: ['bmp', 'dib'],
  ico: ['ico', 'cur'],
  tga: ['tga', 'icb', 'vda', 'vst'],
  qoi: ['qoi'],
  exr: ['exr'],
  netpbm: ['ppm', 'pgm', 'pbm', 'pnm', 'pam'],
  pfm: ['pfm'],
  hdr: ['hdr'],
  fits: ['fits', 'fit', 'fts'],
  xbm: ['xbm'],
  xpm: ['xpm'],
  sun: ['ras', 'sun'],
  dds: ['dds'],
  pcx: ['pcx'],
  sgi: ['sgi', 'rgb'],
  farbfeld: ['ff'],
  mng: ['mng'],
  xcf: ['xcf'],
  'camera-raw': ['cr2', 'cr3', 'nef', 'arw', 'dng', 'raf', 'orf', 'rw2', 'pef', 'srw'],
  jxr: ['jxr', 'wdp'],
  bpg: ['bpg'],
  flif: ['flif'],
  icns: ['icns'],
  vips: ['v'],
};

/** Where FORMAT_NAMES says more than a file row has room for ("HEIC (HEVC-coded HEIF)"). */
const SHORT_NAMES: Partial<Record<SniffedFormat, string>> = {
  heic: 'HEIC',
  svgz: 'SVGZ',
  psd: 'PSD',
  ico: 'ICO',
  tga: 'TGA',
  exr: 'EXR',
  pfm: 'PFM',
  hdr: 'HDR',
  xbm: 'XBM',
  xpm: 'XPM',
  sun: 'Sun',
  dds: 'DDS',
  sgi: 'SGI',
  xcf: 'XCF',
  icns: 'ICNS',
  vips: 'VIPS',
};

/**
 * A format as a row shows it. Netpbm and camera raw are families: the file's own ending says
 * which member ("PPM", "NEF"), as a photographer would call it.
 */
export function formatLabel(format: SniffedFormat, fileName: string): string {
  const ext = /\.([a-z0-9]{2,4})$/i.exec(fileName)?.[1]?.toUpperCase();
  if ((format === 'netpbm' || format === 'camera-raw') && ext) return ext;
  return SHORT_NAMES[format] ?? FORMAT_NAMES[format];
}
