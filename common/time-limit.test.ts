// The per-job time limit: "auto" grows with megapixels and the output format's cost, a number the
// person sets is used exactly, and the TIMEOUT message says how to allow more.
import { describe, expect, it } from 'vitest';
import { makePipeline, TIME_LIMIT } from './pipeline.js';
import {
  AVIF_EFFORT,
  autoTimeLimitSeconds,
  JXL_EFFORT,
  jobTimeLimitSeconds,
  recipeTimeLimitSeconds,
  timeoutMessage,
} from './time-limit.js';

const photo = (mp: number, format: 'avif' | 'jpeg', effort = 4) => ({
  inputMegapixels: mp,
  outputMegapixels: mp,
  format,
  effort,
});

describe('the time limit', () => {
  it('is "auto" by default, and a number the person sets is used as set, however large the image', () => {
    expect(makePipeline().limits.timeoutSeconds).toBe('auto');
    const limits = makePipeline({ limits: { timeoutSeconds: 30 } }).limits;
    expect(jobTimeLimitSeconds(limits, photo(24, 'avif', 9))).toBe(30);
  });

  it('auto never goes under the floor, and without a size it is the floor', () => {
    const { limits } = makePipeline();
    expect(jobTimeLimitSeconds(limits)).toBe(TIME_LIMIT.autoFloor);
    expect(jobTimeLimitSeconds(limits, photo(0.1, 'jpeg'))).toBe(TIME_LIMIT.autoFloor);
  });

  it('auto grows with megapixels and AVIF effort, up to the maximum', () => {
    const at = (mp: number, effort: number) => autoTimeLimitSeconds(photo(mp, 'avif', effort));
    expect(at(24, 4)).toBeGreaterThanOrEqual(TIME_LIMIT.autoFloor);
    expect(at(100, 4)).toBeGreaterThan(at(24, 4));
    expect(at(24, 9)).toBeGreaterThan(at(24, 4));
    expect(at(268, 9)).toBe(TIME_LIMIT.max);
    // The slowest measured default AVIF encode (heavy grain, one thread) is 1.7 s of CPU per
    // megapixel: a 24 MP photo gets more than three times that.
    expect(at(24, 4)).toBeGreaterThan(3 * 24 * 1.7);
  });

  it('maps the default effort onto a fast AVIF effort, and keeps the scale in order', () => {
    expect(AVIF_EFFORT).toHaveLength(10);
    expect(AVIF_EFFORT[4]).toBe(2);
    for (let i = 1; i < AVIF_EFFORT.length; i++) expect(AVIF_EFFORT[i]!).toBeGreaterThanOrEqual(AVIF_EFFORT[i - 1]!);
  });

  it('gives JPEG XL (ImageMagick in WebAssembly, one thread) more than the libvips encoders, and "keep" the dearest', () => {
    const at = (format: 'jxl' | 'keep' | 'avif' | 'jpeg', effort = 4) =>
      autoTimeLimitSeconds({ inputMegapixels: 24, outputMegapixels: 24, format, effort });
    // The default effort measured 2.3 s of CPU per megapixel to encode, 0.4 s to decode again.
    expect(at('jxl')).toBeGreaterThan(3 * 24 * 2.7);
    expect(at('jxl')).toBeGreaterThan(at('jpeg'));
    expect(at('jxl', 9)).toBeGreaterThan(at('jxl'));
    expect(at('keep')).toBe(Math.max(at('jxl'), at('avif')));
    expect(JXL_EFFORT).toHaveLength(10);
    expect([JXL_EFFORT[0], JXL_EFFORT[9]]).toEqual([1, 9]);
  });

  it('explains a timeout with the limit met and both ways to raise it', () => {
    expect(timeoutMessage(45, false)).toMatch(/45 s/);
    expect(timeoutMessage(300, true)).toMatch(/automatic limit.*300 s/);
    for (const m of [timeoutMessage(45, false), timeoutMessage(300, true)]) {
      expect(m).toMatch(/Time limit/);
      expect(m).toMatch(/--timeout SECONDS/);
    }
  });
});

describe('a recipe’s automatic limit', () => {
  it('counts one decode per output and every encode a search may make', () => {
    const one = recipeTimeLimitSeconds(40, [{ outputMegapixels: 40, format: 'avif', effort: 4, encodes: 1 }]);
    const searched = recipeTimeLimitSeconds(40, [{ outputMegapixels: 40, format: 'avif', effort: 4, encodes: 7 }]);
    expect(one).toBe(autoTimeLimitSeconds({ inputMegapixels: 40, outputMegapixels: 40, format: 'avif', effort: 4 }));
    expect(searched).toBeGreaterThan(one);
    const small = { outputMegapixels: 0.1, format: 'webp' as const, effort: 4, encodes: 1 };
    expect(recipeTimeLimitSeconds(12, [small, small])).toBe(TIME_LIMIT.autoFloor);
    expect(recipeTimeLimitSeconds(1000, [{ ...small, outputMegapixels: 1000, format: 'avif', encodes: 7 }])).toBe(
      TIME_LIMIT.max,
    );
  });
});
