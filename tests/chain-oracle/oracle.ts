// One chain on one fixture: the worker's pipeline (runStages, set up as processImage sets it up:
// planner, stages, hand-overs) against the step-by-step reference, and the verdict. The job
// around it (output policy, warnings, files) is not the planner's and is tested elsewhere; the
// preview test runs whole jobs.
import sharp, { type Metadata, type Sharp } from 'sharp';
import { makePipeline, type Step } from '../../common/pipeline.js';
import { animationBlocker } from '../../workers/image/plan-stages.js';
import { runStages } from '../../workers/image/run-stages.js';
import { type Chain, describeChain } from './chains.js';
import {
  compareImages,
  type Difference,
  formatDifference,
  TOLERANCE,
  TRANSLUCENT_TOLERANCE,
  within,
} from './compare.js';
import type { OracleFixture } from './fixtures.js';
import { ReferenceRunner } from './reference.js';

export interface Verdict {
  fixture: string;
  chain: string;
  ok: boolean;
  detail: string;
  difference?: Difference;
}

const LIMIT = 268_402_689;

/** Lossless and quick: PNG unfiltered, or lossless WebP where an animation must survive. */
const encode = (image: Sharp, webp: boolean): Promise<Buffer> =>
  webp ? image.webp({ lossless: true, effort: 0 }).toBuffer() : image.png({ compressionLevel: 0 }).toBuffer();

/** What processImage does around the stages: decode (every frame, if the chain allows), turn upright. */
async function runFused(path: string, meta: Metadata, steps: readonly Step[], webp: boolean): Promise<Buffer> {
  const pages = meta.pages ?? 1;
  const animated = webp && pages > 1 && (meta.orientation ?? 1) < 5 && animationBlocker(steps) === undefined;
  const first = sharp(path, { limitInputPixels: LIMIT, failOn: 'warning', animated }).autoOrient();
  const oriented = meta.autoOrient ?? { width: meta.width ?? 1, height: meta.height ?? 1 };
  const start = {
    width: oriented.width,
    height: animated && meta.pageHeight ? meta.pageHeight : oriented.height,
    exact: true,
    pages: animated ? pages : 1,
  };
  const staged = await runStages(first, steps, start, LIMIT, meta.hasAlpha ?? false);
  return encode(staged.image, webp);
}

export class ChainOracle {
  private readonly reference = new ReferenceRunner();
  private readonly meta = new Map<string, Promise<Metadata>>();

  private metadata(path: string): Promise<Metadata> {
    let meta = this.meta.get(path);
    if (!meta) {
      meta = sharp(path).metadata();
      this.meta.set(path, meta);
    }
    return meta;
  }

  async check(fixture: OracleFixture, chain: Chain): Promise<Verdict> {
    const { steps } = makePipeline({ steps: chain });
    const meta = await this.metadata(fixture.path);
    const webp = fixture.animated;
    const animated = webp && animationBlocker(steps) === undefined;
    const verdict = (ok: boolean, detail: string, difference?: Difference): Verdict => ({
      fixture: fixture.name,
      chain: describeChain(chain),
      ok,
      detail,
      ...(difference ? { difference } : {}),
    });
    const [fused, expected] = await Promise.allSettled([
      runFused(fixture.path, meta, steps, webp),
      this.reference.run(fixture.path, steps, { animated, deep: meta.depth === 'ushort' }),
    ]);
    if (expected.status === 'rejected') {
      const why = (expected.reason as Error).message;
      // A chain sharp refuses step by step (e.g. a CLAHE window larger than what is left of the
      // image) must be refused by the engine too, never turned into an image.
      if (fused.status === 'rejected') return verdict(true, `both refuse: ${(fused.reason as Error).message}`);
      return verdict(false, `engine made an image, step by step fails: ${why}`);
    }
    if (fused.status === 'rejected') return verdict(false, `engine failed: ${(fused.reason as Error).message}`);
    // Through the same encoder: lossless WebP leaves out a still image's opaque alpha.
    const reference = webp ? await encode(sharp(expected.value, { animated }), true) : expected.value;
    const d = await compareImages(fused.value, reference);
    // Both encoded alike: the decoded bands are the files' channels.
    if (d.bands.actual !== d.bands.expected) {
      return verdict(false, `${d.bands.actual} channels (fused) vs ${d.bands.expected} (step by step)`);
    }
    const tolerance = fixture.translucent ? TRANSLUCENT_TOLERANCE : TOLERANCE;
    const ok = within(
      d,
      tolerance,
      steps.some((s) => s.enabled && s.op === 'threshold'),
    );
    return verdict(ok, formatDifference(d), d);
  }
}

/** Runs tasks with at most `limit` in flight: sharp works on libuv's threads, two cores here. */
export async function inParallel<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
