// Errors the engine swallows on purpose (a journal it cannot write costs only a redo on resume)
// still leave a trace: NODE_DEBUG=pixmill prints each one on stderr, and without it nothing shows.
import { execFile } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_NAME } from '../workers/batch/journal.js';
import { makeImage, tempDir } from './fixtures.js';

const projectRoot = join(import.meta.dirname, '..');
let dir: string;

beforeAll(async () => {
  dir = await tempDir();
  await makeImage(join(dir, 'in', 'photo.jpg'), { width: 320, height: 240 });
});

/** One real batch (one process worker) in a Node process of its own, with `env`. */
async function batchInChild(outDir: string, env: NodeJS.ProcessEnv) {
  const module = (path: string) => JSON.stringify(pathToFileURL(join(projectRoot, path)).href);
  const script = `
    const { startBatch } = await import(${module('workers/batch/run-batch.ts')});
    const { makePipeline } = await import(${module('common/pipeline.ts')});
    const spec = makePipeline({ steps: [], output: { format: 'png' } });
    const handle = startBatch({ inputs: [${JSON.stringify(join(dir, 'in'))}], outDir: ${JSON.stringify(outDir)}, spec, mode: 'processes', workers: 1 });
    process.stdout.write(JSON.stringify(await handle.done));`;
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    { cwd: projectRoot, env },
  );
  return { summary: JSON.parse(stdout) as { processed: number; failed: number }, stderr };
}

describe('NODE_DEBUG=pixmill', () => {
  it('explains a journal that cannot be written, and the batch still processes its file', async () => {
    const { NODE_DEBUG: _, ...quiet } = process.env;
    for (const [name, env] of [
      ['debug', { ...quiet, NODE_DEBUG: 'pixmill' }],
      ['quiet', quiet],
    ] as const) {
      // A folder where the journal file would go: the journal cannot be read or written.
      const out = join(dir, `out-${name}`);
      await mkdir(join(out, JOURNAL_NAME), { recursive: true });
      const { summary, stderr } = await batchInChild(out, env);
      expect(summary).toMatchObject({ processed: 1, failed: 0 });
      expect((await readdir(out)).sort()).toEqual([JOURNAL_NAME, 'photo.png']);
      const lines = stderr.split('\n').filter((l) => /^PIXMILL \d+: journal/.test(l));
      if (name === 'debug')
        expect(lines).toContainEqual(expect.stringMatching(/: journal: none for this batch: .*EISDIR/));
      else expect(lines).toEqual([]);
    }
  });
});
