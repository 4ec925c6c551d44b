// The recipe flags → the spec a person meant: every size × format one output, told apart by a
// name suffix or a sub-folder; values with units read as people write them; and every mistake
// refused with a message naming the flag that was typed.
import { describe, expect, it } from 'vitest';
import { parseKeep, parseMaxSize, parseSizes, parseSmallestOf } from './recipe-flags.js';
import { specFromFlags } from './spec-from-flags.js';
import { UsageError } from './usage-error.js';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  return (err as Error).message;
}

const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
};

describe('--sizes', () => {
  it('reads N (and Nw) as a width, WxH as a box, xH as a height', () => {
    expect(parseSizes('320, 800w,1600x900,x600,')).toEqual([
      { width: 320, label: '320' },
      { width: 800, label: '800' },
      { width: 1600, height: 900, label: '1600x900' },
      { height: 600, label: 'x600' },
    ]);
    expect(parseSizes('640x')).toEqual([{ width: 640, label: '640' }]);
  });

  it('refuses what is no size, sizes out of range and a size twice, naming --sizes', () => {
    expect(thrown(() => parseSizes('big'))).toMatch(/^--sizes: expected widths in pixels .*got "big"$/);
    expect(thrown(() => parseSizes('320,0'))).toMatch(/^--sizes: .*got "0"$/);
    expect(thrown(() => parseSizes('70000'))).toMatch(/^--sizes: .*1-65535, got "70000"$/);
    expect(thrown(() => parseSizes('50%'))).toMatch(/^--sizes: .*got "50%"$/);
    expect(thrown(() => parseSizes(','))).toMatch(/^--sizes: .*got ","$/);
    expect(thrown(() => parseSizes('320,320w'))).toBe('--sizes: 320 is listed twice, got "320,320w"');
  });
});

describe('sizes × formats', () => {
  it('makes every size in every format, sizes outermost, the size added to the name by default', async () => {
    const spec = await specFromFlags({ sizes: '320,800', formats: 'AVIF,webp,jpg' });
    expect(spec.outputs).toEqual([
      { width: 320, format: 'avif', pattern: '{name}-320' },
      { width: 320, format: 'webp', pattern: '{name}-320' },
      { width: 320, format: 'jpeg', pattern: '{name}-320' },
      { width: 800, format: 'avif', pattern: '{name}-800' },
      { width: 800, format: 'webp', pattern: '{name}-800' },
      { width: 800, format: 'jpeg', pattern: '{name}-800' },
    ]);
  });

  it('--layout folders puts each size in a sub-folder and leaves the name as it is', async () => {
    const spec = await specFromFlags({ sizes: '320,1600x900', formats: 'webp', layout: 'Folders', name: '{name}-web' });
    expect(spec.output.pattern).toBe('{name}-web');
    expect(spec.outputs).toEqual([
      { width: 320, format: 'webp', folder: '320' },
      { width: 1600, height: 900, format: 'webp', folder: '1600x900' },
    ]);
  });

  it('suffixes the pattern from --name, or the preset’s', async () => {
    const named = await specFromFlags({ sizes: '400', name: '{name}-{date}' });
    expect(named.outputs).toEqual([{ width: 400, pattern: '{name}-{date}-400' }]);
    const preset = await specFromFlags({ preset: 'thumbnail-400', sizes: '200,400' });
    expect(preset.outputs.map((o) => o.pattern)).toEqual(['{name}-thumb-200', '{name}-thumb-400']);
    // The preset's resize step stays; each output's size replaces it when the job runs.
    expect(preset.steps.map((s) => s.op)).toEqual(['resize']);
  });

  it('--sizes alone keeps --format for every size; --formats alone makes one output per format', async () => {
    const sizes = await specFromFlags({ sizes: '320,800', format: 'webp' });
    expect(sizes.output.format).toBe('webp');
    expect(sizes.outputs).toEqual([
      { width: 320, pattern: '{name}-320' },
      { width: 800, pattern: '{name}-800' },
    ]);
    const formats = await specFromFlags({ formats: 'avif,jpeg', resize: '1200' });
    expect(formats.outputs).toEqual([{ format: 'avif' }, { format: 'jpeg' }]);
    expect(formats.steps[0]!.params).toMatchObject({ by: 'longEdge', longEdge: 1200 });
  });

  it('replaces the outputs of a pipeline', async () => {
    const pipeline = JSON.stringify({ outputs: [{ width: 100, pattern: '{name}-a' }, { width: 200 }] });
    const spec = await specFromFlags({ pipeline, formats: 'png,gif' });
    expect(spec.outputs).toEqual([{ format: 'png' }, { format: 'gif' }]);
  });

  it('refuses flags that clash with the product, and more than 50 outputs', async () => {
    expect(await refusal(specFromFlags({ sizes: '320', resize: '800' }))).toMatch(
      /^--resize and --sizes: choose one of them/,
    );
    expect(await refusal(specFromFlags({ sizes: '320', longEdge: '800' }))).toMatch(/^--long-edge and --sizes/);
    expect(await refusal(specFromFlags({ format: 'webp', formats: 'avif' }))).toMatch(/^--format and --formats/);
    expect(await refusal(specFromFlags({ formats: 'avif,webp', smallestOf: 'avif,webp' }))).toMatch(
      /^--formats and --smallest-of/,
    );
    expect(await refusal(specFromFlags({ layout: 'folders', formats: 'avif' }))).toMatch(
      /^--layout: applies to --sizes/,
    );
    expect(await refusal(specFromFlags({ sizes: '320', layout: 'tree' }))).toBe(
      '--layout: expected one of suffix, folders, got "tree"',
    );
    const many = Array.from({ length: 9 }, (_, i) => String(100 * (i + 1))).join(',');
    expect(await refusal(specFromFlags({ sizes: many, formats: 'avif,webp,jpeg,png,tiff,gif' }))).toBe(
      '--sizes and --formats: 9 sizes × 6 formats make 54 outputs; at most 50',
    );
  });

  it('refuses a format twice, an unknown one, and keep beside others, naming --formats', async () => {
    expect(await refusal(specFromFlags({ formats: 'jpg,JPEG' }))).toBe(
      '--formats: jpeg is listed twice, got "jpg,JPEG"',
    );
    expect(await refusal(specFromFlags({ formats: 'avif,bmp' }))).toMatch(
      /^--formats: expected formats among keep, jpeg, png.*got "bmp"$/,
    );
    expect(await refusal(specFromFlags({ formats: 'keep,webp' }))).toMatch(/^--formats: keep cannot be listed/);
  });
});

describe('quality target, size cap, shoot-out', () => {
  it('sets the search fields on the output', async () => {
    const spec = await specFromFlags({
      sizes: '800',
      formats: 'webp',
      targetQuality: '85',
      maxSize: '150KB',
      ifTooLarge: 'Downscale',
      minQuality: '40',
    });
    expect(spec.output).toMatchObject({
      targetScore: 85,
      maxBytes: 150_000,
      sizeCapOutcome: 'downscale',
      minQuality: 40,
    });
    const shootOut = await specFromFlags({ smallestOf: 'AVIF,webp,jpg' });
    expect(shootOut.output.pickFormat).toEqual(['avif', 'webp', 'jpeg']);
  });

  it('reads --max-size in bytes, decimal KB and MB, binary KiB and MiB, any case', () => {
    expect(parseMaxSize('200KB')).toBe(200_000);
    expect(parseMaxSize('200 kb')).toBe(200_000);
    expect(parseMaxSize('1.5MB')).toBe(1_500_000);
    expect(parseMaxSize('500KiB')).toBe(512_000);
    expect(parseMaxSize('2mib')).toBe(2 * 1024 * 1024);
    expect(parseMaxSize('250000')).toBe(250_000);
    expect(parseMaxSize('4096B')).toBe(4096);
    for (const bad of ['lots', '-5KB', '200K', '3GB', '1000', '1e6', '2.5', '200 K B', '5TB', '']) {
      expect(
        thrown(() => parseMaxSize(bad)),
        bad,
      ).toMatch(/^--max-size: expected a size .*1 KB = 1000 bytes.*got ".*"$/);
    }
  });

  it('names the flag of each refused search value', async () => {
    expect(await refusal(specFromFlags({ targetQuality: '0' }))).toMatch(
      /^--target-quality: expected a whole number between 1 and 100 .*got "0"$/,
    );
    expect(await refusal(specFromFlags({ targetQuality: 'high' }))).toMatch(/^--target-quality: .*got "high"$/);
    expect(await refusal(specFromFlags({ maxSize: '100KB', ifTooLarge: 'shrink' }))).toBe(
      '--if-too-large: expected one of smallest, downscale, fail, got "shrink"',
    );
    expect(await refusal(specFromFlags({ targetQuality: '80', minQuality: '0' }))).toMatch(
      /^--min-quality: expected a whole number between 1 and 100, got "0"$/,
    );
    expect(thrown(() => parseSmallestOf('avif,png'))).toMatch(
      /^--smallest-of: expected formats among jpeg, webp, avif, jxl .*got "png"$/,
    );
    expect(thrown(() => parseSmallestOf('avif'))).toMatch(/^--smallest-of: name at least two formats/);
    expect(thrown(() => parseSmallestOf('jpg,jpeg'))).toMatch(/^--smallest-of: jpeg is listed twice/);
  });

  it('refuses flags that would do nothing, and a target for a format without quality', async () => {
    expect(await refusal(specFromFlags({ ifTooLarge: 'fail' }))).toMatch(/^--if-too-large: applies with --max-size/);
    expect(await refusal(specFromFlags({ minQuality: '50' }))).toMatch(/^--min-quality: applies with --target-quality/);
    expect(await refusal(specFromFlags({ targetQuality: '80', format: 'webp', lossless: true }))).toMatch(
      /^--target-quality and --lossless: /,
    );
    expect(await refusal(specFromFlags({ targetQuality: '80', format: 'png' }))).toMatch(
      /^--target-quality: A quality target needs a lossy format/,
    );
    // In an output of several, the message says which.
    expect(await refusal(specFromFlags({ sizes: '320,800', formats: 'webp,png', targetQuality: '80' }))).toMatch(
      /^--target-quality: A quality target needs a lossy format.*\(output 2 of 4: 320 px PNG\)$/,
    );
    // The flag at fault is the one typed: here the formats, under a pipeline's target.
    const pipeline = JSON.stringify({ output: { format: 'webp', targetScore: 80 } });
    expect(await refusal(specFromFlags({ pipeline, formats: 'webp,tiff' }))).toMatch(/^--formats: A quality target/);
  });

  it('names the flag of a problem in output 3 of several', async () => {
    // The first output takes the pipeline's own size cap; the flag sets every output's.
    const pipeline = JSON.stringify({
      outputs: [{ format: 'webp' }, { format: 'avif', pattern: '{name}-a' }, { format: 'jpeg', quality: 50 }],
    });
    const spec = await specFromFlags({ pipeline, quality: '70', maxSize: '1MB' });
    expect(spec.outputs.map((o) => o.quality)).toEqual([undefined, undefined, undefined]);
    expect(spec.output).toMatchObject({ quality: 70, maxBytes: 1_000_000 });
    expect(await refusal(specFromFlags({ pipeline, quality: '700' }))).toMatch(/^--quality: .*got "700"$/);
  });
});

describe('metadata, dates, manifest', () => {
  it('--keep lists the classes of a custom policy, and implies it', async () => {
    const spec = await specFromFlags({ keep: 'EXIF, icc' });
    expect(spec.output).toMatchObject({ metadata: 'custom', metadataKeep: ['exif', 'icc'] });
    const said = await specFromFlags({ keep: 'gps', metadata: 'custom' });
    expect(said.output).toMatchObject({ metadata: 'custom', metadataKeep: ['gps'] });
    expect(parseKeep('xmp,iptc,makernotes')).toEqual(['xmp', 'iptc', 'makernotes']);
  });

  it('takes the new policies and refuses --keep beside another one', async () => {
    for (const policy of ['keep-except-gps', 'copyright-only', 'Keep-Except-GPS']) {
      expect((await specFromFlags({ metadata: policy })).output.metadata).toBe(policy.toLowerCase());
    }
    expect(await refusal(specFromFlags({ keep: 'exif', metadata: 'strip' }))).toMatch(
      /^--keep and --metadata strip: .*choose one of them$/,
    );
    expect(await refusal(specFromFlags({ metadata: 'custom' }))).toMatch(
      /^--metadata custom: say which classes .*--keep/,
    );
    expect(await refusal(specFromFlags({ keep: 'exif,location' }))).toMatch(
      /^--keep: expected metadata classes among exif, gps, makernotes, xmp, iptc, icc .*got "location"$/,
    );
    expect(await refusal(specFromFlags({ keep: 'exif,EXIF' }))).toMatch(/^--keep: exif is listed twice/);
    expect(await refusal(specFromFlags({ metadata: 'gps' }))).toMatch(
      /^--metadata: expected one of strip, .*custom, got "gps"$/,
    );
  });

  it('--keep-dates and --manifest', async () => {
    const spec = await specFromFlags({ keepDates: true, sizes: '320,640', manifest: 'HTML' });
    expect(spec.output.keepDates).toBe(true);
    expect(spec.manifest).toBe('html');
    expect(await refusal(specFromFlags({ manifest: 'xml' }))).toBe(
      '--manifest: expected one of none, json, html, got "xml"',
    );
  });
});

describe('flags over a preset’s or pipeline’s own outputs', () => {
  const pipeline = JSON.stringify({
    output: { pattern: '{name}' },
    outputs: [
      { width: 320, format: 'avif', quality: 50, pattern: '{name}-320' },
      { width: 800, format: 'avif', quality: 55, pattern: '{name}-800', metadata: 'icc' },
    ],
  });

  it('apply to every output; a name that extends the recipe’s keeps its extension', async () => {
    const spec = await specFromFlags({ pipeline, quality: '60', metadata: 'keep', name: '{name}-web' });
    expect(spec.outputs).toEqual([
      { width: 320, format: 'avif', pattern: '{name}-web-320' },
      { width: 800, format: 'avif', pattern: '{name}-web-800' },
    ]);
    expect(spec.output).toMatchObject({ quality: 60, metadata: 'keep', pattern: '{name}-web' });
  });

  it('name the flag that makes two outputs want one name', async () => {
    const bare = JSON.stringify({ outputs: [{ format: 'avif' }, { format: 'webp' }] });
    expect(await refusal(specFromFlags({ pipeline: bare, format: 'jpeg' }))).toMatch(
      /^--format: Outputs 1 and 2 would write files of the same name/,
    );
  });
});
