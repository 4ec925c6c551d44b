// Lists the files of a queued folder (or the one queued file) for the window's file list, as the
// scan meets them. Files go out in batches, at most one event per interval, so a folder of 100,000
// costs the window a few dozen messages rather than 100,000; the image count rides along.
import { basename } from 'node:path';
import { formatLabel } from '../../common/formats.js';
import type { ListedFile } from '../../common/ipc.js';
import { type ScanItem, scanInputs } from '../../workers/batch/scan.js';

const UPDATE_EVERY_MS = 100;

function listed(item: Exclude<ScanItem, { kind: 'root-done' }>): ListedFile {
  switch (item.kind) {
    case 'image':
      return {
        kind: 'image',
        path: item.path,
        size: item.size,
        mtimeMs: item.mtimeMs,
        format: formatLabel(item.format, basename(item.path)),
        ...(item.real ? { real: item.real } : {}),
        ...(item.declared ? { width: item.declared.width, height: item.declared.height } : {}),
      };
    case 'error':
      return { kind: 'error', path: item.path, message: item.message };
    case 'ignored':
      return { kind: 'ignored', path: item.path, reason: item.reason, message: item.message };
  }
}

/** Aborted (the path left the queue), it stops where it is and says nothing more. */
export async function listQueued(
  path: string,
  onFiles: (files: ListedFile[], count: number, done: boolean) => void,
  signal?: AbortSignal,
  intervalMs = UPDATE_EVERY_MS,
): Promise<{ path: string; count: number }> {
  let count = 0;
  let batch: ListedFile[] = [];
  let last = performance.now();
  for await (const item of scanInputs([path], { signal })) {
    if (item.kind === 'root-done') continue;
    // As the batch counts: an image format without a decoder is an image that will fail.
    if (item.kind !== 'ignored') count++;
    batch.push(listed(item));
    if (performance.now() - last >= intervalMs) {
      last = performance.now();
      onFiles(batch, count, false);
      batch = [];
    }
  }
  if (!signal?.aborted) onFiles(batch, count, true);
  return { path, count };
}
