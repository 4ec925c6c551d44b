import { describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { jobIdOf } from './job-id.js';
import { checkQueueName } from './names.js';
import { redisTarget } from './redis-target.js';

describe('what a shared batch calls things', () => {
  const job = (over: { mtime?: number; recipe?: string; outDir?: string } = {}) => ({
    id: 7,
    input: '/photos/a.jpg',
    outDir: over.outDir ?? '/out',
    nameTemplate: 'a',
    tempPath: '/out/.pixmill-1.tmp',
    spec: makePipeline(),
    journal: {
      path: '/out/.pixmill-journal.jsonl',
      entry: { in: '/photos/a.jpg', size: 10, mtime: over.mtime ?? 1, root: '/photos', recipe: over.recipe ?? 'r1' },
    },
  });

  it('gives one job id per source, recipe and place, whatever the batch numbers it', () => {
    expect(jobIdOf(job())).toBe(jobIdOf({ ...job(), id: 99, tempPath: '/out/.pixmill-2.tmp' }));
    expect(jobIdOf(job({ mtime: 2 }))).not.toBe(jobIdOf(job()));
    expect(jobIdOf(job({ recipe: 'r2' }))).not.toBe(jobIdOf(job()));
    expect(jobIdOf(job({ outDir: '/elsewhere' }))).not.toBe(jobIdOf(job()));
    // BullMQ refuses ids with ':' and plain integers.
    expect(jobIdOf(job())).toMatch(/^px[0-9a-f]{40}$/);
  });

  it('reads Redis addresses as people write them, and never shows the password', () => {
    expect(redisTarget('nas:6380').options).toMatchObject({ host: 'nas', port: 6380 });
    const t = redisTarget('redis://:s3cret@10.0.0.2/2');
    expect(t.options).toMatchObject({ host: '10.0.0.2', port: 6379, password: 's3cret', db: 2 });
    expect(t.label).toBe('redis://10.0.0.2:6379/2');
    expect(redisTarget('rediss://h:1').options.tls).toEqual({});
    expect(() => redisTarget('http://nas')).toThrow(/must start with redis:\/\//);
    expect(() => redisTarget('redis://nas/x')).toThrow(/database number/);
  });

  it('keeps queue names to what Redis keys hold well', () => {
    expect(checkQueueName('studio-2')).toBe('studio-2');
    expect(() => checkQueueName('a b')).toThrow(/cannot name a queue/);
    expect(() => checkQueueName('a:b')).toThrow(/cannot name a queue/);
  });
});
