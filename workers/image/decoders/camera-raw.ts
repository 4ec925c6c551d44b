// Camera raw files (CR2, CR3, NEF, ARW, DNG, …). Measured on a 24 MP DNG in this worker:
// developing the sensor data with libraw in WebAssembly takes about 0.8 s per megapixel (20 s)
// and 1 GB of memory, while the camera's own full-size JPEG preview, found by walking the file's
// structure, decodes with sharp at about 15 ms per megapixel. So the preview is used whenever the
// camera embedded one of (nearly) the sensor's size, and said so; a raw without one is developed
// with libraw's default settings, and said so; a raw neither gives is one coded row naming it.
// The raw's EXIF (camera, lens, date, exposure, GPS, orientation) goes with either picture, its
// orientation set to how the handed-on pixels are turned, so it is applied exactly once.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileError } from '../../../common/errors.js';
import type { Limits } from '../../../common/pipeline.js';
import { fileWarning } from '../../../common/warnings.js';
import { pixelFloodFailure, readFailure } from '../classify-error.js';
import sharp from '../sharp.js';
import { decodeFallback, type FallbackOutcome } from './decode-fallback.js';
import { setExifOrientation, withProfiles } from './png-container.js';
import { type EmbeddedJpeg, type RawLayout, readRawLayout, withRawExif } from './raw-preview.js';

/** The camera maker's name for each raw format, by file name ending. */
const RAW_NAMES: Record<string, string> = {
  cr2: 'Canon CR2',
  cr3: 'Canon CR3',
  crw: 'Canon CRW',
  nef: 'Nikon NEF',
  nrw: 'Nikon NRW',
  arw: 'Sony ARW',
  srf: 'Sony SRF',
  sr2: 'Sony SR2',
  dng: 'DNG',
  raf: 'Fujifilm RAF',
  orf: 'Olympus ORF',
  rw2: 'Panasonic RW2',
  rwl: 'Leica RWL',
  pef: 'Pentax PEF',
  srw: 'Samsung SRW',
  erf: 'Epson ERF',
  kdc: 'Kodak KDC',
  dcr: 'Kodak DCR',
  k25: 'Kodak K25',
  mos: 'Leaf MOS',
  mef: 'Mamiya MEF',
  '3fr': 'Hasselblad 3FR',
  fff: 'Hasselblad FFF',
  iiq: 'Phase One IIQ',
  mrw: 'Minolta MRW',
  raw: 'Panasonic/Leica RAW',
};

/** "Canon CR3 raw file": by the bytes where they tell (CR3, RAF, ORF, RW2), else by the name. */
export function rawFormatName(path: string, head: Uint8Array): string {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 16));
  const sig = b.toString('latin1', 0, 4);
  const byContent =
    b.toString('latin1', 4, 12) === 'ftypcrx '
      ? 'cr3'
      : b.toString('latin1', 0, 15) === 'FUJIFILMCCD-RAW'
        ? 'raf'
        : sig === 'IIRO' || sig === 'IIRS' || sig === 'MMOR'
          ? 'orf'
          : sig === 'IIU\0'
            ? 'rw2'
            : undefined;
  const ext = byContent ?? extname(path).slice(1).toLowerCase();
  return `${RAW_NAMES[ext] ?? 'camera'} raw file`;
}

/** A preview whose sides are at least this share of the sensor's is the full-size one. */
const FULL_SIZE_SHARE = 0.8;
/** Where the sensor's size is not stored, a preview this long is taken for full-size (small ones are 160–1620 px). */
const FULL_SIZE_LONG_SIDE = 2000;

/** The largest embedded JPEG, if it is the full-size rendering rather than a thumbnail. */
export function fullSizePreview(layout: RawLayout): EmbeddedJpeg | undefined {
  const largest = [...layout.previews].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!largest) return undefined;
  const long = Math.max(largest.width, largest.height);
  const short = Math.min(largest.width, largest.height);
  const { sensor } = layout;
  if (!sensor) return long >= FULL_SIZE_LONG_SIDE ? largest : undefined;
  const full =
    long >= FULL_SIZE_SHARE * Math.max(sensor.width, sensor.height) &&
    short >= FULL_SIZE_SHARE * Math.min(sensor.width, sensor.height);
  return full ? largest : undefined;
}

const PNG_SIGNATURE = 8;

/** The PNG without its eXIf chunk (the raw's own EXIF replaces whatever the decoder attached). */
function withoutExif(png: Buffer): Buffer {
  const parts: Buffer[] = [png.subarray(0, PNG_SIGNATURE)];
  let p = PNG_SIGNATURE;
  while (p + 12 <= png.length) {
    const end = p + 12 + png.readUInt32BE(p);
    if (png.toString('latin1', p + 4, p + 8) !== 'eXIf') parts.push(png.subarray(p, end));
    p = end;
  }
  return Buffer.concat(parts);
}

/** The developed PNG with the raw's EXIF, its orientation saying how the developed pixels are turned. */
async function withRawExifPng(png: Buffer, exif: Buffer | undefined): Promise<Buffer> {
  if (!exif) return png;
  const { orientation = 1 } = await sharp(png).metadata();
  const ours = Buffer.from(exif);
  if (!setExifOrientation(ours, orientation) && orientation > 1) return png;
  return withProfiles(withoutExif(png), { exif: ours });
}

export async function decodeCameraRaw(path: string, limits: Limits): Promise<FallbackOutcome> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { ok: false, error: readFailure(err) };
  }
  const name = rawFormatName(path, bytes);
  const layout = readRawLayout(bytes);
  if (layout?.truncated)
    return {
      ok: false,
      error: fileError(
        'TRUNCATED',
        'decode',
        `${bytes.length} bytes; its directories point past the end`,
        `This ${name} is cut short (incomplete download or copy?).`,
      ),
    };
  const preview = layout && fullSizePreview(layout);
  if (preview) {
    if (preview.width * preview.height > limits.maxPixels)
      return { ok: false, error: pixelFloodFailure('Embedded preview exceeds pixel limit', preview, limits.maxPixels) };
    const jpeg = bytes.subarray(preview.offset, preview.offset + preview.length);
    const warning = fileWarning(
      'RAW_PREVIEW_USED',
      `This is the camera's embedded JPEG preview of the ${name} (${preview.width}×${preview.height}), not a development of the raw data.`,
    );
    return { ok: true, picture: { data: withRawExif(jpeg, layout.exif), warnings: [warning] } };
  }
  const developed = await decodeFallback(path, 'camera-raw', limits);
  if (!developed.ok) {
    const { code, detail } = developed.error;
    if (code !== 'DECODE_FAILED' && code !== 'UNSUPPORTED_FORMAT') return developed;
    const small = layout?.previews.length
      ? ` (its largest embedded preview is only ${Math.max(...layout.previews.map((p) => p.width))} pixels wide)`
      : '';
    return {
      ok: false,
      error: fileError(
        'UNSUPPORTED_FORMAT',
        'decode',
        detail,
        `This ${name} has no full-size embedded preview${small}, and its raw data could not be developed here.`,
      ),
    };
  }
  const { data, warnings } = developed.picture;
  const note = fileWarning(
    'RAW_DEVELOPED',
    `This ${name} has no full-size embedded preview; its raw data was developed with libraw's default settings, not the camera's white balance or picture style, so colours and brightness may differ from the camera's own rendering.`,
  );
  return { ok: true, picture: { data: await withRawExifPng(data, layout?.exif), warnings: [note, ...warnings] } };
}
