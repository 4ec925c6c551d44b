// A large photo kept as AVIF finishes with the default settings (an effort AVIF can afford and a
// time limit that grows with the image); a limit the person set is kept, and its TIMEOUT row says
// how to raise it, in the engine and on the command line.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../common/events.js';
import { makePipeline, type PipelineSpecInput } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { tempDir } from './fixtures.js';

const BIN = resolve(import.meta.dirname, '../bin/pixmill.cjs');

/**
 * A camera-like JPEG: smooth colour gradients under sensor grain (not flat colour). Grain is what
 * AVIF's higher efforts spend their time on: at 24 MP the old default effort took minutes here.
 */
async function photo(path: string, width: number, height: number): Promise<string> {
  const grain = await sharp({
    create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 20 } },
  })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const corners = Buffer.from([230, 120, 40, 40, 90, 200, 250, 230, 120, 20, 140, 60]);
  const gradient = await sharp(corners, { raw: { width: 2, height: 2, channels: 3 } })
    .resize(width, height, { kernel: 'linear' })
    .png({ compressionLevel: 0 })
    .toBuffer();
  await sharp(gradient)
    .composite([{ input: grain, blend: 'overlay' }])
    .jpeg({ quality: 90 })
    .toFile(path);
  return path;
}

async function batchOf(input: string, spec: PipelineSpecInput) {
  const out = await tempDir('pixmill-avif-out-');
  const events: EngineEvent[] = [];
  const summary = await startBatch({
    inputs: [input],
    outDir: out,
    spec: makePipeline(spec),
    mode: 'processes',
    workers: 1,
    onEvent: (e) => events.push(e),
  }).done;
  return { summary, events, out };
}

let dir: string;
let big: string;
beforeAll(async () => {
  dir = await tempDir('pixmill-avif-');
  big = await photo(join(dir, 'camera-24mp.jpg'), 6000, 4000);
}, 120_000);

describe('AVIF output of a 24 MP photo', () => {
  it('finishes with the default settings (auto time limit, default effort)', { timeout: 300_000 }, async () => {
    const { summary, events } = await batchOf(big, { output: { format: 'avif' } });
    const failures = events.filter((e) => e.type === 'file-failed');
    expect(failures).toEqual([]);
    expect(summary.processed).toBe(1);
    const done = events.find((e) => e.type === 'file-done');
    expect(done?.type === 'file-done' && (await sharp(done.output).metadata())).toMatchObject({
      format: 'heif',
      compression: 'av1',
      width: 6000,
      height: 4000,
    });
  });

  it('keeps a limit the person set, and the TIMEOUT row says which limit and how to raise it', {
    timeout: 120_000,
  }, async () => {
    const { events } = await batchOf(big, { output: { format: 'avif' }, limits: { timeoutSeconds: 1 } });
    const row = events.find((e) => e.type === 'file-failed');
    expect(row).toMatchObject({ code: 'TIMEOUT' });
    expect(row?.type === 'file-failed' && row.message).toMatch(/time limit of 1 s/);
    expect(row?.type === 'file-failed' && row.message).toMatch(/--timeout SECONDS/);
  });
});

describe('pixmill run --timeout', () => {
  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => done({ code, stdout, stderr }));
    });

  it('refuses a limit that is not auto or a number of seconds, naming the flag', async () => {
    const r = await cli('run', big, '--out', join(dir, 'cli-bad'), '--timeout', 'soon');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout: expected auto or a number of seconds between 1 and 3600, got "soon"/);
  });

  it('applies the limit it is given', { timeout: 120_000 }, async () => {
    const r = await cli('run', big, '--out', join(dir, 'cli-1s'), '-f', 'avif', '--timeout', '1', '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as { errors: { code: string; message: string }[] };
    expect(summary.errors).toMatchObject([{ code: 'TIMEOUT', message: expect.stringMatching(/1 s.*--timeout/) }]);
  });
});
