// The thumbnail queue against a stand-in for the main process: which requests go out, in which
// order, and which never do (the bridge is the stand-in; the queue is what is tested).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result, Thumbnail } from '../../../common/ipc';

type Pending = { path: string; answer(result: Result<Thumbnail>): void };
let asked: Pending[];

beforeEach(() => {
  asked = [];
  (globalThis as { window?: unknown }).window = {
    pixmill: {
      thumbnailGet: ({ path }: { path: string }) =>
        new Promise<Result<Thumbnail>>((resolve) => asked.push({ path, answer: resolve })),
    },
  };
});
afterEach(() => {
  delete (globalThis as { window?: unknown }).window;
});

const ready = (path: string): Result<Thumbnail> => ({
  ok: true,
  value: { src: `data:image/webp;base64,${path}`, width: 10, height: 10 },
});
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('thumbnail queue', () => {
  it('keeps two requests in flight, serves the newest waiting row first, and drops rows that left the screen', async () => {
    const { thumbnails } = await import('./thumbnail-queue');
    const seen: string[] = [];
    thumbnails.request('/a.jpg', (s) => seen.push(`a:${s.state}`));
    thumbnails.request('/b.jpg', (s) => seen.push(`b:${s.state}`));
    const withdrawC = thumbnails.request('/c.jpg', () => seen.push('c'));
    thumbnails.request('/d.jpg', (s) => seen.push(`d:${s.state}`));
    expect(asked.map((p) => p.path)).toEqual(['/a.jpg', '/b.jpg']);
    withdrawC();
    asked[0]!.answer(ready('/a.jpg'));
    await settle();
    // c scrolled away before its turn: never asked for; d, the newest, goes next.
    expect(asked.map((p) => p.path)).toEqual(['/a.jpg', '/b.jpg', '/d.jpg']);
    asked[1]!.answer({ ok: false, code: 'DECODE_FAILED', message: 'broken' });
    asked[2]!.answer(ready('/d.jpg'));
    await settle();
    expect(seen).toEqual(['a:ready', 'b:failed', 'd:ready']);
    // Answers are kept: asking again costs no second trip.
    expect(thumbnails.peek('/a.jpg')).toMatchObject({ state: 'ready' });
    expect(thumbnails.peek('/c.jpg')).toBeUndefined();
  });
});
