// Camera raw files for tests, made from known pixels: a DNG with a 16-bit Bayer (RGGB) mosaic and
// the tags libraw needs to develop it, laid out as cameras write them (IFD0 first, its preview,
// then the sensor data in a SubIFD), and a CR2-like TIFF holding only a JPEG preview. No camera
// file can be shipped here, and these let a test compare the decode with the pixels it came from.
import sharp from 'sharp';

type Value = number[] | string | Buffer;
/** A LONG offset to another directory or to a blob, resolved at layout. */
type Ref = { ifd: number } | { blob: number };
interface Entry {
  tag: number;
  /** 1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED, 10 SRATIONAL. */
  type: 1 | 2 | 3 | 4 | 5 | 7 | 10;
  value: Value | Ref | Ref[];
}
interface Ifd {
  entries: Entry[];
  /** The next directory in IFD0's chain. */
  next?: number;
}

const SIZES = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 10: 8 } as const;
const isRef = (v: unknown): v is Ref => typeof v === 'object' && v !== null && ('ifd' in v || 'blob' in v);

function countOf(e: Entry): number {
  const v = e.value;
  if (typeof v === 'string') return v.length + 1;
  if (Buffer.isBuffer(v)) return v.length;
  if (Array.isArray(v)) return e.type === 5 || e.type === 10 ? v.length / 2 : v.length;
  return 1;
}

/** A little-endian TIFF: directories in order after the header, then the blobs. */
function layoutTiff(ifds: Ifd[], blobs: Buffer[]): Buffer {
  const ifdAt: number[] = [];
  let at = 8;
  for (const ifd of ifds) {
    ifdAt.push(at);
    at += 2 + ifd.entries.length * 12 + 4;
    for (const e of ifd.entries) {
      const bytes = countOf(e) * SIZES[e.type];
      if (bytes > 4) at += bytes + (bytes & 1);
    }
  }
  const blobAt: number[] = [];
  for (const b of blobs) {
    blobAt.push(at);
    at += b.length + (b.length & 1);
  }
  const out = Buffer.alloc(at);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(ifdAt[0]!, 4);
  const resolve = (r: Ref) => ('ifd' in r ? ifdAt[r.ifd]! : blobAt[r.blob]!);
  ifds.forEach((ifd, i) => {
    const entries = [...ifd.entries].sort((a, b) => a.tag - b.tag);
    let p = ifdAt[i]!;
    let extra = p + 2 + entries.length * 12 + 4;
    out.writeUInt16LE(entries.length, p);
    p += 2;
    for (const e of entries) {
      const count = countOf(e);
      const bytes = count * SIZES[e.type];
      out.writeUInt16LE(e.tag, p);
      out.writeUInt16LE(e.type, p + 2);
      out.writeUInt32LE(count, p + 4);
      const target = bytes > 4 ? extra : p + 8;
      if (bytes > 4) {
        out.writeUInt32LE(extra, p + 8);
        extra += bytes + (bytes & 1);
      }
      const v = e.value;
      if (typeof v === 'string') out.write(`${v}\0`, target, 'latin1');
      else if (Buffer.isBuffer(v)) v.copy(out, target);
      else if (isRef(v)) out.writeUInt32LE(resolve(v), target);
      else
        v.forEach((x, k) => {
          if (isRef(x)) out.writeUInt32LE(resolve(x), target + 4 * k);
          else if (e.type === 1 || e.type === 7) out.writeUInt8(x, target + k);
          else if (e.type === 3) out.writeUInt16LE(x, target + 2 * k);
          else if (e.type === 10) out.writeInt32LE(x, target + 4 * k);
          else out.writeUInt32LE(x, target + 4 * k);
        });
      p += 12;
    }
    out.writeUInt32LE(ifd.next === undefined ? 0 : ifdAt[ifd.next]!, p);
  });
  blobs.forEach((b, i) => {
    b.copy(out, blobAt[i]!);
  });
  return out;
}

export interface RawSource {
  width: number;
  height: number;
  /** 8-bit sRGB, three channels, row by row: what the scene "is". */
  rgb: Buffer;
}

/** A scene with gradients, flat patches and hard edges, so that a wrong demosaic or a turn shows. */
export function rawScene(width: number, height: number): RawSource {
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const band = Math.floor((4 * y) / height);
      let px: [number, number, number];
      if (x < width / 4) px = [220, 40, 40];
      else if (x < width / 2 && band < 2) px = [40, 180, 60];
      else if (x < width / 2) px = [50, 70, 210];
      else px = [Math.round((230 * (x - width / 2)) / (width / 2)) + 10, Math.round((200 * y) / height) + 20, 128];
      // A bright marker in the top-left corner shows how the picture is turned.
      if (x < width / 8 && y < height / 8) px = [250, 250, 250];
      rgb.set(px, i);
    }
  return { width, height, rgb };
}

const toLinear = (v: number) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

const BLACK = 256;
const WHITE = 16383;
/** XYZ (D65) to linear sRGB: the "camera" of these files sees linear sRGB, so developing it gives the scene back. */
const XYZ_TO_SRGB = [3.2406, -1.5372, -0.4986, -0.9689, 1.8758, 0.0415, 0.0557, -0.204, 1.057];

/** The scene as an RGGB mosaic of 14-bit values (black 256) in 16-bit samples. */
function mosaic({ width, height, rgb }: RawSource): Buffer {
  const out = Buffer.alloc(width * height * 2);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const channel = (y & 1) === 0 ? ((x & 1) === 0 ? 0 : 1) : (x & 1) === 0 ? 1 : 2;
      const v = toLinear(rgb[(y * width + x) * 3 + channel]!);
      out.writeUInt16LE(Math.round(BLACK + v * (WHITE - BLACK)), (y * width + x) * 2);
    }
  return out;
}

const srational = (values: number[]) => values.flatMap((v) => [Math.round(v * 10000), 10000]);

export interface DngOptions {
  /** EXIF orientation of the shot (1–8). */
  orientation?: number;
  /** 'full': a full-size JPEG preview in IFD0, as cameras' DNGs have; 'small': only a 1/8 thumbnail; 'none'. */
  preview?: 'full' | 'small' | 'none';
  make?: string;
  model?: string;
}

export interface SynthRaw {
  data: Buffer;
  /** The JPEG embedded as the preview, if any. */
  preview?: Buffer;
  /** Where the sensor data starts: a cut before it loses the raw. */
  rawDataAt: number;
}

/** A DNG of the scene: IFD0 holds the preview (or thumbnail) and the metadata, SubIFD0 the sensor data. */
export async function synthDng(source: RawSource, options: DngOptions = {}): Promise<SynthRaw> {
  const { orientation = 1, preview = 'full', make = 'Pixmill', model = 'Synthetic DNG' } = options;
  const { width, height } = source;
  const scene = sharp(source.rgb, { raw: { width, height, channels: 3 } });
  const previewSize = preview === 'full' ? { width, height } : { width: width >> 3, height: height >> 3 };
  const jpeg =
    preview === 'none' ? undefined : await scene.clone().resize(previewSize).jpeg({ quality: 92 }).toBuffer();
  const thumb =
    preview === 'none'
      ? await scene
          .clone()
          .resize({ width: width >> 3, height: height >> 3 })
          .raw()
          .toBuffer()
      : undefined;
  const sensor = mosaic(source);
  const blobs: Buffer[] = [jpeg ?? thumb!, sensor];
  const ifd0: Ifd = {
    entries: [
      { tag: 254, type: 4, value: [1] },
      { tag: 256, type: 4, value: [previewSize.width] },
      { tag: 257, type: 4, value: [previewSize.height] },
      { tag: 258, type: 3, value: [8, 8, 8] },
      { tag: 259, type: 3, value: [jpeg ? 7 : 1] },
      { tag: 262, type: 3, value: [jpeg ? 6 : 2] },
      { tag: 271, type: 2, value: make },
      { tag: 272, type: 2, value: model },
      { tag: 273, type: 4, value: { blob: 0 } },
      { tag: 274, type: 3, value: [orientation] },
      { tag: 277, type: 3, value: [3] },
      { tag: 278, type: 4, value: [previewSize.height] },
      { tag: 279, type: 4, value: [blobs[0]!.length] },
      { tag: 284, type: 3, value: [1] },
      { tag: 306, type: 2, value: '2024:05:06 07:08:09' },
      { tag: 330, type: 4, value: { ifd: 1 } },
      { tag: 34665, type: 4, value: { ifd: 2 } },
      { tag: 50706, type: 1, value: [1, 4, 0, 0] },
      { tag: 50707, type: 1, value: [1, 1, 0, 0] },
      { tag: 50708, type: 2, value: `${make} ${model}` },
      { tag: 50721, type: 10, value: srational(XYZ_TO_SRGB) },
      { tag: 50728, type: 5, value: [1, 1, 1, 1, 1, 1] },
      { tag: 50778, type: 3, value: [21] },
    ],
  };
  const raw: Ifd = {
    entries: [
      { tag: 254, type: 4, value: [0] },
      { tag: 256, type: 4, value: [width] },
      { tag: 257, type: 4, value: [height] },
      { tag: 258, type: 3, value: [16] },
      { tag: 259, type: 3, value: [1] },
      { tag: 262, type: 3, value: [32803] },
      { tag: 273, type: 4, value: { blob: 1 } },
      { tag: 277, type: 3, value: [1] },
      { tag: 278, type: 4, value: [height] },
      { tag: 279, type: 4, value: [sensor.length] },
      { tag: 284, type: 3, value: [1] },
      { tag: 33421, type: 3, value: [2, 2] },
      { tag: 33422, type: 1, value: [0, 1, 1, 2] },
      { tag: 50714, type: 4, value: [BLACK] },
      { tag: 50717, type: 4, value: [WHITE] },
    ],
  };
  const exif: Ifd = {
    entries: [
      { tag: 33434, type: 5, value: [1, 125] },
      { tag: 33437, type: 5, value: [28, 10] },
      { tag: 34855, type: 3, value: [200] },
      { tag: 36867, type: 2, value: '2024:05:06 07:08:09' },
    ],
  };
  const data = layoutTiff([ifd0, raw, exif], blobs);
  return { data, ...(jpeg ? { preview: jpeg } : {}), rawDataAt: data.length - sensor.length };
}

/**
 * A CR2-like file: IFD0 is the full-size JPEG preview (old-style JPEG, compression 6, Canon's
 * Make and orientation), IFD1 a small thumbnail by JPEGInterchangeFormat; the sensor's size is
 * in the Exif directory. Its raw data is not one libraw can develop, so only the preview can be
 * shown, and with `fullSize` false (a quarter-size "preview") nothing can.
 */
export async function synthPreviewOnlyRaw(source: RawSource, orientation = 1, fullSize = true): Promise<SynthRaw> {
  const { width, height } = source;
  const scene = sharp(source.rgb, { raw: { width, height, channels: 3 } });
  const jpeg = await (fullSize ? scene.clone() : scene.clone().resize({ width: width >> 2 }))
    .jpeg({ quality: 92 })
    .toBuffer();
  const thumb = await scene.clone().resize({ width: 160 }).jpeg({ quality: 80 }).toBuffer();
  const junk = Buffer.alloc(4096, 0x5a);
  const ifd0: Ifd = {
    next: 1,
    entries: [
      { tag: 256, type: 3, value: [width] },
      { tag: 257, type: 3, value: [height] },
      { tag: 259, type: 3, value: [6] },
      { tag: 271, type: 2, value: 'Canon' },
      { tag: 272, type: 2, value: 'Canon EOS Synthetic' },
      { tag: 273, type: 4, value: { blob: 0 } },
      { tag: 274, type: 3, value: [orientation] },
      { tag: 279, type: 4, value: [jpeg.length] },
      { tag: 306, type: 2, value: '2023:01:02 03:04:05' },
      { tag: 34665, type: 4, value: { ifd: 2 } },
    ],
  };
  const ifd1: Ifd = {
    entries: [
      { tag: 259, type: 3, value: [6] },
      { tag: 513, type: 4, value: { blob: 1 } },
      { tag: 514, type: 4, value: [thumb.length] },
    ],
  };
  const exif: Ifd = {
    entries: [
      { tag: 0xa002, type: 4, value: [width] },
      { tag: 0xa003, type: 4, value: [height] },
      { tag: 34855, type: 3, value: [400] },
      { tag: 36867, type: 2, value: '2023:01:02 03:04:05' },
    ],
  };
  const data = layoutTiff([ifd0, ifd1, exif], [jpeg, thumb, junk]);
  return { data, preview: jpeg, rawDataAt: data.length - junk.length };
}
