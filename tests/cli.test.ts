// The built `pixmill` command as a person or a script runs it: a child process, real files,
// exit codes, stdout/stderr. Run after `electron-vite build` (the `test` script does).
import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../common/errors.js';
import { PRESETS } from '../common/presets.js';
import { pixmill, pixmillWith } from './cli-runner.js';
import { hashTree, isTempFile, listFiles, makeDamaged, makeImage, tempDir } from './fixtures.js';

let root: string;
/** 3 good photos (one in a unicode sub-folder) and one corrupt JPEG. */
let mixed: string;
/** 2 good photos, one nested. */
let good: string;
/** A photo, a text file, a dotfile and a PPM (no decoder for it). */
let odd: string;
/** A dropped folder with nothing in it. */
let empty: string;
const outs: string[] = [];
let originals: Map<string, string>;

function outDir(name: string): string {
  const dir = join(root, 'out', name);
  outs.push(dir);
  return dir;
}

beforeAll(async () => {
  root = await tempDir('pixmill-cli-');
  mixed = join(root, 'mixed');
  good = join(root, 'good');
  const photo = { width: 1200, height: 900 };
  await makeImage(join(mixed, 'a.jpg'), photo);
  await makeImage(join(mixed, 'b.jpg'), photo);
  await makeImage(join(mixed, 'Fotos ünïcødé 日本', 'c.jpg'), photo);
  const damaged = await makeDamaged(join(root, 'damaged'));
  await copyFile(damaged.corrupt, join(mixed, 'corrupt.jpg'));
  await rm(join(root, 'damaged'), { recursive: true });
  await makeImage(join(good, 'g1.jpg'), photo);
  await makeImage(join(good, 'sub ü', 'g2.jpg'), photo);
  odd = join(root, 'odd');
  await makeImage(join(odd, 'photo.jpg'), photo);
  await writeFile(join(odd, 'notes.txt'), 'Shot on the 3rd, edit on Monday.\n');
  await writeFile(join(odd, '.DS_Store'), Buffer.from([0, 0, 0, 1, 0x42, 0x75, 0x64, 0x31]));
  // JPEG XR: an image format no decoder here reads.
  await writeFile(join(odd, 'frame.jxr'), Buffer.from([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0]));
  empty = join(root, 'empty');
  await mkdir(empty);
  originals = await hashTree(root);
});

describe('pixmill (no batch)', () => {
  it('prints its version and help', async () => {
    const pkg = JSON.parse(await readFile(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
      version: string;
    };
    const version = await pixmill('--version');
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await pixmill('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/run \[options\] <inputs\.\.\.>/);
    expect(help.stdout).toContain('presets');
  });

  it('lists the presets with descriptions, and as JSON', async () => {
    const text = await pixmill('presets');
    expect(text.code).toBe(0);
    for (const p of PRESETS) expect(text.stdout).toContain(p.name);
    expect(text.stdout).toContain(PRESETS[0]!.description);
    const json = await pixmill('presets', '--json');
    const list = JSON.parse(json.stdout) as { name: string; spec: unknown }[];
    expect(list.map((p) => p.name)).toEqual(PRESETS.map((p) => p.name));
    expect(list[0]!.spec).toEqual(PRESETS[0]!.spec);
  });
});

describe('pixmill run', () => {
  it('processes a folder, reports the corrupt file and exits 1 (--json)', async () => {
    const out = outDir('mixed-json');
    const r = await pixmill('run', mixed, '--out', out, '--resize', '400x400', '--format', 'webp', '--json');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const summary = JSON.parse(r.stdout) as Record<string, unknown> & {
      errors: { file: string; code: string; message: string }[];
    };
    expect(Object.keys(summary).sort()).toEqual([
      'errors',
      'failed',
      'files',
      'ignored',
      'ignoredFiles',
      'imagesPerSecond',
      'memory',
      'outputs',
      'processed',
      'seconds',
      'skipped',
      'skippedFor',
      'total',
      'tuning',
      'upToDate',
      'warned',
      'warnings',
    ]);
    expect(summary).toMatchObject({ processed: 3, failed: 1, skipped: 0, total: 4 });
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]!.file).toBe(join(mixed, 'corrupt.jpg'));
    expect(Object.keys(ERROR_CODES)).toContain(summary.errors[0]!.code);
    expect(summary.errors[0]!.message).toMatch(/damaged|cut short/);

    const files = await listFiles(out);
    expect(files).toEqual(['Fotos ünïcødé 日本/c.webp', 'a.webp', 'b.webp'].sort());
    for (const f of files) {
      const meta = await sharp(join(out, f)).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width, meta.height)).toBe(400);
    }
  });

  it('prints each failed file on stderr and a summary for people', async () => {
    const r = await pixmill('run', mixed, '--out', outDir('mixed-text'), '--resize', '400x400');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✗ .*corrupt\.jpg — (DECODE_FAILED|TRUNCATED): .*(damaged|cut short)/);
    expect(r.stdout).toMatch(/3 processed, 1 failed of 4 files in /);
  });

  it('answers every file of a folder in --json: images, files passed over with their reason, and outputs', async () => {
    const out = outDir('odd-json');
    const r = await pixmill('run', odd, empty, '--out', out, '--format', 'webp', '--json');
    expect(r.code, r.stderr).toBe(1);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      processed: 1,
      failed: 1,
      total: 2,
      files: 4,
      ignored: { 'not-image': 1, hidden: 1, 'empty-folder': 1 },
      errors: [{ file: join(odd, 'frame.jxr'), code: 'UNSUPPORTED_FORMAT', message: expect.stringMatching(/JPEG XR/) }],
      ignoredFiles: [
        { file: join(odd, '.DS_Store'), reason: 'hidden', message: 'Hidden file, skipped.' },
        { file: join(odd, 'notes.txt'), reason: 'not-image', message: 'Not an image: this is a text file.' },
        { file: empty, reason: 'empty-folder', message: 'This folder holds no files.' },
      ],
      outputs: [{ file: join(odd, 'photo.jpg'), output: join(out, 'photo.webp') }],
    });
  });

  it('says what it passed over in the summary, and with --verbose what became of each file', async () => {
    const out = outDir('odd-text');
    const quiet = await pixmill('run', odd, empty, '--out', out);
    expect(quiet.stdout).toMatch(
      /1 processed, 1 failed of 4 files \(2 images; 1 not an image, 1 hidden, --verbose lists them\)/,
    );
    expect(quiet.stdout).toMatch(/empty: This folder holds no files\./);
    expect(quiet.stderr).not.toMatch(/notes\.txt/);

    const verbose = await pixmill('run', odd, '--out', outDir('odd-verbose'), '-v', '--format', 'png');
    const lines = verbose.stderr.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^✓ \S*odd\/photo\.jpg → \S*odd-verbose\/photo\.png$/));
    expect(lines).toContainEqual(expect.stringMatching(/^· \S*odd\/notes\.txt — Not an image: this is a text file\.$/));
    expect(lines).toContainEqual(expect.stringMatching(/^· \S*odd\/\.DS_Store — Hidden file, skipped\.$/));
    expect(lines).toContainEqual(expect.stringMatching(/^✗ \S*odd\/frame\.jxr — UNSUPPORTED_FORMAT: .*JPEG XR/));
    expect(verbose.stdout).not.toMatch(/--verbose lists them/);
  });

  it.each(['processes', 'threads', 'inline'])('exits 0 when every file is processed (--mode %s)', async (mode) => {
    const out = outDir(`good-${mode}`);
    const r = await pixmill(
      'run',
      good,
      '--out',
      out,
      '--resize',
      '400x400',
      '--workers',
      '2',
      '--mode',
      mode,
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ processed: 2, failed: 0, skipped: 0, total: 2, errors: [] });
    expect(await listFiles(out)).toEqual(['g1.jpg', 'sub ü/g2.jpg']);
  });

  it('puts every output at the top with --flat', async () => {
    const out = outDir('flat');
    const r = await pixmill('run', good, '--out', out, '--resize', 'x300', '--format', 'png', '--flat', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['g1.png', 'g2.png']);
    expect((await sharp(join(out, 'g1.png')).metadata()).height).toBe(300);
  });

  it('skips, suffixes or overwrites existing outputs as --conflict says', async () => {
    const out = outDir('conflict');
    const args = ['run', good, '--out', out, '--resize', '200', '--format', 'webp', '--json'];
    expect((await pixmill(...args)).code).toBe(0);
    const first = await listFiles(out);

    const skip = await pixmill(...args, '--conflict', 'skip');
    expect(skip.code, skip.stderr).toBe(0);
    expect(JSON.parse(skip.stdout)).toMatchObject({ processed: 0, skipped: 2, failed: 0, total: 2 });
    expect(await listFiles(out)).toEqual(first);

    // Outputs the folder's record does not know are someone else's: those get a suffix.
    await rm(join(out, '.pixmill-record.jsonl'));
    const suffix = await pixmill(...args, '--conflict', 'suffix');
    expect(suffix.code, suffix.stderr).toBe(0);
    expect(await listFiles(out)).toEqual(['g1-1.webp', 'g1.webp', 'sub ü/g2-1.webp', 'sub ü/g2.webp']);

    const before = await hashTree(out);
    const overwrite = await pixmill(...args, '--conflict', 'overwrite', '--quality', '30');
    expect(overwrite.code, overwrite.stderr).toBe(0);
    expect(JSON.parse(overwrite.stdout)).toMatchObject({ processed: 2, skipped: 0 });
    const after = await hashTree(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    expect(after.get('g1.webp')).not.toBe(before.get('g1.webp'));
    expect(after.get('g1-1.webp')).toBe(before.get('g1-1.webp'));
  });
});

describe('pixmill run interrupted', () => {
  it('cancels on Ctrl-C (SIGINT), leaves only whole outputs and exits 130', async () => {
    const many = join(root, 'many');
    await mkdir(many);
    for (let i = 0; i < 40; i++) await copyFile(join(good, 'g1.jpg'), join(many, `p${i}.jpg`));
    const out = outDir('interrupted');
    const sigint = (child: ChildProcess): void => {
      // Once the first output is in place the batch is surely under way.
      const poll = setInterval(() => {
        void listFiles(out).then(
          (files) => {
            if (!files.some((f) => f.endsWith('.jpg'))) return;
            clearInterval(poll);
            child.kill('SIGINT');
          },
          () => {},
        );
      }, 20);
      child.on('exit', () => clearInterval(poll));
    };
    const r = await pixmillWith(
      { meanwhile: sigint },
      'run',
      many,
      '--out',
      out,
      '--preset',
      'web-1600',
      '--workers',
      '1',
      '--json',
    );
    expect(r.code, r.stderr).toBe(130);
    const summary = JSON.parse(r.stdout) as { processed: number; total: number };
    expect(summary.processed).toBeLessThan(40);
    const files = await listFiles(out);
    expect(files.filter(isTempFile)).toEqual([]);
    // A cancelled batch keeps its resume journal; every other file is a counted, whole image.
    expect(files).toContain('.pixmill-journal.jsonl');
    const images = files.filter((f) => f !== '.pixmill-journal.jsonl');
    expect(images).toHaveLength(summary.processed);
    for (const f of images) expect((await sharp(join(out, f)).stats()).channels.length).toBe(3);
  });
});

describe('pixmill run refuses bad usage with exit code 2', () => {
  let badPipeline: string;
  beforeAll(async () => {
    badPipeline = join(root, 'bad-pipeline.json');
    await writeFile(badPipeline, JSON.stringify({ steps: [{ op: 'sharpen', params: { sigma: 50 } }] }));
  });

  it.each([
    [['--quality', 'abc'], 'error: --quality: expected a whole number between 1 and 100, got "abc"'],
    [['--mode', 'fast'], 'error: --mode: expected one of auto, processes, threads, inline, got "fast"'],
    [['--resize', '0x0'], 'error: --resize:'],
    [['--format', 'bmp'], 'error: --format:'],
    [['--workers', '0'], 'error: --workers:'],
    [['--preset', 'nope'], 'error: --preset: unknown preset "nope"; known presets: web-1600'],
    [['--pipeline', 'BAD'], 'error: --pipeline: steps.0.params.sigma: Expected a number of at most 10'],
  ])('%j', async (flags, message) => {
    const out = outDir('refused');
    const r = await pixmill('run', good, '--out', out, ...flags.map((f) => (f === 'BAD' ? badPipeline : f)));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('an output folder that contains an input, and a missing --out', async () => {
    const r = await pixmill('run', good, '--out', root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --out: /m);
    const missing = await pixmill('run', good);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--out');
  });
});

describe('after every run', () => {
  it('left the originals byte for byte as they were', async () => {
    const now = await hashTree(root);
    for (const [file, hash] of originals) expect(now.get(file), file).toBe(hash);
  });

  it('left no temp files in any output folder', async () => {
    for (const dir of outs) {
      await mkdir(dir, { recursive: true });
      expect((await listFiles(dir)).filter(isTempFile), dir).toEqual([]);
    }
  });
});
