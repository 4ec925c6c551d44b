// Frame delays end to end, read back from the outputs: WebP keeps delays of 10 ms and less
// (which libvips writes as 100 ms), identical frames merged by an encoder keep their total time,
// and GIF's 10 ms steps are said when a delay cannot be held.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/fixtures.js';
import { expectDone, flatFrames, run, warningCodes } from './test-support.js';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tempDir('pixmill-timing-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function outDir(): Promise<string> {
  const d = join(dir, `out-${n++}`);
  await mkdir(d, { recursive: true });
  return d;
}

const RGBY = ['#ff0000', '#00ff00', '#0000ff', '#ffff00', '#00ffff', '#ff00ff'];

/**
 * Sets the duration of each ANMF chunk of a WebP. libvips writes delays of 10 ms or less as
 * 100 ms, so a fixture with such delays is made by writing the file and then setting them.
 */
function setWebpDurations(webp: Buffer, delay: readonly number[]): Buffer {
  let frame = 0;
  for (let i = 12; i + 8 <= webp.length; ) {
    const size = webp.readUInt32LE(i + 4);
    if (webp.toString('latin1', i, i + 4) === 'ANMF') webp.writeUIntLE(delay[frame++]!, i + 8 + 12, 3);
    i += 8 + size + (size & 1);
  }
  expect(frame, 'frames in the fixture').toBe(delay.length);
  return webp;
}

async function animation(name: string, colours: readonly string[], delay: number[]): Promise<string> {
  const path = join(dir, name);
  const joined = sharp(await flatFrames(colours), { join: { animated: true } });
  if (name.endsWith('.gif')) await joined.gif({ delay }).toFile(path);
  else await writeFile(path, setWebpDurations(await joined.webp({ lossless: true, delay }).toBuffer(), delay));
  expect((await sharp(path).metadata()).delay, 'fixture delays').toEqual(delay);
  return path;
}

describe('frame delays', () => {
  it('a WebP keeps delays of 0 and 5 ms exactly (libvips writes them as 100 ms)', async () => {
    const delay = [0, 5, 120, 10, 40, 0];
    const src = await animation('delays.webp', RGBY, delay);
    const out = expectDone(await run(src, await outDir()));
    expect((await sharp(out.output).metadata()).delay).toEqual(delay);
    expect(warningCodes(out)).not.toContain('TIMING_CHANGED');
  });

  it('a GIF with a 0 ms first frame becomes a WebP with a 0 ms first frame', async () => {
    const src = await animation('zero.gif', RGBY.slice(0, 3), [0, 50, 30]);
    const out = expectDone(await run(src, await outDir(), { output: { format: 'webp' } }));
    expect((await sharp(out.output).metadata()).delay).toEqual([0, 50, 30]);
  });

  it('identical frames merged by the WebP encoder keep their total time', async () => {
    const src = join(dir, 'duplicates.gif');
    await sharp(await flatFrames(['#ff0000', '#ff0000', '#0000ff']), { join: { animated: true } })
      .gif({ delay: [0, 0, 50], keepDuplicateFrames: true })
      .toFile(src);
    expect((await sharp(src).metadata()).pages, 'fixture frames').toBe(3);
    const out = expectDone(await run(src, await outDir(), { output: { format: 'webp' } }));
    expect((await sharp(out.output).metadata()).delay).toEqual([0, 50]);
    expect(warningCodes(out)).not.toContain('TIMING_CHANGED');
  });

  it('GIF delays in 10 ms steps are kept; others are rounded, and that is said', async () => {
    const exact = await animation('exact.gif', RGBY.slice(0, 3), [0, 20, 100]);
    const kept = expectDone(await run(exact, await outDir()));
    expect((await sharp(kept.output).metadata()).delay).toEqual([0, 20, 100]);
    expect(warningCodes(kept)).not.toContain('TIMING_CHANGED');

    const webp = await animation('odd.webp', RGBY.slice(0, 4), [15, 100, 35, 40]);
    const out = expectDone(await run(webp, await outDir(), { output: { format: 'gif' } }));
    const written = (await sharp(out.output).metadata()).delay ?? [];
    expect(written.every((d) => d % 10 === 0)).toBe(true);
    expect(out.warnings).toContainEqual({
      code: 'TIMING_CHANGED',
      message: expect.stringMatching(/steps of 10 ms: 2 of 4 frame times were rounded/),
    });
  });
});
