// Files that browsers show but the strict decoder refuses on a warning are decoded leniently and
// say so; a lenient decode that comes out blank stays a failure. The corpus part counts the files
// rescued this way.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECODERS } from '../../common/formats.js';
import { SNIFF_BYTES, sniffFormat } from '../../common/sniff.js';
import { corpusDir, makeImage, tempDir } from '../../tests/fixtures.js';
import { expectDone, run } from './test-support.js';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tempDir('pixmill-lenient-');
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function outDir(): Promise<string> {
  const d = join(dir, `out-${n++}`);
  await mkdir(d, { recursive: true });
  return d;
}

/** Largest difference between two images' pixels. */
async function maxDiff(a: string | Buffer, b: string | Buffer): Promise<number> {
  const [x, y] = await Promise.all([sharp(a).raw().toBuffer(), sharp(b).raw().toBuffer()]);
  expect(x.length).toBe(y.length);
  let max = 0;
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!));
  return max;
}

/** A PNG of the photo pattern, and the offsets of its IDAT chunk's data and CRC. */
async function photoPng(): Promise<{ png: Buffer; data: number; length: number }> {
  const png = await readFile(await makeImage(join(dir, `photo-${n++}.png`), { width: 64, height: 48, format: 'png' }));
  const at = png.indexOf('IDAT');
  return { png, data: at + 4, length: png.readUInt32BE(at - 4) };
}

const LENIENT = { code: 'DECODED_LENIENTLY', message: expect.stringMatching(/read leniently — check the output/) };

describe('lenient decoding', () => {
  it('a JPEG with stray bytes before a marker is decoded, with a warning', async () => {
    const good = await readFile(await makeImage(join(dir, 'good.jpg'), { width: 64, height: 48 }));
    const sos = good.indexOf(Buffer.from([0xff, 0xda]));
    const path = join(dir, 'stray-bytes.jpg');
    await writeFile(path, Buffer.concat([good.subarray(0, sos), Buffer.from('sixteen bytes!!!'), good.subarray(sos)]));
    await expect(sharp(path, { failOn: 'warning' }).stats(), 'the strict decoder refuses it').rejects.toThrow(
      /extraneous bytes/,
    );
    const out = expectDone(await run(path, await outDir(), { output: { format: 'png' } }));
    expect(out.warnings).toContainEqual(LENIENT);
    expect(await maxDiff(out.output, good)).toBe(0);
  });

  it('a PNG whose checksum alone is wrong is decoded, pixel for pixel', async () => {
    const { png, data, length } = await photoPng();
    const bad = Buffer.from(png);
    bad.writeUInt32BE(~bad.readUInt32BE(data + length) >>> 0, data + length);
    const path = join(dir, 'bad-crc.png');
    await writeFile(path, bad);
    const out = expectDone(await run(path, await outDir()));
    expect(out.warnings).toContainEqual(LENIENT);
    expect(await maxDiff(out.output, png)).toBe(0);
  });

  it('a PNG whose pixel data is damaged decodes to black leniently, so it stays a failure', async () => {
    const { png, data, length } = await photoPng();
    const bad = Buffer.from(png);
    for (let i = data + 20; i < data + 60; i++) bad[i]! ^= 0x55;
    bad.writeUInt32BE(crc32(bad.subarray(data - 4, data + length)) >>> 0, data + length);
    const path = join(dir, 'bad-data.png');
    await writeFile(path, bad);
    const d = await outDir();
    expect(await run(path, d)).toMatchObject({ status: 'failed', code: 'DECODE_FAILED' });
    expect(await readdir(d)).toEqual([]);
  });

  it('a sound file gets no such warning', async () => {
    const path = await makeImage(join(dir, 'sound.jpg'), { width: 40, height: 30 });
    const out = expectDone(await run(path, await outDir()));
    expect((out.warnings ?? []).map((w) => w.code)).not.toContain('DECODED_LENIENTLY');
  });
});

const corpus = corpusDir();
describe.skipIf(!corpus)('lenient decoding of the real-world corpus', () => {
  it('rescues the files refused only for a decoder warning, and no file that decodes blank', {
    timeout: 300_000,
  }, async () => {
    const rescued: string[] = [];
    const refused: string[] = [];
    for (const folder of ['damaged', 'formats', 'pngsuite', 'sharp-fixtures']) {
      for (const file of (await readdir(join(corpus!, folder))).sort()) {
        const path = join(corpus!, folder, file);
        // A format libvips does not read at all goes to the fallback decoder: no warning to rescue from.
        const head = (await readFile(path)).subarray(0, SNIFF_BYTES);
        if (DECODERS[sniffFormat(head, file)] === 'imagemagick') continue;
        // What Pixmill did before: decode strictly, and refuse the file on any decoder warning.
        const strict = await sharp(path, { failOn: 'warning' })
          .png()
          .toBuffer()
          .then(() => 'ok')
          .catch((e: Error) => e.message);
        if (strict === 'ok') continue;
        const result = await run(path, await outDir(), { limits: { timeoutSeconds: 30 } });
        // A TIFF variant libvips lacks (tiled separate planes) is read by the second decoder, strictly.
        const variant = /separate planes not supported/.test(strict);
        if (result.status === 'done') {
          if (!variant) expect(result.warnings, file).toContainEqual(LENIENT);
          const { channels } = await sharp(result.output).stats();
          expect(
            channels.every((c) => c.min === c.max),
            `${file} came out blank`,
          ).toBe(false);
          rescued.push(`${folder}/${file}`);
        } else refused.push(`${folder}/${file}: ${result.status === 'failed' ? result.code : result.status}`);
      }
    }
    console.log(`lenient decoding: ${rescued.length} files rescued:\n  ${rescued.join('\n  ')}`);
    console.log(`still refused (${refused.length}):\n  ${refused.join('\n  ')}`);
    // Extraneous bytes before a JPEG marker, an odd TIFF tag, a PNG checksum: each is one of them.
    for (const file of ['damaged/photoshop-200dpi-broken.jpg', 'sharp-fixtures/bonne.geo.tif', 'pngsuite/xcsn0g01.png'])
      expect(rescued).toContain(file);
    // Lenient decodes that are one flat colour: a failure, not a rescue.
    for (const file of ['damaged/badcrc.png', 'damaged/badadler.png', 'damaged/multipage_single_frame_loop.tiff'])
      expect(refused.some((r) => r.startsWith(`${file}: DECODE_FAILED`))).toBe(true);
  });
});
