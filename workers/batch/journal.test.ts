// The recipe key decides whether an earlier output is up to date: settings added after records were
// written must not make every old record stale while they are off, and must count once turned on.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { recipeKey } from './journal.js';

/** The key as it was computed before sourceFolders and skipLarger existed. */
function keyBeforeTheNewSettings(spec: ReturnType<typeof makePipeline>): string {
  const { conflict: _, sourceFolders: _s, skipLarger: _k, ...output } = spec.output;
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
});
