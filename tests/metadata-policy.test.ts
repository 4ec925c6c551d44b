// Each metadata policy, into each output format, through the worker's real job: the output is
// read back (sharp, exifr, ImageMagick for JPEG XL) and searched byte for byte for what must be
// gone (the GPS rationals, the maker note, the camera make), and decoded to prove the cuts never
// touched the image data (the same pixels as the same job with "strip").
import { mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConcreteFormat, MetadataClass, OutputSettings } from '../common/pipeline.js';
import { magickWasm } from '../workers/image/decoders/magick-wasm.js';
import { tiffPart } from '../workers/image/metadata/copyright.js';
import { copyFileDates } from '../workers/image/metadata/file-dates.js';
import { findEntry, TAG, TiffView } from '../workers/image/metadata/tiff-ifd.js';
import { type Done, expectDone, run } from '../workers/image/test-support.js';
import { corpusDir, tempDir } from './fixtures.js';
import {
  ARTIST,
  COPYRIGHT,
  IPTC_CAPTION,
  latitudeBytes,
  MAKE,
  MAKER_NOTE,
  richImage,
  richJpeg,
  withExifSegment,
  XMP_KEPT_TEXT,
} from './metadata-fixtures.js';

const FORMATS = ['jpeg', 'png', 'webp', 'avif', 'tiff', 'jxl'] as const satisfies readonly ConcreteFormat[];

interface Policy {
  name: string;
  output: Pick<OutputSettings, 'metadata'> & { metadataKeep?: MetadataClass[] };
  /** What the output has, where its format can hold it. */
  want: { make: boolean; artist: boolean; gps: boolean; makerNote: boolean; thumbnail: boolean } & {
    xmp: boolean;
    xmpGps: boolean;
    iptc: boolean;
    icc: boolean;
  };
}

const none = {
  make: false,
  artist: false,
  gps: false,
  makerNote: false,
  thumbnail: false,
  xmp: false,
  xmpGps: false,
  iptc: false,
  icc: false,
};
const allExif = { make: true, artist: true, gps: true, makerNote: true, thumbnail: true };

const POLICIES: Policy[] = [
  { name: 'strip', output: { metadata: 'strip' }, want: none },
  { name: 'icc', output: { metadata: 'icc' }, want: { ...none, icc: true } },
  {
    name: 'keep',
    output: { metadata: 'keep' },
    want: { ...allExif, xmp: true, xmpGps: true, iptc: true, icc: true },
  },
  {
    name: 'keep-except-gps',
    output: { metadata: 'keep-except-gps' },
    want: { ...allExif, gps: false, xmp: true, xmpGps: false, iptc: true, icc: true },
  },
  { name: 'copyright-only', output: { metadata: 'copyright-only' }, want: { ...none, artist: true, icc: true } },
  {
    name: 'custom exif',
    output: { metadata: 'custom', metadataKeep: ['exif'] },
    want: { ...none, ...allExif, gps: false, makerNote: false },
  },
  {
    name: 'custom exif+gps+xmp',
    output: { metadata: 'custom', metadataKeep: ['exif', 'gps', 'xmp'] },
    want: { ...none, ...allExif, makerNote: false, xmp: true, xmpGps: true },
  },
  {
    name: 'custom exif+makernotes+icc',
    output: { metadata: 'custom', metadataKeep: ['exif', 'makernotes', 'icc'] },
    want: { ...none, ...allExif, gps: false, icc: true },
  },
  { name: 'custom iptc', output: { metadata: 'custom', metadataKeep: ['iptc'] }, want: { ...none, iptc: true } },
];

/**
 * What libvips (and ImageMagick, for JPEG XL) write into each format. JPEG XL's profile is not
 * checked: the decoder reports one for every file, made from the colour encoding (null: unknown).
 */
const HOLDS: Record<(typeof FORMATS)[number], { exif: boolean; xmp: boolean; iptc: boolean; icc: boolean | null }> = {
  jpeg: { exif: true, xmp: true, iptc: true, icc: true },
  png: { exif: true, xmp: true, iptc: false, icc: true },
  webp: { exif: true, xmp: true, iptc: false, icc: true },
  avif: { exif: true, xmp: true, iptc: false, icc: true },
  tiff: { exif: false, xmp: true, iptc: false, icc: true },
  jxl: { exif: true, xmp: false, iptc: false, icc: null },
};

interface ReadBack {
  bytes: Buffer;
  exif?: Buffer | undefined;
  xmp?: string | undefined;
  iptc?: Buffer | undefined;
  icc?: Buffer | undefined;
}

async function readBack(path: string, format: ConcreteFormat): Promise<ReadBack> {
  const bytes = await readFile(path);
  if (format !== 'jxl') {
    const m = await sharp(bytes).metadata();
    return { bytes, exif: m.exif && tiffPart(m.exif), xmp: m.xmp?.toString('utf8'), iptc: m.iptc, icc: m.icc };
  }
  const magick = await magickWasm();
  const image = magick.MagickImage.create();
  try {
    image.read(bytes);
    const profile = (name: string): Buffer | undefined => {
      const data = image.getProfile(name)?.data;
      return data ? Buffer.from(data) : undefined;
    };
    const exif = profile('exif');
    return { bytes, exif: exif && tiffPart(exif), xmp: profile('xmp')?.toString('utf8'), icc: profile('icc') };
  } finally {
    image.dispose();
  }
}

/** The EXIF block read by exifr, a reader independent of Pixmill's own. */
async function exifFields(tiff: Buffer | undefined): Promise<Record<string, Record<string, unknown>>> {
  if (!tiff) return {};
  return (
    (await exifr.parse(tiff, {
      tiff: true,
      ifd1: true,
      exif: true,
      gps: true,
      interop: false,
      makerNote: true,
      mergeOutput: false,
      translateValues: false,
      reviveValues: false,
    })) ?? {}
  );
}

/** Pixels as stored, without colour management (a profile must not make equal pixels differ). */
async function storedPixels(path: string, format: ConcreteFormat): Promise<Buffer> {
  if (format !== 'jxl') return sharp(path).keepIccProfile().raw().toBuffer();
  const magick = await magickWasm();
  const image = magick.MagickImage.create();
  try {
    image.read(await readFile(path));
    let data: Buffer | undefined;
    image.write(magick.MagickFormat.Rgb, (d) => {
      data = Buffer.from(d);
    });
    return data!;
  } finally {
    image.dispose();
  }
}

const hasAny = (bytes: Buffer, needles: readonly Buffer[]): boolean => needles.some((n) => bytes.includes(n));

let dir: string;
let jpeg: string;
let n = 0;
async function outDir(): Promise<string> {
  const out = join(dir, `out-${n++}`);
  await mkdir(out);
  return out;
}

beforeAll(async () => {
  dir = await tempDir('pixmill-metadata-policy-');
  jpeg = await richJpeg(join(dir, 'rich.jpg'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the fixture has every class, so each check below can fail', () => {
  it('EXIF with make, artist, maker note, GPS and thumbnail; XMP with GPS; IPTC; a profile', async () => {
    const got = await readBack(jpeg, 'jpeg');
    const fields = await exifFields(got.exif);
    expect(fields['ifd0']).toMatchObject({ Make: MAKE, Artist: ARTIST, Copyright: COPYRIGHT });
    expect(fields['gps']).toBeDefined();
    expect(fields['ifd1']).toBeDefined();
    expect(got.bytes.includes(MAKER_NOTE)).toBe(true);
    expect(hasAny(got.bytes, latitudeBytes())).toBe(true);
    expect(got.xmp).toContain('exif:GPSLatitude');
    expect(got.iptc?.includes(IPTC_CAPTION)).toBe(true);
    expect(got.icc).toBeDefined();
  });
});

describe.each(FORMATS)('into %s', (format) => {
  const stripped: { pixels?: Buffer } = {};
  beforeAll(async () => {
    const r = expectDone(await run(jpeg, await outDir(), { output: { format, metadata: 'strip' } }));
    stripped.pixels = await storedPixels(r.output, format);
  });

  it.each(POLICIES)('$name', async ({ output, want }) => {
    const r: Done = expectDone(await run(jpeg, await outDir(), { output: { format, ...output } }));
    const got = await readBack(r.output, format);
    const holds = HOLDS[format];
    const fields = await exifFields(got.exif);
    const ifd0 = fields['ifd0'] ?? {};

    expect(hasAny(got.bytes, latitudeBytes()), 'GPS rationals in the file').toBe(want.gps && holds.exif);
    expect(fields['gps'] !== undefined, 'GPS directory').toBe(want.gps && holds.exif);
    expect(got.bytes.includes(MAKER_NOTE.subarray(0, 13)), 'maker note bytes').toBe(want.makerNote && holds.exif);
    expect(got.bytes.includes(MAKE), 'camera make bytes').toBe(want.make && holds.exif);
    expect(ifd0['Make'], 'Make').toBe(want.make && holds.exif ? MAKE : undefined);
    // The exact bytes: libvips alone would have written "Zoe Example" and "(C) 2024 Zoe Example".
    expect(ifd0['Artist'], 'Artist').toBe(want.artist && holds.exif ? ARTIST : undefined);
    expect(ifd0['Copyright'], 'Copyright').toBe(want.artist && holds.exif ? COPYRIGHT : undefined);
    expect(fields['ifd1'] !== undefined, 'thumbnail').toBe(want.thumbnail && holds.exif);

    expect(got.xmp?.includes(XMP_KEPT_TEXT) ?? false, 'XMP').toBe(want.xmp && holds.xmp);
    expect(/GPS/.test(got.xmp ?? ''), 'XMP location').toBe(want.xmpGps && holds.xmp);
    expect(got.iptc?.includes(IPTC_CAPTION) ?? false, 'IPTC').toBe(want.iptc && holds.iptc);
    if (holds.icc !== null) expect(got.icc !== undefined, 'colour profile').toBe(want.icc && holds.icc);

    expect((await storedPixels(r.output, format)).equals(stripped.pixels!), 'pixels as with strip').toBe(true);
  });
});

describe('other containers as inputs: their EXIF and XMP lose the location too', () => {
  it.each(['png', 'webp', 'avif', 'tiff'] as const)('%s in, same format and JPEG out', async (inFormat) => {
    const input = await richImage(join(dir, `rich.${inFormat}`), inFormat, jpeg);
    const before = await readBack(input, inFormat);
    // libvips wrote the blocks it holds in that format: the input really has them.
    if (inFormat !== 'tiff') expect(hasAny(before.bytes, latitudeBytes())).toBe(true);
    expect(before.xmp).toContain('GPSLatitude');
    for (const format of [inFormat, 'jpeg'] as const) {
      const kept = expectDone(await run(input, await outDir(), { output: { format, metadata: 'keep-except-gps' } }));
      const got = await readBack(kept.output, format);
      expect(hasAny(got.bytes, latitudeBytes()), `${format} GPS`).toBe(false);
      expect(got.xmp, `${format} XMP`).toContain(XMP_KEPT_TEXT);
      expect(got.xmp, `${format} XMP location`).not.toMatch(/GPS/);
      if (inFormat !== 'tiff' && format !== 'tiff') {
        expect((await exifFields(got.exif))['ifd0']?.['Make'], `${format} Make`).toBe(MAKE);
        const only = expectDone(await run(input, await outDir(), { output: { format, metadata: 'copyright-only' } }));
        const c = await readBack(only.output, format);
        const ifd0 = (await exifFields(c.exif))['ifd0'];
        expect(ifd0, `${format} copyright-only`).toMatchObject({ Artist: ARTIST, Copyright: COPYRIGHT });
        expect(ifd0?.['Make']).toBeUndefined();
        expect(c.bytes.includes(MAKER_NOTE.subarray(0, 13))).toBe(false);
      }
    }
  });

  it('a big-endian EXIF block is cut the same way', async () => {
    const input = await richJpeg(join(dir, 'rich-mm.jpg'), { bigEndian: true });
    expect((await readBack(input, 'jpeg')).exif?.subarray(0, 2).toString('latin1')).toBe('MM');
    const r = expectDone(
      await run(input, await outDir(), { output: { format: 'jpeg', metadata: 'custom', metadataKeep: ['exif'] } }),
    );
    const got = await readBack(r.output, 'jpeg');
    expect(hasAny(got.bytes, latitudeBytes())).toBe(false);
    expect(got.bytes.includes(MAKER_NOTE.subarray(0, 13))).toBe(false);
    expect((await exifFields(got.exif))['ifd0']).toMatchObject({ Make: MAKE, Artist: ARTIST });
  });
});

describe('warnings', () => {
  it('copyright-only into GIF and TIFF: the fields are named as lost', async () => {
    for (const format of ['gif', 'tiff'] as const) {
      const r = expectDone(await run(jpeg, await outDir(), { output: { format, metadata: 'copyright-only' } }));
      expect(r.warnings?.find((w) => w.code === 'METADATA_DROPPED')?.message, format).toMatch(
        new RegExp(`^The artist and copyright fields could not be kept: ${format.toUpperCase()} cannot hold them\\.$`),
      );
    }
  });

  it('custom IPTC into PNG says PNG cannot hold it; the classes not asked for are not mentioned', async () => {
    const r = expectDone(
      await run(jpeg, await outDir(), { output: { format: 'png', metadata: 'custom', metadataKeep: ['iptc'] } }),
    );
    expect(r.warnings?.find((w) => w.code === 'METADATA_DROPPED')?.message).toBe(
      'IPTC could not be kept: PNG cannot hold it.',
    );
  });
});

describe('keepDates', () => {
  it("sets the output's modification and access times to the original's", async () => {
    const source = await richJpeg(join(dir, 'dated.jpg'));
    const when = new Date('2001-02-03T04:05:06.789Z');
    await utimes(source, when, when);
    const r = expectDone(await run(source, await outDir(), { output: { format: 'webp', keepDates: true } }));
    // The job itself set them, once the output was in place; without the setting it does not.
    const plain = expectDone(await run(source, await outDir(), { output: { format: 'webp' } }));
    expect((await stat(plain.output)).mtimeMs).not.toBe(when.getTime());
    expect(await copyFileDates(source, plain.output)).toBeUndefined();
    expect((await stat(plain.output)).mtimeMs).toBe(when.getTime());
    const out = await stat(r.output);
    expect(out.mtimeMs).toBe(when.getTime());
    // Reading the original for the job made its access time "now": that is what it is copied as.
    expect(Math.abs(out.atimeMs - (await stat(source)).atimeMs)).toBeLessThan(1);
  });

  it('an output that is gone gives a warning row, not a failure', async () => {
    const warning = await copyFileDates(jpeg, join(dir, 'no-such-output.jpg'));
    expect(warning).toMatchObject({ code: 'METADATA_DROPPED' });
    expect(warning?.message).toMatch(/file dates could not be copied.*ENOENT/);
  });
});

const corpus = corpusDir();
if (!corpus) console.log('metadata corpus tests skipped: set PIXMILL_CORPUS to the shared corpora folder');

/** The bytes of a GPS field as the camera wrote them, found through the input's own GPS directory. */
async function gpsFieldBytes(path: string, tag: number): Promise<Buffer> {
  const view = new TiffView(Buffer.from((await readBack(path, 'jpeg')).exif!));
  const pointer = findEntry(view.ifd(view.firstIfd), TAG.gpsIfd)!;
  return Buffer.from(view.value(findEntry(view.subIfd(pointer), tag)!));
}

describe.runIf(corpus)('real photos from the corpus', () => {
  it('a Lightroom-edited Canon photo: custom EXIF keeps the camera only; keep-except-gps keeps IPTC and XMP', async () => {
    const photo = join(corpus!, 'sharp-fixtures/Landscape_9.jpg');
    const before = await readBack(photo, 'jpeg');
    expect(before.iptc).toBeDefined();
    expect(before.xmp).toBeDefined();
    const r = expectDone(
      await run(photo, await outDir(), { output: { format: 'jpeg', metadata: 'custom', metadataKeep: ['exif'] } }),
    );
    const got = await readBack(r.output, 'jpeg');
    const fields = await exifFields(got.exif);
    expect(fields['ifd0']?.['Make']).toBe('Canon');
    expect(fields['exif']?.['FNumber']).toBeDefined();
    expect(got.xmp).toBeUndefined();
    expect(got.iptc).toBeUndefined();
    expect(got.icc).toBeUndefined();
    const strip = expectDone(await run(photo, await outDir(), { output: { format: 'jpeg', metadata: 'strip' } }));
    expect((await storedPixels(r.output, 'jpeg')).equals(await storedPixels(strip.output, 'jpeg'))).toBe(true);
    const gps = expectDone(
      await run(photo, await outDir(), { output: { format: 'jpeg', metadata: 'keep-except-gps' } }),
    );
    const kept = await readBack(gps.output, 'jpeg');
    expect(kept.iptc?.equals(before.iptc!)).toBe(true);
    expect(kept.xmp).toBe(before.xmp);
  });

  it.each(['orientation/Landscape_1.jpg', 'sharp-fixtures/320x240.jpg'])(
    '%s: keep-except-gps and copyright-only into every format',
    async (name) => {
      const photo = join(corpus!, name);
      for (const format of FORMATS) {
        for (const metadata of ['keep-except-gps', 'copyright-only'] as const) {
          const r = expectDone(await run(photo, await outDir(), { output: { format, metadata } }));
          const got = await readBack(r.output, format);
          const fields = await exifFields(got.exif);
          expect(fields['gps'], `${format} ${metadata}`).toBeUndefined();
          expect(/GPS/.test(got.xmp ?? ''), `${format} ${metadata}`).toBe(false);
          if (metadata === 'copyright-only') expect(fields['ifd0'], format).toBeUndefined();
        }
      }
    },
  );

  it('a PNG with a copyright field: copyright-only keeps exactly it', async () => {
    const photo = join(corpus!, 'pngsuite/exif2c08.png');
    const want = (await exifFields((await readBack(photo, 'png')).exif))['ifd0']?.['Copyright'];
    expect(want).toBeTruthy();
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const r = expectDone(await run(photo, await outDir(), { output: { format, metadata: 'copyright-only' } }));
      const ifd0 = (await exifFields((await readBack(r.output, format)).exif))['ifd0'];
      expect(ifd0?.['Copyright'], format).toBe(want);
      expect(ifd0?.['Artist'], format).toBeUndefined();
    }
  });

  it("a phone's EXIF with a position (odd directory offsets): keep-except-gps removes it, keep keeps it", async () => {
    // The phone's photo itself is cut short; its EXIF block is whole, and goes onto a sound picture.
    const phone = (await readBack(join(corpus!, 'damaged/ultrahdr-truncated.jpg'), 'jpeg')).exif!;
    const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#408040' } })
      .jpeg()
      .toBuffer();
    const photo = join(dir, 'phone.jpg');
    await writeFile(photo, withExifSegment(picture, phone));
    const latitude = await gpsFieldBytes(photo, 0x0002);
    const longitude = await gpsFieldBytes(photo, 0x0004);
    expect(latitude.length).toBe(24);
    for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
      const kept = expectDone(await run(photo, await outDir(), { output: { format, metadata: 'keep' } }));
      expect(hasAny(await readFile(kept.output), [latitude]), `${format} keep`).toBe(true);
      const cut = expectDone(await run(photo, await outDir(), { output: { format, metadata: 'keep-except-gps' } }));
      const got = await readBack(cut.output, format);
      expect(hasAny(got.bytes, [latitude, longitude]), format).toBe(false);
      const fields = await exifFields(got.exif);
      expect(fields['gps'], format).toBeUndefined();
      expect(fields['ifd0']?.['Make'], format).toBe('Google');
      expect((await storedPixels(cut.output, format)).equals(await storedPixels(kept.output, format)), format).toBe(
        true,
      );
    }
  });
});
