// The window's watch glue, with the engine's watch replaced by one the test drives: the watch's
// own events go out on 'watch:event', its batches' on 'batch:event' under the watch's id, Stop
// answers once the watch has closed, and refusals name the field before anything is watched.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineEvent, WatchEvent } from '../../common/events.js';
import type { EventMap, EventName } from '../../common/ipc.js';
import { makePipeline } from '../../common/pipeline.js';
import { tempDir } from '../../tests/fixtures.js';
import type { WatchOptions } from '../../workers/batch/watch.js';
import type { HandlerDeps } from './handlers.js';
import { WatchRegistry } from './watches.js';

const started: { options: WatchOptions; stopped: boolean }[] = [];
vi.mock('../../workers/batch/watch.js', () => ({
  startWatch: (options: WatchOptions) => {
    const watch = { options, stopped: false };
    started.push(watch);
    let end: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      end = resolve;
    });
    return {
      ready: Promise.resolve(),
      done,
      stop: async () => {
        // Closing takes a moment: the answer must wait for it.
        await new Promise((r) => setImmediate(r));
        watch.stopped = true;
        options.onEvent?.({ type: 'watch-stopped', reason: 'Stopped.' });
        end();
      },
    };
  },
}));

let dir: string;
beforeAll(async () => {
  dir = await tempDir('pixmill-watches-');
  await mkdir(join(dir, 'in'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function registry() {
  const emitted: [EventName, unknown][] = [];
  const deps = {
    emit: <E extends EventName>(event: E, payload: EventMap[E]) => void emitted.push([event, payload]),
    spawners: {},
  } as unknown as HandlerDeps;
  return { watches: new WatchRegistry(deps), emitted };
}

const request = (outDir: string) => ({
  inputs: [join(dir, 'in')],
  outDir,
  spec: makePipeline(),
  mode: 'processes' as const,
  workers: 1,
});

describe('WatchRegistry', () => {
  it("forwards the watch's news and its batches' events apart, and answers Stop once it has closed", async () => {
    const { watches, emitted } = registry();
    const result = await watches.start(request(join(dir, 'out')));
    expect(result).toEqual({ ok: true, value: { id: 'w1' } });
    const { options } = started.at(-1)!;
    const ready: WatchEvent = { type: 'watch-ready', roots: [join(dir, 'in')] };
    const fileDone: EngineEvent = { type: 'file-started', file: join(dir, 'in', 'a.jpg'), root: 0 };
    options.onEvent?.(ready);
    options.onEvent?.(fileDone);
    expect(emitted).toEqual([
      ['watch:event', { id: 'w1', event: ready }],
      ['batch:event', { id: 'w1', event: fileDone }],
    ]);
    expect(await watches.stop('w1')).toEqual({ ok: true, value: null });
    expect(started.at(-1)!.stopped).toBe(true);
    expect(emitted.at(-1)).toEqual(['watch:event', { id: 'w1', event: { type: 'watch-stopped', reason: 'Stopped.' } }]);
    // Once ended it is gone.
    await new Promise((r) => setImmediate(r));
    expect(await watches.stop('w1')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('refuses an output folder inside an input before watching anything, naming the field', async () => {
    const { watches } = registry();
    const before = started.length;
    expect(await watches.start(request(dir))).toMatchObject({ ok: false, code: 'INVALID_SETTINGS', field: 'outDir' });
    expect(started.length).toBe(before);
  });
});
