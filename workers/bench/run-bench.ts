// `pixmill bench`: pick the images, plan the contenders, run the interleaved rounds, check that
// every contender produced the same output sizes, and reduce the runs to the result. Electron-free,
// and sharp is never loaded into this process (only its children use it), so the desktop app can
// drive the same code from its main process.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { defaultWorkers, maxWorkers, WORKER_MODES, type WorkerMode } from '../../common/concurrency.js';
import { makePipeline } from '../../common/pipeline.js';
import { type Contender, launchSpecs, PACKAGE_ROOT, planRace, type RunPaths } from './contenders.js';
import { type DatasetSpec, datasetFor, ensureDataset, listImages } from './dataset.js';
import { type DecodersResult, runDecoderBench } from './decoder-bench.js';
import { ensureDecoderSet } from './decoder-set.js';
import { BENCH_JOBS, type BenchJob, JOBS, type JobInput, jobPipeline } from './jobs.js';
import { compareSizes, outputSizes } from './output-check.js';
import { failedQueue, type QueueBenchResult, runQueueBench } from './queue-bench.js';
import { schedule } from './rounds.js';
import { type RunMeasure, runContenderOnce } from './run-contender.js';
import type { RunStats } from './run-stats.js';
import type { AutoChoice } from './shapes.js';
import { type BenchResult, summarise } from './summarise.js';
import { detectTools } from './tools.js';

export interface BenchOptions {
  /** A folder of the user's images, for every job; otherwise each job's generated set. */
  dir?: string;
  quick?: boolean;
  rounds?: number;
  jobs?: readonly BenchJob[];
  /** The fixed configurations: every fixed mode at each count. */
  workerCounts?: readonly number[];
  /** Bare sharp and the external tools run at these counts. */
  referenceCounts?: readonly number[];
  modes?: readonly WorkerMode[];
  /** Also race `--mode auto` as people run it, without --workers (default: true). */
  auto?: boolean;
  /** false: race Pixmill against bare sharp only. */
  externals?: boolean | undefined;
  /** Also measure the decoder row (a 12 MP photo as JPEG, HEIC, JPEG XL and PSD); off unless asked. */
  decoders?: boolean;
  /** Also measure the queue row (the same batch through Redis against the local pool); `redisUrl`: the person's Redis, else a private redis-server. */
  queue?: { redisUrl?: string | undefined } | false;
  /** Replaces every job's generated set (tests use a tiny one). */
  dataset?: DatasetSpec;
  cacheDir?: string;
  log?: (line: string) => void;
}

export interface RunRecord extends Omit<RunMeasure, 'stdout'> {
  round: number;
  id: string;
  /** The round's slice of the dataset. */
  images: number;
  bytes: number;
  /** Total size of the run's outputs. */
  outBytes?: number;
  stats?: RunStats;
  /** Auto only: what the run's summary says auto chose; null when the summary has no `tuning`. */
  tuning?: AutoChoice | null;
}

/**
 * The fixed configurations: one worker per core and the 2×cores auto may reach (fewer leaves
 * cores idle), and in a full run also 1 and cores + 1. On 2 cores: 2 and 4 quick; 1–4 full.
 */
export function defaultWorkerCounts(cores: number, quick: boolean): number[] {
  const max = maxWorkers(cores);
  const base = defaultWorkers(cores);
  const counts = quick ? [base, max] : [1, base, base + 1, max];
  return [...new Set(counts)].filter((n) => n <= max).sort((a, b) => a - b);
}

/** Bare sharp and the anchors: at one per core, and in a full run also at 1 and 2×cores. */
export function defaultReferenceCounts(cores: number, quick: boolean): number[] {
  const base = defaultWorkers(cores);
  return quick ? [base] : [...new Set([1, base, maxWorkers(cores)])].sort((a, b) => a - b);
}

/** What auto chose, from `pixmill run --json`'s summary (its last line); null if it says nothing. */
export function autoChoiceFrom(stdout: string | undefined): AutoChoice | null {
  const line = stdout?.trim().split('\n').at(-1);
  if (!line) return null;
  try {
    const t = (JSON.parse(line) as { tuning?: Partial<AutoChoice> }).tuning;
    if (!t || typeof t.mode !== 'string' || typeof t.workers !== 'number') return null;
    return { mode: t.mode, workers: t.workers, libvipsThreads: t.libvipsThreads ?? 1, reason: t.reason ?? '' };
  } catch {
    return null;
  }
}

/**
 * Big datasets are cut into one stratified slice per round: every contender processes the same
 * slice within a round (so the pair is fair), every file is processed once per contender over
 * the run, and a round costs 1/rounds of the dataset. The shift by ⌊i/n⌋ keeps files with a
 * period of n (every fifth generated photo is rotated) from piling into one slice.
 */
export function sliceFor<T>(files: readonly T[], slices: number, round: number): T[] {
  if (slices <= 1) return [...files];
  return files.filter((_, i) => (i + Math.floor(i / slices)) % slices === round % slices);
}

/** Datasets at least this large are sliced across the rounds (see sliceFor). */
const SLICE_FROM = 100;

/**
 * A round's input: a flat folder of uniquely named links. A user's folder may hold sub-folders
 * with equal file names, and vipsthumbnail and mogrify write every output into one folder; and
 * `pixmill run` takes a folder, so the slice needs one of its own.
 */
async function stageInput(files: readonly string[], dir: string): Promise<string[]> {
  await mkdir(dir);
  const width = String(files.length).length;
  const links: string[] = [];
  for (const [i, file] of files.entries()) {
    const link = join(dir, `${String(i).padStart(width, '0')}-${basename(file)}`);
    await symlink(file, link);
    links.push(link);
  }
  return links;
}

async function versions(): Promise<{ sharp: string; libvips: string }> {
  // Asked of a child: this process must not load sharp (see the header).
  const script =
    "const v=require('sharp').versions;process.stdout.write(JSON.stringify({sharp:v.sharp,libvips:v.vips}))";
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT });
    return JSON.parse(stdout) as { sharp: string; libvips: string };
  } catch {
    return { sharp: 'unknown', libvips: 'unknown' };
  }
}

interface InputSet {
  input: JobInput;
  jobs: BenchJob[];
  files: string[];
  dir: string;
  slices: number;
}

/** Each kind of input the jobs need: the user's folder for all of them, or each one's generated set. */
async function gatherInputs(o: BenchOptions, jobs: readonly BenchJob[], rounds: number): Promise<InputSet[]> {
  const log = o.log ?? (() => {});
  const userFiles = o.dir ? await listImages(o.dir) : undefined;
  const sets: InputSet[] = [];
  for (const job of jobs) {
    const input = JOBS[job].input;
    const known = sets.find((s) => s.input === input);
    if (known) {
      known.jobs.push(job);
      continue;
    }
    let files = userFiles;
    if (!files) {
      const spec = o.dataset ?? datasetFor(input, o.quick ?? false);
      log(`Dataset ${spec.name}: generating what is not cached yet (once)…`);
      const dir = await ensureDataset(
        spec,
        o.cacheDir,
        (made, total) => made % 20 === 0 && log(`  ${made}/${total} generated`),
      );
      files = await listImages(dir);
    }
    if (files.length === 0) throw new Error(`No JPEG, PNG, WebP or TIFF images in ${o.dir ?? 'the dataset'}`);
    sets.push({
      input,
      jobs: [job],
      files,
      dir: o.dir ?? dirname(files[0]!),
      slices: files.length >= SLICE_FROM ? rounds : 1,
    });
  }
  return sets;
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const quick = options.quick ?? false;
  const cores = availableParallelism();
  const rounds = options.rounds ?? (quick ? 3 : 5);
  // No jobs: the decoder row alone (`pixmill bench --job decoders`).
  const jobs = options.jobs ?? BENCH_JOBS;
  const workerCounts = options.workerCounts ?? defaultWorkerCounts(cores, quick);
  const tools = await detectTools();
  const work = await mkdtemp(join(tmpdir(), 'pixmill-bench-'));
  try {
    const inputs = await gatherInputs(options, jobs, rounds);
    // Every run reads the files from the page cache, the first one included.
    const sizeOf = new Map<string, number>();
    for (const f of inputs.flatMap((s) => s.files)) if (!sizeOf.has(f)) sizeOf.set(f, (await readFile(f)).length);
    const pipelineFiles = {} as Record<BenchJob, string>;
    for (const job of jobs) {
      pipelineFiles[job] = join(work, `${job}.json`);
      await writeFile(pipelineFiles[job], JSON.stringify(makePipeline(jobPipeline(job))));
    }

    const { contenders, skipped } = planRace({
      jobs,
      workerCounts,
      referenceCounts:
        options.referenceCounts ?? (options.workerCounts ? workerCounts : defaultReferenceCounts(cores, quick)),
      modes: options.modes ?? WORKER_MODES,
      // Without --workers, auto may run up to 2×cores (what `pixmill run` allows).
      auto: options.auto === false ? undefined : { workers: maxWorkers(cores) },
      tools,
      externals: options.externals,
    });
    // A job's configurations race side by side: auto ÷ best fixed pairs runs of one job, any N.
    const plan = schedule(contenders, rounds, (c) => c.job);
    const runs: RunRecord[] = [];
    const invalid = new Map<string, string>();
    const total = plan.flat().length;
    let k = 0;
    for (const [round, order] of plan.entries()) {
      const staged = new Map<JobInput, { inputDir: string; listFile: string; files: string[]; bytes: number }>();
      for (const set of inputs) {
        const slice = sliceFor(set.files, set.slices, round);
        const inputDir = join(work, `input-${round}-${set.input}`);
        const files = await stageInput(slice, inputDir);
        const listFile = join(work, `files-${round}-${set.input}.txt`);
        await writeFile(listFile, `${files.join('\n')}\n`);
        staged.set(set.input, { inputDir, listFile, files, bytes: slice.reduce((sum, f) => sum + sizeOf.get(f)!, 0) });
      }
      const sizes = new Map<string, Map<string, string>>();
      for (const c of order) {
        const input = staged.get(JOBS[c.job].input)!;
        const outDir = join(work, `out-${++k}`);
        await mkdir(outDir);
        const paths: RunPaths = {
          inputDir: input.inputDir,
          listFile: input.listFile,
          files: input.files,
          outDir,
          pipelineFile: pipelineFiles[c.job],
          statsFile: join(work, `stats-${k}.json`),
        };
        const { stdout, ...measure } = await runContenderOnce(launchSpecs(c, paths, tools));
        const record: RunRecord = { ...measure, round, id: c.id, images: input.files.length, bytes: input.bytes };
        if (c.tool === 'pixmill' && measure.failures.length === 0) {
          record.stats = JSON.parse(await readFile(paths.statsFile, 'utf8')) as RunStats;
          if (c.mode === 'auto') record.tuning = autoChoiceFrom(stdout);
        }
        if (measure.failures.length === 0) {
          const outputs = await outputSizes(outDir);
          sizes.set(c.id, outputs.sizes);
          record.outBytes = outputs.bytes;
        }
        runs.push(record);
        await rm(outDir, { recursive: true, force: true });
        const how = measure.failures.length ? `FAILED ${measure.failures[0]}` : `${measure.wallSeconds.toFixed(2)} s`;
        const chose = record.tuning ? ` (auto: ${record.tuning.mode} ×${record.tuning.workers})` : '';
        log(`[${k}/${total}] round ${round + 1} ${c.id}: ${how}${chose}`);
      }
      // Every output of every run is checked against the reference run of the same round.
      markMismatches(contenders, sizes, invalid, round);
      for (const { inputDir } of staged.values()) await rm(inputDir, { recursive: true, force: true });
    }
    let decoders: DecodersResult | null = null;
    if (options.decoders) {
      log('Decoder row: a 12 MP photo as JPEG, HEIC, JPEG XL and PSD, one `pixmill run -w 1` per file…');
      const decoderFiles = await ensureDecoderSet(tools, options.cacheDir, log);
      decoders = await runDecoderBench({ files: decoderFiles, rounds, work, log });
    }
    let queue: QueueBenchResult | null = null;
    if (options.queue) {
      log('Queue row: the same small JPEGs through Redis (1 and 2 `pixmill worker`s) against the local pool…');
      // A failed row is reported as such: the race measured before it is not thrown away.
      queue = await runQueueBench({
        redisUrl: options.queue.redisUrl,
        quick,
        ...(options.rounds ? { rounds: options.rounds } : {}),
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        work,
        log,
      }).catch((e: unknown) => failedQueue(e instanceof Error ? e.message : String(e)));
      if (queue.skipped) log(`Queue row skipped: ${queue.skipped}`);
      if (queue.failed) log(`Queue row FAILED: ${queue.failed}`);
    }
    const v = await versions();
    const bytesOf = (files: readonly string[]) => files.reduce((a, f) => a + sizeOf.get(f)!, 0);
    const result = summarise({
      contenders,
      runs,
      invalid,
      rounds,
      workerCounts,
      jobs,
      images: inputs.reduce((n, s) => n + s.files.length, 0),
      bytes: [...sizeOf.values()].reduce((a, b) => a + b, 0),
      slices: Math.max(1, ...inputs.map((s) => s.slices)),
      datasetDir: options.dir ?? inputs[0]?.dir ?? '',
      generated: !options.dir,
      datasets: inputs.map((s) => ({
        dir: s.dir,
        generated: !options.dir,
        images: s.files.length,
        megabytes: bytesOf(s.files) / 1e6,
        slices: s.slices,
        jobs: s.jobs,
      })),
      skipped,
      decoders,
      environment: {
        date: new Date().toISOString(),
        cores,
        cpu: cpus()[0]?.model ?? 'unknown',
        memoryGB: Math.round(totalmem() / 2 ** 30),
        platform: `${process.platform} ${process.arch}`,
        node: process.version,
        sharp: v.sharp,
        libvips: v.libvips,
        vipsthumbnail: tools.vipsthumbnail?.version ?? null,
        imagemagick: tools.mogrify?.version ?? null,
        heifEnc: tools.heifEnc?.version ?? null,
        cjxl: tools.cjxl?.version ?? null,
      },
    });
    return queue ? { ...result, queue } : result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Each contender against bare sharp at the same job and N; without a reference, against any bare sharp of the job. */
export function markMismatches(
  contenders: readonly Contender[],
  sizes: Map<string, Map<string, string>>,
  invalid: Map<string, string>,
  round = 0,
): void {
  for (const c of contenders) {
    if (c.tool === 'bare-sharp') continue;
    const ref =
      contenders.find(
        (r) => r.tool === 'bare-sharp' && r.job === c.job && r.workers === c.workers && sizes.has(r.id),
      ) ?? contenders.find((r) => r.tool === 'bare-sharp' && r.job === c.job && sizes.has(r.id));
    const mine = sizes.get(c.id);
    if (!ref || !mine) continue;
    const problem = compareSizes(sizes.get(ref.id)!, mine);
    if (problem && !invalid.has(c.id)) invalid.set(c.id, `round ${round + 1}: ${problem}`);
  }
}
