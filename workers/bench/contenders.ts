// Who races, and the exact command each one runs. Every contender does the same job on the same
// files: auto-orient, fit inside 1600×1600 without enlarging, JPEG quality 80, metadata stripped
// (plain), plus a 0.5 σ unsharp mask (full). Each runs as child processes of the bench, so its
// wall time, CPU and memory are measured the same way whatever it is.
import { fileURLToPath } from 'node:url';
import { DEFAULT_WORKER_MODE, type WorkerMode } from '../../common/concurrency.js';
import type { PipelineSpecInput } from '../../common/pipeline.js';
import type { Tools } from './tools.js';

export type BenchJob = 'plain' | 'full';
export type Tool = 'bare-sharp' | 'pixmill' | 'vipsthumbnail' | 'mogrify';

export interface Contender {
  /** Unique within a run, e.g. "plain pixmill-processes ×2". */
  id: string;
  job: BenchJob;
  tool: Tool;
  mode?: WorkerMode;
  /** Images in flight: pool workers, xargs -P, mogrify processes, bare sharp's lanes. */
  workers: number;
}

export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The built CLI, exactly as a user runs it. */
export const PIXMILL_BIN = fileURLToPath(new URL('../../bin/pixmill.cjs', import.meta.url));
export const BARE_SHARP_SCRIPT = fileURLToPath(new URL('../../bench/bare-sharp.mjs', import.meta.url));

export function jobPipeline(job: BenchJob): PipelineSpecInput {
  return {
    steps: [
      { op: 'resize', params: { by: 'box', width: 1600, height: 1600, fit: 'inside', withoutEnlargement: true } },
      // sharp's sharpen({ sigma }) ≈ ImageMagick's -unsharp 0x0.5 (radius from sigma, amount 1).
      ...(job === 'full' ? [{ op: 'sharpen' as const, params: { mode: 'precise' as const, sigma: 0.5 } }] : []),
    ],
    output: { format: 'jpeg', quality: 80, metadata: 'strip', conflict: 'overwrite' },
  };
}

export const contenderName = (c: Pick<Contender, 'tool' | 'mode'>): string => (c.mode ? `${c.tool}-${c.mode}` : c.tool);
export const contenderId = (c: Omit<Contender, 'id'>): string => `${c.job} ${contenderName(c)} ×${c.workers}`;
export const isExternal = (c: Pick<Contender, 'tool'>): boolean => c.tool === 'vipsthumbnail' || c.tool === 'mogrify';

export interface PlanOptions {
  jobs: readonly BenchJob[];
  workerCounts: readonly number[];
  modes: readonly WorkerMode[];
  tools: Tools;
  /** Leave the external tools out (the tiny test run). */
  externals?: boolean | undefined;
}

/** Every contender of a run, grouped later by (job, workers) for pairing with bare sharp. */
export function planContenders(o: PlanOptions): Contender[] {
  const out: Contender[] = [];
  for (const job of o.jobs) {
    for (const workers of o.workerCounts) {
      const add = (c: Omit<Contender, 'id'>) => out.push({ ...c, id: contenderId(c) });
      add({ job, tool: 'bare-sharp', workers });
      for (const mode of o.modes) add({ job, tool: 'pixmill', mode, workers });
      if (o.externals === false) continue;
      // vipsthumbnail has no sharpening: it runs the plain job only.
      if (job === 'plain' && o.tools.vipsthumbnail) add({ job, tool: 'vipsthumbnail', workers });
      if (o.tools.mogrify) add({ job, tool: 'mogrify', workers });
    }
  }
  return out;
}

export interface LaunchSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
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
            '--workers',
            n,
            '--mode',
            c.mode ?? DEFAULT_WORKER_MODE,
            '--json',
            '--stats-file',
            p.statsFile,
          ],
          env: pixmillEnv(env),
        },
      ];
    case 'vipsthumbnail':
      // One file per process, N at a time: xargs rather than GNU parallel, whose Perl costs more
      // CPU per job than the 2 MP images do — the leaner launcher is the fairer opponent.
      // optimize_coding: sharp and ImageMagick build optimal Huffman tables by default and libvips'
      // jpegsave does not; without it vipsthumbnail skips that pass and writes files 8 % larger.
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
            '1600x1600>',
            '--vips-concurrency=1',
            '-o',
            `${p.outDir}/%s.jpg[Q=80,strip,optimize_coding]`,
          ],
          env,
        },
      ];
    case 'mogrify': {
      // N processes over N interleaved slices of the list, one thread each.
      const slices = Array.from({ length: c.workers }, (_, i) => p.files.filter((_, j) => j % c.workers === i)).filter(
        (s) => s.length > 0,
      );
      const ops = [
        '-auto-orient',
        '-resize',
        '1600x1600>',
        '-quality',
        '80',
        '-strip',
        ...(c.job === 'full' ? ['-unsharp', '0x0.5'] : []),
      ];
      return slices.map((slice) => ({
        command: tools.mogrify!.path,
        args: ['-path', p.outDir, '-format', 'jpg', ...ops, ...slice],
        env: { ...env, MAGICK_THREAD_LIMIT: '1' },
      }));
    }
  }
}
