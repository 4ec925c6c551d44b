// `pixmill run --format jxl` with the built CLI: JPEG XL files on disk, decoded by libjxl's djxl
// (Debian's libjxl-tools) when it is on PATH, else by ImageMagick in WebAssembly through the
// CLI itself (a JPEG XL input converted back to PNG). Run after `electron-vite build`.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixmill } from './cli-runner.js';
import { commandOnPath, listFiles, makeImage, tempDir } from './fixtures.js';

const hasDjxl = commandOnPath('djxl');

let root: string;
let photos: string;
let n = 0;
const outDir = (): string => join(root, `out-${++n}`);

/** A JPEG XL file's pixels as a PNG, 8 bits per channel. */
async function toPng(jxl: string): Promise<string> {
  const png = `${jxl}.png`;
  if (hasDjxl) {
    execFileSync('djxl', [jxl, png], { stdio: 'ignore' });
    return png;
  }
  const back = outDir();
  // The .jxl is listed in its folder's record: Pixmill's own output, skipped unless asked.
  const r = await pixmill('run', jxl, '--out', back, '--format', 'png', '--recompress', '--json');
  expect(r.code, r.stderr).toBe(0);
  return join(back, (await listFiles(back))[0]!);
}

const raw = (path: string) => sharp(path).raw().toBuffer({ resolveWithObject: true });

beforeAll(async () => {
  root = await tempDir('pixmill-cli-jxl-');
  photos = join(root, 'photos');
  await makeImage(join(photos, 'wide.jpg'), { width: 300, height: 200 });
  await makeImage(join(photos, 'tall.png'), { width: 100, height: 250, format: 'png', alpha: true });
});

describe('pixmill run --format jxl', () => {
  it('lists jxl among the formats', async () => {
    const help = await pixmill('run', '--help');
    // Commander wraps the help text to the terminal's width.
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/output format: keep, jpeg, png, webp, avif, jxl, tiff, gif/);
  });

  it(`writes .jxl files that ${hasDjxl ? 'djxl' : 'ImageMagick'} decodes at their size, transparency kept`, async () => {
    const out = outDir();
    const r = await pixmill('run', photos, '--out', out, '--format', 'JXL', '--resize', '150', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['tall.jxl', 'wide.jxl']);
    const wide = await raw(await toPng(join(out, 'wide.jxl')));
    expect([wide.info.width, wide.info.height]).toEqual([150, 100]);
    const tall = await raw(await toPng(join(out, 'tall.jxl')));
    expect([tall.info.width, tall.info.height, tall.info.channels]).toEqual([60, 150, 4]);
  });

  it('--lossless writes the exact pixels, --quality lower writes a smaller file', async () => {
    const lossless = outDir();
    const args = ['run', join(photos, 'tall.png'), '--format', 'jxl', '--lossless', '--effort', '1', '--json'];
    expect((await pixmill(...args, '--out', lossless)).code).toBe(0);
    const [a, b] = await Promise.all([raw(join(photos, 'tall.png')), raw(await toPng(join(lossless, 'tall.jxl')))]);
    expect(b.data.equals(a.data)).toBe(true);
    const sizes: number[] = [];
    for (const quality of ['90', '40']) {
      const out = outDir();
      const r = await pixmill('run', join(photos, 'wide.jpg'), '--out', out, '-f', 'jxl', '-q', quality, '--json');
      expect(r.code, r.stderr).toBe(0);
      sizes.push((await readFile(join(out, 'wide.jxl'))).length);
    }
    expect(sizes[1]!).toBeLessThan(sizes[0]!);
  });

  it('refuses an effort outside 0–9 with a usage error naming the option', async () => {
    const r = await pixmill('run', photos, '--out', outDir(), '--format', 'jxl', '--effort', '10');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--effort: expected a whole number between 0 and 9 \(0 fastest, 9 smallest file\), got "10"/,
    );
  });
});
