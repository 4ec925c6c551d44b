// The real main-process handlers with the real engine under plain Node: what the window asks for
// is validated, refused with the field named, or done — files on disk, events emitted.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../common/events.js';
import type { EventMap, EventName, Settings, UserPreset } from '../../common/ipc.js';
import { makePipeline } from '../../common/pipeline.js';
import { listFiles, makeImage, tempDir } from '../../tests/fixtures.js';
import { createHandlers, type HandlerDeps } from './handlers.js';

let dir: string;
let photos: string;
const emitted: { event: EventName; payload: unknown }[] = [];
const opened: string[] = [];
let settings: Settings = { outDir: '', mode: 'processes', workers: 0 };
let presets: UserPreset[] = [];
let csvPath: string | null = null;

const deps: HandlerDeps = {
  version: '9.9.9',
  dialogs: {
    addFolders: async () => [photos],
    addFiles: async () => [],
    chooseOutput: async () => join(dir, 'chosen'),
    chooseWatermark: async () => null,
    chooseCsvPath: async () => csvPath,
  },
  store: {
    getSettings: () => settings,
    setSettings: (s) => {
      settings = s;
    },
    listPresets: () => presets,
    savePreset: (p) => {
      presets = [...presets.filter((x) => x.name !== p.name), p];
    },
    deletePreset: (n) => {
      presets = presets.filter((x) => x.name !== n);
    },
  },
  openPath: async (p) => {
    opened.push(p);
    return p.includes('missing') ? 'Failed to open path' : '';
  },
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => void emitted.push({ event, payload }),
};
const handlers = createHandlers(deps);

beforeAll(async () => {
  dir = await tempDir();
  photos = join(dir, 'Photos');
  await Promise.all([0, 1, 2].map((i) => makeImage(join(photos, `p${i}.jpg`), { width: 900, height: 600 })));
});
afterAll(() => handlers.dispose());

const spec = makePipeline({
  steps: [{ op: 'resize', params: { by: 'box', width: 300, height: 300 } }],
  output: { format: 'webp' },
});

describe('payload validation', () => {
  it.each([
    ['batch:start', { inputs: [], outDir: '/tmp/o', spec, mode: 'processes', workers: 2 }, 'inputs'],
    ['batch:start', { inputs: ['/a'], outDir: 'relative/out', spec, mode: 'processes', workers: 2 }, 'outDir'],
    ['batch:start', { inputs: ['/a\0b'], outDir: '/tmp/o', spec, mode: 'processes', workers: 2 }, 'inputs.0'],
    ['batch:start', { inputs: ['/a'], outDir: '/tmp/o', spec, mode: 'fast', workers: 2 }, 'mode'],
    ['batch:start', { inputs: ['/a'], outDir: '/tmp/o', spec, mode: 'threads', workers: 2.5 }, 'workers'],
    [
      'batch:start',
      {
        inputs: ['/a'],
        outDir: '/tmp/o',
        spec: { ...spec, output: { ...spec.output, pattern: '../x' } },
        mode: 'threads',
        workers: 2,
      },
      'spec.output.pattern',
    ],
    ['batch:start', { inputs: ['/a'], outDir: '/tmp/o', spec, mode: 'threads', workers: 2, extra: true }, '(root)'],
    ['batch:cancel', { id: 'nope' }, 'id'],
    ['batch:cancel', undefined, '(root)'],
    ['queue:count', { path: 'x'.repeat(5000) }, 'path'],
    ['shell:openPath', { path: '../../etc' }, 'path'],
    ['presets:save', { name: '', spec }, 'name'],
    ['app:info', { anything: 1 }, '(root)'],
  ] as const)('%s refuses %j naming %s', async (channel, payload, field) => {
    const r = await handlers[channel](payload);
    expect(r).toMatchObject({ ok: false, code: 'INVALID_REQUEST', field });
    expect(!r.ok && r.message).toContain(`${channel}: ${field}: `);
  });
});

describe('batch:start', () => {
  it('runs a batch in the engine and forwards its events, ending with the summary', async () => {
    emitted.length = 0;
    const out = join(dir, 'out');
    const r = await handlers['batch:start']({ inputs: [photos], outDir: out, spec, mode: 'processes', workers: 2 });
    expect(r).toMatchObject({ ok: true, value: { id: expect.stringMatching(/^b\d+$/) } });
    const id = r.ok ? r.value.id : '';
    await expect
      .poll(
        () =>
          emitted.some(
            (e) => e.event === 'batch:event' && (e.payload as { event: EngineEvent }).event.type === 'summary',
          ),
        { timeout: 30_000 },
      )
      .toBe(true);
    const events = emitted
      .filter((e) => e.event === 'batch:event')
      .map((e) => e.payload as { id: string; event: EngineEvent });
    expect(events.every((e) => e.id === id)).toBe(true);
    expect(
      events.filter((e) => e.event.type === 'file-done'),
      JSON.stringify(events.map((e) => e.event)),
    ).toHaveLength(3);
    expect(events.at(-1)?.event).toMatchObject({ type: 'summary', processed: 3, failed: 0 });
    expect(await listFiles(out)).toEqual(['p0.webp', 'p1.webp', 'p2.webp']);
    expect((await sharp(join(out, 'p0.webp')).metadata()).width).toBe(300);
  });

  it('answers a refusal itself, naming the field, instead of starting', async () => {
    const r = await handlers['batch:start']({ inputs: [photos], outDir: dir, spec, mode: 'processes', workers: 2 });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_SETTINGS', field: 'outDir' });
    expect(!r.ok && r.message).toMatch(/contains the input folder/);
  });

  it('says so when asked to control a batch that is not running', async () => {
    expect(await handlers['batch:pause']({ id: 'b999' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('other channels', () => {
  it('app:info tells cores and the worker limit', async () => {
    const r = await handlers['app:info'](undefined);
    expect(r.ok && r.value.maxWorkers).toBe(2 * (r.ok ? r.value.cores : 0));
    expect(r.ok && r.value.version).toBe('9.9.9');
  });

  it('queue:count streams and returns the number of images', async () => {
    emitted.length = 0;
    const r = await handlers['queue:count']({ path: photos });
    expect(r).toEqual({ ok: true, value: { path: photos, count: 3 } });
    expect(emitted.at(-1)).toEqual({ event: 'queue:count', payload: { path: photos, count: 3, done: true } });
  });

  it('preview:render returns before and after images rendered through the chain', async () => {
    const grey = makePipeline({ steps: [{ op: 'grayscale' }], output: { format: 'png' } });
    const r = await handlers['preview:render']({ input: join(photos, 'p0.jpg'), spec: grey, size: 200 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.after.width, r.value.after.height]).toEqual([200, 133]);
    const pixel = async (src: string) => {
      const { data } = await sharp(Buffer.from(src.split(',')[1]!, 'base64'))
        .raw()
        .toBuffer({ resolveWithObject: true });
      return [...data.subarray(300, 303)];
    };
    const [r0, g0, b0] = await pixel(r.value.after.src);
    expect(r0 === g0 && g0 === b0).toBe(true);
    const before = await pixel(r.value.before.src);
    expect(new Set(before).size).toBeGreaterThan(1);
  });

  it('preview:render reports a damaged image with its code', async () => {
    const r = await handlers['preview:render']({ input: join(dir, 'does-not-exist.jpg'), spec, size: 200 });
    expect(r).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('settings and presets round-trip through the store', async () => {
    await handlers['settings:set']({ outDir: '/x', mode: 'inline', workers: 2 });
    expect(await handlers['settings:get'](undefined)).toEqual({
      ok: true,
      value: { outDir: '/x', mode: 'inline', workers: 2 },
    });
    await handlers['presets:save']({ name: 'Mine', spec });
    expect((await handlers['presets:list'](undefined)).ok && presets.map((p) => p.name)).toEqual(['Mine']);
    await handlers['presets:delete']({ name: 'Mine' });
    expect(presets).toEqual([]);
  });

  it('errors:saveCsv writes where the person chose, and nothing when they cancel', async () => {
    csvPath = join(dir, 'errors.csv');
    expect(await handlers['errors:saveCsv']({ csv: 'file,code\na.jpg,TRUNCATED\n' })).toEqual({
      ok: true,
      value: csvPath,
    });
    expect(await readFile(csvPath, 'utf8')).toBe('file,code\na.jpg,TRUNCATED\n');
    csvPath = null;
    expect(await handlers['errors:saveCsv']({ csv: 'x' })).toEqual({ ok: true, value: null });
  });

  it('shell:openPath turns a failure into a readable refusal', async () => {
    expect(await handlers['shell:openPath']({ path: '/tmp' })).toEqual({ ok: true, value: null });
    expect(await handlers['shell:openPath']({ path: '/missing' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('could not be opened'),
    });
  });
});
