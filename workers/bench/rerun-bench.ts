// `pixmill bench --job rerun`: what a re-run costs when little or nothing changed, the question
// a weekly batch over a growing folder asks. N small distinct JPEGs (folders of 1,000) are
// processed once by `pixmill run`, then each round runs the same batch again three ways: nothing
// changed, 1 % of the originals touched (a new date, the same bytes: settled by their hash), and
// 0.1 % replaced (those redone). Every run is the real CLI as a child process, timed from spawn
// to exit, its summary checked, so a run that did the wrong work is an error, not a figure.
import { execFile } from 'node:child_process';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { PIXMILL_BIN, pixmillEnv } from './contenders.js';
import { median } from './rounds.js';

const run = promisify(execFile);

export interface RerunBenchOptions {
  files: number;
  rounds: number;
  /** An empty folder the bench may fill. */
  work: string;
  log: (line: string) => void;
}

export interface RerunResult {
  files: number;
  firstRunSeconds: number;
  /** Seconds per round, and their medians. */
  unchanged: number[];
  touched: number[];
  replaced: number[];
  medians: { unchanged: number | null; touched: number | null; replaced: number | null };
}

interface Summary {
  processed: number;
  failed: number;
  upToDate: number;
}

const PER_FOLDER = 1000;
const pathOf = (src: string, i: number) =>
  join(
    src,
    `d${String(Math.floor(i / PER_FOLDER)).padStart(3, '0')}`,
    `f${String(i % PER_FOLDER).padStart(4, '0')}.jpg`,
  );

/** One small JPEG, made distinct per file by four bytes after its end: N different files, quickly. */
async function generate(src: string, files: number, base: Buffer, salt: number): Promise<void> {
  for (let start = 0; start < files; start += PER_FOLDER) {
    await mkdir(join(pathOf(src, start), '..'), { recursive: true });
    const end = Math.min(files, start + PER_FOLDER);
    await Promise.all(
      Array.from({ length: end - start }, (_, k) => writeFile(pathOf(src, start + k), tagged(base, start + k, salt))),
    );
  }
}

function tagged(base: Buffer, i: number, salt: number): Buffer {
  const tag = Buffer.alloc(8);
  tag.writeUInt32BE(i);
  tag.writeUInt32BE(salt, 4);
  return Buffer.concat([base, tag]);
}

async function timedRun(src: string, out: string): Promise<{ seconds: number; summary: Summary }> {
  const args = [PIXMILL_BIN, 'run', src, '--out', out, '--format', 'png', '--json', '--quiet'];
  const t0 = performance.now();
  const { stdout } = await run(process.execPath, args, { env: pixmillEnv(process.env), maxBuffer: 1 << 30 });
  return { seconds: (performance.now() - t0) / 1000, summary: JSON.parse(stdout) as Summary };
}

function expectWork(what: string, s: Summary, processed: number, upToDate: number): void {
  if (s.failed !== 0 || s.processed !== processed || s.upToDate !== upToDate)
    throw new Error(
      `${what}: expected ${processed} processed and ${upToDate} up to date, got ${s.processed}, ${s.upToDate} (${s.failed} failed)`,
    );
}

export async function runRerunBench(o: RerunBenchOptions): Promise<RerunResult> {
  const src = join(o.work, 'src');
  const out = join(o.work, 'out');
  const base = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();
  o.log(`Generating ${o.files} small JPEGs…`);
  await generate(src, o.files, base, 0);
  o.log('First run (every file processed)…');
  const first = await timedRun(src, out);
  expectWork('first run', first.summary, o.files, 0);
  o.log(`  ${first.seconds.toFixed(1)} s`);
  const result: RerunResult = {
    files: o.files,
    firstRunSeconds: first.seconds,
    unchanged: [],
    touched: [],
    replaced: [],
    medians: { unchanged: null, touched: null, replaced: null },
  };
  const touchedCount = Math.max(1, Math.round(o.files / 100));
  const replacedCount = Math.max(1, Math.round(o.files / 1000));
  for (let r = 0; r < o.rounds; r++) {
    const unchanged = await timedRun(src, out);
    expectWork('unchanged re-run', unchanged.summary, 0, o.files);
    result.unchanged.push(unchanged.seconds);

    const later = new Date(Date.now() + (r + 1) * 60_000);
    // Spread over the tree, as a sync tool or a backup restore would touch them.
    for (let k = 0; k < touchedCount; k++) await utimes(pathOf(src, (k * 97 + r) % o.files), later, later);
    const touched = await timedRun(src, out);
    expectWork('touched re-run', touched.summary, 0, o.files);
    result.touched.push(touched.seconds);

    for (let k = 0; k < replacedCount; k++) {
      const i = (k * 997 + r * 13) % o.files;
      await writeFile(pathOf(src, i), tagged(base, i, r + 1));
    }
    const replaced = await timedRun(src, out);
    expectWork('replaced re-run', replaced.summary, replacedCount, o.files - replacedCount);
    result.replaced.push(replaced.seconds);
    o.log(
      `  round ${r + 1}: unchanged ${unchanged.seconds.toFixed(2)} s, ${touchedCount} touched ${touched.seconds.toFixed(2)} s, ${replacedCount} replaced ${replaced.seconds.toFixed(2)} s`,
    );
  }
  result.medians = {
    unchanged: median(result.unchanged),
    touched: median(result.touched),
    replaced: median(result.replaced),
  };
  return result;
}

export function formatRerunReport(r: RerunResult): string {
  const s = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} s`);
  return [
    `Re-runs of ${r.files.toLocaleString('en')} files (first run: ${r.firstRunSeconds.toFixed(1)} s, every file processed)`,
    `  nothing changed          ${s(r.medians.unchanged)}  (median of ${r.unchanged.length})`,
    `  1 % touched (same bytes) ${s(r.medians.touched)}`,
    `  0.1 % replaced           ${s(r.medians.replaced)}`,
  ].join('\n');
}
