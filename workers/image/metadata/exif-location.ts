// Where the EXIF block stands inside each container Pixmill writes, found by walking the
// container's own structure (never by searching for a byte pattern, which image data can hold):
// JPEG APP1 "Exif\0\0", PNG eXIf, WebP's RIFF "EXIF" chunk, the HEIF "Exif" item of AVIF, the
// JPEG XL container's "Exif" box. Each site is a view of the TIFF bytes, edited in place, with a
// seal to call after an edit (PNG's chunk CRC), and the whole element, should it have to go.
import { crc32 } from 'node:zlib';
import type { ConcreteFormat } from '../../../common/pipeline.js';
import { boxesIn, ContainerUnreadable, jpegSegments, need, pngChunks, webpChunks } from './containers.js';
import { heifItems } from './heif-items.js';

export interface ExifSite {
  /** The TIFF structure, from its II/MM header to the end of the block: a view into the file. */
  tiff: Buffer;
  /** Bytes [start, end) of the whole element holding it (segment, chunk, item, box). */
  element: { start: number; end: number };
  /** Called after the TIFF bytes were edited. */
  seal(): void;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const noSeal = (): void => {};

/** The TIFF part of an EXIF payload, with or without the "Exif\0\0" that some writers put first. */
function tiffOf(data: Buffer, start: number, end: number): Buffer {
  const payload = data.subarray(start, end);
  return payload.subarray(0, 6).equals(EXIF_HEADER) ? payload.subarray(6) : payload;
}

/** HEIF items and JPEG XL boxes start with a 4-byte offset to the TIFF header (past "Exif\0\0"). */
function offsetPayload(data: Buffer, start: number, end: number): Buffer {
  need(data, start, 4);
  const tiff = start + 4 + data.readUInt32BE(start);
  if (tiff + 8 > end) throw new ContainerUnreadable('the EXIF offset points past its block');
  return data.subarray(tiff, end);
}

function jpegSites(data: Buffer): ExifSite[] {
  return jpegSegments(data)
    .filter((s) => s.marker === 0xe1 && data.subarray(s.start + 4, s.start + 10).equals(EXIF_HEADER))
    .map((s) => ({ tiff: data.subarray(s.start + 10, s.end), element: s, seal: noSeal }));
}

function pngSites(data: Buffer): ExifSite[] {
  return pngChunks(data)
    .filter((c) => c.type === 'eXIf')
    .map((c) => ({
      tiff: tiffOf(data, c.start + 8, c.end - 4),
      element: c,
      seal: () => data.writeUInt32BE(crc32(data.subarray(c.start + 4, c.end - 4)), c.end - 4),
    }));
}

function webpSites(data: Buffer): ExifSite[] {
  return webpChunks(data)
    .filter((c) => c.type === 'EXIF')
    .map((c) => ({ tiff: tiffOf(data, c.start + 8, c.dataEnd), element: c, seal: noSeal }));
}

function heifSites(data: Buffer): ExifSite[] {
  return heifItems(data, 'Exif').map((item) => ({
    tiff: offsetPayload(data, item.start, item.end),
    element: item,
    seal: noSeal,
  }));
}

function jxlSites(data: Buffer): ExifSite[] {
  // A bare codestream (FF 0A) has no boxes, and so no EXIF.
  if (data[0] === 0xff && data[1] === 0x0a) return [];
  const boxes = boxesIn(data, 0, data.length);
  if (boxes.some((b) => b.type === 'brob' && data.toString('latin1', b.body, b.body + 4) === 'Exif'))
    throw new ContainerUnreadable('the EXIF box is compressed and cannot be edited in place');
  return boxes
    .filter((b) => b.type === 'Exif')
    .map((b) => ({ tiff: offsetPayload(data, b.body, b.end), element: b, seal: noSeal }));
}

/** Every EXIF block the file holds (usually one); throws ContainerUnreadable when the walk fails. */
export function exifSites(data: Buffer, format: ConcreteFormat): ExifSite[] {
  switch (format) {
    case 'jpeg':
      return jpegSites(data);
    case 'png':
      return pngSites(data);
    case 'webp':
      return webpSites(data);
    case 'avif':
      return heifSites(data);
    case 'jxl':
      return jxlSites(data);
    // libvips writes no EXIF block into TIFF (only the tags of the image's own directory) or GIF.
    case 'tiff':
    case 'gif':
      return [];
  }
}
