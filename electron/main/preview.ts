// Before/after previews, rendered by a worker of their own (never on the main process) through
// the same image pipeline as a batch, into a private temp folder, and returned as data URLs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviewImage, ResponseMap, Result } from '../../common/ipc.js';
import type { ImageJob, JobResult } from '../../common/job.js';
import { makePipeline, type PipelineSpec, type Step } from '../../common/pipeline.js';
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
    // The browser shows JPEG, PNG, WebP, AVIF and GIF; anything else is previewed as PNG.
    const format = req.spec.output.format in MIME ? req.spec.output.format : 'png';
    const output = { ...req.spec.output, format, conflict: 'overwrite', structure: 'keep', pattern: '{name}' } as const;
    const before: PipelineSpec = { ...req.spec, steps: [fit], output: { ...output, format: 'png' } };
    const after: PipelineSpec = { ...req.spec, steps: [...req.spec.steps, fit], output };
    const [a, b] = await Promise.all([this.run(req.input, before, dir), this.run(req.input, after, dir)]);
    if (a.status !== 'done')
      return {
        ok: false,
        code: a.status === 'failed' ? a.code : 'FAILED',
        message: a.status === 'failed' ? a.message : 'The preview could not be made.',
      };
    if (b.status !== 'done')
      return {
        ok: false,
        code: b.status === 'failed' ? b.code : 'FAILED',
        message: b.status === 'failed' ? b.message : 'The preview could not be made.',
      };
    return { ok: true, value: { before: await this.take(a), after: await this.take(b), warnings: b.warnings ?? [] } };
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
    return this.pool!.run(job, { timeoutMs: spec.limits.timeoutSeconds * 1000 });
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
