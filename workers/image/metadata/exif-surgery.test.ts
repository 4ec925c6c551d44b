// The cuts on EXIF blocks written byte by byte (tests/metadata-fixtures.ts), in both byte orders:
// what is cut is zeroed, what is left reads back whole with exifr, and the block keeps its length.
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import {
  ARTIST,
  COPYRIGHT,
  cameraExif,
  LATITUDE,
  latitudeBytes,
  MAKE,
  MAKER_NOTE,
  writeExif,
} from '../../../tests/metadata-fixtures.js';
import { cutExif } from './exif-surgery.js';
import { TAG, TiffUnreadable } from './tiff-ifd.js';

const thumbnail = Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(40, 0x77), Buffer.from([0xff, 0xd9])]);

const read = async (tiff: Buffer) =>
  (await exifr.parse(tiff, {
    tiff: true,
    ifd1: true,
    gps: true,
    makerNote: true,
    mergeOutput: false,
    translateValues: false,
    reviveValues: false,
  })) ?? {};

describe.each([false, true])('big-endian %s', (bigEndian) => {
  it('cuts the GPS directory: its values are zeroed, everything else reads as before', async () => {
    const tiff = cameraExif({ bigEndian, thumbnail });
    const length = tiff.length;
    expect(latitudeBytes().some((b) => tiff.includes(b))).toBe(true);
    expect(cutExif(tiff, { gps: true, makerNote: false, thumbnail: false })).toBe(true);
    expect(tiff.length).toBe(length);
    expect(latitudeBytes().some((b) => tiff.includes(b))).toBe(false);
    const fields = await read(tiff);
    expect(fields.gps).toBeUndefined();
    expect(fields.ifd0).toMatchObject({ Make: MAKE, Artist: ARTIST, Copyright: COPYRIGHT });
    expect(fields.ifd1).toBeDefined();
    expect(tiff.includes(MAKER_NOTE)).toBe(true);
  });

  it('cuts the maker note and the thumbnail, byte for byte', async () => {
    const tiff = cameraExif({ bigEndian, thumbnail });
    cutExif(tiff, { gps: false, makerNote: true, thumbnail: true });
    expect(tiff.includes(MAKER_NOTE.subarray(0, 13))).toBe(false);
    expect(tiff.includes(thumbnail)).toBe(false);
    const fields = await read(tiff);
    expect(fields.ifd1).toBeUndefined();
    expect(fields.gps).toBeDefined();
    expect(fields.exif?.DateTimeOriginal).toBe('2024:05:07 10:11:12');
  });

  it('writes the real bytes over placeholders of the same length, and refuses any other value', async () => {
    const placeholder = Buffer.alloc(Buffer.byteLength(ARTIST), 'A');
    const tiff = writeExif([{ tag: TAG.artist, value: { ascii: placeholder.toString() } }], { bigEndian });
    cutExif(tiff, {
      gps: false,
      makerNote: false,
      thumbnail: false,
      values: [{ tag: TAG.artist, placeholder, bytes: Buffer.from(ARTIST) }],
    });
    expect((await read(tiff)).ifd0?.Artist).toBe(ARTIST);
    const other = writeExif([{ tag: TAG.artist, value: { ascii: 'Zoe Example!' } }], { bigEndian });
    expect(() =>
      cutExif(other, {
        gps: false,
        makerNote: false,
        thumbnail: false,
        values: [{ tag: TAG.artist, placeholder, bytes: Buffer.from(ARTIST) }],
      }),
    ).toThrow(TiffUnreadable);
  });
});

describe('blocks that cannot be followed are refused, never half-read', () => {
  it('a GPS pointer past the end of the block', () => {
    const tiff = writeExif([
      { tag: TAG.gpsIfd, value: { longs: [60_000] } },
      { tag: 0x010f, value: { ascii: MAKE } },
    ]);
    expect(() => cutExif(tiff, { gps: true, makerNote: false, thumbnail: false })).toThrow(TiffUnreadable);
  });

  it('a GPS value whose offset points outside the block', () => {
    const tiff = writeExif([{ tag: TAG.gpsIfd, ifd: [{ tag: 2, value: { rationals: LATITUDE } }] }]);
    // IFD0 at 8 holds one entry, so the GPS directory follows at 26; its one entry's offset is at 36.
    expect(tiff.readUInt16LE(26)).toBe(1);
    tiff.writeUInt32LE(tiff.length + 100, 36);
    expect(() => cutExif(tiff, { gps: true, makerNote: false, thumbnail: false })).toThrow(TiffUnreadable);
  });

  it('a directory chain that loops, and a block that is not TIFF', () => {
    const tiff = writeExif([{ tag: 0x010f, value: { ascii: MAKE } }]);
    // IFD0 (at 8, one entry) names itself as the next directory.
    tiff.writeUInt32LE(8, 8 + 2 + 12);
    expect(() => cutExif(tiff, { gps: false, makerNote: false, thumbnail: true })).toThrow(/loops/);
    expect(() => cutExif(Buffer.from('not a tiff block'), { gps: true, makerNote: false, thumbnail: false })).toThrow(
      TiffUnreadable,
    );
  });
});
