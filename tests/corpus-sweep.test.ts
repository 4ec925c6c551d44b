// The whole real-world corpus (../shared/corpora: PngSuite, sharp's fixtures, orientations,
// animations, damaged and fuzzed files, pixel bombs) through the real engine: every file ends
// as exactly one answer (an output, a row, or passed over with a reason, the MANIFEST and
// LICENSES files included), nothing hangs, nothing is written beside the originals.
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../common/errors.js';
import type { EngineEvent } from '../common/events.js';
import { makePipeline } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import type { PoolStats } from '../workers/pool/pool.js';
import { corpusDir, hashTree, listFiles, tempDir } from './fixtures.js';

const corpus = corpusDir();
if (!corpus)
  console.log('corpus sweep skipped: set PIXMILL_CORPUS to the corpora folder (e.g. ../shared/corpora) to run it');

(corpus ? describe : describe.skip)('corpus sweep', () => {
  it('gives every file one outcome with a known code, and leaves the corpus untouched', {
    timeout: 180_000,
  }, async () => {
    const root = corpus!;
    const inputs = [root];
    const before = await hashTree(root);
    const out = await tempDir('pixmill-corpus-');
    const spec = makePipeline({
      steps: [{ op: 'resize', params: { by: 'box', width: 64, height: 64 } }],
      output: { format: 'png' },
      // Fuzz files can cost seconds of CPU each; the per-job timeout is what guarantees an end.
      limits: { timeoutSeconds: 30 },
    });

    const outcomes = new Map<string, string[]>();
    const note = (file: string, what: string): void => void outcomes.set(file, [...(outcomes.get(file) ?? []), what]);
    const onEvent = (e: EngineEvent): void => {
      if (e.type === 'file-done') note(e.file, 'done');
      else if (e.type === 'file-skipped') note(e.file, 'skipped');
      else if (e.type === 'file-failed') note(e.file, e.code);
      else if (e.type === 'file-ignored') note(e.file, e.reason);
    };
    let stats: Readonly<PoolStats> | undefined;
    const summary = await startBatch({
      inputs,
      outDir: out,
      spec,
      mode: 'processes',
      workers: 2,
      onEvent,
      onPoolStats: (s) => (stats = s),
    }).done;

    const codes = new Map<string, number>();
    for (const e of summary.errors) codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
    const present = await filesPresent(root);
    const ignored = Object.entries(summary.ignored).map(([reason, n]) => `${n} ${reason}`);
    console.log(
      `corpus sweep: ${present.size} files present, ${summary.files} answered: ${summary.total} images (${summary.processed} processed, ${summary.skipped} skipped, ${summary.failed} failed), ignored ${ignored.join(', ')} in ${summary.seconds.toFixed(1)} s`,
    );
    console.table(Object.fromEntries([...codes].sort((a, b) => b[1] - a[1]).map(([code, n]) => [code, { files: n }])));
    console.log(`corpus sweep: ${stats?.crashes} worker crashes, ${stats?.timeouts} timeouts`);

    expect(summary.cancelled).toBe(false);
    expect(summary.processed + summary.failed + summary.skipped).toBe(summary.total);
    // Files answered = files present: images + ignored, nothing vanishes without a word.
    expect(summary.files).toBe(present.size);
    expect(summary.total + summary.ignored['not-image'] + summary.ignored.hidden).toBe(present.size);
    expect([...outcomes.keys()].sort()).toEqual([...present].map((f) => join(root, f)).sort());
    expect(summary.ignoredFiles).toHaveLength(summary.ignored['not-image'] + summary.ignored.hidden);
    for (const [file, seen] of outcomes) expect(seen, file).toHaveLength(1);
    expect(summary.errors).toHaveLength(summary.failed);
    for (const e of summary.errors) {
      expect(Object.keys(ERROR_CODES), `${e.file}: ${e.code}`).toContain(e.code);
      expect(outcomes.get(e.file), e.file).toEqual([e.code]);
    }
    // No worker death goes unreported: a job is reported WORKER_CRASHED only after its worker
    // died under it twice, so every such row is backed by two crashes (the others are jobs that
    // succeeded on their retry); every job the pool killed for running too long is a TIMEOUT row.
    expect(stats, 'pool statistics').toBeDefined();
    const crashedRows = codes.get('WORKER_CRASHED') ?? 0;
    expect(stats!.crashes).toBeGreaterThanOrEqual(2 * crashedRows);
    expect(codes.get('TIMEOUT') ?? 0).toBe(stats!.timeouts);
    for (const e of summary.errors.filter((x) => x.code === 'WORKER_CRASHED'))
      expect(e.detail, e.file).toMatch(/exited|worker/);

    expect(await hashTree(root)).toEqual(before);
    expect((await listFiles(out)).filter((f) => /(^|\/)\.pixmill-/.test(f))).toEqual([]);
  });
});

/** Every regular file below `root`; a hidden folder is one entry, as the scan answers it once. */
async function filesPresent(root: string): Promise<Set<string>> {
  const present = new Set<string>();
  for (const file of await listFiles(root)) {
    const parts = file.split(sep);
    const hidden = parts.findIndex((p) => p.startsWith('.'));
    present.add(hidden >= 0 && hidden < parts.length - 1 ? parts.slice(0, hidden + 1).join(sep) : file);
  }
  return present;
}
