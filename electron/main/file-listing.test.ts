// The file list's listing: every file of a queued folder, answered as the scan answers it, in a
// few batched updates however many files there are, with the image count as the batch counts it.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListedFile } from '../../common/ipc.js';
import { tempDir } from '../../tests/fixtures.js';
import { listQueued } from './file-listing.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
let dir: string;

beforeAll(async () => {
  dir = await tempDir('pixmill-listing-');
  await mkdir(join(dir, 'sub'));
  await Promise.all(Array.from({ length: 2000 }, (_, i) => writeFile(join(dir, 'sub', `${i}.jpg`), JPEG)));
  await writeFile(join(dir, 'notes.txt'), 'not a picture');
  // JPEG XR: an image format no decoder here reads.
  await writeFile(join(dir, 'scan.jxr'), Buffer.from([0x49, 0x49, 0xbc, 0x01, 0x08, 0, 0, 0]));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('listQueued', () => {
  it('streams every file in batches, the last one marked done, and counts images and unreadable formats', async () => {
    const updates: { files: ListedFile[]; count: number; done: boolean }[] = [];
    const result = await listQueued(dir, (files, count, done) => updates.push({ files, count, done }), undefined, 5);
    const files = updates.flatMap((u) => u.files);
    expect(files).toHaveLength(2002);
    expect(result).toEqual({ path: dir, count: 2001 });
    expect(updates.at(-1)).toMatchObject({ count: 2001, done: true });
    expect(updates.slice(0, -1).every((u) => !u.done)).toBe(true);
    expect(updates.length).toBeGreaterThan(1);
    expect(updates.length).toBeLessThan(files.length / 10);
    expect(files.find((f) => f.path.endsWith('notes.txt'))).toEqual({
      kind: 'ignored',
      path: join(dir, 'notes.txt'),
      reason: 'not-image',
      message: 'Not an image: this is a text file.',
    });
    expect(files.find((f) => f.path.endsWith('scan.jxr'))).toMatchObject({ kind: 'error' });
    expect(files.find((f) => f.path === join(dir, 'sub', '7.jpg'))).toEqual({
      kind: 'image',
      path: join(dir, 'sub', '7.jpg'),
      size: JPEG.length,
      mtimeMs: expect.any(Number),
    });
  });

  it('stops when aborted, and sends no final update', async () => {
    const stop = new AbortController();
    const updates: boolean[] = [];
    const result = await listQueued(
      dir,
      (_files, _count, done) => {
        updates.push(done);
        stop.abort();
      },
      stop.signal,
      0,
    );
    expect(updates).toEqual([false]);
    expect(result.count).toBeLessThan(2001);
  });
});
