// Test fixtures made on the fly with real sharp: photo-like images (gradients + noise, so that
// encoders and filters do real work), EXIF orientations, animations and damaged files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import sharp, { type Sharp } from 'sharp';

export interface ImageOptions {
  width?: number;
  height?: number;
  format?: 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';
  /** EXIF orientation tag 1–8 written into the file (pixels are stored as given). */
  orientation?: number;
  /** Solid colour instead of the photo-like pattern. */
  color?: string;
  alpha?: boolean;
}

/** Writes a photo-like image (gradient + noise) and returns its path. */
export async function makeImage(path: string, opts: ImageOptions = {}): Promise<string> {
  const { width = 320, height = 240, format = 'jpeg', orientation, color, alpha = false } = opts;
  await mkdir(dirname(path), { recursive: true });
  const channels = alpha ? 4 : 3;
  let img: Sharp;
  if (color) {
    img = sharp({ create: { width, height, channels, background: color } });
  } else {
    const noise = await sharp({
      create: { width, height, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .raw()
      .toBuffer();
    // A left-to-right red ramp and a top-to-bottom blue ramp under the noise: edges and gradients.
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3;
        noise[i] = (noise[i]! + Math.round((255 * x) / width)) >> 1;
        noise[i + 2] = (noise[i + 2]! + Math.round((255 * y) / height)) >> 1;
      }
    }
    img = sharp(noise, { raw: { width, height, channels: 3 } });
    if (alpha) img = img.ensureAlpha(0.8);
  }
  if (orientation) img = img.withMetadata({ orientation });
  await img.toFormat(format, format === 'jpeg' ? { quality: 90 } : {}).toFile(path);
  return path;
}

/** Writes an animated GIF or WebP with `frames` frames of different colours. */
export async function makeAnimation(
  path: string,
  frames: number,
  format: 'gif' | 'webp' = 'gif',
  size = 48,
): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const pages = await Promise.all(
    Array.from({ length: frames }, (_, i) =>
      sharp({
        create: {
          width: size,
          height: size,
          channels: 3,
          background: { r: (i * 53) % 256, g: (i * 97) % 256, b: 128 },
        },
      })
        .png()
        .toBuffer(),
    ),
  );
  await sharp(pages, { join: { animated: true } })
    .toFormat(format)
    .toFile(path);
  return path;
}

/** Damaged files of the kinds people really have. */
export async function makeDamaged(dir: string): Promise<Record<'truncated' | 'corrupt' | 'empty' | 'text', string>> {
  await mkdir(dir, { recursive: true });
  const good = await readFile(await makeImage(join(dir, '.source.jpg'), { width: 400, height: 300 }));
  await rm(join(dir, '.source.jpg'));
  const files = {
    truncated: join(dir, 'truncated.jpg'),
    corrupt: join(dir, 'corrupt.jpg'),
    empty: join(dir, 'empty.jpg'),
    text: join(dir, 'notes-renamed.png'),
  };
  await writeFile(files.truncated, good.subarray(0, Math.floor(good.length / 3)));
  const corrupt = Buffer.from(good);
  corrupt.fill(0x00, 2, 600); // header tables wiped, start-of-image marker kept
  await writeFile(files.corrupt, corrupt);
  await writeFile(files.empty, Buffer.alloc(0));
  await writeFile(files.text, 'This is not an image, whatever its name says.\n');
  return files;
}

export async function tempDir(prefix = 'pixmill-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function sha256(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/**
 * The output folder's record of what Pixmill made there (workers/batch/journal.ts): it stays after
 * a batch, but it is no output, so the listings below leave it out.
 */
const RECORD_NAME = '.pixmill-record.jsonl';

/** Every file below `dir` (relative path → sha256), hidden files included (except the record). */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === RECORD_NAME) continue;
    const full = join(entry.parentPath, entry.name);
    out.set(relative(dir, full), await sha256(full));
  }
  return out;
}

/** Every file below `dir`, relative, sorted; hidden ones included so leftovers are seen (except the record). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name !== RECORD_NAME)
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** The real-world corpus, or undefined (with the reason printed once) when it is not configured. */
export function corpusDir(): string | undefined {
  // Absolute, as the engine reports every file: a relative setting must compare equal to those.
  const dir = process.env['PIXMILL_CORPUS'];
  return dir ? resolve(dir) : undefined;
}

/** Pixmill's temp files (`.pixmill-<id>.tmp`); the resume journal is not one of them. */
export const isTempFile = (path: string): boolean => /(^|\/)\.pixmill-[^/]*\.tmp$/.test(path);

/** Whether a command is on PATH (the reference codecs: Debian's libheif-examples, libjxl-tools, libopenjp2-tools). */
export function commandOnPath(name: string): boolean {
  return spawnSync('sh', ['-c', 'command -v "$0"', name], { stdio: 'ignore' }).status === 0;
}

/** True while a process with this id exists (signal 0 only asks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
