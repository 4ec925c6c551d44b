// The decoder row of `pixmill bench`: what decoding one 12 MP photo costs in a worker, per format,
// next to the same photo as a JPEG. Each run is one `pixmill run FILE -w 1 --format jpeg` (a
// fresh CLI and worker, as a user's one-off conversion gets), in interleaved rounds whose order
// rotates; the whole job's time is compared with the JPEG's run of the same round. The read
// stage comes from the run's --stats-file: for the WebAssembly formats it holds the whole decode
// (and, once per worker, compiling ImageMagick's .wasm), for the JPEG only its header, since
// libvips decodes a JPEG while the pipeline runs.
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PIXMILL_BIN, pixmillEnv } from './contenders.js';
import { DECODER_IMAGE, type DecoderFile, type DecoderFormat } from './decoder-set.js';
import { medianOf, pairedRatio, schedule } from './rounds.js';
import { runContenderOnce } from './run-contender.js';
import type { RunStats } from './run-stats.js';

export interface DecoderRun {
  round: number;
  format: DecoderFormat;
  wallSeconds: number;
  peakRssBytes: number | null;
  failures: string[];
  stats?: RunStats;
}

export interface DecoderRow {
  format: DecoderFormat;
  label: string;
  status: 'ok' | 'failed' | 'not measured';
  /** Why the row has no figures (a missing encoder, a failed run). */
  problem?: string;
  fileMB: number | null;
  rounds: number;
  /** Medians over the rounds: the whole `pixmill run`, and its read and pipeline stages. */
  wallMs: number | null;
  readMs: number | null;
  pipelineMs: number | null;
  readMsPerMP: number | null;
  /** Median per-round wall time ÷ the JPEG's in the same round; 1 for the JPEG itself. */
  wallVsJpeg: number | null;
  /** Peak resident memory of the run's process tree (the CLI and its worker), or null without /proc. */
  peakRssMB: number | null;
}

export interface DecodersResult {
  width: number;
  height: number;
  megapixels: number;
  rounds: number;
  rows: DecoderRow[];
}

export interface DecoderSummaryInput {
  files: readonly (DecoderFile & { bytes?: number })[];
  runs: readonly DecoderRun[];
  rounds: number;
  width?: number;
  height?: number;
}

/** Pure: the runs of the decoder row reduced to one row per format. */
export function summariseDecoders(input: DecoderSummaryInput): DecodersResult {
  const width = input.width ?? DECODER_IMAGE.width;
  const height = input.height ?? DECODER_IMAGE.height;
  const megapixels = (width * height) / 1e6;
  const ok = input.runs.filter((r) => r.failures.length === 0).map((r) => ({ ...r, id: r.format }));
  const timed = ok.map((r) => ({ round: r.round, id: r.format, wallSeconds: r.wallSeconds }));
  const rows = input.files.map((f): DecoderRow => {
    const mine = ok.filter((r) => r.format === f.format);
    const failure = input.runs.find((r) => r.format === f.format && r.failures.length)?.failures[0];
    const readMs = medianOf(ok, f.format, (r) => r.stats?.stages.read);
    const status: DecoderRow['status'] = f.missing ? 'not measured' : mine.length ? 'ok' : 'failed';
    const problem = f.missing ?? (mine.length ? undefined : failure);
    return {
      format: f.format,
      label: f.label,
      status,
      ...(problem ? { problem } : {}),
      fileMB: f.bytes === undefined ? null : f.bytes / 1e6,
      rounds: mine.length,
      wallMs: medianOf(ok, f.format, (r) => r.wallSeconds * 1000),
      readMs,
      pipelineMs: medianOf(ok, f.format, (r) => r.stats?.stages.pipeline),
      readMsPerMP: readMs === null ? null : readMs / megapixels,
      // pairedRatio(a, b) is time(b) ÷ time(a): the JPEG as `a` gives this format's time ÷ the JPEG's.
      wallVsJpeg: f.format === 'jpeg' ? (mine.length ? 1 : null) : pairedRatio(timed, 'jpeg', f.format),
      peakRssMB: medianOf(ok, f.format, (r) => (r.peakRssBytes === null ? null : r.peakRssBytes / 2 ** 20)),
    };
  });
  return { width, height, megapixels, rounds: input.rounds, rows };
}

export interface DecoderBenchOptions {
  files: readonly DecoderFile[];
  rounds: number;
  /** A scratch folder of the bench's, removed by it. */
  work: string;
  log?: (line: string) => void;
}

export async function runDecoderBench(o: DecoderBenchOptions): Promise<DecodersResult> {
  const log = o.log ?? (() => {});
  const measured = o.files.filter((f): f is DecoderFile & { path: string } => f.path !== undefined);
  // One group (same job, one worker): the order inside it rotates every round.
  const plan = schedule(
    measured.map((f) => ({ ...f, id: f.format, job: 'decoders', workers: 1 })),
    o.rounds,
  );
  const runs: DecoderRun[] = [];
  const total = plan.flat().length;
  let k = 0;
  for (const [round, order] of plan.entries()) {
    for (const f of order) {
      const outDir = join(o.work, `decoder-out-${++k}`);
      const statsFile = join(o.work, `decoder-stats-${k}.json`);
      await mkdir(outDir);
      const args = [PIXMILL_BIN, 'run', f.path, '--out', outDir, '--workers', '1', '--format', 'jpeg', '--json'];
      const measure = await runContenderOnce([
        { command: process.execPath, args: [...args, '--stats-file', statsFile], env: pixmillEnv(process.env) },
      ]);
      const run: DecoderRun = {
        round,
        format: f.format,
        wallSeconds: measure.wallSeconds,
        peakRssBytes: measure.peakRssBytes,
        failures: measure.failures,
      };
      if (measure.failures.length === 0) run.stats = JSON.parse(await readFile(statsFile, 'utf8')) as RunStats;
      // A run whose file was not converted has no decode to report, whatever its exit code said.
      if (run.stats && run.stats.images !== 1) run.failures = [`${f.label}: no image was processed`];
      runs.push(run);
      await rm(outDir, { recursive: true, force: true });
      const how = run.failures.length ? `FAILED ${run.failures[0]}` : `${run.wallSeconds.toFixed(2)} s`;
      log(`[decoders ${k}/${total}] round ${round + 1} ${f.label}: ${how}`);
    }
  }
  const files = await Promise.all(o.files.map(async (f) => (f.path ? { ...f, bytes: (await stat(f.path)).size } : f)));
  return summariseDecoders({ files, runs, rounds: o.rounds });
}
