import { describe, expect, it } from 'vitest';
import type { MemoryReport, TuningReport } from '../../../common/tuning';
import { memoryBudgetText, parseMemoryBudget } from './memory-budget';
import { memoryLine, tuningLine } from './tuning-line';

const report: TuningReport = {
  mode: 'processes',
  workers: 3,
  libvipsThreads: 1,
  reason: '3 processes × 1 libvips thread: 4 processes × 1 libvips thread gave 6 % less; 1 change kept',
  steps: [],
};

describe('the auto line', () => {
  it("says the shape and the engine's why, and whether it may still change", () => {
    expect(tuningLine(report, true)).toBe(
      'Auto chose 3 processes × 1 libvips thread — 4 processes × 1 libvips thread gave 6 % less; 1 change kept',
    );
    expect(tuningLine({ ...report, reason: '3 processes × 1 libvips thread' }, false)).toBe(
      'Auto, so far: 3 processes × 1 libvips thread',
    );
    // Still comparing the kinds: the reason's shape is the pool's, which mode and count cannot say.
    expect(
      tuningLine({ ...report, workers: 2, reason: '1 process + 1 thread × 1 libvips thread: too few images' }, true),
    ).toBe('Auto chose 1 process + 1 thread × 1 libvips thread — too few images');
    expect(tuningLine({ ...report, mode: 'threads', workers: 1, libvipsThreads: 2, reason: 'x' }, true)).toBe(
      'Auto chose 1 thread × 2 libvips threads — x',
    );
  });

  it('says what the memory budget held back, and nothing when it held nothing', () => {
    const memory: MemoryReport = {
      budgetMb: 1024,
      source: 'set',
      peakEstimateMb: 900,
      heldBack: 4,
      ranAlone: 0,
      recycled: 0,
    };
    expect(memoryLine(memory)).toBe('4 large images waited for memory; budget 1 GB');
    expect(memoryLine({ ...memory, heldBack: 0, ranAlone: 1, source: 'free-memory', budgetMb: 3000 })).toBe(
      '1 image larger than the budget ran alone; budget 3000 MB (half the free memory)',
    );
    expect(memoryLine({ ...memory, heldBack: 0 })).toBeNull();
  });
});

describe('the memory budget field', () => {
  it('reads sizes as people write them, GB as 1024 MB, empty as automatic', () => {
    expect(parseMemoryBudget('')).toEqual({ ok: true, mb: null });
    expect(parseMemoryBudget(' 1 GB ')).toEqual({ ok: true, mb: 1024 });
    expect(parseMemoryBudget('1,5gb')).toEqual({ ok: true, mb: 1536 });
    expect(parseMemoryBudget('512 MB')).toEqual({ ok: true, mb: 512 });
    expect(parseMemoryBudget('2048')).toEqual({ ok: true, mb: 2048 });
  });

  it('refuses what is not a size, and less than a large photo needs, in words', () => {
    expect(parseMemoryBudget('lots')).toMatchObject({ ok: false, message: expect.stringMatching(/like 1 GB/) });
    expect(parseMemoryBudget('1 PB')).toMatchObject({ ok: false });
    expect(parseMemoryBudget('100 MB')).toMatchObject({ ok: false, message: expect.stringMatching(/at least 256 MB/) });
  });

  it('shows a budget back as the size it was written as', () => {
    expect(memoryBudgetText(1024)).toBe('1 GB');
    expect(memoryBudgetText(1536)).toBe('1.5 GB');
    expect(memoryBudgetText(512)).toBe('512 MB');
    expect(memoryBudgetText(1000)).toBe('1000 MB');
  });
});
