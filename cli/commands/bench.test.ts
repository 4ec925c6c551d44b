// `pixmill bench --job` names every choice when it refuses one, and accepts each job shape's name.
import { describe, expect, it } from 'vitest';
import { BENCH_JOBS } from '../../workers/bench/jobs.js';
import { UsageError } from '../usage-error.js';
import { benchCommand, JOB_CHOICES } from './bench.js';

describe('pixmill bench --job', () => {
  it('refuses an unknown job, naming every choice', async () => {
    const refusal = await benchCommand(undefined, { job: 'jpeg2webp' }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(UsageError);
    const message = (refusal as UsageError).message;
    expect(message).toContain('"jpeg2webp"');
    for (const choice of [...BENCH_JOBS, 'all', 'both', 'decoders', 'queue', 'quality', 'rerun']) {
      expect(message).toMatch(new RegExp(`\\b${choice}\\b`));
    }
  });

  it('accepts every job shape by name, the old names too', () => {
    expect(JOB_CHOICES).toEqual(
      expect.arrayContaining([...BENCH_JOBS, 'all', 'both', 'decoders', 'queue', 'quality', 'rerun']),
    );
  });

  it('refuses --job queue with --no-queue, --redis with --no-queue, and a --redis that is no redis:// URL', async () => {
    for (const flags of [
      { job: 'queue', queue: false },
      { queue: false, redis: 'redis://127.0.0.1:6379' },
      { job: 'queue', redis: '127.0.0.1:6379' },
    ]) {
      const refusal = await benchCommand(undefined, flags).catch((err: unknown) => err);
      expect(refusal).toBeInstanceOf(UsageError);
    }
  });
});
