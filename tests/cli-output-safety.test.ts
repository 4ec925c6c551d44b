// `pixmill run --source-folders` and `--skip-larger` as a person types them: two folders of the
// same file names land in two sub-folders, and an output that would grow is not written.
// Run after `electron-vite build` (the `test` script does).
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonSummary } from '../cli/report.js';
import { pixmill } from './cli-runner.js';
import { makeImage, tempDir } from './fixtures.js';

let root: string;
let beach: string;
let city: string;

beforeAll(async () => {
  root = await tempDir('pixmill-cli-safety-');
  beach = join(root, 'beach');
  city = join(root, 'city');
  await mkdir(beach, { recursive: true });
  await mkdir(city, { recursive: true });
  await makeImage(join(beach, 'a.jpg'), { width: 400, height: 300 });
  await makeImage(join(city, 'a.jpg'), { width: 400, height: 300 });
  // Saved at quality 30, it can only grow when saved again at quality 100.
  await sharp(join(beach, 'a.jpg')).jpeg({ quality: 30 }).toFile(join(city, 'small.jpg'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('pixmill run: output safety', () => {
  it('--source-folders gives each input folder its own sub-folder', async () => {
    const out = join(root, 'out-folders');
    const r = await pixmill('run', beach, city, '--out', out, '--source-folders');
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(out)).filter((f) => !f.startsWith('.')).sort()).toEqual(['beach', 'city']);
    expect(await readdir(join(out, 'beach'))).toEqual(['a.jpg']);
    expect((await readdir(join(out, 'city'))).sort()).toEqual(['a.jpg', 'small.jpg']);
  });

  it('--dry-run --source-folders shows the same sub-folders and writes nothing', async () => {
    const out = join(root, 'out-dry');
    const r = await pixmill('run', beach, city, '--out', out, '--source-folders', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(join(out, 'beach', 'a.jpg'));
    expect(r.stdout).toContain(join(out, 'city', 'a.jpg'));
    expect(r.stdout).not.toContain(join(out, 'a-1.jpg'));
    await expect(readdir(out)).rejects.toThrow();
  });

  it('--skip-larger writes no output that grows, says so on stderr, and counts it as skipped', async () => {
    const out = join(root, 'out-larger');
    const r = await pixmill('run', city, '--out', out, '--format', 'jpeg', '--quality', '100', '--skip-larger');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^! .*small\.jpg — OUTPUT_KEPT_OUT: Kept out: the output would be \d+% larger/m);
    expect(r.stdout).toMatch(/\d+ skipped \(output would be larger\)/);
    expect((await readdir(out)).filter((f) => !f.startsWith('.'))).not.toContain('small.jpg');

    const json = await pixmill(
      'run',
      city,
      '--out',
      join(root, 'out-json'),
      '--quality',
      '100',
      '--skip-larger',
      '--json',
    );
    const summary = JSON.parse(json.stdout) as JsonSummary;
    expect(summary.skippedFor.larger).toBeGreaterThanOrEqual(1);
    const small = summary.warnings.find((w) => w.file === join(city, 'small.jpg'));
    expect(small?.warnings.map((w) => w.code)).toEqual(['OUTPUT_KEPT_OUT']);
  });
});
