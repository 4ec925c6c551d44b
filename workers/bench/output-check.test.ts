import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Contender } from './contenders.js';
import { compareSizes, imageSize, jpegSize } from './output-check.js';
import { formatReport } from './report.js';
import { markMismatches, type RunRecord } from './run-bench.js';
import { type Environment, summarise } from './summarise.js';

const sizes = (entries: [string, string][]) => new Map(entries);
const env: Environment = {
  date: '2026-11-25T00:00:00Z',
  cores: 2,
  cpu: 'test',
  memoryGB: 1,
  platform: 'linux x64',
  node: 'v20',
  sharp: '0.35.5',
  libvips: '8.18',
  vipsthumbnail: '8.14',
  imagemagick: '6.9',
  heifEnc: null,
  cjxl: null,
};
const contender = (tool: Contender['tool'], workers = 2): Contender => ({
  id: `plain ${tool} ×${workers}`,
  job: 'plain',
  tool,
  workers,
});

describe('output dimension check', () => {
  it('reads the size of every output format the jobs write, from real encoder output', async () => {
    const image = () => sharp({ create: { width: 333, height: 127, channels: 4, background: '#80808080' } });
    const encoded = {
      png: await image().png().toBuffer(),
      'webp lossy': await image().flatten().webp({ quality: 80 }).toBuffer(),
      'webp lossless': await image().webp({ lossless: true }).toBuffer(),
      'webp with alpha (VP8X)': await image().webp({ quality: 80 }).toBuffer(),
      avif: await image().flatten().avif({ quality: 50, effort: 0 }).toBuffer(),
      jpeg: await image().flatten().jpeg().toBuffer(),
    };
    for (const [name, bytes] of Object.entries(encoded)) {
      expect(imageSize(bytes), name).toEqual({ width: 333, height: 127 });
    }
    expect(imageSize(Buffer.from('RIFF....WEBPVP9 not a webp at all'))).toBeUndefined();
  });

  it('reads the size from a real JPEG header, EXIF and all', async () => {
    const jpeg = await sharp({ create: { width: 321, height: 123, channels: 3, background: '#808080' } })
      .withMetadata({ orientation: 6 })
      .jpeg({ progressive: true })
      .toBuffer();
    expect(jpegSize(jpeg)).toEqual({ width: 321, height: 123 });
    expect(jpegSize(Buffer.from('not a jpeg'))).toBeUndefined();
  });

  it('accepts a one-pixel rounding difference, refuses a skipped rotation or a missing file', () => {
    const ref = sizes([
      ['a', '1600x1200'],
      ['b', '1200x1600'],
      ['c', '1600x1067'],
    ]);
    expect(
      compareSizes(
        ref,
        sizes([
          ['a', '1600x1200'],
          ['b', '1200x1600'],
          ['c', '1600x1066'],
        ]),
      ),
    ).toBeUndefined();
    expect(
      compareSizes(
        ref,
        sizes([
          ['a', '1600x1200'],
          ['b', '1600x1200'],
          ['c', '1600x1067'],
        ]),
      ),
    ).toMatch(/1 of 3 outputs differ \(b: 1600x1200, expected 1200x1600\)/);
    expect(
      compareSizes(
        ref,
        sizes([
          ['a', '1600x1200'],
          ['b', '1200x1600'],
        ]),
      ),
    ).toMatch(/c: missing/);
    expect(
      compareSizes(
        ref,
        sizes([
          ['a', '4000x3000'],
          ['b', '1200x1600'],
          ['c', '1600x1067'],
          ['d', '1x1'],
        ]),
      ),
    ).toMatch(/2 of 4.*a: 4000x3000.*d: unexpected output/);
  });

  it('marks a contender that did less INVALID, in the result and in the table', () => {
    const bare = contender('bare-sharp');
    const lazy = contender('vipsthumbnail');
    const good = { ...contender('pixmill'), id: 'plain pixmill-processes ×2', mode: 'processes' as const };
    const contenders = [bare, lazy, good];
    const outputs = new Map([
      [
        bare.id,
        sizes([
          ['a', '1600x1200'],
          ['b', '1200x1600'],
        ]),
      ],
      [
        lazy.id,
        sizes([
          ['a', '1600x1200'],
          ['b', '1600x1200'],
        ]),
      ], // forgot to auto-orient
      [
        good.id,
        sizes([
          ['a', '1600x1200'],
          ['b', '1200x1600'],
        ]),
      ],
    ]);
    const invalid = new Map<string, string>();
    markMismatches(contenders, outputs, invalid);
    expect([...invalid.keys()]).toEqual([lazy.id]);
    expect(invalid.get(lazy.id)).toMatch(/^round 1: 1 of 2 outputs differ/);

    const run = (id: string, wallSeconds: number): RunRecord => ({
      round: 0,
      id,
      images: 2,
      bytes: 4e6,
      wallSeconds,
      cpuSeconds: wallSeconds,
      peakRssBytes: 2 ** 27,
      maxProcesses: 1,
      failures: [],
    });
    const result = summarise({
      contenders,
      runs: [run(bare.id, 2), run(lazy.id, 1), run(good.id, 2.1)],
      invalid,
      rounds: 1,
      workerCounts: [2],
      jobs: ['plain'],
      images: 2,
      bytes: 4e6,
      slices: 1,
      datasetDir: '/data',
      generated: true,
      environment: env,
    });
    expect(result.contenders.find((c) => c.id === lazy.id)?.status).toBe('INVALID');
    expect(result.contenders.find((c) => c.id === good.id)?.status).toBe('ok');
    // The faster but INVALID contender is no one's "best external" to beat.
    expect(result.targets.find((t) => t.target.startsWith('plain: best Pixmill'))?.measured).toBe('not measured');
    expect(formatReport(result)).toMatch(/plain vipsthumbnail .*INVALID: round 1: 1 of 2 outputs differ/);
  });
});
