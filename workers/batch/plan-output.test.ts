import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePipeline, type OutputSettings } from '../../common/pipeline.js';
import { createOutputPlanner, type OutputPlanner, type PlanItem, sourceFolderNames } from './plan-output.js';

const OUT = resolve('/tmp/pixmill-out');

function planner(output: Partial<OutputSettings> = {}, extra: { now?: Date; caseInsensitive?: boolean } = {}) {
  return createOutputPlanner({ outDir: OUT, output: makePipeline({ output }).output, ...extra });
}

const item = (relPath: string): PlanItem => ({ path: join('/photos', relPath), relPath });

/** Plans each file in turn, each job writing the name it was given (the extension the format says). */
async function names(pl: OutputPlanner, rels: string[], ext?: (rel: string) => string): Promise<string[]> {
  const out: string[] = [];
  for (const [i, rel] of rels.entries()) {
    const p = await pl.plan(item(rel), i + 1);
    const e = ext?.(rel) ?? rel.slice(rel.lastIndexOf('.') + 1);
    pl.settle(p, join(p.outDir, `${p.nameTemplate}.${e}`));
    out.push(p.nameTemplate);
  }
  return out;
}

describe('createOutputPlanner', () => {
  it('keeps the folder structure below the output folder', async () => {
    const p = await planner({ structure: 'keep' }).plan(item(join('2023', 'june', 'beach.jpg')), 1);
    expect(p.outDir).toBe(join(OUT, '2023', 'june'));
    expect(p.nameTemplate).toBe('beach');
  });

  it('puts a top-level file straight into the output folder', async () => {
    expect((await planner({ structure: 'keep' }).plan(item('beach.jpg'), 1)).outDir).toBe(OUT);
  });

  it('flattens every file into the output folder', async () => {
    const p = await planner({ structure: 'flatten' }).plan(item(join('2023', 'june', 'beach.jpg')), 1);
    expect(p.outDir).toBe(OUT);
    expect(p.nameTemplate).toBe('beach');
  });

  it('expands every token except {w} and {h}, which the worker fills', async () => {
    const now = new Date(2024, 0, 5, 23, 59);
    const p = await planner({ pattern: '{name}_{ext}_{n}_{date}_{w}x{h}' }, { now }).plan(item('IMG_0001.JPEG'), 7);
    expect(p.nameTemplate).toBe('IMG_0001_jpeg_7_2024-01-05_{w}x{h}');
  });

  it('uses the whole name when there is no extension, and an empty {ext}', async () => {
    expect((await planner({ pattern: '{name}.{ext}' }).plan(item('scan'), 1)).nameTemplate).toBe('scan.');
  });

  it('keeps only the last extension out of {name}', async () => {
    expect((await planner().plan(item('archive.tar.png'), 1)).nameTemplate).toBe('archive.tar');
  });

  it('does not expand braces that are part of a file name', async () => {
    expect((await planner({ pattern: '{name}-{n}' }).plan(item('odd {n} {date}.jpg'), 3)).nameTemplate).toBe(
      'odd {n} {date}-3',
    );
  });

  it('gives in-batch collisions -1, -2 … when flattening, only where the final names are the same', async () => {
    const rels = ['a/x.jpg', 'b/x.jpg', 'c/x.png', 'd/y.jpg', 'e/x.png'];
    expect(await names(planner({ structure: 'flatten' }), rels)).toEqual(['x', 'x-1', 'x', 'y', 'x-1']);
    const webp = planner({ structure: 'flatten', format: 'webp' });
    expect(await names(webp, rels, () => 'webp')).toEqual(['x', 'x-1', 'x-2', 'y', 'x-3']);
  });

  it('names hopper.jpg and hopper.webp after themselves when kept, and suffixes one when both become WebP', async () => {
    expect(await names(planner({ format: 'keep' }), ['hopper.jpg', 'hopper.webp'])).toEqual(['hopper', 'hopper']);
    expect(await names(planner({ format: 'webp' }), ['hopper.jpg', 'hopper.webp'], () => 'webp')).toEqual([
      'hopper',
      'hopper-1',
    ]);
  });

  it('never suffixes a single input', async () => {
    for (const format of ['keep', 'jpeg', 'webp'] as const) {
      const p = await planner({ format }).plan(item('hopper.jpg'), 1);
      expect(p.nameTemplate).toBe('hopper');
    }
  });

  it('gives a collision in one folder a suffix but leaves other folders alone', async () => {
    const pl = planner({ structure: 'keep', format: 'png' });
    expect(await names(pl, ['a/x.jpg', 'a/x.png', 'b/x.jpg'], () => 'png')).toEqual(['x', 'x-1', 'x']);
  });

  it('does not hand out a suffixed name that a later file already has', async () => {
    expect(await names(planner({ structure: 'flatten' }), ['a/x.jpg', 'b/x.jpg', 'x-1.jpg'])).toEqual([
      'x',
      'x-1',
      'x-1-1',
    ]);
  });

  it('treats names differing only in case as one file on case-insensitive file systems', async () => {
    const files = ['Photo.jpg', 'photo.JPG'];
    expect(await names(planner({}, { caseInsensitive: true }), files)).toEqual(['Photo', 'photo-1']);
    expect(await names(planner({}, { caseInsensitive: false }), files)).toEqual(['Photo', 'photo']);
  });

  it('hands the name of a file that failed to the next file wanting it, even one planned while it ran', async () => {
    const pl = planner({ format: 'webp' });
    const first = await pl.plan(item('hopper.heic'), 1);
    const second = pl.plan(item('hopper.jpg'), 2);
    // The second waits for the first to settle: it cannot know yet whether the name will be taken.
    expect(pl.waiting).toBe(1);
    pl.settle(first);
    expect((await second).nameTemplate).toBe('hopper');
    expect(pl.waiting).toBe(0);
  });

  it('suffixes after a file that wrote its output, and never lets two outputs share a name', async () => {
    const pl = planner({ format: 'webp' });
    const first = await pl.plan(item('hopper.png'), 1);
    const second = pl.plan(item('hopper.jpg'), 2);
    pl.settle(first, join(OUT, 'hopper.webp'));
    expect((await second).nameTemplate).toBe('hopper-1');
  });

  it('keeps a name for "keep" by the input’s format, its content first, then its extension', async () => {
    const pl = planner({ format: 'keep' });
    // A JPEG named .png is kept as JPEG, so it does not take the PNG's name.
    const jpegNamedPng = await pl.plan({ ...item('a/x.png'), format: 'jpeg' }, 1);
    const png = await pl.plan({ ...item('a/x.tif'), format: 'png' }, 2);
    expect([jpegNamedPng.nameTemplate, png.nameTemplate]).toEqual(['x', 'x']);
  });

  it('holds both fallback names for an input "keep" cannot write, and frees the one the worker did not use', async () => {
    const pl = planner({ format: 'keep' });
    const svg = await pl.plan({ ...item('logo.svg'), format: 'svg' }, 1);
    const jpeg = pl.plan({ ...item('logo.jpg'), format: 'jpeg' }, 2);
    expect(pl.waiting).toBe(1);
    pl.settle(svg, join(OUT, 'logo.png'));
    expect((await jpeg).nameTemplate).toBe('logo');
  });

  it('holds no name for a file the worker will refuse to read', async () => {
    const pl = planner({ format: 'keep' });
    await pl.plan({ ...item('x.png'), format: 'text' }, 1);
    const next = await pl.plan({ ...item('x.png'), format: 'png' }, 2);
    expect([next.nameTemplate, pl.waiting]).toEqual(['x', 0]);
  });

  it('frees the name of a skipped or cancelled job, and keeps outputs an earlier run finished', async () => {
    const pl = planner({ format: 'jpeg' });
    pl.claim(join(OUT, 'a.jpg'));
    expect(await names(pl, ['a.png'], () => 'jpg')).toEqual(['a-1']);
    const skipped = await pl.plan(item('b.png'), 2);
    pl.settle(skipped);
    expect((await pl.plan(item('b.tif'), 3)).nameTemplate).toBe('b');
  });

  it('refuses an output folder outside the output folder', async () => {
    const pl = planner({ structure: 'keep' });
    await expect(pl.plan(item(join('..', '..', 'etc', 'x.jpg')), 1)).rejects.toThrow(/inside/);
    await expect(pl.plan({ path: '/etc/x.jpg', relPath: '/etc/x.jpg' }, 1)).rejects.toThrow(/inside/);
    expect((await planner({ structure: 'flatten' }).plan(item(join('..', 'x.jpg')), 1)).outDir).toBe(OUT);
  });

  it('places a hidden, unique temp file in the item’s own output folder', async () => {
    const pl = planner({ structure: 'keep' });
    const a = await pl.plan(item(join('sub', 'x.jpg')), 1);
    const b = await pl.plan(item(join('sub', 'y.jpg')), 2);
    expect(dirname(a.tempPath)).toBe(join(OUT, 'sub'));
    expect(basename(a.tempPath)).toMatch(/^\.pixmill-[0-9a-f]{16}\.tmp$/);
    expect(a.tempPath).not.toBe(b.tempPath);
  });
});

describe('per-source sub-folders', () => {
  const ROOTS = ['/shoots/2023/beach', '/shoots/2024/beach', '/shoots/city', '/shoots/loose.jpg'];
  const inRoot = (root: number, relPath: string): PlanItem => ({
    path: join(ROOTS[root]!, relPath),
    relPath,
    root,
  });
  const sourcePlanner = (output: Partial<OutputSettings> = {}) =>
    createOutputPlanner({ outDir: OUT, output: makePipeline({ output }).output, roots: ROOTS });

  it('names each root after its folder; a second folder of the same name gets -2, case ignored', () => {
    expect(sourceFolderNames(ROOTS)).toEqual(['beach', 'beach-2', 'city', 'loose.jpg']);
    expect(sourceFolderNames(['/a/Raw', '/b/raw', '/c/raw'])).toEqual(['Raw', 'raw-2', 'raw-3']);
  });

  it('puts each folder’s outputs under its own sub-folder, keeping the structure below it', async () => {
    const pl = sourcePlanner({ sourceFolders: true });
    expect((await pl.plan(inRoot(0, join('day1', 'a.jpg')), 1)).outDir).toBe(join(OUT, 'beach', 'day1'));
    expect((await pl.plan(inRoot(1, 'a.jpg'), 2)).outDir).toBe(join(OUT, 'beach-2'));
    expect((await pl.plan(inRoot(2, 'a.jpg'), 3)).outDir).toBe(join(OUT, 'city'));
  });

  it('gives two same-named files of two folders their own names, no suffix needed', async () => {
    const pl = sourcePlanner({ sourceFolders: true });
    const a = await pl.plan(inRoot(0, 'a.jpg'), 1);
    const b = await pl.plan(inRoot(1, 'a.jpg'), 2);
    expect([a.nameTemplate, b.nameTemplate]).toEqual(['a', 'a']);
    expect(a.outDir).not.toBe(b.outDir);
  });

  it('flattens each folder into its own sub-folder', async () => {
    const pl = sourcePlanner({ sourceFolders: true, structure: 'flatten' });
    expect((await pl.plan(inRoot(0, join('day1', 'deep', 'a.jpg')), 1)).outDir).toBe(join(OUT, 'beach'));
  });

  it('leaves a file given on its own at the top of the output folder', async () => {
    const pl = sourcePlanner({ sourceFolders: true });
    expect((await pl.plan({ path: ROOTS[3]!, relPath: 'loose.jpg', root: 3 }, 1)).outDir).toBe(OUT);
  });

  it('is off by default: the folders merge into one tree, as before', async () => {
    const pl = sourcePlanner();
    const a = await pl.plan(inRoot(0, 'a.jpg'), 1);
    pl.settle(a, join(a.outDir, 'a.jpg'));
    const b = await pl.plan(inRoot(1, 'a.jpg'), 2);
    expect([a.outDir, b.outDir]).toEqual([OUT, OUT]);
    expect(b.nameTemplate).toBe('a-1');
  });
});
