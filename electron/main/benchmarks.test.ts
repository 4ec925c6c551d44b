// The benchmark through the real handlers under plain Node: one at a time, a tiny real run with
// its progress events, cancel, and the refusals a person could meet.
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../common/ipc.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { createHandlers, type HandlerDeps } from './handlers.js';

let dir: string;
let photos: string;
const progress: EventMap['bench:progress'][] = [];
const deps: HandlerDeps = {
  version: '0',
  dialogs: {
    addFolders: async () => [],
    addFiles: async () => [],
    chooseOutput: async () => null,
    chooseWatermark: async () => null,
    chooseCsvPath: async () => null,
  },
  store: {
    getSettings: () => ({ outDir: '', mode: 'processes', workers: 0 }),
    setSettings: () => {},
    listPresets: () => [],
    savePreset: () => {},
    deletePreset: () => {},
  },
  openPath: async () => '',
  emit: <E extends EventName>(event: E, payload: EventMap[E]) => {
    if (event === 'bench:progress') progress.push(payload as EventMap['bench:progress']);
  },
};
const handlers = createHandlers(deps);

beforeAll(async () => {
  dir = await tempDir('pixmill-benchmarks-');
  photos = join(dir, 'Photos');
  await Promise.all([0, 1].map((i) => makeImage(join(photos, `p${i}.jpg`), { width: 160, height: 120 })));
});
afterAll(async () => {
  await handlers.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('bench:run', () => {
  it('runs a tiny benchmark on the queued images and reports progress', async () => {
    progress.length = 0;
    const r = await handlers['bench:run']({ inputs: [photos], modes: ['inline', 'threads'], workers: [1], rounds: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.images).toBe(2);
    expect(r.value.contenders).toHaveLength(2);
    expect(r.value.best).not.toBeNull();
    expect(r.value.sentence).toContain('(2 photos, 1 round)');
    expect(progress.at(-1)).toEqual({ done: 2, total: 2, current: null });
  });

  it('refuses a second benchmark while one runs, and cancels the first', async () => {
    const first = handlers['bench:run']({ inputs: [photos], modes: ['inline'], workers: [1], rounds: 10 });
    const second = await handlers['bench:run']({ inputs: [photos], modes: ['inline'], workers: [1], rounds: 1 });
    expect(second).toMatchObject({ ok: false, message: expect.stringMatching(/already running/) });
    expect(await handlers['bench:cancel'](undefined)).toEqual({ ok: true, value: null });
    expect(await first).toMatchObject({ ok: false, code: 'CANCELLED' });
    // Once it has ended, the next one may start (and the cancel has nothing left to stop).
    expect(await handlers['bench:cancel'](undefined)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('refuses a queue without images and more workers than a batch accepts, naming the field', async () => {
    const empty = join(dir, 'Empty');
    await mkdir(empty);
    expect(await handlers['bench:run']({ inputs: [empty] })).toMatchObject({
      ok: false,
      field: 'inputs',
      message: expect.stringMatching(/no images/),
    });
    const tooMany = 2 * availableParallelism() + 1;
    expect(await handlers['bench:run']({ inputs: [photos], workers: [1, tooMany] })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
      field: 'workers.1',
    });
    expect(await handlers['bench:run']({ inputs: [photos], rounds: 0 })).toMatchObject({
      ok: false,
      code: 'INVALID_REQUEST',
      field: 'rounds',
    });
  });
});
