// `pixmill bench --job rerun`: re-runs of a generated tree (on request only: the first run of
// 100,000 files takes a while). --quick: 10,000 files, one round.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../usage-error.js';

export async function benchRerun(
  rounds: number | undefined,
  flags: { quick?: boolean; json?: boolean },
): Promise<number> {
  const { runRerunBench, formatRerunReport } = await import('../../workers/bench/rerun-bench.js');
  const work = await mkdtemp(join(tmpdir(), 'pixmill-bench-rerun-'));
  try {
    const result = await runRerunBench({
      files: flags.quick ? 10_000 : 100_000,
      rounds: rounds ?? (flags.quick ? 1 : 3),
      work,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${formatRerunReport(result)}\n`);
    return EXIT.ok;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
