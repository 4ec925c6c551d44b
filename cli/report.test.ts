// What the summary says of the auto mode and the memory budget, in words.
import { describe, expect, it } from 'vitest';
import type { MemoryReport } from '../common/tuning.js';
import { distributedLines, tuningLines } from './report.js';

const memory: MemoryReport = {
  budgetMb: 1024,
  source: 'set',
  peakEstimateMb: 900,
  heldBack: 0,
  ranAlone: 0,
  recycled: 0,
};
const tuning = {
  mode: 'processes' as const,
  workers: 3,
  libvipsThreads: 1,
  steps: [],
  reason: '3 processes × 1 libvips thread: 1 change kept',
};

describe('tuningLines', () => {
  it('says what auto chose, only when it processed something', () => {
    expect(tuningLines({ processed: 4, tuning, memory })).toEqual([
      'Auto: 3 processes × 1 libvips thread: 1 change kept.',
    ]);
    expect(tuningLines({ processed: 0, tuning, memory })).toEqual([]);
  });

  it('says when images waited for memory or ran alone, in the units --memory-budget takes', () => {
    expect(tuningLines({ processed: 4, memory: { ...memory, heldBack: 3, ranAlone: 1 } })).toEqual([
      '3 images waited for memory (1 GB memory budget); 1 image larger than it allows ran alone.',
    ]);
    expect(
      tuningLines({ processed: 4, memory: { ...memory, budgetMb: 700, source: 'free-memory', heldBack: 1 } }),
    ).toEqual(['1 image waited for memory (700 MB memory budget, half the free memory).']);
  });

  it('says when workers were replaced, and nothing when nothing happened', () => {
    expect(tuningLines({ processed: 4, memory: { ...memory, recycled: 2 } })).toEqual([
      '2 workers replaced after many images or a large one, to give memory back.',
    ]);
    expect(tuningLines({ processed: 4, memory })).toEqual([]);
  });
});

describe('distributedLines', () => {
  const base = { queue: 'pixmill', redis: 'redis://nas:6379', requeued: 0, recovered: 0 };
  it('names each machine and what it did, and what was taken over or put back', () => {
    expect(
      distributedLines({
        distributed: {
          ...base,
          machines: [
            { machine: 'nas:12', jobs: 3 },
            { machine: 'laptop:7', jobs: 1 },
          ],
          recovered: 1,
          requeued: 2,
        },
      }),
    ).toEqual([
      'Shared on queue "pixmill" (redis://nas:6379): nas:12 3 images, laptop:7 1 image.',
      '1 image taken over from a machine that stopped answering.',
      '2 images put on the queue again after Redis lost it.',
    ]);
  });
  it('says nothing for a batch on one machine, or one that sent nothing to the queue', () => {
    expect(distributedLines({})).toEqual([]);
    expect(distributedLines({ distributed: { ...base, machines: [] } })).toEqual([]);
  });
});
