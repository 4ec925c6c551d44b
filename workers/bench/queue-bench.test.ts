// The queue row: its arithmetic and its text on made-up runs, and one real round on a handful of
// images through a private redis-server, where every run must write every output.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/fixtures.js';
import { redisMissing } from '../../tests/redis-server.js';
import {
  failedQueue,
  formatQueueReport,
  type QueueRun,
  queueOverhead,
  runQueueBench,
  skippedQueue,
  summariseQueue,
} from './queue-bench.js';

const run = (round: number, id: QueueRun['id'], wallSeconds: number): QueueRun => ({
  round,
  id,
  wallSeconds,
  processed: 300,
  failed: 0,
  outputs: 300,
  ...(id === 'local' ? {} : { machines: id === 'redis ×1' ? 1 : 2 }),
});

describe('queue overhead', () => {
  it('is the extra time per job, and that against the local time per image', () => {
    // 300 images: local 6.0 s (20 ms each), Redis 6.3 s → 1 ms more per job, 5 % of 20 ms.
    const o = queueOverhead(6, 6.3, 300);
    expect(o.msPerJob).toBeCloseTo(1, 9);
    expect(o.percent).toBeCloseTo(5, 9);
    expect(queueOverhead(6, 5.7, 300).msPerJob).toBeCloseTo(-1, 9);
  });

  it('takes medians over the rounds and says when the goal is met', () => {
    const runs = [
      run(0, 'local', 6),
      run(1, 'local', 7),
      run(2, 'local', 6.2),
      run(0, 'redis ×1', 6.1),
      run(1, 'redis ×1', 9),
      run(2, 'redis ×1', 6.3),
      run(0, 'redis ×2', 6.2),
      run(1, 'redis ×2', 6.25),
      run(2, 'redis ×2', 6.3),
    ];
    const r = summariseQueue(runs, 300, 3, 'private');
    const [local, one, two] = r.contenders;
    expect(local).toMatchObject({ id: 'local', wallSeconds: 6.2, runs: 3 });
    expect(local!.imagesPerSecond).toBeCloseTo(300 / 6.2, 9);
    expect(local!.overheadMsPerJob).toBeUndefined();
    expect(one!.overheadMsPerJob).toBeCloseTo(((6.3 - 6.2) * 1000) / 300, 9);
    expect(two!.overheadPercent).toBeCloseTo((100 * 0.05) / 6.2, 9);
    expect(r.goalMet).toBe(true);
    const text = formatQueueReport(r);
    expect(text).toMatch(/300 small JPEGs, medians of 3 interleaved rounds/);
    expect(text).toMatch(/Redis, 1 worker × 2 processes +6\.30 +47\.6 +\+0\.33 +\+1\.6 %/);
    expect(text).toMatch(/goal: ≤ 2 ms and ≤ 3 % per job: met/);

    const slow = summariseQueue([...runs.slice(0, 3), run(0, 'redis ×1', 7), ...runs.slice(6)], 300, 3, 'given');
    expect(slow.goalMet).toBe(false);
    expect(formatQueueReport(slow)).toMatch(/NOT met \(redis ×1\)/);
  });

  it('says in one line why the row was skipped or failed', () => {
    expect(formatQueueReport(skippedQueue('redis-server is not installed'))).toBe(
      'Through a Redis queue: skipped (redis-server is not installed)',
    );
    expect(formatQueueReport(failedQueue('local: 3 outputs of 4'))).toMatch(/FAILED \(local: 3 outputs of 4\)/);
    expect(skippedQueue('x').goalMet).toBeNull();
  });
});

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(redisMissing)(`pixmill bench's queue row${redisMissing ? ` (skipped: ${redisMissing})` : ''}`, () => {
  it('runs the batch locally and through Redis with 1 and 2 workers, every run writing every output', async () => {
    work = await tempDir('pixmill-queue-bench-');
    const lines: string[] = [];
    const result = await runQueueBench({
      rounds: 1,
      dataset: { name: 'queue-test-v1', sets: [{ prefix: 'small', count: 5, sizes: [[320, 240]] }] },
      cacheDir: join(work, 'cache'),
      work,
      log: (l) => lines.push(l),
    });
    expect(result.skipped).toBeUndefined();
    expect(result).toMatchObject({ images: 5, rounds: 1, redis: 'private' });
    expect(result.runs.map((r) => r.id).sort()).toEqual(['local', 'redis ×1', 'redis ×2']);
    for (const r of result.runs) expect(r).toMatchObject({ processed: 5, failed: 0, outputs: 5 });
    for (const r of result.runs.filter((r) => r.id !== 'local')) expect(r.machines).toBeGreaterThanOrEqual(1);
    for (const c of result.contenders) expect(c.wallSeconds).toBeGreaterThan(0);
    expect(result.contenders.filter((c) => c.overheadMsPerJob != null)).toHaveLength(2);
    expect(typeof result.goalMet).toBe('boolean');
    expect(formatQueueReport(result)).toMatch(/local pool, processes ×2 +\d+\.\d\d/);
    expect(lines.some((l) => l.includes('private redis-server on redis://127.0.0.1:'))).toBe(true);
  }, 60_000);
});
