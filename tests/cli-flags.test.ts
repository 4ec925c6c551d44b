// The built `pixmill run` with the flags that once needed a JSON pipeline, and how it answers a
// mistake: child processes, outputs checked on disk. Run after `electron-vite build`.
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../common/presets.js';
import { pixmill } from './cli-runner.js';
import { listFiles, makeImage, tempDir } from './fixtures.js';

const size = async (path: string): Promise<[number, number]> => {
  const m = await sharp(path).metadata();
  return [m.width, m.height];
};

let root: string;
/** A landscape JPEG with EXIF (and GPS) and a portrait PNG with transparency. */
let photos: string;
let n = 0;
const outDir = (): string => join(root, `out-${++n}`);

beforeAll(async () => {
  root = await tempDir('pixmill-cli-flags-');
  photos = join(root, 'photos');
  const wide = await makeImage(join(root, 'plain.jpg'), { width: 300, height: 200 });
  await makeImage(join(photos, 'tall.png'), { width: 100, height: 250, format: 'png', alpha: true });
  await sharp(wide)
    .withExif({ IFD0: { Copyright: 'Pixmill test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } })
    .toFile(join(photos, 'wide.jpg'));
});

describe('pixmill run: flags', () => {
  it('--resize N fits the long edge (as vipsthumbnail --size N); Nx is a width; P% scales', async () => {
    const edge = outDir();
    expect((await pixmill('run', photos, '--out', edge, '--resize', '100', '--json')).code).toBe(0);
    expect(await size(join(edge, 'wide.jpg'))).toEqual([100, 67]);
    expect(await size(join(edge, 'tall.png'))).toEqual([40, 100]);
    const width = outDir();
    expect((await pixmill('run', photos, '--out', width, '--resize', '50x', '--json')).code).toBe(0);
    expect(await size(join(width, 'tall.png'))).toEqual([50, 125]);
    const half = outDir();
    expect((await pixmill('run', photos, '--out', half, '--resize', '50%', '--json')).code).toBe(0);
    expect(await size(join(half, 'wide.jpg'))).toEqual([150, 100]);
    const long = outDir();
    expect((await pixmill('run', photos, '--out', long, '--long-edge', '60', '--json')).code).toBe(0);
    expect(await size(join(long, 'wide.jpg'))).toEqual([60, 40]);
  });

  it('--format takes jpg/JPG/Tif, --name a pattern, --lossless and --effort', async () => {
    const out = outDir();
    const r = await pixmill('run', photos, '--out', out, '--format', 'JPG', '--name', '{name}-{w}x{h}', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['tall-100x250.jpg', 'wide-300x200.jpg']);
    expect((await sharp(join(out, 'tall-100x250.jpg')).metadata()).format).toBe('jpeg');
    const tif = outDir();
    expect((await pixmill('run', photos, '--out', tif, '--format', 'Tif', '--json')).code).toBe(0);
    expect(await listFiles(tif)).toEqual(['tall.tif', 'wide.tif']);
    const lossless = outDir();
    const args = ['run', join(photos, 'tall.png'), '--format', 'webp', '--lossless', '--effort', '0', '--json'];
    expect((await pixmill(...args, '--out', lossless)).code).toBe(0);
    const [a, b] = await Promise.all(
      [join(photos, 'tall.png'), join(lossless, 'tall.webp')].map((p) => sharp(p).raw().toBuffer()),
    );
    expect(b!.equals(a!)).toBe(true);
  });

  it('--metadata keep keeps EXIF and GPS; the default strips them', async () => {
    const kept = outDir();
    expect((await pixmill('run', photos, '--out', kept, '--metadata', 'keep', '--json')).code).toBe(0);
    const keptExif = (await sharp(join(kept, 'wide.jpg')).metadata()).exif?.toString('latin1') ?? '';
    expect(keptExif).toContain('Pixmill test');
    const stripped = outDir();
    expect((await pixmill('run', photos, '--out', stripped, '--json')).code).toBe(0);
    expect((await sharp(join(stripped, 'wide.jpg')).metadata()).exif).toBeUndefined();
  });

  it('--pipeline takes inline JSON and one entry of `pixmill presets --json`', async () => {
    const inline = outDir();
    const spec = '{"steps":[{"op":"resize","params":{"by":"width","width":30}}],"output":{"format":"png"}}';
    expect((await pixmill('run', photos, '--out', inline, '--pipeline', spec, '--json')).code).toBe(0);
    expect(await size(join(inline, 'wide.png'))).toEqual([30, 20]);
    const presets = JSON.parse((await pixmill('presets', '--json')).stdout) as unknown[];
    const entry = join(root, 'thumb.json');
    await writeFile(entry, JSON.stringify(presets[PRESETS.findIndex((p) => p.name === 'thumbnail-400')]));
    const thumbs = outDir();
    expect((await pixmill('run', photos, '--out', thumbs, '--pipeline', entry, '--json')).code).toBe(0);
    expect(await listFiles(thumbs)).toEqual(['tall-thumb.webp', 'wide-thumb.webp']);
  });
});

describe('pixmill run: mistakes and messages', () => {
  it('under --json a usage error is JSON on stdout, naming the option, exit 2', async () => {
    const out = outDir();
    const bad = await pixmill('run', photos, '--out', out, '--quality', '500', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({
      error: {
        code: 'USAGE',
        message: expect.stringMatching(/^--quality: expected a whole number/),
        option: '--quality',
      },
    });
    const unknown = await pixmill('run', photos, '--out', out, '--qualty', '50', '--json');
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'USAGE', option: '--qualty' } });
    const missing = await pixmill('run', photos, '--json');
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'USAGE', option: '--out' } });
    // Refused before anything starts: not even the output folder is made.
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it("points at the subcommand's help after a mistake", async () => {
    const flag = await pixmill('run', photos, '--out', outDir(), '--metadata', 'gps');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe(
      'error: --metadata: expected one of strip, keep, icc, keep-except-gps, copyright-only, custom, got "gps"\n(run pixmill run --help for usage)\n',
    );
    const unknown = await pixmill('presets', '--nope');
    expect(unknown.stderr).toMatch(/unknown option '--nope'\n\(run pixmill presets --help for usage\)/);
  });

  it('--quiet leaves stderr empty when nothing fails, and still prints errors', async () => {
    const transparentToJpeg = ['run', photos, '--out', outDir(), '--format', 'jpeg', '--resize', '1000'];
    const loud = await pixmill(...transparentToJpeg);
    expect(loud.stderr).toMatch(/ALPHA_FLATTENED/);
    const quiet = await pixmill(...transparentToJpeg.slice(0, 3), outDir(), ...transparentToJpeg.slice(4), '--quiet');
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/Done: 2 processed/);
    await writeFile(join(photos, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 1, 2, 3]));
    const failing = await pixmill('run', photos, '--out', outDir(), '--quiet');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/broken\.jpg/);
  });
});
