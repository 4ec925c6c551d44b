// Photos with every class of metadata, for the metadata policy tests: EXIF with the artist,
// copyright, camera, a maker note, a GPS position and a thumbnail (written by the small TIFF
// writer below, as libvips cannot write a maker note), XMP with GPS properties next to others,
// IPTC, and a wide-gamut profile. The values are distinctive bytes, so a test can search the
// output for them: a location that is merely unreferenced is still found.
import { writeFile } from 'node:fs/promises';
import sharp from 'sharp';

type Value =
  | { ascii: string }
  | { bytes: Buffer }
  | { rationals: [number, number][] }
  | { shorts: number[] }
  | { longs: number[] };

export interface Field {
  tag: number;
  value?: Value;
  /** A pointer to a directory of its own (the EXIF, GPS directories). */
  ifd?: Field[];
}

/** A TIFF-structured EXIF block in either byte order; IFD1 with a JPEG thumbnail when one is given. */
export function writeExif(ifd0: Field[], opts: { bigEndian?: boolean; thumbnail?: Buffer } = {}): Buffer {
  const big = opts.bigEndian ?? false;
  const buf = Buffer.alloc(256 * 1024);
  const u16 = (v: number, at: number) => (big ? buf.writeUInt16BE(v, at) : buf.writeUInt16LE(v, at));
  const u32 = (v: number, at: number) => (big ? buf.writeUInt32BE(v, at) : buf.writeUInt32LE(v, at));
  buf.write(big ? 'MM' : 'II', 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  let cursor = 8;
  /** Unsigned integers of `size` bytes each, in the block's byte order. */
  const ints = (values: readonly number[], size: 2 | 4): Buffer => {
    const bytes = Buffer.alloc(values.length * size);
    for (const [i, v] of values.entries()) {
      if (size === 2) big ? bytes.writeUInt16BE(v, i * 2) : bytes.writeUInt16LE(v, i * 2);
      else big ? bytes.writeUInt32BE(v, i * 4) : bytes.writeUInt32LE(v, i * 4);
    }
    return bytes;
  };
  const encode = (v: Value): { type: number; count: number; bytes: Buffer } => {
    if ('ascii' in v) {
      const bytes = Buffer.from(`${v.ascii}\0`, 'utf8');
      return { type: 2, count: bytes.length, bytes };
    }
    if ('bytes' in v) return { type: 7, count: v.bytes.length, bytes: v.bytes };
    if ('rationals' in v) return { type: 5, count: v.rationals.length, bytes: ints(v.rationals.flat(), 4) };
    if ('shorts' in v) return { type: 3, count: v.shorts.length, bytes: ints(v.shorts, 2) };
    return { type: 4, count: v.longs.length, bytes: ints(v.longs, 4) };
  };
  const writeIfd = (fields: Field[]): { at: number; nextAt: number } => {
    const sorted = [...fields].sort((a, b) => a.tag - b.tag);
    const at = cursor;
    cursor += 2 + sorted.length * 12 + 4;
    u16(sorted.length, at);
    sorted.forEach((f, i) => {
      const e = at + 2 + i * 12;
      u16(f.tag, e);
      if (f.ifd) {
        u16(4, e + 2);
        u32(1, e + 4);
        u32(writeIfd(f.ifd).at, e + 8);
        return;
      }
      const { type, count, bytes } = encode(f.value!);
      u16(type, e + 2);
      u32(count, e + 4);
      if (bytes.length <= 4) bytes.copy(buf, e + 8);
      else {
        cursor += cursor & 1;
        bytes.copy(buf, cursor);
        u32(cursor, e + 8);
        cursor += bytes.length;
      }
    });
    return { at, nextAt: at + 2 + sorted.length * 12 };
  };
  const first = writeIfd(ifd0);
  if (opts.thumbnail) {
    cursor += cursor & 1;
    const thumbAt = cursor;
    opts.thumbnail.copy(buf, cursor);
    cursor += opts.thumbnail.length;
    cursor += cursor & 1;
    const ifd1 = writeIfd([
      { tag: 0x0103, value: { shorts: [6] } },
      { tag: 0x0201, value: { longs: [thumbAt] } },
      { tag: 0x0202, value: { longs: [opts.thumbnail.length] } },
    ]);
    u32(ifd1.at, first.nextAt);
  }
  return buf.subarray(0, cursor);
}

export const ARTIST = 'Zoë Example';
/** With a trailing "(…)", which libvips would cut, and a character outside ASCII. */
export const COPYRIGHT = '© 2024 Zoë Example (Studio North)';
export const MAKE = 'AcmeCam';
export const MAKER_NOTE = Buffer.concat([Buffer.from('ACMEMAKERNOTE', 'latin1'), Buffer.alloc(64, 0x5a)]);
/** 51° 30′ 7.407″ N, 0° 7′ 27.36″ W: the rationals searched for in outputs. */
export const LATITUDE: [number, number][] = [
  [51, 1],
  [30, 1],
  [7407, 1000],
];
const LONGITUDE: [number, number][] = [
  [0, 1],
  [7, 1],
  [2736, 100],
];

/** The bytes of the latitude's seconds (7407/1000) in both byte orders: found in a file, the location is there. */
export function latitudeBytes(): Buffer[] {
  const le = Buffer.alloc(8);
  le.writeUInt32LE(7407, 0);
  le.writeUInt32LE(1000, 4);
  const be = Buffer.alloc(8);
  be.writeUInt32BE(7407, 0);
  be.writeUInt32BE(1000, 4);
  return [le, be];
}

export function cameraExif(opts: { bigEndian?: boolean; thumbnail?: Buffer } = {}): Buffer {
  return writeExif(
    [
      { tag: 0x010f, value: { ascii: MAKE } },
      { tag: 0x0110, value: { ascii: 'Model Z' } },
      { tag: 0x0112, value: { shorts: [1] } },
      { tag: 0x013b, value: { ascii: ARTIST } },
      { tag: 0x8298, value: { ascii: COPYRIGHT } },
      {
        tag: 0x8769,
        ifd: [
          { tag: 0x9003, value: { ascii: '2024:05:07 10:11:12' } },
          { tag: 0x927c, value: { bytes: MAKER_NOTE } },
        ],
      },
      {
        tag: 0x8825,
        ifd: [
          { tag: 0x0000, value: { bytes: Buffer.from([2, 2, 0, 0]) } },
          { tag: 0x0001, value: { ascii: 'N' } },
          { tag: 0x0002, value: { rationals: LATITUDE } },
          { tag: 0x0003, value: { ascii: 'W' } },
          { tag: 0x0004, value: { rationals: LONGITUDE } },
        ],
      },
    ],
    opts,
  );
}

export const XMP_KEPT_TEXT = 'A walk by the river';
/** XMP with the location both as attributes and as elements (one of them a nested structure). */
export const XMP = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
    exif:GPSLatitude="51,30.12345N" exif:GPSLongitude="0,7.456W" exif:ExposureTime="1/125">
   <exif:GPSAltitude>120/1</exif:GPSAltitude>
   <exif:GPSDestLatitude rdf:parseType="Resource"><exif:Inner>51,30.9N</exif:Inner></exif:GPSDestLatitude>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${XMP_KEPT_TEXT}</rdf:li></rdf:Alt></dc:description>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

/** An IPTC-IIM record in a Photoshop APP13 block: one caption (2:120). */
export const IPTC_CAPTION = 'IPTC caption text';
function iptcSegment(): Buffer {
  const caption = Buffer.from(IPTC_CAPTION, 'latin1');
  const record = Buffer.concat([Buffer.from([0x1c, 2, 120, 0, caption.length]), caption]);
  const resource = Buffer.concat([
    Buffer.from('8BIM', 'latin1'),
    Buffer.from([0x04, 0x04, 0, 0]),
    Buffer.alloc(4),
    record,
    Buffer.alloc(record.length & 1),
  ]);
  resource.writeUInt32BE(record.length, 8);
  const body = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const head = Buffer.from([0xff, 0xed, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A JPEG with this EXIF block (its TIFF part) put right after SOI. */
export function withExifSegment(jpeg: Buffer, tiff: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), app1Exif(tiff), jpeg.subarray(2)]);
}

function app1Exif(tiff: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** A 96×64 photo-like picture in Display P3, with XMP: every other block is spliced in. */
async function basePhoto(format: 'jpeg' | 'png' | 'webp' | 'avif' | 'tiff'): Promise<Buffer> {
  const noise = await sharp({
    create: {
      width: 96,
      height: 64,
      channels: 3,
      background: '#000000',
      noise: { type: 'gaussian', mean: 128, sigma: 50 },
    },
  })
    .raw()
    .toBuffer();
  return sharp(noise, { raw: { width: 96, height: 64, channels: 3 } })
    .withIccProfile('p3')
    .withXmp(XMP)
    .toFormat(format, { quality: 90 })
    .toBuffer();
}

/**
 * A JPEG with everything: our own EXIF block (maker note, GPS, thumbnail), IPTC, XMP, P3. The
 * EXIF and IPTC segments go right after SOI, ahead of what libvips wrote.
 */
export async function richJpeg(path: string, opts: { bigEndian?: boolean } = {}): Promise<string> {
  const thumbnail = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#ff00ff' } })
    .jpeg()
    .toBuffer();
  const jpeg = await basePhoto('jpeg');
  const exif = app1Exif(cameraExif({ ...opts, thumbnail }));
  await writeFile(path, Buffer.concat([jpeg.subarray(0, 2), exif, iptcSegment(), jpeg.subarray(2)]));
  return path;
}

/**
 * The same blocks in another container, as libvips writes them: through sharp with every block
 * kept (its EXIF is rebuilt by libvips, and keeps the maker note and GPS as they were).
 */
export async function richImage(path: string, format: 'png' | 'webp' | 'avif' | 'tiff', jpeg: string): Promise<string> {
  await sharp(jpeg).keepMetadata().toFormat(format, { quality: 90 }).toFile(path);
  return path;
}
