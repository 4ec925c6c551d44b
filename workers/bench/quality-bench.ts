// `pixmill bench --job quality`: fixed JPEG q80 against the quality target, the size cap and the
// format shoot-out on real photos (a folder of the user's, the shared corpus's photos, or the
// generated set), each strategy one child process per round, in rounds whose order rotates. This
// process never loads sharp: the children do the encoding (quality-child.ts).
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TARGET_SCORE } from '../../common/pipeline.js';
import { QUALITY_STRATEGIES, type QualityImageRun, type QualityStrategy } from './quality-strategies.js';
import { type QualityResult, type QualityRun, summariseQuality } from './quality-summary.js';
import { median, rotate } from './rounds.js';

/** The shared corpus's photographs (the other corpus files are test patterns, icons and damage). */
export const CORPUS_PHOTOS = [
  'sharp-fixtures/flowers.jpeg',
  'sharp-fixtures/4.webp',
  'sharp-fixtures/Landscape_9.jpg',
  'sharp-fixtures/concert.jpg',
  'sharp-fixtures/Channel_digital_image_CMYK_color_no_profile.jpg',
  'orientation/Landscape_1.jpg',
  'orientation/Portrait_1.jpg',
  'formats/sample-a98.jpg',
] as const;

/** The size cap strategy's cap: this share of the median fixed-q80 file, so it binds on most photos. */
const CAP_SHARE = 0.7;

export interface QualityBenchOptions {
  files: readonly string[];
  rounds: number;
  /** A scratch folder of the caller's, removed by it. */
  work: string;
  target?: number;
  log?: (line: string) => void;
}

/** The child as built (out/main/quality-bench.js), or its source through tsx (tests, vitest). */
function childCommand(): string[] {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? ['--import', 'tsx', resolve(dirname(here), 'quality-child.ts')]
    : [join(dirname(here), 'quality-bench.js')];
}

async function runChild(
  strategy: QualityStrategy,
  list: string,
  out: string,
  params: { target: number; cap: number },
): Promise<QualityImageRun[]> {
  const args = [
    ...childCommand(),
    '--list',
    list,
    '--strategy',
    strategy,
    '--target',
    String(params.target),
    '--cap',
    String(params.cap),
    '--out',
    out,
  ];
  await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 2 ** 20 });
  const runs = JSON.parse(await readFile(out, 'utf8')) as QualityImageRun[];
  await rm(out, { force: true });
  return runs;
}

export async function runQualityBench(o: QualityBenchOptions): Promise<QualityResult> {
  const log = o.log ?? (() => {});
  const target = o.target ?? TARGET_SCORE.default;
  const list = join(o.work, 'quality-files.txt');
  await writeFile(list, `${o.files.join('\n')}\n`);
  // A first fixed run, not counted: it fills the page cache and sets the cap from its file sizes.
  log(`Quality: ${o.files.length} photos; a first fixed run to set the size cap…`);
  const warm = await runChild('fixed', list, join(o.work, 'quality-warm.json'), { target, cap: 0 });
  const cap = Math.round(CAP_SHARE * (median(warm.map((r) => r.bytes)) ?? 100_000));
  const runs: QualityRun[] = [];
  const total = o.rounds * QUALITY_STRATEGIES.length;
  for (let round = 0; round < o.rounds; round++) {
    for (const strategy of rotate(QUALITY_STRATEGIES, round)) {
      const t0 = performance.now();
      const images = await runChild(strategy, list, join(o.work, `quality-${round}-${strategy}.json`), { target, cap });
      runs.push({ round, strategy, images });
      log(
        `[quality ${runs.length}/${total}] round ${round + 1} ${strategy}: ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
  }
  return summariseQuality(runs, target, cap, o.rounds);
}
