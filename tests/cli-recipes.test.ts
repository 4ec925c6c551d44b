// `pixmill run` with recipe flags, as a person types them: every size × format one file on disk,
// named or foldered as --layout says, read back with sharp; what the run prints about them; and
// refusals that name the flag. The built CLI as a child process; run after `electron-vite build`.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { pixmill } from './cli-runner.js';
import { listFiles, makeImage, tempDir } from './fixtures.js';

let root: string;
/** A landscape JPEG (1000×600) at the top and a portrait PNG (300×500) in a sub-folder. */
let photos: string;
let n = 0;
const outDir = (): string => join(root, `out-${++n}`);

/** sharp's name for each format Pixmill writes. */
const SHARP_FORMAT: Record<string, string> = { avif: 'heif', webp: 'webp', jpg: 'jpeg', png: 'png' };

async function look(path: string): Promise<{ format: string; size: [number, number] }> {
  const m = await sharp(path).metadata();
  return { format: m.format, size: [m.width, m.height] };
}

interface JsonRun {
  processed: number;
  outputs: {
    file: string;
    output: string;
    outputs?: { label: string; status: string; output: string; bytes: number }[];
  }[];
  outputTotals?: { written: number; skipped: number; failed: number };
}

async function runJson(...args: string[]): Promise<JsonRun> {
  const r = await pixmill('run', photos, ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as JsonRun;
}

beforeAll(async () => {
  root = await tempDir('pixmill-cli-recipes-');
  photos = join(root, 'photos');
  await makeImage(join(photos, 'wide.jpg'), { width: 1000, height: 600 });
  await makeImage(join(photos, 'sub', 'tall.png'), { width: 300, height: 500, format: 'png' });
});

describe('pixmill run --sizes × --formats', () => {
  it('writes every size in every format, the size in the name, widths never enlarged', async () => {
    const out = outDir();
    const json = await runJson('--out', out, '--sizes', '200,400', '--formats', 'AVIF,webp,jpg');
    const names = ['200', '400'].flatMap((s) => ['avif', 'webp', 'jpg'].map((ext) => `-${s}.${ext}`));
    expect(await listFiles(out)).toEqual(
      [...names.map((s) => join('sub', `tall${s}`)), ...names.map((s) => `wide${s}`)].sort(),
    );
    for (const ext of ['avif', 'webp', 'jpg']) {
      expect(await look(join(out, `wide-200.${ext}`))).toEqual({ format: SHARP_FORMAT[ext], size: [200, 120] });
      expect(await look(join(out, `wide-400.${ext}`))).toEqual({ format: SHARP_FORMAT[ext], size: [400, 240] });
      // 300 wide already: a size of 400 does not enlarge it.
      expect((await look(join(out, 'sub', `tall-400.${ext}`))).size).toEqual([300, 500]);
    }
    expect(json.processed).toBe(2);
    expect(json.outputTotals).toEqual({ written: 12, skipped: 0, failed: 0 });
    const wide = json.outputs.find((o) => o.file === join(photos, 'wide.jpg'));
    expect(wide?.outputs?.map((o) => [o.label, o.status, o.output])).toEqual([
      ['200 px AVIF', 'done', join(out, 'wide-200.avif')],
      ['200 px WebP', 'done', join(out, 'wide-200.webp')],
      ['200 px JPEG', 'done', join(out, 'wide-200.jpg')],
      ['400 px AVIF', 'done', join(out, 'wide-400.avif')],
      ['400 px WebP', 'done', join(out, 'wide-400.webp')],
      ['400 px JPEG', 'done', join(out, 'wide-400.jpg')],
    ]);
    for (const o of wide?.outputs ?? []) expect(o.bytes).toBe((await stat(o.output)).size);
  });

  it('--layout folders puts each size in its sub-folder under the name it had; WxH fits inside a box', async () => {
    const out = outDir();
    await runJson(
      '--out',
      out,
      '--sizes',
      '100,250x250',
      '--format',
      'png',
      '--layout',
      'folders',
      '--name',
      '{name}-s',
    );
    expect(await listFiles(out)).toEqual(
      [
        join('100', 'wide-s.png'),
        join('100', 'sub', 'tall-s.png'),
        join('250x250', 'wide-s.png'),
        join('250x250', 'sub', 'tall-s.png'),
      ].sort(),
    );
    expect(await look(join(out, '100', 'wide-s.png'))).toEqual({ format: 'png', size: [100, 60] });
    expect((await look(join(out, '250x250', 'wide-s.png'))).size).toEqual([250, 150]);
    expect((await look(join(out, '250x250', 'sub', 'tall-s.png'))).size).toEqual([150, 250]);
  });

  it('--formats alone makes one output per format at the size the chain makes', async () => {
    const out = outDir();
    await runJson('--out', out, '--formats', 'png,Webp', '--resize', '100', '--flat');
    expect(await listFiles(out)).toEqual(['tall.png', 'tall.webp', 'wide.png', 'wide.webp']);
    expect(await look(join(out, 'wide.webp'))).toEqual({ format: 'webp', size: [100, 60] });
    expect(await look(join(out, 'tall.png'))).toEqual({ format: 'png', size: [60, 100] });
  });

  it('--manifest html writes a <picture> per source beside its outputs', async () => {
    const out = outDir();
    await runJson('--out', out, '--sizes', '200,400', '--formats', 'webp,jpg', '--manifest', 'html', '--flat');
    const html = await readFile(join(out, 'wide.html'), 'utf8');
    expect(html).toContain('<source type="image/webp" srcset="wide-200.webp 200w, wide-400.webp 400w"');
    expect(html).toContain('<img src="wide-400.jpg"');
  });
});

describe('what the run prints', () => {
  it('announces the outputs and the layout, and lists each output with --verbose', async () => {
    const out = outDir();
    const r = await pixmill(
      'run',
      join(photos, 'wide.jpg'),
      '--out',
      out,
      '--sizes',
      '200,400',
      '--formats',
      'webp,jpg',
      '--verbose',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'Each image → 4 outputs (--layout suffix: the size added to the name): ' +
        '{name}-200.webp, {name}-200.jpg, {name}-400.webp, {name}-400.jpg',
    );
    expect(r.stdout).toContain('Outputs: 4 written.');
    expect(r.stderr).toMatch(/✓ .*wide\.jpg → 4 outputs\n {4}✓ 200 px WebP → .*wide-200\.webp \(\d[\d.]* k?B\)\n/);

    const folders = await pixmill(
      'run',
      photos,
      '--out',
      outDir(),
      '--sizes',
      '200',
      '--layout',
      'folders',
      '--dry-run',
    );
    expect(folders.code, folders.stderr).toBe(0);
    expect(folders.stdout.split('\n')[0]).toBe(
      'Each image → 1 output (--layout folders: a sub-folder per size): 200/{name}.*',
    );
    const plan = await pixmill('run', photos, '--out', outDir(), '--sizes', '200,400', '--dry-run', '--json');
    expect(JSON.parse(plan.stdout)).toMatchObject({ dryRun: true, outputsPerImage: 2, layout: 'suffix' });
  });

  it('--dry-run lists every planned output of each source, and the run writes just those', async () => {
    const out = outDir();
    const args = ['--out', out, '--sizes', '200,400', '--formats', 'webp,jpg', '--layout', 'folders'];
    const r = await pixmill('run', photos, ...args, '--dry-run', '--json');
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      outputsPerImage: number;
      layout: string;
      write: number;
      plan: { file: string; label?: string; output?: string; action: string }[];
    };
    expect(plan).toMatchObject({ outputsPerImage: 4, layout: 'folders', write: 8 });
    expect(plan.plan.filter((p) => p.file === join(photos, 'wide.jpg')).map((p) => [p.label, p.output])).toEqual([
      ['200 px WebP in 200/', join(out, '200', 'wide.webp')],
      ['200 px JPEG in 200/', join(out, '200', 'wide.jpg')],
      ['400 px WebP in 400/', join(out, '400', 'wide.webp')],
      ['400 px JPEG in 400/', join(out, '400', 'wide.jpg')],
    ]);
    const text = await pixmill('run', photos, ...args, '--dry-run');
    expect(text.stdout).toContain(
      `write  ${join(photos, 'wide.jpg')} (400 px JPEG in 400/) → ${join(out, '400', 'wide.jpg')}\n`,
    );
    expect(text.stdout).toMatch(
      /Dry run, nothing written: 8 to write, 0 to skip, 0 to ignore, 0 to fail \(4 outputs per image\) of 2 files/,
    );
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
    await runJson(...args);
    expect(await listFiles(out)).toEqual(plan.plan.map((p) => p.output!.slice(out.length + 1)).sort());
  });

  it('`pixmill presets` lists the outputs of responsive-web, and flags apply to each of them', async () => {
    const list = await pixmill('presets');
    expect(list.stdout).toMatch(
      /responsive-web {2}Responsive web: .*\n {2}.* 6 outputs: 320 px WebP, 320 px JPEG, 800 px WebP, 800 px JPEG, 1600 px WebP, 1600 px JPEG\n/,
    );
    const out = outDir();
    const args = ['--out', out, '--preset', 'responsive-web', '--name', '{name}-web', '--quality', '60', '--flat'];
    const r = await pixmill('run', join(photos, 'wide.jpg'), ...args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^Each image → 6 outputs: \{name\}-web-320\.webp, \{name\}-web-320\.jpg, /);
    expect(await listFiles(out)).toEqual([
      'wide-web-1600.jpg',
      'wide-web-1600.webp',
      'wide-web-320.jpg',
      'wide-web-320.webp',
      'wide-web-800.jpg',
      'wide-web-800.webp',
      'wide.html',
    ]);
    // Never enlarged: 1000 wide stays 1000.
    expect((await look(join(out, 'wide-web-1600.jpg'))).size).toEqual([1000, 600]);
  });
});

describe('refusals name the flag typed', () => {
  it('exit 2, before anything is written, with the flag in the message and in --json', async () => {
    const out = outDir();
    const cases: [string[], RegExp, string][] = [
      [['--sizes', '320,big'], /^--sizes: expected widths in pixels .*got "big"$/, '--sizes'],
      [['--max-size', '200K'], /^--max-size: expected a size .*KB and MB are decimal.*got "200K"$/, '--max-size'],
      [
        ['--sizes', '320,800', '--formats', 'webp,png', '--target-quality', '80'],
        /^--target-quality: A quality target needs a lossy format.*\(output 2 of 4: 320 px PNG\)$/,
        '--target-quality',
      ],
      [['--keep', 'exif', '--metadata', 'strip'], /^--keep and --metadata strip: /, '--keep'],
      [['--if-too-large', 'fail'], /^--if-too-large: applies with --max-size/, '--if-too-large'],
      [['--smallest-of', 'avif,png'], /^--smallest-of: .*got "png"$/, '--smallest-of'],
      [['--layout', 'folders'], /^--layout: applies to --sizes/, '--layout'],
      [
        ['--metadata', 'gps'],
        /^--metadata: expected one of strip, keep, icc, keep-except-gps, copyright-only, custom, got "gps"$/,
        '--metadata',
      ],
    ];
    for (const [args, message, option] of cases) {
      const r = await pixmill('run', photos, '--out', out, ...args, '--json');
      expect(r.code, args.join(' ')).toBe(2);
      expect(JSON.parse(r.stdout), args.join(' ')).toEqual({
        error: { code: 'USAGE', message: expect.stringMatching(message), option },
      });
    }
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });
});
