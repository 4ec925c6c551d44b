// The per-job reduction on synthetic rounds: which fixed configuration is best, auto ÷ best as a
// median of per-round ratios (not a ratio of medians), auto's commonest choice, and the anchors.
import { describe, expect, it } from 'vitest';
import { planRace } from './contenders.js';
import { type AutoChoice, commonestChoice, jobShapes, type ShapeRun } from './shapes.js';
import { fixedTried, shapesTable } from './shapes-report.js';

const tools = {
  vipsthumbnail: { path: 'vipsthumbnail', version: '8.14' },
  mogrify: { path: 'mogrify', version: '6.9' },
};
const race = planRace({
  jobs: ['avif'],
  workerCounts: [2, 3],
  referenceCounts: [2],
  modes: ['processes', 'threads'],
  auto: { workers: 4 },
  tools,
});
const choice = (mode: 'processes' | 'threads', workers: number, libvipsThreads = 1): AutoChoice => ({
  mode,
  workers,
  libvipsThreads,
  reason: `${workers} ${mode}`,
});

/** Wall seconds of each contender per round; 10 images per run. */
function runs(walls: Record<string, number[]>, tuning: (AutoChoice | null)[] = []): ShapeRun[] {
  return Object.entries(walls).flatMap(([id, list]) =>
    list.map((wallSeconds, round) => ({
      id,
      round,
      wallSeconds,
      images: 10,
      ...(id === 'avif pixmill-auto ×4' ? { tuning: tuning[round] ?? null } : {}),
    })),
  );
}

describe('job shapes', () => {
  it('plans every fixed mode at every count, auto once, and says why mogrify sits AVIF out', () => {
    expect(race.contenders.map((c) => c.id)).toEqual([
      'avif bare-sharp ×2',
      'avif pixmill-processes ×2',
      'avif pixmill-threads ×2',
      'avif pixmill-processes ×3',
      'avif pixmill-threads ×3',
      'avif pixmill-auto ×4',
      'avif vipsthumbnail ×2',
    ]);
    expect(race.skipped).toEqual([{ job: 'avif', tool: 'mogrify', reason: expect.stringMatching(/effort/) }]);
  });

  it('finds the best fixed configuration and takes auto ÷ best per round, then the median', () => {
    const shape = jobShapes({
      jobs: ['avif'],
      contenders: race.contenders,
      invalid: new Map(),
      skipped: race.skipped,
      runs: runs(
        {
          'avif bare-sharp ×2': [10, 10, 10],
          'avif pixmill-processes ×2': [11, 11, 11],
          'avif pixmill-threads ×2': [12, 12, 12],
          // Best: the median speed is highest (1.0 images/s); its own round 3 was slow.
          'avif pixmill-processes ×3': [10, 10, 20],
          'avif pixmill-threads ×3': [13, 13, 13],
          // Per round 10/10.5, 10/9.5, 20/21: median 0.952 (a ratio of medians would say 0.95).
          'avif pixmill-auto ×4': [10.5, 9.5, 21],
          'avif vipsthumbnail ×2': [20, 21, 20],
        },
        [choice('threads', 2, 2), choice('processes', 3), choice('processes', 3)],
      ),
    })[0]!;
    expect(shape.bestFixed?.label).toBe('processes ×3');
    expect(shape.bestFixed?.vsBestFixed).toBe(1);
    expect(shape.autoVsBestFixed).toBeCloseTo(10 / 10.5, 6);
    expect(shape.autoChoice).toMatchObject({ mode: 'processes', workers: 3 });
    expect(shape.autoChoices.map((c) => c?.mode)).toEqual(['threads', 'processes', 'processes']);
    expect(shape.bestPerMode.map((m) => m.label)).toEqual(['processes ×3', 'threads ×2']);
    expect(shape.bestPerMode[1]!.vsBestFixed).toBeCloseTo(10 / 12, 6);
    // auto ÷ bare sharp per round: 10/10.5, 10/9.5, 10/21 → median 0.952.
    expect(shape.pixmillVsBareSharp).toBeCloseTo(10 / 10.5, 6);
    expect(shape.anchors).toEqual([
      expect.objectContaining({ tool: 'vipsthumbnail', vsPixmill: 20 / 10.5 }),
      expect.objectContaining({ tool: 'mogrify', vsPixmill: null, skipped: expect.stringMatching(/effort/) }),
    ]);
    expect(fixedTried(shape)).toBe('processes/threads × 2,3');
    const table = shapesTable([shape]);
    expect(table).toContain('processes ×3 1.0/s');
    expect(table).toContain('0.952×');
    expect(table).toContain('skipped');
  });

  it('leaves an invalid configuration out of the best, and tolerates a summary without tuning', () => {
    const shape = jobShapes({
      jobs: ['avif'],
      contenders: race.contenders,
      invalid: new Map([['avif pixmill-threads ×3', 'round 1: 1 of 10 outputs differ']]),
      skipped: [],
      runs: runs({
        'avif pixmill-processes ×2': [10, 10, 10],
        'avif pixmill-threads ×3': [5, 5, 5],
        'avif pixmill-auto ×4': [10, 10, 10],
      }),
    })[0]!;
    expect(shape.bestFixed?.label).toBe('processes ×2');
    expect(shape.autoVsBestFixed).toBe(1);
    expect(shape.autoChoice).toBeNull();
    expect(shape.pixmillVsBareSharp).toBeNull();
  });

  it('takes the commonest choice, a tie going to the later rounds', () => {
    expect(commonestChoice([choice('threads', 4), choice('processes', 2), null])).toMatchObject({
      mode: 'processes',
    });
    expect(commonestChoice([null, null])).toBeNull();
  });
});
