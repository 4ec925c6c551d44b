// The re-run benchmark on a tiny tree: each of its runs is the real CLI and must do exactly the
// work its round calls for (nothing, nothing for touched files, the replaced ones), or the bench
// fails instead of printing a figure.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../tests/fixtures.js';
import { formatRerunReport, runRerunBench } from './rerun-bench.js';

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('pixmill bench --job rerun', () => {
  it('times re-runs that did just the work each round calls for', async () => {
    work = await tempDir('pixmill-rerun-bench-');
    const lines: string[] = [];
    const result = await runRerunBench({ files: 150, rounds: 1, work, log: (l) => lines.push(l) });
    expect(result.unchanged).toHaveLength(1);
    expect(result.medians.replaced).toBeGreaterThan(0);
    expect(formatRerunReport(result)).toMatch(/Re-runs of 150 files[\s\S]*nothing changed +\d+\.\d\d s/);
    expect(lines.at(-1)).toMatch(/2 touched .* 1 replaced/);
  });
});
