// A small reader of TIFF structure (byte order, image file directories, where each value lies),
// shared by the EXIF surgery, the copyright reader and the TIFF output's own tags. EXIF is a TIFF
// file inside the container; every offset in it counts from its own header. Every read is
// bounds-checked: a damaged or hostile block throws TiffUnreadable, never reads past its end.

/** The block is not a TIFF structure this reader can follow. */
export class TiffUnreadable extends Error {}

/** Bytes per component of each TIFF field type (1 BYTE … 13 IFD); 0: a type this reader does not know. */
const TYPE_SIZES: readonly number[] = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];

export const TAG = {
  artist: 0x013b,
  copyright: 0x8298,
  exifIfd: 0x8769,
  gpsIfd: 0x8825,
  interopIfd: 0xa005,
  makerNote: 0x927c,
  jpegThumbnail: 0x0201,
  jpegThumbnailLength: 0x0202,
  stripOffsets: 0x0111,
  stripByteCounts: 0x0117,
  xmp: 0x02bc,
  iptc: 0x83bb,
  icc: 0x8773,
} as const;

export interface IfdEntry {
  /** Where the 12-byte entry itself starts. */
  at: number;
  tag: number;
  type: number;
  count: number;
  /** Where the value's bytes start: inside the entry when they fit in 4 bytes, else at the offset it holds. */
  valueAt: number;
  valueLength: number;
  /** The value lies elsewhere in the block (more than 4 bytes), not inside the entry. */
  outOfLine: boolean;
}

export interface Ifd {
  at: number;
  entries: IfdEntry[];
  /** Where the 4-byte offset of the next directory stands. */
  nextAt: number;
  next: number;
}

/** A view of one TIFF block in either byte order; writes go straight into the bytes it views. */
export class TiffView {
  readonly little: boolean;
  readonly firstIfd: number;

  constructor(readonly bytes: Buffer) {
    if (bytes.length < 8) throw new TiffUnreadable('too short for a TIFF header');
    const order = bytes.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') throw new TiffUnreadable('no TIFF byte order mark');
    this.little = order === 'II';
    if (this.u16(2) !== 42) throw new TiffUnreadable('not TIFF magic 42');
    this.firstIfd = this.u32(4);
  }

  u16(at: number): number {
    this.check(at, 2);
    return this.little ? this.bytes.readUInt16LE(at) : this.bytes.readUInt16BE(at);
  }

  u32(at: number): number {
    this.check(at, 4);
    return this.little ? this.bytes.readUInt32LE(at) : this.bytes.readUInt32BE(at);
  }

  setU16(at: number, value: number): void {
    this.check(at, 2);
    if (this.little) this.bytes.writeUInt16LE(value, at);
    else this.bytes.writeUInt16BE(value, at);
  }

  setU32(at: number, value: number): void {
    this.check(at, 4);
    if (this.little) this.bytes.writeUInt32LE(value, at);
    else this.bytes.writeUInt32BE(value, at);
  }

  zero(at: number, length: number): void {
    this.check(at, length);
    this.bytes.fill(0, at, at + length);
  }

  check(at: number, length: number): void {
    if (!Number.isInteger(at) || at < 0 || length < 0 || at + length > this.bytes.length)
      throw new TiffUnreadable(`bytes ${at}…${at + length} lie outside the ${this.bytes.length}-byte block`);
  }

  /** The directory at `at`, every entry's value located and checked to lie inside the block. */
  ifd(at: number): Ifd {
    // The specification asks for a word boundary; phone cameras write odd offsets all the same.
    if (at < 8) throw new TiffUnreadable(`directory offset ${at} points into the header`);
    const n = this.u16(at);
    const nextAt = at + 2 + n * 12;
    this.check(at, 2 + n * 12 + 4);
    const entries: IfdEntry[] = [];
    for (let i = 0; i < n; i++) {
      const e = at + 2 + i * 12;
      const type = this.u16(e + 2);
      const count = this.u32(e + 4);
      const size = TYPE_SIZES[type] ?? 0;
      // An unknown type has an unknown length; its 4 bytes are all that can be said to be its own.
      const valueLength = size === 0 ? 4 : size * count;
      const outOfLine = valueLength > 4;
      const valueAt = outOfLine ? this.u32(e + 8) : e + 8;
      if (outOfLine) this.check(valueAt, valueLength);
      entries.push({ at: e, tag: this.u16(e), type, count, valueAt, valueLength, outOfLine });
    }
    return { at, entries, nextAt, next: this.u32(nextAt) };
  }

  /** The chain IFD0, IFD1, … (IFD1 is the thumbnail's in EXIF), with a loop refused. */
  chain(): Ifd[] {
    const seen = new Set<number>();
    const ifds: Ifd[] = [];
    for (let at = this.firstIfd; at !== 0; ) {
      if (seen.has(at) || ifds.length > 64) throw new TiffUnreadable('the directory chain loops');
      seen.add(at);
      const ifd = this.ifd(at);
      ifds.push(ifd);
      at = ifd.next;
    }
    return ifds;
  }

  /** The directory a pointer entry (EXIF, GPS, interoperability) leads to. */
  subIfd(entry: IfdEntry): Ifd {
    if (entry.count !== 1 || (entry.type !== 4 && entry.type !== 13))
      throw new TiffUnreadable(`tag 0x${entry.tag.toString(16)} is not a directory pointer`);
    return this.ifd(this.u32(entry.valueAt));
  }

  /** A value's bytes, as a view into the block. */
  value(entry: IfdEntry): Buffer {
    return this.bytes.subarray(entry.valueAt, entry.valueAt + entry.valueLength);
  }

  /** Zeroes every out-of-line value of a directory, then the directory itself. */
  zeroIfd(ifd: Ifd): void {
    for (const e of ifd.entries) if (e.outOfLine) this.zero(e.valueAt, e.valueLength);
    this.zero(ifd.at, ifd.nextAt + 4 - ifd.at);
  }

  /**
   * Takes one entry out of its directory, at the same length: its value zeroed, the entries
   * after it moved up, the count lowered, the next-directory offset moved up behind them and the
   * 12 bytes freed at the end zeroed. `ifd` must be freshly read (entries move on every removal).
   */
  removeEntry(ifd: Ifd, entry: IfdEntry): void {
    if (entry.outOfLine) this.zero(entry.valueAt, entry.valueLength);
    const end = ifd.nextAt + 4;
    this.bytes.copyWithin(entry.at, entry.at + 12, end);
    this.zero(end - 12, 12);
    this.setU16(ifd.at, ifd.entries.length - 1);
  }

  /** The LONG or SHORT values of an entry (strip offsets, thumbnail offset). */
  numbers(entry: IfdEntry): number[] {
    const step = entry.type === 3 ? 2 : entry.type === 4 ? 4 : 0;
    if (step === 0) throw new TiffUnreadable(`tag 0x${entry.tag.toString(16)} is not a number`);
    return Array.from({ length: entry.count }, (_, i) =>
      step === 2 ? this.u16(entry.valueAt + i * 2) : this.u32(entry.valueAt + i * 4),
    );
  }
}

export const findEntry = (ifd: Ifd, tag: number): IfdEntry | undefined => ifd.entries.find((e) => e.tag === tag);
