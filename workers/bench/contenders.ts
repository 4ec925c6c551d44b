// Who races, and the exact command each one runs. Every contender does the same job on the same
// files (jobs.ts: auto-orient, fit inside a box without enlarging, the job's encoder, metadata
// stripped). Each runs as child processes of the bench, so its wall time, CPU and memory are
// measured the same way whatever it is.
import { fileURLToPath } from 'node:url';
import type { BatchMode, WorkerMode } from '../../common/concurrency.js';
import { type Anchor, anchorSkipReason, mogrifyArgs, vipsthumbnailOutput } from './anchors.js';
import { type BenchJob, JOBS } from './jobs.js';
import type { Tools } from './tools.js';

export { type BenchJob, jobPipeline } from './jobs.js';
export type Tool = 'bare-sharp' | 'pixmill' | Anchor;

export interface Contender {
  /** Unique within a run, e.g. "plain pixmill-processes ×2". */
  id: string;
  job: BenchJob;
  tool: Tool;
  /** Pixmill only; `auto` runs as people run it, without --workers (then it may run up to 2×cores). */
  mode?: BatchMode;
  /** Images in flight: pool workers, xargs -P, mogrify processes, bare sharp's lanes; auto: the most it may run. */
  workers: number;
}

export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI, exactly as a user runs it. */
export const PIXMILL_BIN = fileURLToPath(new URL('../../bin/pixmill.cjs', import.meta.url));
export const BARE_SHARP_SCRIPT = fileURLToPath(new URL('../../bench/bare-sharp.mjs', import.meta.url));

export const contenderName = (c: Pick<Contender, 'tool' | 'mode'>): string => (c.mode ? `${c.tool}-${c.mode}` : c.tool);
export const contenderId = (c: Omit<Contender, 'id'>): string => `${c.job} ${contenderName(c)} ×${c.workers}`;
export const isExternal = (c: Pick<Contender, 'tool'>): boolean => c.tool === 'vipsthumbnail' || c.tool === 'mogrify';
/** A Pixmill run with a fixed kind and number of workers: what auto is measured against. */
export const isFixedPixmill = (c: Pick<Contender, 'tool' | 'mode'>): boolean =>
  c.tool === 'pixmill' && c.mode !== undefined && c.mode !== 'auto';

export interface PlanOptions {
  jobs: readonly BenchJob[];
  /** The fixed configurations: every mode at every count. */
  workerCounts: readonly number[];
  modes: readonly WorkerMode[];
  /** Bare sharp and the external tools run at these counts (default: workerCounts). */
  referenceCounts?: readonly number[] | undefined;
  /** Also race `--mode auto` at its default worker limit (2×cores). */
  auto?: { workers: number } | undefined;
  tools: Tools;
  /** Leave the external tools out (the tiny test run). */
  externals?: boolean | undefined;
}

export interface SkippedAnchor {
  job: BenchJob;
  tool: Anchor;
  reason: string;
}

/** Every contender of a run, and the anchors that sat a job out (with why). */
export function planRace(o: PlanOptions): { contenders: Contender[]; skipped: SkippedAnchor[] } {
  const out: Contender[] = [];
  const skipped: SkippedAnchor[] = [];
  const add = (c: Omit<Contender, 'id'>) => out.push({ ...c, id: contenderId(c) });
  const references = o.referenceCounts ?? o.workerCounts;
  for (const job of o.jobs) {
    for (const workers of references) add({ job, tool: 'bare-sharp', workers });
    for (const workers of o.workerCounts) for (const mode of o.modes) add({ job, tool: 'pixmill', mode, workers });
    if (o.auto) add({ job, tool: 'pixmill', mode: 'auto', workers: o.auto.workers });
    if (o.externals === false) continue;
    for (const tool of ['vipsthumbnail', 'mogrify'] as const) {
      const reason = o.tools[tool] ? anchorSkipReason(tool, job) : 'not installed';
      if (reason) skipped.push({ job, tool, reason });
      else for (const workers of references) add({ job, tool, workers });
    }
  }
  return { contenders: out, skipped };
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Keep what it prints on stdout (Pixmill's summary); otherwise stdout is discarded. */
  captureStdout?: boolean;
}

export interface RunPaths {
  inputDir: string;
  /** The same files, one per line, in a fixed order. */
  listFile: string;
  files: readonly string[];
  outDir: string;
  /** The job's pipeline as JSON, for `pixmill run --pipeline`. */
  pipelineFile: string;
  statsFile: string;
}

/** libuv threads for N images in flight in one process plus file I/O, as bin/pixmill.cjs does. */
const threadpoolFor = (workers: number): string => String(Math.max(4, workers + 2));

/**
 * `pixmill run` gets the environment a user's shell gives it: without UV_THREADPOOL_SIZE. The
 * bench's own process has one (bin/pixmill.cjs set it), and inheriting it would measure a pool
 * size users never get. Never pass it empty: libuv reads "" as 1 thread, which serialises every
 * sharp pipeline of threads and inline mode (a first full run did exactly that).
 */
export function pixmillEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { UV_THREADPOOL_SIZE: _, ...rest } = env;
  return rest;
}

/** The processes a contender starts; all but mogrify's are one root process. */
export function launchSpecs(c: Contender, p: RunPaths, tools: Tools): LaunchSpec[] {
  const env = process.env;
  const n = String(c.workers);
  switch (c.tool) {
    case 'bare-sharp':
      return [
        {
          command: process.execPath,
          args: [BARE_SHARP_SCRIPT, '--list', p.listFile, '--out', p.outDir, '--jobs', n, '--job', c.job],
          env: { ...env, UV_THREADPOOL_SIZE: threadpoolFor(c.workers) },
        },
      ];
    case 'pixmill':
      return [
        {
          command: process.execPath,
          args: [
            PIXMILL_BIN,
            'run',
            p.inputDir,
            '--out',
            p.outDir,
            '--pipeline',
            p.pipelineFile,
            ...(c.mode === 'auto' ? [] : ['--workers', n]),
            '--mode',
            c.mode ?? 'processes',
            // The summary on stdout: what auto chose (its `tuning`) is read from it.
            '--json',
            '--stats-file',
            p.statsFile,
          ],
          env: pixmillEnv(env),
          captureStdout: true,
        },
      ];
    case 'vipsthumbnail':
      // One file per process, N at a time: xargs rather than GNU parallel, whose Perl costs more
      // CPU per job than the 2 MP images do — the leaner launcher is the fairer opponent.
      return [
        {
          command: 'xargs',
          args: [
            '-d',
            '\n',
            '-P',
            n,
            '-n',
            '1',
            '-a',
            p.listFile,
            tools.vipsthumbnail!.path,
            '-s',
            `${JOBS[c.job].box}x${JOBS[c.job].box}>`,
            '--vips-concurrency=1',
            '-o',
            vipsthumbnailOutput(c.job, p.outDir),
          ],
          env,
        },
      ];
    case 'mogrify': {
      // N processes over N interleaved slices of the list, one thread each.
      const slices = Array.from({ length: c.workers }, (_, i) => p.files.filter((_, j) => j % c.workers === i)).filter(
        (s) => s.length > 0,
      );
      return slices.map((slice) => ({
        command: tools.mogrify!.path,
        args: ['-path', p.outDir, ...mogrifyArgs(c.job), ...slice],
        env: { ...env, MAGICK_THREAD_LIMIT: '1' },
      }));
    }
  }
}
