// Counts the images in a queued folder for the queue's display, streaming the count as the scan
// goes (a few updates a second) so a large folder shows its number growing instead of nothing.
import { scanInputs } from '../../workers/batch/scan.js';

const UPDATE_EVERY_MS = 250;

export async function countImages(
  path: string,
  onCount: (count: number, done: boolean) => void,
): Promise<{ path: string; count: number }> {
  let count = 0;
  let last = performance.now();
  for await (const item of scanInputs([path])) {
    // As the batch's own count: an image format without a decoder is an image that will fail.
    if (item.kind !== 'image' && item.kind !== 'error') continue;
    count++;
    if (performance.now() - last >= UPDATE_EVERY_MS) {
      last = performance.now();
      onCount(count, false);
    }
  }
  onCount(count, true);
  return { path, count };
}
