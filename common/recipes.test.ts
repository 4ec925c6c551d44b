import { describe, expect, it } from 'vitest';
import { makePipeline, parsePipeline, type Step } from './pipeline.js';
import { recipeOutputs, stepsFor } from './recipes.js';

const refused = (input: unknown) => {
  const r = parsePipeline(input);
  return r.ok ? undefined : { field: r.field, message: r.message };
};

describe('recipe outputs', () => {
  it('is the one output when the list is empty', () => {
    const spec = makePipeline({ output: { format: 'webp', quality: 70 } });
    expect(recipeOutputs(spec)).toEqual([{ index: 0, output: spec.output, label: 'WebP' }]);
  });

  it('lays each output over the recipe’s settings, keeping what it leaves out', () => {
    const spec = makePipeline({
      output: { format: 'jpeg', quality: 70, metadata: 'keep', pattern: '{name}-web' },
      outputs: [
        { width: 320, format: 'webp' },
        { width: 800, height: 600, quality: 90, folder: 'big', pattern: '{name}' },
      ],
    });
    const [small, big] = recipeOutputs(spec);
    expect(small).toMatchObject({ index: 0, size: { width: 320 }, label: '320 px WebP' });
    expect(small!.output).toMatchObject({ format: 'webp', quality: 70, metadata: 'keep', pattern: '{name}-web' });
    expect(big).toMatchObject({
      index: 1,
      folder: 'big',
      size: { width: 800, height: 600 },
      label: '800×600 JPEG in big/',
    });
    expect(big!.output).toMatchObject({ format: 'jpeg', quality: 90, pattern: '{name}' });
  });

  it('labels a shoot-out by its candidates', () => {
    const spec = makePipeline({ outputs: [{ width: 640, pickFormat: ['avif', 'webp'] }] });
    expect(recipeOutputs(spec)[0]!.label).toBe('640 px smallest of AVIF, WebP');
  });
});

describe('stepsFor', () => {
  const resize = (params: object): Step => makePipeline({ steps: [{ op: 'resize', params }] }).steps[0]!;
  const sharpen = makePipeline({ steps: [{ op: 'sharpen' }] }).steps[0]!;

  it('replaces the first resize, keeping its method and a box’s fit', () => {
    const steps = [resize({ by: 'box', width: 1080, height: 1080, fit: 'cover', kernel: 'mitchell' }), sharpen];
    const [first, second] = stepsFor(steps, { width: 400, height: 400 });
    expect(first).toMatchObject({
      op: 'resize',
      params: { by: 'box', width: 400, height: 400, fit: 'cover', kernel: 'mitchell' },
    });
    expect(second).toBe(sharpen);
    expect(stepsFor(steps, { width: 500 })[0]).toMatchObject({ params: { by: 'width', width: 500 } });
    expect(stepsFor(steps, { height: 300 })[0]).toMatchObject({ params: { by: 'height', height: 300 } });
  });

  it('fits after the last step, never enlarging, when the chain has no resize', () => {
    const steps = stepsFor([sharpen], { width: 320 });
    expect(steps).toHaveLength(2);
    expect(steps[1]).toMatchObject({ op: 'resize', params: { by: 'width', width: 320, withoutEnlargement: true } });
  });

  it('leaves a disabled resize alone and the chain unchanged without a size', () => {
    const off = { ...resize({ by: 'width', width: 100 }), enabled: false } as Step;
    expect(stepsFor([off], { width: 320 })).toHaveLength(2);
    expect(stepsFor([off], undefined)).toEqual([off]);
  });
});

describe('the schema refuses recipes that cannot work, naming the field', () => {
  it.each([
    [
      {
        outputs: [
          { width: 320, format: 'webp' },
          { width: 800, format: 'webp' },
        ],
      },
      'outputs.1.pattern',
      /Outputs 1 and 2/,
    ],
    [{ outputs: [{ format: 'webp' }, { format: 'keep' }] }, 'outputs.1.pattern', /same name/],
    [{ outputs: [{ pickFormat: ['avif', 'webp'] }, { format: 'webp' }] }, 'outputs.1.pattern', /same name/],
    [{ outputs: [{ folder: '../up' }] }, 'outputs.0.folder', /inside the output folder/],
    [{ outputs: [{ folder: '/abs' }] }, 'outputs.0.folder', /inside the output folder/],
    [{ outputs: [{ width: 0 }] }, 'outputs.0.width', /whole number of pixels/],
    [{ outputs: [{ sizes: 3 }] }, 'outputs.0', /sizes/],
    [{ output: { format: 'png', targetScore: 80 } }, 'output.targetScore', /lossy format/],
    [{ output: { format: 'webp', lossless: true, targetScore: 80 } }, 'output.targetScore', /Lossless/],
    [{ output: { format: 'png' }, outputs: [{ targetScore: 70 }] }, 'outputs.0.targetScore', /lossy format/],
    [{ output: { maxBytes: 10 } }, 'output.maxBytes', /1024/],
    [{ output: { metadata: 'custom', metadataKeep: ['exif', 'location'] } }, 'output.metadataKeep.1', /exif, gps/],
    [{ output: { pickFormat: ['png'] } }, 'output.pickFormat.0', /jpeg, webp, avif, jxl/],
    [{ manifest: 'xml' }, 'manifest', /none, json, html/],
  ])('%j → %s', (input, field, message) => {
    const r = refused(input);
    expect(r?.field).toBe(field);
    expect(r?.message).toMatch(message);
  });

  it('accepts sizes told apart by {w}, by folder or by format', () => {
    expect(
      refused({
        outputs: [
          { width: 320, pattern: '{name}-{w}' },
          { width: 800, pattern: '{name}-{w}' },
        ],
      }),
    ).toBeUndefined();
    expect(
      refused({
        outputs: [
          { width: 320, folder: 'a' },
          { width: 800, folder: 'b' },
        ],
      }),
    ).toBeUndefined();
    expect(refused({ outputs: [{ format: 'webp' }, { format: 'jpeg' }] })).toBeUndefined();
    expect(refused({ output: { format: 'png', pickFormat: ['avif', 'webp'], targetScore: 80 } })).toBeUndefined();
  });
});
