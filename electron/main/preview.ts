// Before/after previews, rendered by a worker of their own (never on the main process) through
// the same image pipeline as a batch, into a private temp folder, and returned as data URLs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviewImage, ResponseMap, Result } from '../../common/ipc.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import { makePipeline, type PipelineSpec, type Step } from '../../common/pipeline.js';
import { jobTimeLimitSeconds } from '../../common/time-limit.js';
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

/** Output formats the after image is rendered in as they are: quick to encode, and the browser shows them. */
const RENDERED: ReadonlySet<string> = new Set(['jpeg', 'png', 'webp', 'gif']);

function notRendered(result: Exclude<JobResult, { status: 'done' }>): Result<never> {
  return {
    ok: false,
    code: result.status === 'failed' ? result.code : 'FAILED',
    message: result.status === 'failed' ? result.message : 'The preview could not be made.',
  };
}

export class PreviewRenderer {
  private pool?: WorkerPool;
  private dir?: Promise<string>;
  private next = 1;

  constructor(private readonly spawner?: Spawner) {}

  async render(req: {
    input: string;
    spec: PipelineSpec;
    size: number;
  }): Promise<Result<ResponseMap['preview:render']>> {
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
    // The after image is the output itself: the user's chain exactly as a batch runs it, at full
    // size, in the output format where that is quick to write (AVIF costs seconds per megapixel,
    // TIFF and "keep" are stood in for by lossless PNG); only then is the result scaled for the
    // screen, in a pass of its own. Appending the scaling to the chain would change what the chain
    // does (sharp fuses and reorders the steps of one pipeline).
    const format = RENDERED.has(req.spec.output.format) ? req.spec.output.format : 'png';
    const output: PipelineSpec = {
      ...req.spec,
      output: { ...files, format, ...(format === 'png' ? { effort: 0 } : {}) },
    };
    const before: PipelineSpec = { ...req.spec, steps: [fit], output: { ...files, format: 'png' } };
    const [a, rendered] = await Promise.all([this.run(req.input, before, dir), this.run(req.input, output, dir)]);
    if (a.status !== 'done') {
      if (rendered.status === 'done') await rm(rendered.output, { force: true });
      return notRendered(a);
    }
    if (rendered.status !== 'done') {
      await rm(a.output, { force: true });
      return notRendered(rendered);
    }
    // Lossless, so the screen copy adds no artefacts of its own; WebP keeps an animation.
    const animates = rendered.format === 'gif' || rendered.format === 'webp';
    const display: PipelineSpec = {
      ...req.spec,
      steps: [fit],
      output: { ...files, format: animates ? 'webp' : 'png', lossless: true, metadata: 'strip' },
    };
    const b = await this.run(rendered.output, display, dir);
    await rm(rendered.output, { force: true });
    if (b.status !== 'done') {
      await rm(a.output, { force: true });
      return notRendered(b);
    }
    return {
      ok: true,
      value: { before: await this.take(a), after: await this.take(b), warnings: rendered.warnings ?? [] },
    };
  }

  private run(input: string, spec: PipelineSpec, dir: string): Promise<JobResult> {
    const id = this.next++;
    const job: ImageJob = {
      id,
      input,
      outDir: dir,
      nameTemplate: `preview-${id}`,
      tempPath: join(dir, `.pixmill-${id}.tmp`),
      spec,
    };
    return this.pool!.run(job, { timeoutMs: jobTimeLimitSeconds(spec.limits) * 1000 });
  }

  /** Reads a rendered preview into a data URL and deletes the file. */
  private async take(result: Extract<JobResult, { status: 'done' }>): Promise<PreviewImage> {
    const data = await readFile(result.output);
    await rm(result.output, { force: true });
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
