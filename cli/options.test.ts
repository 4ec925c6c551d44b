// Flags → settings, without running a batch: what a person typed becomes the spec they meant,
// and every mistake is refused with a message naming the flag.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../common/presets.js';
import { tempDir } from '../tests/fixtures.js';
import { parseMemoryBudget, parseMode, parseWorkers, runSettingsFromFlags } from './options.js';
import { parseResize, specFromFlags } from './spec-from-flags.js';
import { UsageError } from './usage-error.js';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return (err as Error).message;
}

describe('specFromFlags', () => {
  it('starts from the defaults and lays the output flags over them', async () => {
    const spec = await specFromFlags({
      resize: '1600x1200',
      format: 'webp',
      quality: '80',
      conflict: 'skip',
      flat: true,
    });
    expect(spec.steps).toHaveLength(1);
    expect(spec.steps[0]).toMatchObject({
      op: 'resize',
      params: { by: 'box', width: 1600, height: 1200, fit: 'inside', withoutEnlargement: true },
    });
    expect(spec.output).toMatchObject({ format: 'webp', quality: 80, conflict: 'skip', structure: 'flatten' });
  });

  it('replaces a preset’s resize step in place and keeps its other steps', async () => {
    const spec = await specFromFlags({ preset: 'web-1600', resize: '800x800' });
    expect(spec.steps.map((s) => s.op)).toEqual(['resize', 'sharpen']);
    expect(spec.steps[0]!.params).toMatchObject({ width: 800, height: 800 });
    expect(spec.output.format).toBe('jpeg');
  });

  it('reads N as the long edge (as vipsthumbnail does), Wx as a width, xH as a height, P% as a scale', () => {
    expect(parseResize('640')).toEqual({ by: 'longEdge', longEdge: 640, withoutEnlargement: true });
    expect(parseResize('640x')).toEqual({ by: 'width', width: 640, withoutEnlargement: true });
    expect(parseResize('x480')).toEqual({ by: 'height', height: 480, withoutEnlargement: true });
    expect(parseResize('50%')).toEqual({ by: 'percent', percent: 50, withoutEnlargement: false });
  });

  it('takes the output flags a JSON pipeline used to be needed for', async () => {
    const spec = await specFromFlags({
      format: 'JPG',
      metadata: 'icc',
      name: '{name}-{w}x{h}',
      longEdge: '800',
      effort: '7',
      lossless: true,
    });
    expect(spec.output).toMatchObject({
      format: 'jpeg',
      metadata: 'icc',
      pattern: '{name}-{w}x{h}',
      effort: 7,
      lossless: true,
    });
    expect(spec.steps[0]!.params).toMatchObject({ by: 'longEdge', longEdge: 800 });
    expect((await specFromFlags({ format: 'Tif' })).output.format).toBe('tiff');
  });

  it('names each new flag and what it expects', async () => {
    expect(await refusal(specFromFlags({ metadata: 'gps' }))).toBe(
      '--metadata: expected one of strip, keep, icc, keep-except-gps, copyright-only, custom, got "gps"',
    );
    expect(await refusal(specFromFlags({ effort: '10' }))).toMatch(/^--effort: expected a whole number between 0/);
    expect(await refusal(specFromFlags({ name: '{nme}' }))).toMatch(/^--name: Unknown token.*\{date\}.*got "\{nme\}"$/);
    expect(await refusal(specFromFlags({ name: '../x' }))).toMatch(/^--name: .*may not contain/);
    expect(await refusal(specFromFlags({ longEdge: '0' }))).toMatch(/^--long-edge: expected a whole number/);
    expect(await refusal(specFromFlags({ resize: '2000%' }))).toMatch(/^--resize: .*got "2000%"$/);
    expect(await refusal(specFromFlags({ resize: '10', longEdge: '10' }))).toMatch(/choose one/);
    expect(await refusal(specFromFlags({ format: 'bitmap' }))).toMatch(/^--format: .*jpg, tif.*got "bitmap"$/);
  });

  it('takes a preset entry of `pixmill presets --json`, its spec, or inline JSON as --pipeline', async () => {
    const dir = await tempDir();
    const entry = join(dir, 'entry.json');
    await writeFile(entry, JSON.stringify({ ...PRESETS[1], spec: PRESETS[1]!.spec }));
    expect(await specFromFlags({ pipeline: entry })).toEqual(PRESETS[1]!.spec);
    const inline = await specFromFlags({ pipeline: '{"steps":[{"op":"grayscale"}],"output":{"format":"png"}}' });
    expect(inline.steps.map((s) => s.op)).toEqual(['grayscale']);
    expect(inline.output.format).toBe('png');
    const list = join(dir, 'list.json');
    await writeFile(list, JSON.stringify(PRESETS));
    expect(await refusal(specFromFlags({ pipeline: list }))).toMatch(/^--pipeline: .* is a list; expected .*one entry/);
    expect(await refusal(specFromFlags({ pipeline: '{"steps": [' }))).toMatch(
      /^--pipeline: the inline JSON is not valid JSON/,
    );
  });

  it('names the flag and echoes the value it refuses', async () => {
    expect(await refusal(specFromFlags({ quality: 'abc' }))).toBe(
      '--quality: expected a whole number between 1 and 100, got "abc"',
    );
    expect(await refusal(specFromFlags({ quality: '101' }))).toMatch(/^--quality: .* got "101"$/);
    expect(await refusal(specFromFlags({ format: 'bmp' }))).toMatch(
      /^--format: expected one of keep, jpeg.*got "bmp"$/,
    );
    expect(await refusal(specFromFlags({ conflict: 'ask' }))).toMatch(
      /^--conflict: expected one of skip, suffix, overwrite/,
    );
    expect(await refusal(specFromFlags({ resize: '0x0' }))).toMatch(/^--resize: .* got "0x0"$/);
    expect(await refusal(specFromFlags({ resize: 'big' }))).toMatch(/^--resize: .* got "big"$/);
  });

  it('lists the known presets when the name is unknown', async () => {
    const message = await refusal(specFromFlags({ preset: 'nope' }));
    expect(message).toContain('--preset: unknown preset "nope"');
    expect(message).toContain('web-1600');
  });

  it('reports the field of a bad pipeline file, and unreadable or non-JSON files', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ steps: [{ op: 'sharpen', params: { sigma: 50 } }] }));
    expect(await refusal(specFromFlags({ pipeline: bad }))).toBe(
      '--pipeline: steps.0.params.sigma: Expected a number of at most 10',
    );
    const notJson = join(dir, 'not.json');
    await writeFile(notJson, '{ steps: ');
    expect(await refusal(specFromFlags({ pipeline: notJson }))).toMatch(/^--pipeline: .* is not valid JSON/);
    expect(await refusal(specFromFlags({ pipeline: join(dir, 'missing.json') }))).toMatch(
      /^--pipeline: cannot read .*ENOENT/,
    );
    expect(await refusal(specFromFlags({ pipeline: bad, preset: 'web-1600' }))).toMatch(/choose one/);
  });

  it('applies flags on top of a valid pipeline file', async () => {
    const file = join(await tempDir(), 'p.json');
    await writeFile(file, JSON.stringify({ steps: [{ op: 'grayscale' }], output: { format: 'png' } }));
    const spec = await specFromFlags({ pipeline: file, format: 'avif' });
    expect(spec.steps.map((s) => s.op)).toEqual(['grayscale']);
    expect(spec.output.format).toBe('avif');
  });
});

describe('workers and mode', () => {
  it('accepts 1…2×cores workers and defaults to the core count', () => {
    const cores = availableParallelism();
    expect(parseWorkers(undefined)).toBe(cores);
    expect(parseWorkers(String(2 * cores))).toBe(2 * cores);
    expect(() => parseWorkers('0')).toThrow(/^--workers: expected a whole number between 1 and/);
    expect(() => parseWorkers(String(2 * cores + 1))).toThrow(UsageError);
    expect(() => parseWorkers('two')).toThrow(/got "two"/);
  });

  it('defaults to auto and refuses unknown modes', () => {
    expect(parseMode(undefined)).toBe('auto');
    expect(parseMode('threads')).toBe('threads');
    expect(() => parseMode('fast')).toThrow('--mode: expected one of auto, processes, threads, inline, got "fast"');
  });

  it('reads a memory budget in MB or GB (binary), and refuses what no machine can work in', () => {
    expect(parseMemoryBudget(undefined)).toBeUndefined();
    expect(parseMemoryBudget('1GB')).toBe(1024);
    expect(parseMemoryBudget('1.5 g')).toBe(1536);
    expect(parseMemoryBudget('512MB')).toBe(512);
    expect(parseMemoryBudget('800')).toBe(800);
    expect(() => parseMemoryBudget('100MB')).toThrow(/^--memory-budget: expected at least 256MB/);
    expect(() => parseMemoryBudget('lots')).toThrow(/^--memory-budget: expected a size such as 1GB/);
  });

  it('expands globs and @lists into the inputs, and names the option of a mistake', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.png'), '');
    await writeFile(join(dir, 'b.png'), '');
    await writeFile(join(dir, 'list.txt'), 'b.png\n');
    const sources = { stdin: process.stdin, cwd: dir };
    const out = join(dir, 'out');
    const settings = await runSettingsFromFlags(['*.png', '@list.txt'], { out }, sources);
    expect(settings.inputs).toEqual([join(dir, 'a.png'), join(dir, 'b.png'), join(dir, 'b.png')]);
    const err = await runSettingsFromFlags(['*.gif'], { out }, sources).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ option: '<inputs>', message: expect.stringMatching(/^<inputs>: no files match/) });
    expect(await refusal(runSettingsFromFlags(['a.png'], { out, quiet: true, verbose: true }, sources))).toMatch(
      /^--quiet and --verbose/,
    );
  });

  it('refuses an input that does not exist, naming it', async () => {
    const out = join(await tempDir(), 'out');
    expect(await refusal(runSettingsFromFlags(['/no/such/folder'], { out }))).toMatch(
      /^<inputs>: cannot read "\/no\/such\/folder"/,
    );
  });
});
