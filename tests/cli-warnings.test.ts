// What the built `pixmill` command says about files that were processed but lost something:
// one stderr line per warning as it happens, a count in the summary, and rows in `--json`.
// Run after `electron-vite build` (the `test` script does).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSummary } from '../cli/report.js';
import { pixmill } from './cli-runner.js';
import { makeImage, tempDir } from './fixtures.js';

let root: string;
let input: string;

beforeAll(async () => {
  root = await tempDir('pixmill-cli-warnings-');
  input = join(root, 'in');
  await mkdir(input, { recursive: true });
  // A black square on a transparent canvas, and an opaque photo that a JPEG keeps as it is.
  await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([
      { input: { create: { width: 20, height: 20, channels: 4, background: '#000000' } }, left: 10, top: 10 },
    ])
    .png()
    .toFile(join(input, 'logo.png'));
  await makeImage(join(input, 'photo.jpg'), { width: 400, height: 300 });
});
afterAll(async () => rm(root, { recursive: true, force: true }));

/** RGB of one pixel of the output. */
async function pixel(path: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [...data.subarray(i, i + 3)];
}
const near = (got: number[], want: number[]): boolean => want.every((v, i) => Math.abs(got[i]! - v) <= 12);

describe('pixmill run: warnings', () => {
  it('prints each warning on stderr as it happens and counts the files in the summary', async () => {
    const out = join(root, 'out-text');
    const r = await pixmill('run', input, '--out', out, '--format', 'jpeg', '--resize', '200');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^! .*logo\.png — ALPHA_FLATTENED: Transparency was filled with white \(JPEG cannot hold it\)\.$/m,
    );
    // A 40-px logo left as it is by a never-enlarging resize is what was asked: no warning for it.
    expect(r.stderr).not.toMatch(/STEP_NO_EFFECT/);
    expect(r.stderr).not.toMatch(/photo\.jpg — ALPHA_FLATTENED/);
    expect(r.stdout).toMatch(/Done: 2 processed, 1 with warnings of 2 files/);
    expect(near(await pixel(join(out, 'logo.jpg'), 2, 2), [255, 255, 255])).toBe(true);
    expect(near(await pixel(join(out, 'logo.jpg'), 20, 20), [0, 0, 0])).toBe(true);
  });

  it('--background lays transparency on the colour given, and --json lists the warnings per file', async () => {
    const out = join(root, 'out-json');
    const r = await pixmill('run', input, '--out', out, '--format', 'jpeg', '--background', '#ff0000', '--json');
    expect(r.code, r.stderr).toBe(0);
    // stdout is the JSON object and nothing else; stderr does not repeat the rows.
    const summary = JSON.parse(r.stdout) as JsonSummary;
    expect(r.stderr).not.toMatch(/ALPHA_FLATTENED/);
    expect(summary).toMatchObject({ processed: 2, failed: 0, warned: 1 });
    expect(summary.warnings).toEqual([
      {
        file: join(input, 'logo.png'),
        output: join(out, 'logo.jpg'),
        warnings: [
          { code: 'ALPHA_FLATTENED', message: 'Transparency was filled with #ff0000 (JPEG cannot hold it).' },
          // A 40×40 PNG of two flat colours is smaller than any JPEG of it.
          {
            code: 'OUTPUT_LARGER',
            message: expect.stringMatching(/^The output \(\d+ B\) is larger than the original/),
          },
        ],
      },
    ]);
    expect(near(await pixel(join(out, 'logo.jpg'), 2, 2), [255, 0, 0])).toBe(true);
    expect(near(await pixel(join(out, 'logo.jpg'), 20, 20), [0, 0, 0])).toBe(true);
  });

  it('refuses a background that is not a colour, naming the flag', async () => {
    const r = await pixmill('run', input, '--out', join(root, 'out-bad'), '--background', 'white');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --background: expected a colour like #ffffff .*got "white"/m);
  });
});
