// Thumbnails for the file list, made by an image worker of their own (never on the main process):
// the same pipeline as a batch, scaled into a small box and encoded as WebP into a private temp
// folder, then kept in memory as data URLs. The cache is keyed by path, size and modification time,
// so an edited file gets a new picture, and drops the least recently used beyond its limit.
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Result, Thumbnail } from '../../common/ipc.js';
import type { ImageJob } from '../../common/job.js';
import { makePipeline, type PipelineSpec } from '../../common/pipeline.js';
import { sniffFormat } from '../../common/sniff.js';
import { jobTimeLimitSeconds } from '../../common/time-limit.js';
import { declaredDimensions } from '../../workers/image/header-dimensions.js';
import { imageWorkerEntry } from '../../workers/image/worker-entry-path.js';
import type { Spawner } from '../../workers/pool/messages.js';
import { WorkerPool } from '../../workers/pool/pool.js';

/** About 5–10 KB each: a few thousand cost tens of megabytes, and cover any scroll back. */
const CACHE_ENTRIES = 3000;
/** Enough for a JPEG whose frame header follows a large EXIF block. */
const HEADER_BYTES = 128 * 1024;

export class ThumbnailMaker {
  private pool?: WorkerPool;
  private dir?: Promise<string>;
  private next = 1;
  private readonly cache = new Map<string, Result<Thumbnail>>();
  private readonly making = new Map<string, Promise<Result<Thumbnail>>>();
  /** How many thumbnails the workers have made: a cached one costs none. */
  made = 0;

  constructor(
    private readonly spawner?: Spawner,
    private readonly limit = CACHE_ENTRIES,
  ) {}

  async get(req: { path: string; size: number }): Promise<Result<Thumbnail>> {
    const st = await stat(req.path);
    const key = `${req.size}:${st.size}:${st.mtimeMs}:${req.path}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    let pending = this.making.get(key);
    if (!pending) {
      pending = this.make(req.path, req.size).finally(() => this.making.delete(key));
      this.making.set(key, pending);
    }
    const result = await pending;
    this.cache.set(key, result);
    while (this.cache.size > this.limit) this.cache.delete(this.cache.keys().next().value!);
    return result;
  }

  private async make(input: string, size: number): Promise<Result<Thumbnail>> {
    this.pool ??= new WorkerPool({
      mode: 'processes',
      size: 1,
      ...(this.spawner ? { spawner: this.spawner } : { entry: imageWorkerEntry() }),
    });
    this.dir ??= mkdtemp(join(tmpdir(), 'pixmill-thumbs-'));
    const dir = await this.dir;
    const spec: PipelineSpec = makePipeline({
      steps: [
        { op: 'resize', params: { by: 'box', width: size, height: size, fit: 'inside', withoutEnlargement: true } },
      ],
      output: { format: 'webp', quality: 70, metadata: 'strip', conflict: 'overwrite', pattern: '{name}' },
    });
    const id = this.next++;
    const job: ImageJob = {
      id,
      input,
      outDir: dir,
      nameTemplate: `thumb-${id}`,
      tempPath: join(dir, `.pixmill-${id}.tmp`),
      spec,
    };
    const [result, declared] = await Promise.all([
      this.pool.run(job, { timeoutMs: jobTimeLimitSeconds(spec.limits) * 1000 }),
      headerSize(input),
    ]);
    if (result.status !== 'done') {
      await rm(job.tempPath, { force: true });
      return {
        ok: false,
        code: result.status === 'failed' ? result.code : 'FAILED',
        message: result.status === 'failed' ? result.message : 'No thumbnail could be made.',
      };
    }
    this.made++;
    const data = await readFile(result.output);
    await rm(result.output, { force: true });
    // The worker turns the picture upright (EXIF orientation); the header gives the stored size.
    const turned = declared && declared.width > declared.height !== result.width > result.height;
    return {
      ok: true,
      value: {
        src: `data:image/webp;base64,${data.toString('base64')}`,
        width: declared ? (turned ? declared.height : declared.width) : null,
        height: declared ? (turned ? declared.width : declared.height) : null,
      },
    };
  }

  async close(): Promise<void> {
    await this.pool?.close();
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }
}

async function headerSize(path: string): Promise<{ width: number; height: number } | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(HEADER_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEADER_BYTES, 0);
    const bytes = head.subarray(0, bytesRead);
    return declaredDimensions(bytes, sniffFormat(bytes, basename(path)));
  } finally {
    await handle.close();
  }
}
