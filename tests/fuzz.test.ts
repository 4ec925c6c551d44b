// A small, seeded fuzz run: 150 mutants of small valid images of every accepted format (bytes
// flipped, a chunk repeated, cut short, junk inserted) through a real batch, processes mode,
// 2 workers. The engine must come through it: every mutant one outcome, nothing left behind.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../common/errors.js';
import { makePipeline } from '../common/pipeline.js';
import { hashTree, listFiles, tempDir } from './fixtures.js';
import {
  ACCEPTED,
  codeTable,
  EXT,
  FALLBACK,
  FALLBACK_EXT,
  fallbackImages,
  MUTATIONS,
  mutate,
  runBatch,
  seededRandom,
  smallImages,
} from './hostile-fixtures.js';

const MUTANTS = 150;
const SEED = 0x9e3779b9;
/** Mutants of the formats the fallback decoder (ImageMagick in WebAssembly) reads. */
const FALLBACK_MUTANTS = 132;

let root: string;
beforeAll(async () => {
  root = await tempDir('pixmill-fuzz-');
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('fuzz', () => {
  it(`${MUTANTS} seeded mutants: the batch completes, each has one known outcome, originals untouched, no temp files`, async () => {
    const inDir = join(root, 'mutants');
    const outDir = join(root, 'out');
    await mkdir(inDir);
    const valid = await smallImages(40);
    const rnd = seededRandom(SEED);
    for (let i = 0; i < MUTANTS; i++) {
      const format = ACCEPTED[i % ACCEPTED.length]!;
      const kind = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!;
      // Sometimes two mutations on top of each other: damage rarely comes alone.
      let data = mutate(valid[format], kind, rnd);
      if (rnd() < 0.3) data = mutate(data, MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!, rnd);
      await writeFile(join(inDir, `${String(i).padStart(3, '0')}-${format}-${kind}.${EXT[format]}`), data);
    }
    const before = await hashTree(inDir);

    const spec = makePipeline({
      steps: [{ op: 'resize', params: { by: 'box', width: 32, height: 32 } }],
      output: { format: 'png' },
      limits: { timeoutSeconds: 20 },
    });
    const { summary, outcomes, stats } = await runBatch({
      inputs: [inDir],
      outDir,
      spec,
      mode: 'processes',
      workers: 2,
    });
    const table = codeTable(outcomes);
    if (process.env['FUZZ_DEBUG'])
      for (const [f, [o]] of outcomes)
        console.log(f.split('/').pop(), o!.kind === 'failed' ? `${o!.code} | ${o!.message} | ${o!.detail}` : o!.kind);
    console.log(`fuzz: ${MUTANTS} mutants (seed ${SEED}), worker crashes ${stats.crashes}, timeouts ${stats.timeouts}`);
    console.table(Object.fromEntries(Object.entries(table).map(([code, n]) => [code, { files: n }])));

    expect(summary.cancelled).toBe(false);
    expect(summary.total).toBe(MUTANTS);
    expect(summary.processed + summary.failed + summary.skipped).toBe(MUTANTS);
    expect(outcomes.size).toBe(MUTANTS);
    expect(summary.errors).toHaveLength(summary.failed);
    for (const [file, seen] of outcomes) {
      expect(seen, file).toHaveLength(1);
      const o = seen[0]!;
      if (o.kind === 'failed') {
        expect(Object.keys(ERROR_CODES), `${file}: ${o.code}`).toContain(o.code);
        expect(['WORKER_CRASHED', 'TIMEOUT'], `${file}: ${o.code} ${o.detail}`).not.toContain(o.code);
        // None of these is a HEIC photo: a damaged AVIF once got the HEVC message.
        expect(o.message, file).not.toMatch(/HEVC/);
      } else {
        expect(o.kind, file).toBe('done');
        if (o.kind === 'done') expect((await sharp(o.output).metadata()).width, file).toBeGreaterThan(0);
      }
    }
    // Every error row is a row of a mutant, once.
    expect(new Set(summary.errors.map((e) => e.file)).size).toBe(summary.failed);
    expect(stats.crashes).toBe(0);

    expect(await hashTree(inDir)).toEqual(before);
    const leftovers = [...(await listFiles(inDir)), ...(await listFiles(outDir))].filter((f) =>
      /(^|\/)\.pixmill-/.test(f),
    );
    expect(leftovers).toEqual([]);
    expect((await listFiles(outDir)).filter((f) => f.endsWith('.png'))).toHaveLength(summary.processed);
  });

  it(`${FALLBACK_MUTANTS} seeded mutants of the fallback decoder's formats, then a good JPEG: one known outcome each, no crash, no hang`, async () => {
    const inDir = join(root, 'fallback-mutants');
    const outDir = join(root, 'fallback-out');
    await mkdir(inDir);
    const valid = await fallbackImages(32);
    const formats = FALLBACK.filter((f) => valid[f]);
    if (formats.length < FALLBACK.length)
      console.warn(`fuzz: no writer for ${FALLBACK.filter((f) => !valid[f]).join(', ')}; those formats are left out`);
    const rnd = seededRandom(SEED ^ 0x5bd1e995);
    for (let i = 0; i < FALLBACK_MUTANTS; i++) {
      const format = formats[i % formats.length]!;
      const kind = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!;
      let data = mutate(valid[format]!, kind, rnd);
      if (rnd() < 0.3) data = mutate(data, MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]!, rnd);
      await writeFile(join(inDir, `${String(i).padStart(3, '0')}-${format}-${kind}.${FALLBACK_EXT[format]}`), data);
    }
    await sharp({ create: { width: 30, height: 20, channels: 3, background: '#888' } })
      .jpeg()
      .toFile(join(inDir, 'zz-good.jpg'));
    const before = await hashTree(inDir);
    const { summary, outcomes, stats, only } = await runBatch({
      inputs: [inDir],
      outDir,
      spec: makePipeline({ output: { format: 'png' }, limits: { timeoutSeconds: 20 } }),
      mode: 'processes',
      workers: 2,
    });
    console.log(`fuzz (fallback formats): worker crashes ${stats.crashes}, timeouts ${stats.timeouts}`);
    console.table(Object.fromEntries(Object.entries(codeTable(outcomes)).map(([code, n]) => [code, { files: n }])));
    expect(summary.cancelled).toBe(false);
    expect(summary.total).toBe(FALLBACK_MUTANTS + 1);
    expect(outcomes.size).toBe(FALLBACK_MUTANTS + 1);
    for (const [file, seen] of outcomes) {
      expect(seen, file).toHaveLength(1);
      const o = seen[0]!;
      if (o.kind === 'failed') {
        expect(Object.keys(ERROR_CODES), `${file}: ${o.code}`).toContain(o.code);
        expect(['WORKER_CRASHED', 'TIMEOUT'], `${file}: ${o.code} ${o.detail}`).not.toContain(o.code);
      } else {
        expect(o.kind, file).toBe('done');
        if (o.kind === 'done') expect((await sharp(o.output).metadata()).width, file).toBeGreaterThan(0);
      }
    }
    expect(only(join(inDir, 'zz-good.jpg')).kind).toBe('done');
    expect(stats.crashes).toBe(0);
    expect(await hashTree(inDir)).toEqual(before);
    const leftovers = [...(await listFiles(inDir)), ...(await listFiles(outDir))].filter((f) =>
      /(^|\/)\.pixmill-/.test(f),
    );
    expect(leftovers).toEqual([]);
  });
});
