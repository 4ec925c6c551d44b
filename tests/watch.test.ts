// Watch folders through the real engine: chokidar on real folders, real workers, real sharp. Every
// wait is for an event the watch emits (or a file on disk), with room for a loaded machine; the
// only pauses are the ones that make a copy slow.
import { execFileSync } from 'node:child_process';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent, WatchEvent } from '../common/events.js';
import { makePipeline } from '../common/pipeline.js';
import { startWatch, type WatchHandle, type WatchOptions } from '../workers/batch/watch.js';
import { isTempFile, listFiles, makeImage, tempDir } from './fixtures.js';

type Event = EngineEvent | WatchEvent;
interface Seen {
  event: Event;
  at: number;
}

const SPEC = makePipeline({
  steps: [{ op: 'resize', params: { by: 'longEdge', longEdge: 200 } }],
  output: { format: 'webp' },
});
/** Small values keep the tests quick; the defaults are what the latency figures measure. */
const QUICK = { debounceMs: 100, stableMs: 400 };
const WAIT_MS = 20_000;

let root: string;
let photo: Buffer;
/** Photos of different content: the record takes a new file with an old one's content for that file renamed. */
let others: Buffer[];
const running: WatchHandle[] = [];

beforeAll(async () => {
  root = await tempDir('pixmill-watch-');
  photo = await readFile(await makeImage(join(root, 'photo.jpg'), { width: 640, height: 480 }));
  others = await Promise.all(
    [1, 2, 3].map(async (i) =>
      readFile(await makeImage(join(root, `other-${i}.jpg`), { width: 640, height: 480 + i * 8 })),
    ),
  );
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

// After the drive test's own afterAll has unmounted its tmpfs (inner hooks run first).
afterAll(() => rm(root, { recursive: true, force: true }));

/** A watch whose events are kept with their arrival time, and awaited by what they say. */
function watching(options: Omit<WatchOptions, 'spec' | 'onEvent'>) {
  const seen: Seen[] = [];
  const waiters: { test: (e: Event) => boolean; resolve: (s: Seen) => void }[] = [];
  const handle = startWatch({
    spec: SPEC,
    mode: 'threads',
    workers: 1,
    ...QUICK,
    ...options,
    onEvent: (event) => {
      const entry = { event, at: Date.now() };
      seen.push(entry);
      for (const w of waiters.filter((x) => x.test(event))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    },
  });
  running.push(handle);
  /** The first event (already seen, or still to come) for which `test` holds. */
  const next = (what: string, test: (e: Event) => boolean, after = 0): Promise<Seen> => {
    const earlier = seen.find((s, i) => i >= after && test(s.event));
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${WAIT_MS} ms; saw ${types(seen)}`)), WAIT_MS);
      waiters.push({
        test,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
      });
    });
  };
  /** What became of `file`: processed, skipped or failed. */
  const answer = (file: string, after = 0) =>
    next(
      `answer for ${file}`,
      (e) => (e.type === 'file-done' || e.type === 'file-skipped' || e.type === 'file-failed') && e.file === file,
      after,
    );
  return { handle, seen, next, answer };
}

/** The file watches and timers this process holds, counted by kind. */
function handles(): Record<string, number> {
  const kinds = process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap' || r === 'Timeout');
  return Object.fromEntries(['FSEventWrap', 'Timeout'].map((k) => [k, kinds.filter((r) => r === k).length]));
}

const types = (seen: Seen[]) => seen.map((s) => s.event.type).join(', ');
const about = (seen: Seen[], file: string) =>
  seen.filter((s) => 'file' in s.event && s.event.file === file).map((s) => s.event.type);

async function folder(name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A copy that takes its time: the photo written in `chunks` pieces, `gapMs` apart. */
async function slowCopy(to: string, chunks: number, gapMs: number): Promise<void> {
  const file = await open(to, 'w');
  const size = Math.ceil(photo.length / chunks);
  for (let at = 0; at < photo.length; at += size) {
    await file.write(photo.subarray(at, at + size));
    await file.sync();
    await new Promise((r) => setTimeout(r, gapMs));
  }
  await file.close();
}

describe('a watched folder', () => {
  it('takes a slowly copied file once, after its last chunk, and its output decodes', async () => {
    const input = await folder('slow/in');
    const out = join(root, 'slow/out');
    const w = watching({ inputs: [input], outDir: out });
    await w.handle.ready;
    const file = join(input, 'arriving.jpg');
    await slowCopy(file, 10, 150);
    const copied = Date.now();
    const done = await w.answer(file);
    expect(done.event.type).toBe('file-done');
    expect(done.at).toBeGreaterThanOrEqual(copied);
    const started = w.seen.find((s) => s.event.type === 'file-started' && s.event.file === file);
    expect(started!.at).toBeGreaterThanOrEqual(copied);
    const meta = await sharp(join(out, 'arriving.webp')).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 200, 150]);

    // One more file through the watch: had the first been taken again, it would have been by now.
    // (A batch that walks the whole folder may answer it again as up to date, but never encode it.)
    const second = join(input, 'second.jpg');
    await writeFile(second, others[0]!);
    await w.answer(second);
    const work = about(w.seen, file).filter((t) => t !== 'file-skipped');
    expect(work).toEqual(['file-started', 'file-done']);
  });

  it('does not encode a renamed file again (the record knows it: skipped as renamed)', async () => {
    const input = await folder('rename/in');
    const out = join(root, 'rename/out');
    await writeFile(join(input, 'before.jpg'), photo);
    const w = watching({ inputs: [input], outDir: out });
    await w.handle.ready;
    expect(await listFiles(out)).toEqual(['before.webp']);
    const mark = w.seen.length;
    await rename(join(input, 'before.jpg'), join(input, 'after.jpg'));
    const answer = await w.answer(join(input, 'after.jpg'), mark);
    expect(answer.event).toMatchObject({ type: 'file-skipped', reason: 'renamed' });
    expect(about(w.seen.slice(mark), join(input, 'after.jpg'))).not.toContain('file-started');
    await w.next('the end of its batch', (e) => e.type === 'watch-idle', w.seen.indexOf(answer));
    expect(await listFiles(out)).toEqual(['after.webp']);
  });

  it('picks up a new sub-folder moved in with its images', async () => {
    const input = await folder('subfolder/in');
    const out = join(root, 'subfolder/out');
    const staged = await folder('subfolder/staged/trip');
    await writeFile(join(staged, 'one.jpg'), photo);
    await writeFile(join(staged, 'two.jpg'), others[0]!);
    const w = watching({ inputs: [input], outDir: out });
    await w.handle.ready;
    await rename(staged, join(input, 'trip'));
    const answers = [await w.answer(join(input, 'trip', 'one.jpg')), await w.answer(join(input, 'trip', 'two.jpg'))];
    expect(answers.map((a) => a.event.type)).toEqual(['file-done', 'file-done']);
    const last = Math.max(...answers.map((a) => w.seen.indexOf(a)));
    await w.next('the end of its batch', (e) => e.type === 'watch-idle', last);
    expect(await listFiles(out)).toEqual(['trip/one.webp', 'trip/two.webp']);
  });

  it('goes on when the folder is renamed away and back, and takes what arrived meanwhile', async () => {
    const input = await folder('away/in');
    const away = join(root, 'away/elsewhere');
    const out = join(root, 'away/out');
    const w = watching({ inputs: [input], outDir: out });
    await w.handle.ready;
    await rename(input, away);
    await w.next('folder gone', (e) => e.type === 'watch-folder-gone' && e.root === input);
    await writeFile(join(away, 'meanwhile.jpg'), photo);
    await rename(away, input);
    await w.next('folder back', (e) => e.type === 'watch-folder-back' && e.root === input);
    expect(await listFiles(out)).toEqual(['meanwhile.webp']);
    await writeFile(join(input, 'later.jpg'), others[0]!);
    expect((await w.answer(join(input, 'later.jpg'))).event.type).toBe('file-done');
  });

  it('never takes as changes what it writes into an output folder inside the watched one, nor hidden files', async () => {
    const input = await folder('nested/in');
    const out = join(input, 'web');
    const w = watching({ inputs: [input], outDir: out });
    await w.handle.ready;
    const ready = w.seen.length;
    await writeFile(join(input, '.partial-download.jpg'), photo);
    await writeFile(join(input, 'a.jpg'), photo);
    await w.answer(join(input, 'a.jpg'));
    // web/a.webp, had it come back as a change, would have settled no later than b.jpg, written
    // after it: by the end of b's batch it would have been handed to one.
    await writeFile(join(input, 'b.jpg'), others[0]!);
    const b = await w.answer(join(input, 'b.jpg'));
    await w.next('the end of its batch', (e) => e.type === 'watch-idle', w.seen.indexOf(b));
    const handed = w.seen.slice(ready).flatMap((s) => (s.event.type === 'watch-batch' ? [s.event.files] : []));
    expect(handed.reduce((sum, n) => sum + n, 0)).toBe(2);
    expect(await listFiles(out)).toEqual(['a.webp', 'b.webp']);
  });

  it('stops when the output folder goes away, saying why, and does not create it again', async () => {
    const input = await folder('out-gone/in');
    const out = join(root, 'out-gone/out');
    const w = watching({ inputs: [input], outDir: out });
    await w.handle.ready;
    await rename(out, join(root, 'out-gone/moved'));
    const stopped = await w.next('watch-stopped', (e) => e.type === 'watch-stopped');
    expect(stopped.event).toMatchObject({ reason: expect.stringMatching(/output folder .* is gone/) });
    await w.handle.done;
    await writeFile(join(input, 'late.jpg'), photo);
    await expect(listFiles(out)).rejects.toThrow(/ENOENT/);
  });

  it('stops mid-batch: the batch cancelled, no temp file left, stop resolves', async () => {
    const input = await folder('stop/in');
    const out = join(root, 'stop/out');
    const big = await readFile(await makeImage(join(root, 'stop/big.jpg'), { width: 2400, height: 1800 }));
    const before = handles();
    const w = watching({ inputs: [input], outDir: out });
    await w.handle.ready;
    for (let i = 0; i < 6; i++) await writeFile(join(input, `big-${i}.jpg`), big);
    await w.next('a file started in a burst', (e) => e.type === 'file-started');
    await w.handle.stop();
    const last = w.seen.at(-1)!.event;
    expect(last).toEqual({ type: 'watch-stopped', reason: 'Stopped.' });
    expect((await listFiles(out)).filter(isTempFile)).toEqual([]);
    const idle = w.seen.findLast((s) => s.event.type === 'watch-idle')!.event as Extract<Event, { type: 'watch-idle' }>;
    expect(idle.summary).toMatchObject({ cancelled: true });
    expect(idle.summary.processed).toBeLessThan(6);
    // Nothing left running: no file watch, no timer of the watch's own (a pool's grace timer may
    // still be winding down on a loaded machine; a leaked one never would).
    await expect.poll(() => handles(), { timeout: 10_000 }).toEqual(before);
  });
});

describe('a watched drive (tmpfs) unmounted and mounted again', () => {
  const mounted: string[] = [];
  const mount = (dir: string): boolean => {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', dir], { stdio: 'ignore' });
      mounted.push(dir);
      return true;
    } catch {
      return false;
    }
  };
  const umount = (dir: string) => {
    execFileSync('umount', [dir], { stdio: 'ignore' });
    mounted.splice(mounted.indexOf(dir), 1);
  };
  afterAll(() => {
    for (const dir of mounted.reverse()) execFileSync('umount', [dir], { stdio: 'ignore' });
  });

  it('waits while it is away (its empty mount point is not it) and goes on when it is back', async (ctx) => {
    const drive = await folder('drive/card');
    const out = join(root, 'drive/out');
    if (!mount(drive)) {
      console.log('skipped: mounting a tmpfs needs root (mount -t tmpfs)');
      return ctx.skip();
    }
    await writeFile(join(drive, 'first.jpg'), photo);
    const w = watching({ inputs: [drive], outDir: out });
    await w.handle.ready;
    expect(await listFiles(out)).toEqual(['first.webp']);
    umount(drive);
    await w.next('drive gone', (e) => e.type === 'watch-folder-gone' && e.root === drive);
    mount(drive);
    await writeFile(join(drive, 'second.jpg'), others[0]!);
    await w.next('drive back', (e) => e.type === 'watch-folder-back' && e.root === drive);
    expect((await w.answer(join(drive, 'second.jpg'))).event.type).toBe('file-done');
    expect(await listFiles(out)).toEqual(['first.webp', 'second.webp']);
    // Only one return: the bare mount point in between was never taken for the drive.
    expect(w.seen.filter((s) => s.event.type === 'watch-folder-back')).toHaveLength(1);
  });
});
