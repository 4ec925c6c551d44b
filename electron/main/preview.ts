// Before/after previews, rendered by a worker of their own (never on the main process) through
// the same image pipeline as a batch, into a private temp folder, and returned as data URLs.

import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviewImage, PreviewRendering, Result } from '../../common/ipc.js';
import type { ImageJob, JobDone, JobResult } from '../../common/job.js';
import {
  type ConcreteFormat,
  makePipeline,
  type OutputSettings,
  type PipelineSpec,
  type Step,
} from '../../common/pipeline.js';
import { recipeOutputs, stepsFor } from '../../common/recipes.js';
import { SNIFF_BYTES, sniffFormat } from '../../common/sniff.js';
import type { FileWarning, WarningCode } from '../../common/warnings.js';
import { withTimeLimit } from '../../workers/batch/job-size.js';
import { imageWorkerEntry } from '../../workers/image/worker-entry-path.js';
import type { Spawner } from '../../workers/pool/messages.js';
import { WorkerPool } from '../../workers/pool/pool.js';

const MIME: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};

/** Formats the browser shows as they are: an output in one of them can be the after image itself. */
const SHOWN: ReadonlySet<ConcreteFormat> = new Set<ConcreteFormat>(['jpeg', 'png', 'webp', 'gif']);

/** Warnings about the written file rather than the chain: they do not carry over from a stand-in encode. */
const ABOUT_THE_FORMAT: ReadonlySet<WarningCode> = new Set<WarningCode>([
  'FORMAT_CHANGED',
  'METADATA_DROPPED',
  'ANIMATION_FLATTENED',
  'ALPHA_FLATTENED',
  'DEPTH_REDUCED',
  'PAGES_DROPPED',
  'TIMING_CHANGED',
  'QUALITY_IGNORED',
  'OUTPUT_LARGER',
]);

/**
 * The warnings of the preview's full-size encode that hold for the batch: all of them when it was
 * the batch's own encode, only the chain's when a lossless PNG stood in for the output format.
 */
export function previewWarnings(warnings: readonly FileWarning[], stoodIn: boolean): FileWarning[] {
  return stoodIn ? warnings.filter((w) => !ABOUT_THE_FORMAT.has(w.code)) : [...warnings];
}

function notRendered(result: Exclude<JobResult, { status: 'done' }>): Result<never> {
  return {
    ok: false,
    code: result.status === 'failed' ? result.code : 'FAILED',
    message: result.status === 'failed' ? result.message : 'The preview could not be made.',
  };
}

/** Encoder effort for the screen copies: quick to write, not small. */
const SCREEN_EFFORT = 1;

/** The side of the AVIF estimate's sample: a megapixel is encoded in well under a second at the default effort. */
const AVIF_SAMPLE_SIDE = 1024;

/** Ends a render early with this answer. */
class Refusal extends Error {
  constructor(readonly result: Result<never>) {
    super(result.ok ? '' : result.message);
  }
}

const SUPERSEDED: Result<never> = { ok: false, code: 'CANCELLED', message: 'A newer preview was asked for.' };

/** Whether the batch would write AVIF: for "same as original", the input's own format decides. */
function firstOutput(spec: PipelineSpec): PipelineSpec {
  const [first] = recipeOutputs(spec);
  if (spec.outputs.length === 0 || !first) return spec;
  return { ...spec, steps: stepsFor(spec.steps, first.size), output: first.output, outputs: [], manifest: 'none' };
}

async function writesAvif(input: string, spec: PipelineSpec): Promise<boolean> {
  if (spec.output.format !== 'keep') return spec.output.format === 'avif';
  const file = await open(input, 'r').catch(() => null);
  if (!file) return false;
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    return sniffFormat(buffer.subarray(0, bytesRead)) === 'avif';
  } finally {
    await file.close();
  }
}

export class PreviewRenderer {
  private pool?: WorkerPool;
  private dir?: Promise<string>;
  private next = 1;
  /** Cancels the request before the newest: its answer is no longer wanted, its queued jobs need not run. */
  private current?: AbortController;

  constructor(private readonly spawner?: Spawner) {}

  async render(asked: { input: string; spec: PipelineSpec; size: number }): Promise<Result<PreviewRendering>> {
    // A recipe with several outputs is previewed as its first: that output's chain and settings.
    const req = { ...asked, spec: firstOutput(asked.spec) };
    this.current?.abort();
    const request = new AbortController();
    this.current = request;
    const { signal } = request;
    this.pool ??= new WorkerPool({
      mode: 'processes',
      size: 1,
      ...(this.spawner ? { spawner: this.spawner } : { entry: imageWorkerEntry() }),
    });
    this.dir ??= mkdtemp(join(tmpdir(), 'pixmill-preview-'));
    const dir = await this.dir;
    const fit: Step = makePipeline({
      steps: [
        {
          op: 'resize',
          params: { by: 'box', width: req.size, height: req.size, fit: 'inside', withoutEnlargement: true },
        },
      ],
    }).steps[0]!;
    // "Skip if larger" would leave the preview without its after image: the preview always renders.
    const files = {
      ...req.spec.output,
      conflict: 'overwrite',
      structure: 'keep',
      pattern: '{name}',
      skipLarger: false,
    } as const;
    // The output is made as a batch makes it: the user's chain exactly, at full size, in the
    // output format, so its size and bytes are the real ones. Only AVIF (seconds per megapixel)
    // is stood in for by a quick lossless PNG, its bytes estimated from a smaller AVIF encode.
    // JPEG XL is written for real (the browser cannot show it): its screen copy is that file
    // decoded again in the worker, so it shows the encoder's own artefacts at the exact size.
    // The screen copy is scaled from the output in a pass of its own: appending the scaling to
    // the chain would change what the chain does (sharp fuses and reorders one pipeline's steps).
    const avif = await writesAvif(req.input, req.spec);
    const output: PipelineSpec = {
      ...req.spec,
      output: avif ? { ...files, format: 'png', effort: 0 } : files,
    };
    // Screen copies are PNGs at zlib level 2 (effort 1): at 100 % a 12 MP copy at the default level
    // took seconds longer than the output itself, for a file read once and dropped.
    const before: PipelineSpec = {
      ...req.spec,
      steps: [fit],
      output: { ...files, format: 'png', effort: SCREEN_EFFORT },
    };
    // Every file made is removed at the end, whether it was taken into the answer or not.
    const made: JobResult[] = [];
    const done = (r: JobResult): JobDone => {
      made.push(r);
      if (signal.aborted) throw new Refusal(SUPERSEDED);
      if (r.status !== 'done') throw new Refusal(notRendered(r));
      return r;
    };
    try {
      const both = await Promise.all([
        this.run(req.input, before, dir, signal),
        this.run(req.input, output, dir, signal),
      ]);
      const [a, rendered] = both.map(done) as [JobDone, JobDone];
      const fits = rendered.width <= req.size && rendered.height <= req.size;
      const asIs = !avif && fits && SHOWN.has(rendered.format);
      const after = asIs
        ? rendered
        : done(await this.screenCopy(rendered, fit, avif ? req.spec.output : null, dir, signal));
      const sample = avif && !fits ? done(await this.avifSample(rendered, req.spec.output, dir, signal)) : after;
      const { width, height } = rendered;
      const bytes = avif
        ? Math.round((sample.bytesOut * width * height) / (sample.width * sample.height))
        : rendered.bytesOut;
      return {
        ok: true,
        value: {
          before: await this.take(a),
          after: await this.take(after),
          output: { width, height, format: avif ? 'avif' : rendered.format, bytes, exact: !avif },
          originalBytes: rendered.bytesIn,
          warnings: previewWarnings(rendered.warnings ?? [], avif),
        },
      };
    } catch (e) {
      if (e instanceof Refusal) return e.result;
      throw e;
    } finally {
      await Promise.all(made.map((r) => r.status === 'done' && rm(r.output, { force: true })));
    }
  }

  /**
   * The output scaled for the screen: lossless, so the copy adds no artefacts of its own (WebP
   * keeps an animation), or, standing in for AVIF, encoded as AVIF with the output's own settings:
   * its bytes are the estimate's sample, and it shows the encoder's artefacts.
   */
  private screenCopy(
    rendered: JobDone,
    fit: Step,
    avif: OutputSettings | null,
    dir: string,
    signal: AbortSignal,
  ): Promise<JobResult> {
    const animates = rendered.format === 'gif' || rendered.format === 'webp';
    const files = { conflict: 'overwrite', structure: 'keep', pattern: '{name}' } as const;
    const spec = makePipeline({
      steps: [fit],
      output: avif
        ? { ...avif, ...files, format: 'avif' }
        : { ...files, format: animates ? 'webp' : 'png', lossless: true, metadata: 'strip', effort: SCREEN_EFFORT },
    });
    return this.run(rendered.output, spec, dir, signal);
  }

  /**
   * AVIF's bytes per pixel at full resolution, from a centre cut of the output: a scaled-down copy
   * has other detail per pixel (a noisy photo's estimate came out at 0.4× the real file).
   */
  private avifSample(
    rendered: JobDone,
    settings: OutputSettings,
    dir: string,
    signal: AbortSignal,
  ): Promise<JobResult> {
    const width = Math.min(rendered.width, AVIF_SAMPLE_SIDE);
    const height = Math.min(rendered.height, AVIF_SAMPLE_SIDE);
    const left = Math.floor((rendered.width - width) / 2);
    const top = Math.floor((rendered.height - height) / 2);
    const spec = makePipeline({
      steps: [{ op: 'crop', params: { mode: 'rectangle', left, top, width, height } }],
      output: { ...settings, conflict: 'overwrite', structure: 'keep', pattern: '{name}', format: 'avif' },
    });
    return this.run(rendered.output, spec, dir, signal);
  }

  private async run(input: string, spec: PipelineSpec, dir: string, signal: AbortSignal): Promise<JobResult> {
    const id = this.next++;
    const job: ImageJob = {
      id,
      input,
      outDir: dir,
      nameTemplate: `preview-${id}`,
      tempPath: join(dir, `.pixmill-${id}.tmp`),
      spec,
    };
    // "auto" from the file's size, as in a batch: a large JPEG XL output takes tens of seconds.
    const timed = await withTimeLimit(job);
    return this.pool!.run(timed.job, { timeoutMs: timed.seconds * 1000, signal });
  }

  /** Reads a rendered preview into a data URL. */
  private async take(result: JobDone): Promise<PreviewImage> {
    const data = await readFile(result.output);
    return {
      src: `data:${MIME[result.format] ?? 'image/png'};base64,${data.toString('base64')}`,
      width: result.width,
      height: result.height,
    };
  }

  async close(): Promise<void> {
    await this.pool?.close();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }
}
