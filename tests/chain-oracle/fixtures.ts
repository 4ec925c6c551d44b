// Small images of every kind the engine treats differently (colour model, depth, alpha, EXIF
// orientation, animation), generated with sharp so that the oracle runs anywhere in seconds.
import { join } from 'node:path';
import sharp from 'sharp';
import { corpusDir } from '../fixtures.js';

export interface OracleFixture {
  name: string;
  path: string;
  /** Animations are compared frame by frame through a lossless WebP (PNG cannot hold one). */
  animated: boolean;
  /** Some pixels are partly transparent (see TRANSLUCENT_TOLERANCE). */
  translucent: boolean;
}

/** Photo-like pixels: two ramps under seeded noise, so that filters and resampling do real work. */
function photoPixels(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let s = seed;
  const noise = (): number => {
    s = (s * 1103515245 + 12345) >>> 0;
    return ((s >>> 16) % 81) - 40;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const disc = (x - width / 2) ** 2 + (y - height / 3) ** 2 < (width / 5) ** 2;
      data[i] = clamp((255 * x) / width + noise());
      data[i + 1] = clamp(disc ? 230 + noise() / 4 : 90 + noise());
      data[i + 2] = clamp((255 * y) / height + noise());
    }
  }
  return data;
}

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

/** A 16-bit image whose ramps have more than 256 levels: precision lost at 8 bits shows. */
function deepPixels(width: number, height: number): Uint16Array {
  const data = new Uint16Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((65535 * x) / (width - 1));
      data[i + 1] = Math.round(20000 + 4000 * Math.sin(x / 3) * Math.cos(y / 4));
      data[i + 2] = Math.round((65535 * y) / (height - 1));
    }
  }
  return data;
}

export async function makeOracleFixtures(dir: string): Promise<OracleFixture[]> {
  const fixtures: OracleFixture[] = [];
  const add = (name: string, file: string, opts: { animated?: boolean; translucent?: boolean } = {}): void => {
    fixtures.push({
      name,
      path: join(dir, file),
      animated: opts.animated ?? false,
      translucent: opts.translucent ?? false,
    });
  };

  // Stored 96×64 with EXIF orientation 6: the engine must see a 64×96 portrait.
  await sharp(photoPixels(96, 64, 1), { raw: { width: 96, height: 64, channels: 3 } })
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 95 })
    .toFile(join(dir, 'photo.jpg'));
  add('photo (JPEG, EXIF 6)', 'photo.jpg');

  // Alpha from opaque to nearly clear, and a fully transparent margin for trim to find.
  const rgba = Buffer.alloc(80 * 60 * 4);
  const rgb = photoPixels(80, 60, 2);
  for (let p = 0; p < 80 * 60; p++) {
    const x = p % 80;
    const y = Math.floor(p / 80);
    const inside = x >= 6 && x < 74 && y >= 5 && y < 55;
    rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
    rgba[p * 4 + 3] = inside ? clamp(40 + (215 * (x - 6)) / 68) : 0;
  }
  await sharp(rgba, { raw: { width: 80, height: 60, channels: 4 } })
    .png()
    .toFile(join(dir, 'alpha.png'));
  add('alpha PNG', 'alpha.png', { translucent: true });

  // One channel, with a flat margin (trim) around a noisy centre.
  const grey = Buffer.alloc(72 * 56, 200);
  const greyNoise = photoPixels(72, 56, 3);
  for (let y = 6; y < 50; y++) for (let x = 7; x < 65; x++) grey[y * 72 + x] = greyNoise[(y * 72 + x) * 3]!;
  await sharp(grey, { raw: { width: 72, height: 56, channels: 1 } })
    .png()
    .toFile(join(dir, 'grey.png'));
  add('greyscale PNG', 'grey.png');

  await sharp(photoPixels(64, 80, 4), { raw: { width: 64, height: 80, channels: 3 } })
    .toColourspace('cmyk')
    .jpeg({ quality: 95 })
    .toFile(join(dir, 'cmyk.jpg'));
  add('CMYK JPEG', 'cmyk.jpg');

  await sharp(deepPixels(88, 66), { raw: { width: 88, height: 66, channels: 3 } })
    .toColourspace('rgb16')
    .png()
    .toFile(join(dir, 'deep.png'));
  add('16-bit PNG', 'deep.png');

  const frames = await Promise.all(
    [0, 1, 2].map((i) =>
      sharp(photoPixels(48, 40, 10 + i), { raw: { width: 48, height: 40, channels: 3 } })
        .png()
        .toBuffer(),
    ),
  );
  await sharp(frames, { join: { animated: true } })
    .gif({ delay: [100, 100, 100] })
    .toFile(join(dir, 'anim.gif'));
  add('animated GIF', 'anim.gif', { animated: true });

  const corpus = corpusDir();
  // A real camera JPEG with an ICC profile, EXIF and XMP; small enough to stay quick.
  if (corpus) {
    fixtures.push({
      name: 'corpus 320x240.jpg',
      path: join(corpus, 'sharp-fixtures', '320x240.jpg'),
      animated: false,
      translucent: false,
    });
  }
  return fixtures;
}

/** A logo with soft alpha edges, so that compositing is exercised beyond copying pixels. */
export async function makeWatermark(dir: string): Promise<string> {
  const w = 24;
  const h = 16;
  const data = Buffer.alloc(w * h * 4);
  for (let p = 0; p < w * h; p++) {
    const x = p % w;
    const y = Math.floor(p / w);
    data.set([250, 40 + 8 * y, 200 - 6 * x, clamp(255 - 10 * Math.abs(x - w / 2) - 8 * Math.abs(y - h / 2))], p * 4);
  }
  const path = join(dir, 'watermark.png');
  await sharp(data, { raw: { width: w, height: h, channels: 4 } })
    .png()
    .toFile(path);
  return path;
}
