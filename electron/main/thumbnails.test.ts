// Thumbnails come from a real image worker: a small upright WebP with the header's size beside
// it, made once per version of a file (the cache), and a refusal, not a crash, for a broken file.
import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { ThumbnailMaker } from './thumbnails.js';

let dir: string;
const maker = new ThumbnailMaker(undefined, 2);

beforeAll(async () => {
  dir = await tempDir('pixmill-thumbs-test-');
});
afterAll(async () => {
  await maker.close();
  await rm(dir, { recursive: true, force: true });
});

async function decoded(src: string) {
  const data = Buffer.from(src.replace(/^data:image\/webp;base64,/, ''), 'base64');
  return sharp(data).metadata();
}

describe('ThumbnailMaker', () => {
  it('makes a WebP inside the box, with the original size read from the header', async () => {
    const photo = await makeImage(join(dir, 'wide.jpg'), { width: 900, height: 600 });
    const result = await maker.get({ path: photo, size: 128 });
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ width: 900, height: 600 });
    expect(await decoded(result.value.src)).toMatchObject({ format: 'webp', width: 128, height: 85 });
  });

  it('gives the upright size of a photo stored sideways', async () => {
    const photo = await makeImage(join(dir, 'turned.jpg'), { width: 300, height: 200, orientation: 6 });
    const result = await maker.get({ path: photo, size: 96 });
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toMatchObject({ width: 200, height: 300 });
    expect(await decoded(result.value.src)).toMatchObject({ width: 64, height: 96 });
  });

  it('makes each version of a file once, and again once the file changes or falls out of the cache', async () => {
    const photo = await makeImage(join(dir, 'cached.png'), { width: 200, height: 200, format: 'png' });
    const before = maker.made;
    const [a, b] = await Promise.all([maker.get({ path: photo, size: 64 }), maker.get({ path: photo, size: 64 })]);
    expect(a).toEqual(b);
    await maker.get({ path: photo, size: 64 });
    expect(maker.made - before).toBe(1);
    await utimes(photo, new Date(), new Date(Date.now() + 5000));
    await maker.get({ path: photo, size: 64 });
    expect(maker.made - before).toBe(2);
    // A limit of two entries: two other thumbnails push this one out.
    await maker.get({ path: photo, size: 80 });
    await maker.get({ path: photo, size: 90 });
    await maker.get({ path: photo, size: 64 });
    expect(maker.made - before).toBe(5);
  });

  it('answers a file that is no image it can read with a refusal and a code', async () => {
    const broken = join(dir, 'broken.jpg');
    await writeFile(broken, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    expect(await maker.get({ path: broken, size: 128 })).toMatchObject({ ok: false, code: expect.any(String) });
  });
});
