// The recipe key decides whether an earlier output is up to date: settings added after records were
// written must not make every old record stale while they are off, and must count once turned on.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { recipeKey } from './journal.js';

/** The key as it was computed before sourceFolders, skipLarger and the recipe settings existed. */
function keyBeforeTheNewSettings(spec: ReturnType<typeof makePipeline>): string {
  const {
    conflict: _,
    sourceFolders: _s,
    skipLarger: _k,
    metadataKeep: _m,
    keepDates: _d,
    sizeCapOutcome: _o,
    minQuality: _q,
    pickFormat: _p,
    ...output
  } = spec.output;
  return createHash('sha256')
    .update(JSON.stringify({ steps: spec.steps, output }))
    .digest('hex')
    .slice(0, 32);
}

describe('recipeKey', () => {
  const spec = makePipeline({ steps: [{ op: 'resize', params: { by: 'width', width: 800 } }] });

  it('is what records written before the new output settings hold, while those settings are off', () => {
    expect(recipeKey(spec)).toBe(keyBeforeTheNewSettings(spec));
  });

  it('changes when per-source folders or skip-if-larger are turned on, not with the conflict policy', () => {
    const keys = [
      recipeKey(spec),
      recipeKey({ ...spec, output: { ...spec.output, sourceFolders: true } }),
      recipeKey({ ...spec, output: { ...spec.output, skipLarger: true } }),
    ];
    expect(new Set(keys).size).toBe(3);
    expect(recipeKey({ ...spec, output: { ...spec.output, conflict: 'overwrite' } })).toBe(keys[0]);
  });

  it('changes with every recipe setting that shapes the outputs', () => {
    const o = spec.output;
    const keys = [
      recipeKey(spec),
      recipeKey({ ...spec, output: { ...o, metadata: 'custom', metadataKeep: ['icc'] } }),
      recipeKey({ ...spec, output: { ...o, keepDates: true } }),
      recipeKey({ ...spec, output: { ...o, format: 'webp', targetScore: 80 } }),
      recipeKey({ ...spec, output: { ...o, format: 'webp', targetScore: 80, minQuality: 50 } }),
      recipeKey({ ...spec, output: { ...o, maxBytes: 100_000 } }),
      recipeKey({ ...spec, output: { ...o, maxBytes: 100_000, sizeCapOutcome: 'fail' } }),
      recipeKey({ ...spec, output: { ...o, pickFormat: ['avif', 'webp'] } }),
      recipeKey({ ...spec, outputs: [{ width: 320 }] }),
      recipeKey({ ...spec, outputs: [{ width: 320 }], manifest: 'html' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    // A floor or an outcome with nothing to search changes nothing on disk.
    expect(recipeKey({ ...spec, output: { ...o, minQuality: 50, sizeCapOutcome: 'fail' } })).toBe(keys[0]);
  });
});
