// Running the same batch again after each kind of change: the plan says what will happen, the
// run does exactly that, and nothing that did not change is encoded again. Real workers and real
// files; outputs compared by their bytes, so "not encoded again" means the very same file.
import { appendFile, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchSummary } from '../common/events.js';
import { makePipeline, type PipelineSpec } from '../common/pipeline.js';
import { type BatchPlan, type PlanRow, planBatch } from '../workers/batch/dry-run.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { hashTree, isTempFile, listFiles, makeImage, tempDir } from './fixtures.js';

let root: string;
beforeAll(async () => {
  root = await tempDir('pixmill-incremental-');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const webp = (quality: number): PipelineSpec =>
  makePipeline({ steps: [{ op: 'resize', params: { by: 'width', width: 160 } }], output: { format: 'webp', quality } });

async function photos(dir: string, names: string[]): Promise<void> {
  await Promise.all(names.map((n, i) => makeImage(join(dir, n), { width: 240 + i * 8, height: 180 })));
}

interface Step {
  plan: BatchPlan;
  rows: PlanRow[];
  summary: BatchSummary;
}

/**
 * The plan first, then the run: what the plan says it will write, skip, ignore or refuse is what
 * the run then does, file for file.
 */
async function planThenRun(inputs: string[], outDir: string, spec: PipelineSpec, recompress = false): Promise<Step> {
  const rows: PlanRow[] = [];
  const options = { inputs, outDir, spec, mode: 'threads' as const, workers: 2, recompress };
  const plan = await planBatch(options, (r) => rows.push(r));
  const summary = await startBatch(options).done;
  expect(summary.processed + summary.failed, 'written or failed, as planned').toBe(plan.counts.write + plan.counts.fail);
  expect(summary.skipped, 'skipped, as planned').toBe(plan.counts.skip);
  expect(summary.failed).toBe(0);
  return { plan, rows, summary };
}

const statusOf = (step: Step, name: string) => step.rows.find((r) => r.file.endsWith(`/${name}`))?.status;

describe('the same batch run again', () => {
  it('redoes exactly what each change calls for, and nothing else', async () => {
    const src = join(root, 'photos');
    const out = join(root, 'out');
    await photos(src, ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg', 'f.jpg', 'g.jpg', 'h.jpg']);
    const first = await planThenRun([src], out, webp(80));
    expect(first.plan.statuses.new).toBe(8);
    expect(first.summary.processed).toBe(8);
    const made = await hashTree(out);

    // Nothing changed: nothing is done, and no output is touched.
    const again = await planThenRun([src], out, webp(80));
    expect(again.plan.statuses['up-to-date']).toBe(8);
    expect(again.summary).toMatchObject({ processed: 0, upToDate: 8 });
    expect(await hashTree(out)).toEqual(made);

    // Touched (a new date, the same bytes): still up to date, told by the content hash.
    await utimes(join(src, 'a.jpg'), new Date(), new Date(Date.now() + 60_000));
    const touched = await planThenRun([src], out, webp(80));
    expect(touched.summary).toMatchObject({ processed: 0, upToDate: 8 });

    // Replaced with another picture of the same name: only it is redone, in place.
    await makeImage(join(src, 'b.jpg'), { width: 300, height: 200, color: '#3366cc' });
    const replaced = await planThenRun([src], out, webp(80));
    expect(statusOf(replaced, 'b.jpg')).toBe('changed');
    expect(replaced.summary).toMatchObject({ processed: 1, upToDate: 7 });
    const afterReplace = await hashTree(out);
    expect(afterReplace.get('b.webp')).not.toBe(made.get('b.webp'));
    expect([...afterReplace.keys()].sort()).toEqual([...made.keys()].sort());

    // Renamed: not encoded again; its output is renamed to match, byte for byte the same file.
    await rename(join(src, 'c.jpg'), join(src, 'c-renamed.jpg'));
    const renamed = await planThenRun([src], out, webp(80));
    expect(statusOf(renamed, 'c-renamed.jpg')).toBe('renamed');
    expect(renamed.summary).toMatchObject({ processed: 0, skippedFor: expect.objectContaining({ renamed: 1 }) });
    const afterRename = await hashTree(out);
    expect(afterRename.get('c-renamed.webp')).toBe(made.get('c.webp'));
    expect(afterRename.has('c.webp')).toBe(false);
    expect(await planThenRun([src], out, webp(80))).toMatchObject({ summary: { processed: 0, upToDate: 7 + 1 } });

    // A source deleted: nothing to do, and its output stays (an output is never deleted).
    await rm(join(src, 'd.jpg'));
    const deleted = await planThenRun([src], out, webp(80));
    expect(deleted.summary).toMatchObject({ processed: 0, upToDate: 7 });
    expect((await hashTree(out)).get('d.webp')).toBe(made.get('d.webp'));

    // An output deleted: made again.
    await rm(join(out, 'e.webp'));
    const missing = await planThenRun([src], out, webp(80));
    expect(statusOf(missing, 'e.jpg')).toBe('changed');
    expect(missing.summary).toMatchObject({ processed: 1, upToDate: 6 });
    expect(await listFiles(out)).toContain('e.webp');

    // An output edited by someone: theirs now. It stays as they left it; the new one goes beside it.
    await appendFile(join(out, 'f.webp'), 'edited');
    const edited = await readFile(join(out, 'f.webp'));
    const altered = await planThenRun([src], out, webp(80));
    expect(statusOf(altered, 'f.jpg')).toBe('conflict');
    expect(altered.rows.find((r) => r.file.endsWith('/f.jpg'))?.output).toBe(join(out, 'f-1.webp'));
    expect(altered.summary).toMatchObject({ processed: 1, upToDate: 6 });
    expect(await readFile(join(out, 'f.webp'))).toEqual(edited);

    // Another recipe: every source is redone, each output in place (f's is now f-1.webp).
    const before = await listFiles(out);
    const recipe = await planThenRun([src], out, webp(50));
    expect(recipe.plan.statuses.changed).toBe(7);
    expect(recipe.summary).toMatchObject({ processed: 7, upToDate: 0 });
    expect(await listFiles(out)).toEqual(before);
    expect((await listFiles(out)).filter(isTempFile)).toEqual([]);
  });

  it("skips Pixmill's own outputs met as inputs, unless asked to recompress them", async () => {
    const src = join(root, 'own-src');
    const first = join(root, 'own-first');
    const second = join(root, 'own-second');
    await photos(src, ['x.jpg', 'y.jpg', 'z.jpg']);
    await planThenRun([src], first, webp(80));
    // The first batch's outputs and the originals, dropped together onto a new batch.
    const mixed = await planThenRun([src, first], second, webp(80));
    expect(mixed.plan.statuses.skipped).toBe(3);
    expect(mixed.summary).toMatchObject({ processed: 3, skippedFor: expect.objectContaining({ 'own-output': 3 }) });
    expect(mixed.rows.filter((r) => r.status === 'skipped').every((r) => r.file.startsWith(first))).toBe(true);

    // Edited since, a file is no longer the output that batch left: it is processed.
    await writeFile(join(first, 'x.webp'), await sharp(join(src, 'x.jpg')).webp({ quality: 95 }).toBuffer());
    const third = join(root, 'own-third');
    expect(await planThenRun([first], third, webp(80))).toMatchObject({ summary: { processed: 1, skipped: 2 } });

    const forced = await planThenRun([first], join(root, 'own-forced'), webp(80), true);
    expect(forced.summary).toMatchObject({ processed: 3, skipped: 0 });
  });
});
