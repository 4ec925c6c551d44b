// `pixmill bench --job quality [DIR]`: the quality table alone (on request only: a run takes
// minutes, every photo searched four ways for three rounds). Photos: DIR, else the shared
// corpus's photos when PIXMILL_CORPUS names it, else the bench's generated set.
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXIT } from '../usage-error.js';

export interface QualityFlags {
  quick?: boolean;
  json?: boolean;
}

async function photos(
  dir: string | undefined,
  log: (line: string) => void,
): Promise<{ files: string[]; source: string }> {
  const { DATASETS, ensureDataset, listImages } = await import('../../workers/bench/dataset.js');
  if (dir) return { files: await listImages(resolve(dir)), source: resolve(dir) };
  const corpus = process.env['PIXMILL_CORPUS'];
  if (corpus) {
    const { CORPUS_PHOTOS } = await import('../../workers/bench/quality-bench.js');
    const found: string[] = [];
    for (const f of CORPUS_PHOTOS) {
      const path = resolve(corpus, f);
      if (
        await access(path).then(
          () => true,
          () => false,
        )
      )
        found.push(path);
    }
    if (found.length > 0) return { files: found, source: `${found.length} corpus photos in ${resolve(corpus)}` };
  }
  log(`Dataset ${DATASETS.quick.name}: generating what is not cached yet (once)…`);
  const generated = await ensureDataset(DATASETS.quick);
  return { files: await listImages(generated), source: `the generated photos in ${generated}` };
}

export async function benchQuality(
  dir: string | undefined,
  rounds: number | undefined,
  flags: QualityFlags,
): Promise<number> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const { files: all, source } = await photos(dir, log);
  if (all.length === 0) throw new Error(`No JPEG, PNG, WebP or TIFF images in ${source}`);
  const files = flags.quick ? all.slice(0, 4) : all;
  const { runQualityBench } = await import('../../workers/bench/quality-bench.js');
  const { formatQualityReport } = await import('../../workers/bench/quality-report.js');
  const work = await mkdtemp(join(tmpdir(), 'pixmill-bench-quality-'));
  try {
    const result = await runQualityBench({ files, rounds: rounds ?? (flags.quick ? 1 : 3), work, log });
    const what = files.length < all.length ? `the first ${files.length} of ${source}` : source;
    process.stdout.write(
      flags.json ? `${JSON.stringify({ source: what, ...result })}\n` : `${formatQualityReport(result, what)}\n`,
    );
    return EXIT.ok;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
