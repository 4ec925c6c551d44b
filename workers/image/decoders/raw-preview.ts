// What a camera raw file holds besides its sensor data, read from its structure alone (no pixel is
// decoded here): the JPEG previews the camera rendered and embedded, the sensor's size, the
// shot's orientation and the EXIF a person expects to keep (camera, lens, date, exposure, GPS).
// TIFF-based raws (CR2, NEF, ARW, DNG, PEF, ORF, RW2, …) keep previews in their directories,
// as JPEGInterchangeFormat or as a JPEG-compressed strip; a Canon CR3 (ISO base media) keeps its
// full-size JPEG as the first track and its EXIF in the CMT1–CMT4 boxes.

export interface EmbeddedJpeg {
  offset: number;
  length: number;
  width: number;
  height: number;
}

export interface RawLayout {
  /** The sensor data's size as its own directory or track declares it, when one does. */
  sensor?: { width: number; height: number };
  /** Baseline or progressive JPEGs embedded in the file, from their own frame headers. */
  previews: EmbeddedJpeg[];
  /** The shot's EXIF orientation (1 when none is stored). */
  orientation: number;
  /** A TIFF-structured EXIF blob (IFD0, Exif and GPS directories, no maker notes), if the file has tags. */
  exif?: Buffer;
  /** Some directory's data reaches past the end of the file: it was cut short. */
  truncated: boolean;
}

class View {
  constructor(
    readonly b: Buffer,
    readonly le: boolean,
  ) {}
  has = (at: number, n: number) => at >= 0 && at + n <= this.b.length;
  u16 = (at: number) => (this.has(at, 2) ? (this.le ? this.b.readUInt16LE(at) : this.b.readUInt16BE(at)) : 0);
  u32 = (at: number) => (this.has(at, 4) ? (this.le ? this.b.readUInt32LE(at) : this.b.readUInt32BE(at)) : 0);
}

/** A JPEG's frame: its size, and whether it is lossless (the sensor data of a CR2, not a picture). */
export function jpegFrame(
  b: Buffer,
  at = 0,
  end = b.length,
): { width: number; height: number; components: number; lossless: boolean } | undefined {
  if (b[at] !== 0xff || b[at + 1] !== 0xd8) return undefined;
  let p = at + 2;
  while (p + 4 <= end) {
    if (b[p] !== 0xff) return undefined;
    const marker = b[p + 1]!;
    if (marker === 0xff) {
      p++;
      continue;
    }
    const length = b.readUInt16BE(p + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (p + 10 > end) return undefined;
      return {
        height: b.readUInt16BE(p + 5),
        width: b.readUInt16BE(p + 7),
        components: b[p + 9]!,
        lossless: marker === 0xc3 || marker === 0xc7 || marker === 0xcb || marker === 0xcf,
      };
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    p += 2 + length;
  }
  return undefined;
}

const TYPE_SIZES: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
};

interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** Where the value's bytes are: in the entry itself or at its offset. */
  valueAt: number;
  bytes: number;
}

function readIfd(v: View, at: number): { entries: Map<number, IfdEntry>; next: number } | undefined {
  if (!v.has(at, 2)) return undefined;
  const n = v.u16(at);
  if (n === 0 || n > 1000 || !v.has(at + 2, n * 12)) return undefined;
  const entries = new Map<number, IfdEntry>();
  for (let i = 0; i < n; i++) {
    const e = at + 2 + i * 12;
    const type = v.u16(e + 2);
    const count = v.u32(e + 4);
    const bytes = (TYPE_SIZES[type] ?? 0) * count;
    if (!bytes) continue;
    entries.set(v.u16(e), { tag: v.u16(e), type, count, valueAt: bytes <= 4 ? e + 8 : v.u32(e + 8), bytes });
  }
  return { entries, next: v.u32(at + 2 + n * 12) };
}

/** An entry's integer values (SHORT or LONG). */
function ints(v: View, e: IfdEntry | undefined): number[] {
  if (!e || (e.type !== 3 && e.type !== 4) || !v.has(e.valueAt, e.bytes)) return [];
  const out: number[] = [];
  for (let i = 0; i < Math.min(e.count, 4096); i++)
    out.push(e.type === 3 ? v.u16(e.valueAt + 2 * i) : v.u32(e.valueAt + 4 * i));
  return out;
}

/** The tags of IFD0 a person means by "the photo's EXIF"; the rest of IFD0 describes the raw's own layout. */
const IFD0_TAGS = new Set([270, 271, 272, 274, 305, 306, 315, 33432]);
/** Exif-directory entries that are offsets into the raw file or its maker's private notes. */
const EXIF_SKIP = new Set([0x927c, 0xa005]);
const EXIF_IFD = 34665;
const GPS_IFD = 34853;

interface TagSource {
  v: View;
  entries: Map<number, IfdEntry>;
}

/**
 * A standalone EXIF blob (TIFF header, IFD0, Exif IFD, GPS IFD) in the source's byte order, the
 * values copied verbatim: what a JPEG's APP1 or a PNG's eXIf holds.
 */
function buildExif(le: boolean, ifd0?: TagSource, exif?: TagSource, gps?: TagSource): Buffer | undefined {
  const pick = (s: TagSource | undefined, keep: (tag: number) => boolean) =>
    s ? [...s.entries.values()].filter((e) => keep(e.tag) && s.v.has(e.valueAt, e.bytes)).map((e) => ({ e, s })) : [];
  const main = pick(ifd0, (t) => IFD0_TAGS.has(t));
  const ex = pick(exif, (t) => !EXIF_SKIP.has(t) && t !== EXIF_IFD && t !== GPS_IFD);
  const gp = pick(gps, () => true);
  if (!main.length && !ex.length && !gp.length) return undefined;
  type Item = (typeof main)[number] | { pointer: 'exif' | 'gps' };
  const dirs: Item[][] = [
    [
      ...main,
      ...(ex.length ? [{ pointer: 'exif' as const }] : []),
      ...(gp.length ? [{ pointer: 'gps' as const }] : []),
    ],
    ex,
    gp,
  ];
  const tagOf = (i: Item) => ('pointer' in i ? (i.pointer === 'exif' ? EXIF_IFD : GPS_IFD) : i.e.tag);
  for (const d of dirs) d.sort((a, b) => tagOf(a) - tagOf(b));
  const sizeOf = (d: Item[]) =>
    d.length
      ? 2 +
        d.length * 12 +
        4 +
        d.reduce((n, i) => n + ('pointer' in i || i.e.bytes <= 4 ? 0 : i.e.bytes + (i.e.bytes & 1)), 0)
      : 0;
  const at = [8, 8 + sizeOf(dirs[0]!), 8 + sizeOf(dirs[0]!) + sizeOf(dirs[1]!)];
  const out = Buffer.alloc(at[2]! + sizeOf(dirs[2]!));
  const w16 = (x: number, p: number) => (le ? out.writeUInt16LE(x, p) : out.writeUInt16BE(x, p));
  const w32 = (x: number, p: number) => (le ? out.writeUInt32LE(x, p) : out.writeUInt32BE(x, p));
  out.write(le ? 'II' : 'MM', 0, 'latin1');
  w16(42, 2);
  w32(8, 4);
  dirs.forEach((d, k) => {
    if (!d.length) return;
    let p = at[k]!;
    let extra = p + 2 + d.length * 12 + 4;
    w16(d.length, p);
    p += 2;
    for (const item of d) {
      if ('pointer' in item) {
        w16(tagOf(item), p);
        w16(4, p + 2);
        w32(1, p + 4);
        w32(at[item.pointer === 'exif' ? 1 : 2]!, p + 8);
      } else {
        const { e, s } = item;
        w16(e.tag, p);
        w16(e.type, p + 2);
        w32(e.count, p + 4);
        const value = s.v.b.subarray(e.valueAt, e.valueAt + e.bytes);
        if (e.bytes <= 4) value.copy(out, p + 8);
        else {
          w32(extra, p + 8);
          value.copy(out, extra);
          extra += e.bytes + (e.bytes & 1);
        }
      }
      p += 12;
    }
    w32(0, p);
  });
  return out;
}

const CFA = 32803;
const LINEAR_RAW = 34892;

/** A TIFF-based raw's previews, sensor size and EXIF, walking IFD0's chain and every SubIFD. */
export function readTiffRaw(b: Buffer): RawLayout | undefined {
  if (b.length < 8) return undefined;
  const order = b.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const v = new View(b, order === 'II');
  const first = v.u32(4);
  const previews: EmbeddedJpeg[] = [];
  let sensor: RawLayout['sensor'];
  let truncated = false;
  let ifd0: TagSource | undefined;
  const seen = new Set<number>();
  const considerSensor = (width: number, height: number) => {
    if (width * height > (sensor ? sensor.width * sensor.height : 0)) sensor = { width, height };
  };
  const considerJpeg = (offset: number, length: number) => {
    if (!length) return;
    if (offset + length > b.length) {
      truncated = true;
      return;
    }
    const frame = jpegFrame(b, offset, offset + length);
    if (!frame) return;
    if (frame.lossless) considerSensor(frame.width * frame.components, frame.height);
    else if (frame.components === 3 || frame.components === 1)
      previews.push({ offset, length, width: frame.width, height: frame.height });
  };
  const walk = (at: number, depth: number) => {
    for (let n = 0; at && n < 16 && !seen.has(at); n++) {
      seen.add(at);
      const ifd = readIfd(v, at);
      if (!ifd) return;
      const { entries } = ifd;
      ifd0 ??= { v, entries };
      const get = (tag: number) => ints(v, entries.get(tag));
      const [width = 0] = get(256);
      const [height = 0] = get(257);
      const [compression = 1] = get(259);
      const [photometric = 0] = get(262);
      const [jif = 0] = get(513);
      const [jifLength = 0] = get(514);
      considerJpeg(jif, jifLength);
      const offsets = get(273).length ? get(273) : get(324);
      const counts = get(279).length ? get(279) : get(325);
      offsets.forEach((o, i) => {
        if (o + (counts[i] ?? 0) > b.length) truncated = true;
      });
      if (photometric === CFA || photometric === LINEAR_RAW) considerSensor(width, height);
      else if ((compression === 6 || compression === 7) && offsets.length === 1 && offsets[0] !== jif)
        considerJpeg(offsets[0]!, counts[0] ?? 0);
      if (depth < 3) for (const sub of get(330)) walk(sub, depth + 1);
      if (depth > 0) return;
      at = ifd.next;
    }
  };
  walk(first, 0);
  if (!ifd0) return undefined;
  const pointed = (tag: number): TagSource | undefined => {
    const [at = 0] = ints(v, ifd0!.entries.get(tag));
    const ifd = at ? readIfd(v, at) : undefined;
    return ifd ? { v, entries: ifd.entries } : undefined;
  };
  const exif = pointed(EXIF_IFD);
  if (!sensor && exif) {
    const [w = 0] = ints(v, exif.entries.get(0xa002));
    const [h = 0] = ints(v, exif.entries.get(0xa003));
    if (w && h) sensor = { width: w, height: h };
  }
  const [orientation = 1] = ints(v, ifd0.entries.get(274));
  const blob = buildExif(v.le, ifd0, exif, pointed(GPS_IFD));
  return {
    previews,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    truncated,
    ...(sensor ? { sensor } : {}),
    ...(blob ? { exif: blob } : {}),
  };
}

interface Box {
  type: string;
  start: number;
  /** Where the box's contents begin (after its header). */
  body: number;
  end: number;
}

/** The boxes from `start` to `end`; a box's `end` may lie past the file's when it was cut short. */
function* boxes(b: Buffer, start: number, stop: number): Generator<Box> {
  const end = Math.min(stop, b.length);
  let p = start;
  while (p + 8 <= end) {
    let size = b.readUInt32BE(p);
    let body = p + 8;
    if (size === 1) {
      if (p + 16 > end) return;
      size = Number(b.readBigUInt64BE(p + 8));
      body = p + 16;
    } else if (size === 0) size = end - p;
    if (size < body - p) return;
    yield { type: b.toString('latin1', p + 4, p + 8), start: p, body, end: p + size };
    p += size;
  }
}

const child = (b: Buffer, parent: Box, type: string) => {
  for (const x of boxes(b, parent.body, parent.end)) if (x.type === type) return x;
  return undefined;
};

/** Canon's metadata box inside 'moov'. */
const CANON_UUID = '85c0b687820f11e08111f4ce462b6a48';

/** A CMT box: a little TIFF of its own whose first directory holds one group of tags. */
function cmt(b: Buffer, box: Box | undefined): TagSource | undefined {
  if (!box) return undefined;
  const t = b.subarray(box.body, box.end);
  const order = t.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return undefined;
  const v = new View(t, order === 'II');
  const ifd = readIfd(v, v.u32(4));
  return ifd ? { v, entries: ifd.entries } : undefined;
}

/** A Canon CR3's full-size JPEG track (and any other JPEG track), sensor size and EXIF. */
export function readCr3(b: Buffer): RawLayout | undefined {
  const top = [...boxes(b, 0, b.length)];
  const moov = top.find((x) => x.type === 'moov');
  if (!moov) return undefined;
  const previews: EmbeddedJpeg[] = [];
  let sensor: RawLayout['sensor'];
  let truncated = top.some((x) => x.end > b.length);
  let meta: { ifd0?: TagSource | undefined; exif?: TagSource | undefined; gps?: TagSource | undefined } = {};
  for (const x of boxes(b, moov.body, moov.end)) {
    if (x.type === 'uuid' && b.toString('hex', x.body, x.body + 16) === CANON_UUID) {
      const inner = { ...x, body: x.body + 16 };
      meta = {
        ifd0: cmt(b, child(b, inner, 'CMT1')),
        exif: cmt(b, child(b, inner, 'CMT2')),
        gps: cmt(b, child(b, inner, 'CMT4')),
      };
      continue;
    }
    if (x.type !== 'trak') continue;
    const path = ['mdia', 'minf', 'stbl'];
    let box: Box | undefined = x;
    for (const t of path) box = box && child(b, box, t);
    if (!box) continue;
    const stsd = child(b, box, 'stsd');
    const stsz = child(b, box, 'stsz');
    const co64 = child(b, box, 'co64');
    const stco = child(b, box, 'stco');
    if (!stsd || !stsz || !(co64 || stco)) continue;
    // Full box (4) and entry count (4), then the first sample entry: size, type, 6 reserved,
    // data reference (2), 16 of video sample entry fields, width and height.
    const entry = stsd.body + 8;
    if (entry + 36 > stsd.end || b.toString('latin1', entry + 4, entry + 8) !== 'CRAW') continue;
    const width = b.readUInt16BE(entry + 32);
    const height = b.readUInt16BE(entry + 34);
    const fixed = b.readUInt32BE(stsz.body + 4);
    const length = fixed || (stsz.body + 16 <= stsz.end ? b.readUInt32BE(stsz.body + 12) : 0);
    const offset = co64 ? Number(b.readBigUInt64BE(co64.body + 8)) : b.readUInt32BE(stco!.body + 8);
    if (!length) continue;
    if (offset + length > b.length) {
      truncated = true;
      continue;
    }
    const frame = jpegFrame(b, offset, offset + length);
    if (frame && !frame.lossless) previews.push({ offset, length, width: frame.width, height: frame.height });
    else if (width * height > (sensor ? sensor.width * sensor.height : 0)) sensor = { width, height };
  }
  const le = meta.ifd0?.v.le ?? true;
  const same = (s?: TagSource) => (s && s.v.le === le ? s : undefined);
  const [orientation = 1] = meta.ifd0 ? ints(meta.ifd0.v, meta.ifd0.entries.get(274)) : [];
  const exif = buildExif(le, same(meta.ifd0), same(meta.exif), same(meta.gps));
  return {
    previews,
    orientation: orientation >= 1 && orientation <= 8 ? orientation : 1,
    truncated,
    ...(sensor ? { sensor } : {}),
    ...(exif ? { exif } : {}),
  };
}

/** The layout of any camera raw this reads: CR3 by its box structure, the rest as TIFFs. */
export function readRawLayout(b: Buffer): RawLayout | undefined {
  if (b.toString('latin1', 4, 8) === 'ftyp') return readCr3(b);
  return readTiffRaw(b);
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/**
 * The preview JPEG with its own EXIF (if any) replaced by the raw's: the camera's preview often
 * has none, or one whose orientation is not the shot's. Nothing else in the JPEG changes.
 */
export function withRawExif(jpeg: Buffer, exif: Buffer | undefined): Buffer {
  const jfif: Buffer[] = [];
  const kept: Buffer[] = [];
  let p = 2;
  while (p + 4 <= jpeg.length && jpeg[p] === 0xff) {
    const marker = jpeg[p + 1]!;
    if (marker === 0xda || marker < 0xe0 || marker > 0xef) break;
    const end = p + 2 + jpeg.readUInt16BE(p + 2);
    const isExif = marker === 0xe1 && jpeg.subarray(p + 4, p + 10).equals(EXIF_HEADER);
    if (marker === 0xe0 && !kept.length) jfif.push(jpeg.subarray(p, end));
    else if (!isExif) kept.push(jpeg.subarray(p, end));
    p = end;
  }
  const app1: Buffer[] = [];
  if (exif && exif.length + 8 <= 0xffff) {
    const head = Buffer.from([0xff, 0xe1, 0, 0]);
    head.writeUInt16BE(exif.length + 8, 2);
    app1.push(head, EXIF_HEADER, exif);
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...jfif, ...app1, ...kept, jpeg.subarray(p)]);
}
