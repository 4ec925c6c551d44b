import { describe, expect, it } from 'vitest';
import { median, medianOf, pairedRatio, rotate, schedule, type Timed } from './rounds.js';

const c = (id: string, job: string, workers: number) => ({ id, job, workers });

describe('interleaved rounds', () => {
  it('rotates the order inside each group so that every contender runs first once', () => {
    const contenders = [c('a', 'plain', 2), c('b', 'plain', 2), c('c', 'plain', 2)];
    const firsts = schedule(contenders, 3).map((round) => round[0]!.id);
    expect(firsts.sort()).toEqual(['a', 'b', 'c']);
  });

  it('runs every contender once per round, a group (same job and N) together', () => {
    const contenders = [
      c('p1', 'plain', 1),
      c('s1', 'plain', 1),
      c('p2', 'plain', 2),
      c('s2', 'plain', 2),
      c('f2', 'full', 2),
    ];
    const plan = schedule(contenders, 5);
    for (const round of plan) {
      expect(round.map((x) => x.id).sort()).toEqual(['f2', 'p1', 'p2', 's1', 's2']);
      const groups = round.map((x) => `${x.job}${x.workers}`);
      // A group's members are adjacent: the number of group changes is groups - 1.
      expect(groups.filter((g, i) => i > 0 && g !== groups[i - 1]).length).toBe(2);
    }
    expect(plan[1]!.map((x) => x.id)).not.toEqual(plan[0]!.map((x) => x.id));
  });

  it('takes the ratio inside each round, so machine drift between rounds cancels out', () => {
    // The machine gets 40 % slower and faster from round to round; `a` is always 1.25× faster than `ref`.
    const drift = [1, 1.4, 0.8, 1.3, 1.1];
    const runs: Timed[] = drift.flatMap((d, round) => [
      { round, id: 'ref', wallSeconds: 10 * d },
      { round, id: 'a', wallSeconds: 8 * d },
    ]);
    expect(pairedRatio(runs, 'a', 'ref')).toBeCloseTo(1.25, 10);
    // Comparing medians of raw times instead would mix rounds; the ratio of medians happens to
    // agree here, but one slow round for one contender shows the difference:
    runs.push({ round: 5, id: 'a', wallSeconds: 30 }, { round: 5, id: 'ref', wallSeconds: 10 });
    expect(pairedRatio(runs, 'a', 'ref')).toBeCloseTo(1.25, 10);
  });

  it('leaves out rounds where either run failed', () => {
    const runs: Timed[] = [
      { round: 0, id: 'a', wallSeconds: 5 },
      { round: 0, id: 'ref', wallSeconds: 10 },
      { round: 1, id: 'a' },
      { round: 1, id: 'ref', wallSeconds: 10 },
    ];
    expect(pairedRatio(runs, 'a', 'ref')).toBe(2);
    expect(pairedRatio(runs, 'b', 'ref')).toBeNull();
  });

  it('medians: odd, even, empty, non-finite left out', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([Number.NaN, 7])).toBe(7);
    expect(
      medianOf(
        [
          { id: 'x', v: 1 },
          { id: 'x', v: null },
          { id: 'y', v: 9 },
          { id: 'x', v: 3 },
        ],
        'x',
        (r) => r.v,
      ),
    ).toBe(2);
    expect(rotate([1, 2, 3], 4)).toEqual([2, 3, 1]);
  });
});
