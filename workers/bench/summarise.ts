// From runs to results: medians per contender, paired ratios (to bare sharp at the same job and
// N, and to the best external tool of the job), where the time goes for the best Pixmill mode,
// and the targets of the issue, measured. Pure data in, data out: tested without running anything.
import type { BenchJob, Contender, SkippedAnchor } from './contenders.js';
import { contenderName, isExternal } from './contenders.js';
import type { DecodersResult } from './decoder-bench.js';
import type { QueueBenchResult } from './queue-bench.js';
import { median, medianOf, pairedRatio } from './rounds.js';
import type { RunRecord } from './run-bench.js';
import type { StageTimes } from './run-stats.js';
import { type JobShape, jobShapes } from './shapes.js';
import { autoTargets, evaluateTargets, type Target } from './targets.js';

export interface Environment {
  date: string;
  cores: number;
  cpu: string;
  memoryGB: number;
  platform: string;
  node: string;
  sharp: string;
  libvips: string;
  vipsthumbnail: string | null;
  imagemagick: string | null;
  /** The decoder row's encoders (HEIC, JPEG XL). */
  heifEnc: string | null;
  cjxl: string | null;
}

export interface ContenderResult {
  id: string;
  job: BenchJob;
  name: string;
  workers: number;
  status: 'ok' | 'INVALID' | 'failed';
  problem?: string;
  /** Rounds that ran to the end. */
  rounds: number;
  /** Median wall time of one run (one round's slice of the dataset). */
  wallSeconds: number | null;
  imagesPerSecond: number | null;
  mbPerSecond: number | null;
  /** Mean size of one output: a contender that encodes less carefully shows here. */
  outKBPerImage: number | null;
  /** CPU time of the tree ÷ wall time ÷ cores: 1 = every core busy all the time. */
  cpuUtilisation: number | null;
  peakRssMB: number | null;
  /** Median per-round speed ÷ bare sharp's at the same job and N. */
  vsBareSharp: number | null;
  /** Median per-round speed ÷ the best external tool's (any N) for this job. */
  vsBestExternal: number | null;
  /** Pixmill only: median worker start-up, and event-loop delay p99 of the engine process. */
  workerStartupMs?: number | null;
  eventLoopDelayP99Ms?: number | null;
  stages?: StageTimes | null;
}

export interface BenchResult {
  environment: Environment;
  /** All inputs together; slices > 1: each round ran 1/slices of the images (a different slice each round). */
  dataset: DatasetSummary;
  /** Per kind of input (photos, big PNGs, small JPEGs), which jobs ran on it. */
  datasets: (DatasetSummary & { jobs: BenchJob[] })[];
  rounds: number;
  workerCounts: readonly number[];
  jobs: readonly BenchJob[];
  contenders: ContenderResult[];
  /** Per job: the best fixed configuration, auto's choice and ratio, bare sharp, the anchors. */
  shapes: JobShape[];
  /** Anchors that sat a job out, and why (cannot do it like for like, not installed). */
  skipped: SkippedAnchor[];
  /** Per job: the fastest valid Pixmill contender and its per-image stage times. */
  whereTheTimeGoes: { job: BenchJob; id: string; stages: StageTimes; wallMsPerImage: number }[];
  targets: Target[];
  /** The decoder row: one 12 MP photo per format, decoded in a worker; null when it was not run. */
  decoders: DecodersResult | null;
  /** The queue row: the same batch through Redis against the local pool; absent or null when it was not run. */
  queue?: QueueBenchResult | null;
}

export interface DatasetSummary {
  dir: string;
  generated: boolean;
  images: number;
  megabytes: number;
  slices: number;
}

export interface SummaryInput {
  contenders: readonly Contender[];
  runs: readonly RunRecord[];
  invalid: ReadonlyMap<string, string>;
  rounds: number;
  workerCounts: readonly number[];
  jobs: readonly BenchJob[];
  images: number;
  bytes: number;
  slices: number;
  datasetDir: string;
  generated: boolean;
  /** Per input when jobs ran on different sets; without it, the one set above. */
  datasets?: (DatasetSummary & { jobs: BenchJob[] })[];
  skipped?: readonly SkippedAnchor[];
  environment: Environment;
  decoders?: DecodersResult | null;
}

const STAGE_KEYS = ['scanMs', 'queue', 'read', 'pipeline', 'write', 'ipc'] as const;

function medianStages(runs: readonly RunRecord[]): StageTimes | null {
  const withStats = runs.flatMap((r) => (r.stats ? [r.stats.stages] : []));
  if (withStats.length === 0) return null;
  const out = {} as StageTimes;
  for (const k of STAGE_KEYS) out[k] = median(withStats.map((s) => s[k])) ?? 0;
  return out;
}

export function summarise(input: SummaryInput): BenchResult {
  const { contenders, invalid, images, bytes, environment } = input;
  const ok = input.runs.filter((r) => r.failures.length === 0);
  const timed = ok.map((r) => ({ round: r.round, id: r.id, wallSeconds: r.wallSeconds }));
  const speed = (id: string) => medianOf(ok, id, (r) => r.images / r.wallSeconds);
  const valid = (c: Contender) => !invalid.has(c.id) && ok.some((r) => r.id === c.id);
  const fastest = (list: readonly Contender[]) =>
    list
      .filter(valid)
      .reduce<Contender | undefined>(
        (best, c) => (best === undefined || (speed(c.id) ?? 0) > (speed(best.id) ?? 0) ? c : best),
        undefined,
      );
  const bestExternal = new Map(
    input.jobs.map((job) => [job, fastest(contenders.filter((c) => c.job === job && isExternal(c)))]),
  );

  const results: ContenderResult[] = contenders.map((c) => {
    const mine = ok.filter((r) => r.id === c.id);
    const failure = input.runs.find((r) => r.id === c.id && r.failures.length)?.failures[0];
    const wall = medianOf(ok, c.id, (r) => r.wallSeconds);
    const ref = contenders.find((r) => r.tool === 'bare-sharp' && r.job === c.job && r.workers === c.workers);
    const ext = bestExternal.get(c.job);
    const status: ContenderResult['status'] = invalid.has(c.id) ? 'INVALID' : mine.length === 0 ? 'failed' : 'ok';
    const problem = invalid.get(c.id) ?? failure;
    const result: ContenderResult = {
      id: c.id,
      job: c.job,
      name: contenderName(c),
      workers: c.workers,
      status,
      ...(problem ? { problem } : {}),
      rounds: mine.length,
      wallSeconds: wall,
      imagesPerSecond: speed(c.id),
      mbPerSecond: medianOf(ok, c.id, (r) => r.bytes / 1e6 / r.wallSeconds),
      outKBPerImage: medianOf(ok, c.id, (r) => (r.outBytes === undefined ? null : r.outBytes / r.images / 1024)),
      cpuUtilisation: medianOf(ok, c.id, (r) =>
        r.cpuSeconds === null ? null : r.cpuSeconds / r.wallSeconds / environment.cores,
      ),
      peakRssMB: medianOf(ok, c.id, (r) => (r.peakRssBytes === null ? null : r.peakRssBytes / 2 ** 20)),
      vsBareSharp: ref && ref.id !== c.id ? pairedRatio(timed, c.id, ref.id) : ref ? 1 : null,
      vsBestExternal: ext ? pairedRatio(timed, c.id, ext.id) : null,
    };
    if (c.tool === 'pixmill') {
      result.workerStartupMs = median(mine.flatMap((r) => r.stats?.startupMs ?? []));
      result.eventLoopDelayP99Ms = medianOf(mine, c.id, (r) => r.stats?.eventLoopDelayP99Ms);
      result.stages = medianStages(mine);
    }
    return result;
  });

  const whereTheTimeGoes = input.jobs.flatMap((job) => {
    const best = fastest(contenders.filter((c) => c.job === job && c.tool === 'pixmill'));
    const r = best && results.find((x) => x.id === best.id);
    if (!best || !r?.stages || !r.imagesPerSecond) return [];
    return [{ job, id: best.id, stages: r.stages, wallMsPerImage: 1000 / r.imagesPerSecond }];
  });

  const dataset = {
    dir: input.datasetDir,
    generated: input.generated,
    images,
    megabytes: bytes / 1e6,
    slices: input.slices,
  };
  const skipped = [...(input.skipped ?? [])];
  const shapes = jobShapes({ jobs: input.jobs, contenders, runs: ok, invalid, skipped });
  return {
    environment,
    dataset,
    datasets: input.datasets ?? [{ ...dataset, jobs: [...input.jobs] }],
    rounds: input.rounds,
    workerCounts: input.workerCounts,
    jobs: input.jobs,
    contenders: results,
    shapes,
    skipped,
    whereTheTimeGoes,
    targets: [
      ...evaluateTargets({ contenders, results, timed, cores: environment.cores, fastest }),
      ...autoTargets(shapes),
    ],
    decoders: input.decoders ?? null,
  };
}
