// The worker modes and counts every side of the app accepts.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WORKER_MODE,
  defaultWorkers,
  isWorkerCount,
  isWorkerMode,
  maxWorkers,
  WORKER_MODES,
  workerModeSchema,
  workerRange,
} from './concurrency.js';

describe('worker counts', () => {
  it('default to one per core and allow up to two per core', () => {
    expect(workerRange(4)).toEqual({ min: 1, max: 8, default: 4 });
    expect(defaultWorkers(2)).toBe(2);
    expect(maxWorkers(2)).toBe(4);
  });

  it('still allow a worker when the core count is unknown or odd', () => {
    expect(workerRange(0)).toEqual({ min: 1, max: 2, default: 1 });
    expect(defaultWorkers(2.5)).toBe(2);
  });

  it('accept whole numbers from 1 to the maximum only', () => {
    expect([1, 4].map((n) => isWorkerCount(n, 2))).toEqual([true, true]);
    expect([0, 5, 1.5, Number.NaN, '2'].map((n) => isWorkerCount(n, 2))).toEqual([false, false, false, false, false]);
  });
});

describe('worker modes', () => {
  it('default to processes, which a crash in libvips cannot take down as a whole', () => {
    expect(DEFAULT_WORKER_MODE).toBe('processes');
    expect(WORKER_MODES).toContain(DEFAULT_WORKER_MODE);
  });

  it('are checked the same way by the guard and the schema', () => {
    for (const mode of WORKER_MODES) {
      expect(isWorkerMode(mode)).toBe(true);
      expect(workerModeSchema.safeParse(mode).success).toBe(true);
    }
    expect(isWorkerMode('fast')).toBe(false);
    expect(workerModeSchema.safeParse('fast').error?.issues[0]?.message).toBe(
      'Expected one of processes, threads, inline',
    );
  });
});
