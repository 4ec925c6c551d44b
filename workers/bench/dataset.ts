// The benchmark's images: generated once, photo-like, and cached between runs. Flat colour would
// flatter every encoder, so each image is soft colour clouds and ramps under fine grain, and every
// fifth one carries EXIF orientation 6, so a contender that skips auto-orient is caught by the
// output-dimension check (JPEGs only: the anchors do not all read a PNG's eXIf orientation, so a
// rotated PNG would measure their EXIF support, not their speed). Electron-free and sharp-only (no tests/ import): `pixmill bench` needs
// it after `npm install` alone. sharp is imported lazily, so listing a user's folder never loads it.
import { access, mkdir, readdir, rename } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { JobInput } from './jobs.js';

interface ImageSet {
  /** Prefix of the file names; names are unique across the sets of one dataset. */
  prefix: string;
  count: number;
  /** Sizes are cycled through, so a set of "1–2 MP photos" is not one repeated shape. */
  sizes: readonly (readonly [width: number, height: number])[];
  /** Default JPEG (quality 90, like a camera); PNG for the big-file job. */
  format?: 'jpeg' | 'png';
}

export interface DatasetSpec {
  name: string;
  sets: readonly ImageSet[];
}

const SMALL_SIZES = [
  [1280, 960],
  [1440, 1080],
  [1632, 1224],
  [1728, 1152],
  [1200, 1200],
  [1536, 1024],
] as const;

const SMALL_JPEG_SIZES = [
  [640, 480],
  [480, 640],
  [800, 600],
  [600, 400],
  [512, 512],
] as const;

export const DATASETS = {
  full: {
    name: 'full-v2',
    sets: [
      { prefix: '12mp', count: 40, sizes: [[4000, 3000]] },
      { prefix: '2mp', count: 400, sizes: SMALL_SIZES },
    ],
  },
  quick: { name: 'quick-v2', sets: [{ prefix: '12mp', count: 8, sizes: [[4000, 3000]] }] },
  /** The quick race's photos: each job runs every contender every round, so they are small, and many enough for auto to measure. */
  photosQuick: { name: 'photos-quick-v1', sets: [{ prefix: '3mp', count: 12, sizes: [[2048, 1536]] }] },
  /** 24, 32 and 40 MP: a decode holds 70–120 MB of pixels, so the kind of worker shows in memory too. */
  bigPng: {
    name: 'big-png-v1',
    sets: [
      {
        prefix: 'png',
        count: 6,
        sizes: [
          [6000, 4000],
          [6912, 4608],
          [7728, 5152],
        ],
        format: 'png',
      },
    ],
  },
  bigPngQuick: { name: 'big-png-quick-v1', sets: [{ prefix: 'png', count: 4, sizes: [[6000, 4000]], format: 'png' }] },
  /** 0.2–0.5 MP: the work per file is small, so starting workers and file I/O are a large share. */
  small: { name: 'small-v1', sets: [{ prefix: 'small', count: 600, sizes: SMALL_JPEG_SIZES }] },
  smallQuick: { name: 'small-quick-v1', sets: [{ prefix: 'small', count: 240, sizes: SMALL_JPEG_SIZES }] },
} as const satisfies Record<string, DatasetSpec>;

/** The generated set each kind of job input uses, full and quick. */
export function datasetFor(input: JobInput, quick: boolean): DatasetSpec {
  if (input === 'big-png') return quick ? DATASETS.bigPngQuick : DATASETS.bigPng;
  if (input === 'small-jpeg') return quick ? DATASETS.smallQuick : DATASETS.small;
  return quick ? DATASETS.photosQuick : DATASETS.full;
}

/** bench/.cache of the package: two levels above both workers/bench/ (source) and out/main/ (built). */
export const CACHE_DIR = resolve(import.meta.dirname, '../../bench/.cache');

interface DatasetFile {
  name: string;
  width: number;
  height: number;
  format: 'jpeg' | 'png';
  orientation?: number;
}

function datasetFiles(spec: DatasetSpec): DatasetFile[] {
  return spec.sets.flatMap((set) =>
    Array.from({ length: set.count }, (_, i) => {
      const [width, height] = set.sizes[i % set.sizes.length]!;
      const format = set.format ?? 'jpeg';
      return {
        name: `${set.prefix}-${String(i).padStart(4, '0')}.${format === 'png' ? 'png' : 'jpg'}`,
        width,
        height,
        format,
        ...(i % 5 === 4 && format === 'jpeg' ? { orientation: 6 } : {}),
      };
    }),
  );
}

/** One photo-like image: low-frequency colour clouds + two ramps + grain; JPEG at quality 90 like a camera. */
async function makePhoto(path: string, f: DatasetFile, seed: number): Promise<void> {
  const { width, height, orientation } = f;
  const { default: sharp } = await import('sharp');
  // Clouds: a tiny random image blown up, so neighbouring pixels correlate as in a photo.
  const tiny = Buffer.alloc(16 * 12 * 3);
  let s = seed * 2654435761 + 1;
  for (let i = 0; i < tiny.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    tiny[i] = s >>> 24;
  }
  const clouds = await sharp(tiny, { raw: { width: 16, height: 12, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  // Grain from a fast LCG (triangular, sigma ≈ 16): libvips' gaussian noise takes ~4 s per 12 MP.
  const grain = (): number => {
    s = (s * 1103515245 + 12345) >>> 0;
    return ((s >>> 24) + ((s >>> 16) & 0xff)) * 0.15 - 38;
  };
  for (let y = 0, i = 0; y < height; y++) {
    const rampY = (96 * y) / height;
    for (let x = 0; x < width; x++, i += 3) {
      const rampX = (96 * x) / width;
      clouds[i] = Math.min(255, Math.max(0, clouds[i]! * 0.6 + rampX + grain()));
      clouds[i + 1] = Math.min(255, Math.max(0, clouds[i + 1]! * 0.7 + 40 + grain()));
      clouds[i + 2] = Math.min(255, Math.max(0, clouds[i + 2]! * 0.6 + rampY + grain()));
    }
  }
  let img = sharp(clouds, { raw: { width, height, channels: 3 } });
  if (orientation) img = img.withMetadata({ orientation });
  // Written under a temp name and renamed: an interrupted generation never leaves a half file cached.
  await (f.format === 'png' ? img.png() : img.jpeg({ quality: 90 })).toFile(`${path}.part`);
  await rename(`${path}.part`, path);
}

/** Makes (or finds, file by file) the dataset's folder of images and returns its path. */
export async function ensureDataset(
  spec: DatasetSpec,
  root = CACHE_DIR,
  onProgress?: (made: number, total: number) => void,
): Promise<string> {
  const dir = join(root, spec.name);
  await mkdir(dir, { recursive: true });
  const files = datasetFiles(spec);
  let made = 0;
  for (const [i, f] of files.entries()) {
    const path = join(dir, f.name);
    if (
      await access(path).then(
        () => true,
        () => false,
      )
    )
      continue;
    await makePhoto(path, f, i + 1);
    onProgress?.(++made, files.length);
  }
  return dir;
}

const BENCH_EXTENSIONS = /\.(jpe?g|png|webp|tiff?)$/i;

/** The images of a folder (recursive) that every contender can read, sorted for a stable order. */
export async function listImages(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && BENCH_EXTENSIONS.test(e.name) && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
