// The images the in-app benchmark races on: a few of the person's queued images, spread evenly
// over the queued folders and files, so the answer is about *their* photos without costing the
// time of a whole batch per contender.
import { BENCH_LIMITS } from '../../common/ipc.js';
import { scanInputs } from '../batch/scan.js';

/** Shared with the window, which says how many of the queued images the benchmark will use. */
export const DEFAULT_SAMPLE_SIZE = BENCH_LIMITS.sampleSize;

/**
 * Images looked at per queued root before picking. Picking evenly needs the list first, and a
 * 100,000-file folder should not cost a full walk before the benchmark starts; the first few
 * hundred of a folder are as representative as any.
 */
export const SCAN_CAP_PER_ROOT = 400;

/** `count` indices spread evenly over 0…length-1, each from the middle of its stretch. */
export function evenIndices(length: number, count: number): number[] {
  const n = Math.min(length, Math.max(0, count));
  return Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * length) / n));
}

/**
 * Up to `limit` items from several lists: the quota goes round-robin over the lists that still
 * have items (so a folder of 3 next to a folder of 3,000 still gives its 3), then each list gives
 * its quota evenly spread. Order follows the lists.
 */
export function pickEvenly<T>(lists: readonly (readonly T[])[], limit: number): T[] {
  const quota = lists.map(() => 0);
  let left = Math.max(0, limit);
  while (left > 0) {
    let gave = false;
    for (const [i, list] of lists.entries()) {
      if (left === 0) break;
      if (quota[i]! < list.length) {
        quota[i]!++;
        left--;
        gave = true;
      }
    }
    if (!gave) break;
  }
  return lists.flatMap((list, i) => evenIndices(list.length, quota[i]!).map((k) => list[k]!));
}

/** Paths of up to `limit` images from the queued folders and files, spread evenly over them. */
export async function sampleQueuedImages(
  inputs: readonly string[],
  limit: number = DEFAULT_SAMPLE_SIZE,
  signal?: AbortSignal,
): Promise<string[]> {
  const perRoot: string[][] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const found: string[] = [];
    for await (const item of scanInputs([input], { signal })) {
      if (item.kind !== 'image' || seen.has(item.path)) continue;
      seen.add(item.path);
      found.push(item.path);
      if (found.length >= SCAN_CAP_PER_ROOT) break;
    }
    perRoot.push(found);
  }
  return pickEvenly(perRoot, limit);
}
