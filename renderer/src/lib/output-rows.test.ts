import { describe, expect, it } from 'vitest';
import { makePipeline, outputSchema, pipelineSchema } from '../../../common/pipeline';
import { recipeOutputs } from '../../../common/recipes';
import { compactVariant, firstRows, materialize, nextRow, sharedOutput, withWidth } from './output-rows';

const base = outputSchema.parse({ format: 'webp', quality: 70, targetScore: 85, pattern: '{name}-web' });

describe('the outputs list as the window edits it', () => {
  it('turns the one output into two rows with names of their own', () => {
    const rows = firstRows(base);
    expect(rows).toEqual([
      {
        format: 'webp',
        quality: 70,
        pattern: '{name}-web',
        targetScore: 85,
        sizeCapOutcome: 'smallest',
        minQuality: 30,
        pickFormat: [],
      },
      {
        format: 'webp',
        quality: 70,
        pattern: '{name}-800',
        targetScore: 85,
        sizeCapOutcome: 'smallest',
        minQuality: 30,
        pickFormat: [],
        width: 800,
      },
    ]);
    // The spec the window sends for them is valid and makes what the rows say.
    const spec = pipelineSchema.parse({ output: sharedOutput(base, rows[0]!), outputs: rows });
    expect(recipeOutputs(spec).map((o) => [o.label, o.output.targetScore])).toEqual([
      ['WebP', 85],
      ['800 px WebP', 85],
    ]);
  });

  it('gives each added row the last one’s encoding at a width no other row has', () => {
    const rows = [
      { width: 800, format: 'avif' as const, pattern: '{name}-800' },
      { width: 1600, pattern: 'big' },
    ];
    expect(nextRow(rows, base)).toMatchObject({ width: 320, pattern: '{name}-320', format: 'webp', quality: 70 });
    expect(nextRow([rows[0]!], base)).toMatchObject({ width: 1600, format: 'avif' });
  });

  it('lets a row choose a fixed quality or no cap although the recipe’s output has a target', () => {
    const row = { ...materialize(base, {}), targetScore: undefined };
    const spec = pipelineSchema.parse({ output: sharedOutput(base, row), outputs: [compactVariant(row)] });
    expect(recipeOutputs(spec)[0]!.output.targetScore).toBeUndefined();
    expect(spec.output).toMatchObject({ format: 'webp', quality: 70, pickFormat: [] });
  });

  it('fills in what a loaded row leaves out from the recipe’s output', () => {
    const spec = makePipeline({ output: { format: 'jpeg', quality: 80 }, outputs: [{ width: 320, format: 'webp' }] });
    expect(materialize(spec.output, spec.outputs[0]!)).toMatchObject({
      width: 320,
      format: 'webp',
      quality: 80,
      pattern: '{name}',
    });
  });

  it('keeps a name made from the width in step with it, and leaves a written one alone', () => {
    expect(withWidth({ width: 800, pattern: '{name}-800' }, 640)).toEqual({ width: 640, pattern: '{name}-640' });
    expect(withWidth({ width: 800, pattern: 'large' }, 640)).toEqual({ width: 640, pattern: 'large' });
    expect(withWidth({ width: 800, pattern: '{name}-800' }, undefined)).toEqual({ pattern: '{name}-800' });
  });
});
