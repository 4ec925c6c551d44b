// A worker thread whose module throws while loading must be an ordinary dead worker, not an
// uncaught 'error' event that ends the engine process.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { tempDir } from '../../tests/fixtures.js';
import { WorkerPool } from './pool.js';

describe('a thread whose entry throws on load', () => {
  it('is reported as a failed start and the engine goes on', async () => {
    const dir = await tempDir();
    const file = join(dir, 'broken-entry.mjs');
    await writeFile(file, "throw new Error('this entry cannot load');\n");
    const pool = new WorkerPool({ mode: 'threads', size: 1, entry: { file, execArgv: [] } });
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    try {
      const job = {
        id: 1,
        input: join(dir, 'x.png'),
        outDir: dir,
        nameTemplate: 'x',
        tempPath: join(dir, '.x.tmp'),
        spec: makePipeline({}),
      };
      const result = await pool.run(job, { timeoutMs: 30_000 });
      expect(result.status).toBe('failed');
      expect(result.status === 'failed' && result.code).toBe('WORKER_CRASHED');
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.close();
    }
  });
});
