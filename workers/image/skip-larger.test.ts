// "Skip if the output would be larger than the original", on real images: a small JPEG saved
// again at quality 100 grows, a large one resized down shrinks.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { expectDone, run } from './test-support.js';

let dir: string;
let small: string;
let photo: string;

beforeAll(async () => {
  dir = await tempDir('pixmill-skip-larger-');
  const inDir = join(dir, 'in');
  await mkdir(inDir, { recursive: true });
  photo = await makeImage(join(inDir, 'photo.jpg'), { width: 600, height: 400, orientation: 1 });
  small = join(inDir, 'q30.jpg');
  await sharp(photo).jpeg({ quality: 30 }).toFile(small);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

let n = 0;
async function freshOut(): Promise<string> {
  const out = join(dir, `out-${n++}`);
  await mkdir(out, { recursive: true });
  return out;
}

const GROWS = { output: { format: 'jpeg', quality: 100, skipLarger: true } } as const;

describe('skip if larger', () => {
  it('discards an output larger than its original: skipped, with a warning saying by how much, no file left', async () => {
    const out = await freshOut();
    const result = await run(small, out, GROWS);
    expect(result.status).toBe('skipped');
    if (result.status !== 'skipped') return;
    expect(result.reason).toBe('larger');
    expect(result.output).toBe(join(out, 'out.jpg'));
    expect(result.warnings?.map((w) => w.code)).toEqual(['OUTPUT_KEPT_OUT']);
    expect(result.warnings?.[0]?.message).toMatch(
      /^Kept out: the output would be \d+% larger than the original \(.+ kB against .+ kB\), so none was saved\.$/,
    );
    // Neither the output nor its temp file.
    expect(await readdir(out)).toEqual([]);
  });

  it('leaves an existing output of that name as it was, even under "overwrite"', async () => {
    const out = await freshOut();
    const earlier = join(out, 'out.jpg');
    await writeFile(earlier, 'an earlier output');
    const result = await run(small, out, { output: { ...GROWS.output, conflict: 'overwrite' } });
    expect(result.status).toBe('skipped');
    expect(await readFile(earlier, 'utf8')).toBe('an earlier output');
    expect(await readdir(out)).toEqual(['out.jpg']);
  });

  it('writes an output that is smaller, as usual', async () => {
    const out = await freshOut();
    const done = expectDone(
      await run(photo, out, { steps: [{ op: 'resize', params: { by: 'width', width: 200 } }], output: GROWS.output }),
    );
    expect(done.bytesOut).toBeLessThan(done.bytesIn);
    expect(await readdir(out)).toEqual(['out.jpg']);
  });

  it('is off by default: the larger output is written, with the OUTPUT_LARGER warning', async () => {
    const out = await freshOut();
    const done = expectDone(await run(small, out, { output: { format: 'jpeg', quality: 100 } }));
    expect(done.bytesOut).toBeGreaterThan(done.bytesIn);
    expect(done.warnings?.map((w) => w.code)).toContain('OUTPUT_LARGER');
    expect(await readdir(out)).toEqual(['out.jpg']);
  });
});
