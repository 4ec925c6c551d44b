// Real-world files from the shared corpus (PIXMILL_CORPUS): orientation and damaged files.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../common/errors.js';
import { corpusDir, tempDir } from '../../tests/fixtures.js';
import { run } from './test-support.js';

const corpus = corpusDir();
if (!corpus) console.log('workers/image corpus tests skipped: set PIXMILL_CORPUS to the shared corpora folder');

describe.skipIf(!corpus)('real-world corpus', () => {
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await tempDir('pixmill-corpus-');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function out(): Promise<string> {
    const d = join(dir, String(n++));
    await mkdir(d);
    return d;
  }

  it('turns all 16 EXIF orientation samples upright', async () => {
    const files = (await readdir(join(corpus!, 'orientation'))).filter((f) => f.endsWith('.jpg'));
    expect(files).toHaveLength(16);
    for (const file of files) {
      const result = await run(join(corpus!, 'orientation', file), await out(), {
        steps: [{ op: 'resize', params: { by: 'longEdge', longEdge: 200 } }],
      });
      if (result.status !== 'done') throw new Error(`${file}: ${JSON.stringify(result)}`);
      if (file.startsWith('Landscape')) expect(result.width, file).toBeGreaterThan(result.height);
      else expect(result.height, file).toBeGreaterThan(result.width);
    }
  });

  it.each([
    ['formats/basn2c08.bmp', 32, 32],
    ['formats/hopper.heif', undefined, undefined],
  ] as const)('%s, once UNSUPPORTED_FORMAT, is decoded by the fallback decoder', async (file, w, h) => {
    const path = join(corpus!, file);
    const declared = await sharp(path)
      .metadata()
      .catch(() => undefined);
    const result = await run(path, await out());
    expect(result, file).toMatchObject({
      status: 'done',
      width: w ?? declared?.width,
      height: h ?? declared?.height,
    });
  });

  it.each([
    ['damaged/lottapixel.jpg', ['TOO_MANY_PIXELS']],
    ['damaged/empty.jpg', ['UNSUPPORTED_FORMAT']],
    ['damaged/truncated_jpeg.jpg', ['TRUNCATED', 'DECODE_FAILED']],
    ['damaged/text-renamed.png', ['UNSUPPORTED_FORMAT']],
    ['damaged/badcrc.png', ['DECODE_FAILED']],
    ['damaged/uber-8000-frames.gif', ['TOO_MANY_FRAMES']],
  ] as const)('%s → %s', async (file, codes: readonly ErrorCode[]) => {
    const d = await out();
    const result = await run(join(corpus!, file), d);
    expect(result.status).toBe('failed');
    if (result.status !== 'failed') return;
    expect(codes).toContain(result.code);
    expect(await readdir(d)).toEqual([]);
    if (file.includes('lottapixel')) expect(result.message).toMatch(/\d+ × \d+/);
  });
});
