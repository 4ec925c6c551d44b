// A whole batch through the real engine: scan → plan → pool → sharp → files on disk.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../common/events.js';
import { makePipeline } from '../common/pipeline.js';
import { startBatch } from '../workers/batch/run-batch.js';
import { hashTree, listFiles, makeDamaged, makeImage, tempDir } from './fixtures.js';

const resizeTo = (w: number, format: 'webp' | 'jpeg' | 'png' = 'webp') =>
  makePipeline({ steps: [{ op: 'resize', params: { by: 'box', width: w, height: w } }], output: { format } });

let root: string;
let photos: string;
let damaged: string;

beforeAll(async () => {
  root = await tempDir();
  photos = join(root, 'Photos');
  // Nested folders, unicode in NFC and NFD, spaces, a leading dash: names people really have.
  const names = ['a.jpg', 'Été/b.jpg', 'Ete\u0301 2024/c.png', 'deep/er/still/d.webp', '-dash/e.jpg', '日本/写真.jpg'];
  await Promise.all(
    names.map((n, i) =>
      makeImage(join(photos, n), {
        width: 800 + i * 10,
        height: 600,
        format: n.endsWith('.png') ? 'png' : n.endsWith('.webp') ? 'webp' : 'jpeg',
      }),
    ),
  );
  damaged = join(root, 'Mixed');
  await makeDamaged(damaged);
  await makeImage(join(damaged, 'good-1.jpg'), { width: 500, height: 400 });
  await makeImage(join(damaged, 'good-2.jpg'), { width: 500, height: 400 });
});

function collect() {
  const events: EngineEvent[] = [];
  return { events, onEvent: (e: EngineEvent) => events.push(e) };
}

describe('a batch', () => {
  it('processes nested and unicode folders, keeps the structure and never touches the originals', async () => {
    const before = await hashTree(photos);
    const out = join(root, 'out-structure');
    const { events, onEvent } = collect();
    const summary = await startBatch({
      inputs: [photos],
      outDir: out,
      spec: resizeTo(300),
      mode: 'processes',
      workers: 2,
      onEvent,
    }).done;
    expect(summary).toMatchObject({ processed: 6, failed: 0, skipped: 0, total: 6, cancelled: false });
    expect(await listFiles(out)).toEqual(
      [
        'a.webp',
        'Été/b.webp',
        'Ete\u0301 2024/c.webp',
        'deep/er/still/d.webp',
        '-dash/e.webp',
        '日本/写真.webp',
      ].sort(),
    );
    for (const f of await listFiles(out)) expect((await sharp(join(out, f)).metadata()).width).toBe(300);
    expect(await hashTree(photos)).toEqual(before);
    const last = events.at(-1);
    expect(last?.type).toBe('summary');
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({
      processed: 6,
      total: 6,
      scanDone: true,
      roots: [{ found: 6, processed: 6, scanDone: true }],
    });
  });

  it('flattens, and gives same-named files from different folders their own outputs', async () => {
    await makeImage(join(root, 'Twins/one/x.jpg'));
    await makeImage(join(root, 'Twins/two/x.jpg'));
    const out = join(root, 'out-flat');
    const spec = makePipeline({ output: { format: 'jpeg', structure: 'flatten' } });
    const summary = await startBatch({ inputs: [join(root, 'Twins')], outDir: out, spec, workers: 2 }).done;
    expect(summary.processed).toBe(2);
    expect(await listFiles(out)).toEqual(['x-1.jpg', 'x.jpg']);
  });

  it('gives each damaged file one error row with a code while the good ones succeed', async () => {
    const before = await hashTree(damaged);
    const out = join(root, 'out-damaged');
    const { events, onEvent } = collect();
    const summary = await startBatch({
      inputs: [damaged],
      outDir: out,
      spec: resizeTo(200, 'jpeg'),
      mode: 'processes',
      workers: 2,
      onEvent,
    }).done;
    expect(summary).toMatchObject({ processed: 2, failed: 4, total: 6 });
    const rows = new Map(summary.errors.map((e) => [e.file.split('/').pop(), e.code]));
    expect(rows.get('empty.jpg')).toBe('UNSUPPORTED_FORMAT');
    expect(rows.get('notes-renamed.png')).toBe('UNSUPPORTED_FORMAT');
    expect(['TRUNCATED', 'DECODE_FAILED']).toContain(rows.get('truncated.jpg'));
    expect(['TRUNCATED', 'DECODE_FAILED']).toContain(rows.get('corrupt.jpg'));
    expect(events.filter((e) => e.type === 'file-failed')).toHaveLength(4);
    // Each row says what is wrong with its file in a person's words; libvips' text is the detail.
    const messages = new Map(summary.errors.map((e) => [e.file.split('/').pop(), e.message]));
    expect(messages.get('empty.jpg')).toMatch(/empty/);
    expect(messages.get('notes-renamed.png')).toMatch(/text file, not an image/);
    expect(messages.get('truncated.jpg')).toMatch(/cut short|damaged/);
    expect(messages.get('corrupt.jpg')).toMatch(/damaged/);
    for (const e of summary.errors) expect(e.message, e.file).not.toMatch(/vips|jpeg_|Input (file|buffer)/i);
    expect(await listFiles(out)).toEqual(['good-1.jpg', 'good-2.jpg']);
    expect(await hashTree(damaged)).toEqual(before);
  });

  it.each(['skip', 'suffix', 'overwrite'] as const)(
    'applies the %s conflict policy on a second run',
    async (conflict) => {
      const out = join(root, `out-conflict-${conflict}`);
      const spec = (w: number) =>
        makePipeline({
          steps: [{ op: 'resize', params: { by: 'box', width: w, height: w } }],
          output: { format: 'png', conflict },
        });
      await startBatch({ inputs: [join(photos, 'a.jpg')], outDir: out, spec: spec(100), workers: 1 }).done;
      const second = await startBatch({ inputs: [join(photos, 'a.jpg')], outDir: out, spec: spec(50), workers: 1 })
        .done;
      const files = await listFiles(out);
      const width = async (f: string) => (await sharp(join(out, f)).metadata()).width;
      if (conflict === 'skip') {
        expect(second).toMatchObject({ processed: 0, skipped: 1 });
        expect(files).toEqual(['a.png']);
        expect(await width('a.png')).toBe(100);
      } else if (conflict === 'suffix') {
        // The output is Pixmill's own (the folder's record says so): the new recipe replaces it.
        expect(second.processed).toBe(1);
        expect(files).toEqual(['a.png']);
        expect(await width('a.png')).toBe(50);
      } else {
        expect(second.processed).toBe(1);
        expect(files).toEqual(['a.png']);
        expect(await width('a.png')).toBe(50);
      }
    },
  );

  it('cancelled mid-batch, leaves no temp or partial files', async () => {
    const many = join(root, 'Many');
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => makeImage(join(many, `p${i}.jpg`), { width: 1600, height: 1200 })),
    );
    const out = join(root, 'out-cancel');
    let batch: ReturnType<typeof startBatch> | undefined;
    batch = startBatch({
      inputs: [many],
      outDir: out,
      spec: makePipeline({ steps: [{ op: 'sharpen', params: { sigma: 3 } }], output: { format: 'png' } }),
      mode: 'processes',
      workers: 2,
      onEvent: (e) => e.type === 'file-done' && batch?.cancel(),
    });
    const summary = await batch.done;
    expect(summary.cancelled).toBe(true);
    expect(summary.processed).toBeLessThan(24);
    // A cancelled batch keeps its resume journal; nothing else hidden may remain.
    const files = (await listFiles(out)).filter((f) => f !== '.pixmill-journal.jsonl');
    expect(files.filter((f) => f.startsWith('.') || f.includes('/.'))).toEqual([]);
    // Jobs running at the cancel finish and are counted: every output on disk is accounted for.
    expect(files).toHaveLength(summary.processed);
    // Every file under a final name is a complete, decodable image.
    for (const f of files) await expect(sharp(join(out, f)).stats()).resolves.toBeTruthy();
  });

  it('pauses: the jobs in hand finish, the engine says so, then no count moves until resume', async () => {
    const out = join(root, 'out-pause');
    const events: EngineEvent[] = [];
    let quietAt = -1;
    let onQuiet!: () => void;
    const quiet = new Promise<void>((r) => (onQuiet = r));
    const batch = startBatch({
      inputs: [photos],
      outDir: out,
      spec: resizeTo(100),
      mode: 'threads',
      workers: 2,
      onEvent: (e) => {
        events.push(e);
        // Paused as the first file lands, while the other worker still has a job in hand.
        if (e.type === 'file-done' && !events.some((x) => x.type === 'progress' && x.paused)) batch.pause();
        if (e.type === 'progress' && e.paused && e.running === 0 && quietAt < 0) {
          quietAt = events.length - 1;
          onQuiet();
        }
      },
    });
    await quiet;
    // A file's answers (done, skipped, failed, ignored); its start is no answer.
    const outcomes = (list: EngineEvent[]) =>
      list.filter((e) => e.type.startsWith('file-') && e.type !== 'file-started');
    const atQuiet = events[quietAt] as EngineEvent & { type: 'progress' };
    expect(atQuiet.processed).toBe(outcomes(events).length);
    expect(atQuiet.processed).toBeLessThan(6);
    // Every file the engine called done is on disk, and no job has a temp file open.
    expect((await listFiles(out)).filter((f) => !f.startsWith('.pixmill-journal'))).toHaveLength(atQuiet.processed);
    // Watch for as long as one more job takes, doing that job's work here, then ask the engine.
    await sharp(join(photos, 'a.jpg')).resize(100, 100, { fit: 'inside' }).webp().toBuffer();
    batch.pause();
    const later = events.at(-1) as EngineEvent & { type: 'progress' };
    expect(later).toMatchObject({ type: 'progress', paused: true, running: 0, processed: atQuiet.processed });
    expect(outcomes(events.slice(quietAt))).toEqual([]);
    batch.resume();
    const summary = await batch.done;
    expect(summary.processed).toBe(6);
    expect(outcomes(events.slice(quietAt)).length).toBe(6 - atQuiet.processed);
  });

  it('refuses an output folder that contains the input folder, naming the option', async () => {
    await expect(startBatch({ inputs: [photos], outDir: root, spec: resizeTo(100) }).done).rejects.toThrow(
      /^outDir: .*contains the input folder/,
    );
    await expect(
      startBatch({ inputs: [photos], outDir: join(root, 'o'), spec: resizeTo(100), workers: 0 }).done,
    ).rejects.toThrow(/^workers: /);
    await expect(startBatch({ inputs: [], outDir: join(root, 'o'), spec: resizeTo(100) }).done).rejects.toThrow(
      /^inputs: /,
    );
    const bad = { ...resizeTo(100), output: { ...resizeTo(100).output, quality: 500 } };
    await expect(startBatch({ inputs: [photos], outDir: join(root, 'o'), spec: bad }).done).rejects.toThrow(
      /^spec\.output\.quality: /,
    );
  });

  it('never re-processes its own outputs when the output folder is inside the input folder', async () => {
    const album = join(root, 'Album');
    await makeImage(join(album, 'one.jpg'));
    await makeImage(join(album, 'two.jpg'));
    const out = join(album, 'small');
    const first = await startBatch({ inputs: [album], outDir: out, spec: resizeTo(64, 'jpeg') }).done;
    const second = await startBatch({ inputs: [album], outDir: out, spec: resizeTo(64, 'jpeg') }).done;
    expect([first.total, second.total]).toEqual([2, 2]);
    expect(second.upToDate).toBe(2);
    expect(await listFiles(out)).toEqual(['one.jpg', 'two.jpg']);
  });

  it('reports a symlink loop once and still finishes', async () => {
    const loop = join(root, 'Loop');
    await makeImage(join(loop, 'inner/pic.jpg'));
    await symlink(loop, join(loop, 'inner/back'));
    await writeFile(join(loop, 'readme.txt'), 'not an image');
    await mkdir(join(loop, '.hidden'), { recursive: true });
    await makeImage(join(loop, '.hidden/secret.jpg'));
    const summary = await startBatch({ inputs: [loop], outDir: join(root, 'out-loop'), spec: resizeTo(64) }).done;
    expect(summary.processed).toBe(1);
    expect(summary.errors.map((e) => e.code)).toEqual(['SYMLINK_LOOP']);
  });
});
