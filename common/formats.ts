// Which decoder reads each format, and which formats Pixmill writes: the one table behind the
// scan's answers, the worker's choice of decoder, `pixmill formats` and the README.
import type { ConcreteFormat } from './pipeline.js';
import type { SniffedFormat } from './sniff.js';

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
