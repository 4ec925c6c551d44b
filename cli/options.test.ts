// Flags → settings, without running a batch: what a person typed becomes the spec they meant,
// and every mistake is refused with a message naming the flag.
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tests/fixtures.js';
import { parseMode, parseWorkers, runSettingsFromFlags } from './options.js';
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

  it('reads W alone as a width and xH as a height', () => {
    expect(parseResize('640')).toEqual({ by: 'width', width: 640, withoutEnlargement: true });
    expect(parseResize('x480')).toEqual({ by: 'height', height: 480, withoutEnlargement: true });
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

  it('defaults to processes and refuses unknown modes', () => {
    expect(parseMode(undefined)).toBe('processes');
    expect(parseMode('threads')).toBe('threads');
    expect(() => parseMode('fast')).toThrow('--mode: expected one of processes, threads, inline, got "fast"');
  });

  it('refuses an input that does not exist, naming it', async () => {
    const out = join(await tempDir(), 'out');
    expect(await refusal(runSettingsFromFlags(['/no/such/folder'], { out }))).toMatch(
      /^<inputs>: cannot read "\/no\/such\/folder"/,
    );
  });
});
