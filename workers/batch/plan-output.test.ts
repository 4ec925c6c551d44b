import { basename, dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePipeline, type OutputSettings } from '../../common/pipeline.js';
import { createOutputPlanner } from './plan-output.js';

const OUT = resolve('/tmp/pixmill-out');

function planner(output: Partial<OutputSettings> = {}, extra: { now?: Date; caseInsensitive?: boolean } = {}) {
  return createOutputPlanner({ outDir: OUT, output: makePipeline({ output }).output, ...extra });
}

const item = (relPath: string) => ({ path: join('/photos', relPath), relPath });

describe('createOutputPlanner', () => {
  it('keeps the folder structure below the output folder', () => {
    const p = planner({ structure: 'keep' }).plan(item(join('2023', 'june', 'beach.jpg')), 1);
    expect(p.outDir).toBe(join(OUT, '2023', 'june'));
    expect(p.nameTemplate).toBe('beach');
  });

  it('puts a top-level file straight into the output folder', () => {
    expect(planner({ structure: 'keep' }).plan(item('beach.jpg'), 1).outDir).toBe(OUT);
  });

  it('flattens every file into the output folder', () => {
    const p = planner({ structure: 'flatten' }).plan(item(join('2023', 'june', 'beach.jpg')), 1);
    expect(p.outDir).toBe(OUT);
    expect(p.nameTemplate).toBe('beach');
  });

  it('expands every token except {w} and {h}, which the worker fills', () => {
    const now = new Date(2024, 0, 5, 23, 59);
    const p = planner({ pattern: '{name}_{ext}_{n}_{date}_{w}x{h}' }, { now }).plan(item('IMG_0001.JPEG'), 7);
    expect(p.nameTemplate).toBe('IMG_0001_jpeg_7_2024-01-05_{w}x{h}');
  });

  it('uses the whole name when there is no extension, and an empty {ext}', () => {
    expect(planner({ pattern: '{name}.{ext}' }).plan(item('scan'), 1).nameTemplate).toBe('scan.');
  });

  it('keeps only the last extension out of {name}', () => {
    expect(planner().plan(item('archive.tar.png'), 1).nameTemplate).toBe('archive.tar');
  });

  it('does not expand braces that are part of a file name', () => {
    expect(planner({ pattern: '{name}-{n}' }).plan(item('odd {n} {date}.jpg'), 3).nameTemplate).toBe(
      'odd {n} {date}-3',
    );
  });

  it('gives in-batch collisions -1, -2 … when flattening', () => {
    const pl = planner({ structure: 'flatten' });
    const names = ['a/x.jpg', 'b/x.jpg', 'c/x.png', 'd/y.jpg'].map((r, i) => pl.plan(item(r), i + 1).nameTemplate);
    expect(names).toEqual(['x', 'x-1', 'x-2', 'y']);
  });

  it('gives a collision in one folder a suffix but leaves other folders alone', () => {
    const pl = planner({ structure: 'keep' });
    const plans = ['a/x.jpg', 'a/x.png', 'b/x.jpg'].map((r, i) => pl.plan(item(r), i + 1));
    expect(plans.map((p) => p.nameTemplate)).toEqual(['x', 'x-1', 'x']);
  });

  it('does not hand out a suffixed name that a later file already has', () => {
    const pl = planner({ structure: 'flatten' });
    const names = ['a/x.jpg', 'b/x.jpg', 'x-1.jpg'].map((r, i) => pl.plan(item(r), i + 1).nameTemplate);
    expect(names).toEqual(['x', 'x-1', 'x-1-1']);
  });

  it('treats names differing only in case as one file on case-insensitive file systems', () => {
    const files = ['Photo.jpg', 'photo.png'];
    const insensitive = planner({}, { caseInsensitive: true });
    expect(files.map((r, i) => insensitive.plan(item(r), i + 1).nameTemplate)).toEqual(['Photo', 'photo-1']);
    const sensitive = planner({}, { caseInsensitive: false });
    expect(files.map((r, i) => sensitive.plan(item(r), i + 1).nameTemplate)).toEqual(['Photo', 'photo']);
  });

  it('refuses an output folder outside the output folder', () => {
    const pl = planner({ structure: 'keep' });
    expect(() => pl.plan(item(join('..', '..', 'etc', 'x.jpg')), 1)).toThrow(/inside/);
    expect(() => pl.plan({ path: '/etc/x.jpg', relPath: '/etc/x.jpg' }, 1)).toThrow(/inside/);
    expect(planner({ structure: 'flatten' }).plan(item(join('..', 'x.jpg')), 1).outDir).toBe(OUT);
  });

  it('places a hidden, unique temp file in the item’s own output folder', () => {
    const pl = planner({ structure: 'keep' });
    const a = pl.plan(item(join('sub', 'x.jpg')), 1);
    const b = pl.plan(item(join('sub', 'y.jpg')), 2);
    expect(dirname(a.tempPath)).toBe(join(OUT, 'sub'));
    expect(basename(a.tempPath)).toMatch(/^\.pixmill-[0-9a-f]{16}\.tmp$/);
    expect(a.tempPath).not.toBe(b.tempPath);
  });
});
