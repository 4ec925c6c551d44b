import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent, FileErrorRow } from '../../../common/events';
import type { BatchRequest, PixmillApi, Result } from '../../../common/ipc';
import { progressOf, summaryOf } from '../lib/batch-fixtures';
import { fileIndex } from './file-index';
import { useAppStore } from './index';

const sent: BatchRequest[] = [];
function fakeBridge(stop: Result<null> = { ok: true, value: null }): void {
  const api = {
    watchStart: async (req: BatchRequest) => {
      sent.push(req);
      return { ok: true, value: { id: 'w1' } };
    },
    watchStop: async () => stop,
  } as unknown as Partial<PixmillApi>;
  (globalThis as unknown as { window: { pixmill: Partial<PixmillApi> } }).window = { pixmill: api };
}

const failure = (file: string): EngineEvent & FileErrorRow => ({
  type: 'file-failed',
  file,
  root: 0,
  code: 'DECODE_FAILED',
  stage: 'decode',
  message: 'The image is damaged.',
});
const summary = (processed: number, failed = 0): EngineEvent => ({
  type: 'summary',
  ...summaryOf({ processed, failed, total: processed + failed }),
});

describe('watch slice', () => {
  beforeEach(() => {
    sent.length = 0;
    useAppStore.setState({
      queue: [
        { path: '/in/a', kind: 'folder', count: 1, counting: false, problem: null },
        { path: '/in/b', kind: 'folder', count: 1, counting: false, problem: null },
      ],
      outDir: '/out',
      status: 'idle',
      batchId: null,
      watchOn: true,
      watchId: null,
      errors: [],
      summary: null,
      runError: null,
    });
  });
  afterEach(() => delete (globalThis as { window?: unknown }).window);

  it('starts a watch of the queue as Start would send it, and locks the switch while it runs', async () => {
    fakeBridge();
    await useAppStore.getState().startWatching();
    const s = useAppStore.getState();
    expect(sent[0]).toMatchObject({ inputs: ['/in/a', '/in/b'], outDir: '/out' });
    expect(s.status).toBe('watching');
    expect(s.watchId).toBe('w1');
    expect(s.announcement).toBe('Watching 2 folders.');
    s.setWatchOn(false);
    expect(useAppStore.getState().watchOn).toBe(true);
  });

  it('folds each burst into the watching line: progress while it runs, the last burst after, every error kept', async () => {
    fakeBridge();
    await useAppStore.getState().startWatching();
    const apply = (events: EngineEvent[]) => useAppStore.getState().applyBatchEvents('w1', events);
    apply([{ type: 'progress', ...progressOf({ processed: 1, total: 2 }) }, failure('/in/a/x.jpg')]);
    expect(useAppStore.getState().progress?.processed).toBe(1);
    apply([summary(1, 1)]);
    let s = useAppStore.getState();
    // A burst's end is no batch's end: the watch goes on and no summary panel replaces its line.
    expect(s.status).toBe('watching');
    expect(s.summary).toBeNull();
    expect(s.progress).toBeNull();
    expect(s.watchLast).toMatchObject({ processed: 1, failed: 1 });
    apply([failure('/in/b/y.jpg'), summary(0, 1)]);
    s = useAppStore.getState();
    expect(s.errors.map((e) => e.file)).toEqual(['/in/a/x.jpg', '/in/b/y.jpg']);
    expect(s.watchLast).toMatchObject({ processed: 0, failed: 1 });
    // Another batch's events are not the watch's.
    useAppStore.getState().applyBatchEvents('b3', [failure('/elsewhere.jpg')]);
    expect(useAppStore.getState().errors).toHaveLength(2);
  });

  it('stops on Stop, and says why when the watch ends on its own', async () => {
    fakeBridge();
    await useAppStore.getState().startWatching();
    await useAppStore.getState().stopWatching();
    expect(useAppStore.getState()).toMatchObject({ status: 'idle', watchId: null, announcement: 'Stopped watching.' });

    await useAppStore.getState().startWatching();
    useAppStore.getState().applyWatchEvent('w1', { type: 'watch-ready', roots: ['/in/a', '/in/b'] });
    expect(useAppStore.getState().watchReady).toBe(true);
    useAppStore.getState().applyWatchEvent('w1', { type: 'watch-stopped', reason: 'The output folder is gone.' });
    expect(useAppStore.getState()).toMatchObject({ status: 'idle', runError: 'The output folder is gone.' });
  });

  it('adds a file that arrived after the listing to its folder in the file list, processed, and counts it', () => {
    useAppStore.setState({ runInputs: ['/in/a', '/in/b'] });
    fileIndex.setOrder(['/in/a', '/in/b']);
    fileIndex.addListed('/in/a', [{ kind: 'image', path: '/in/a/old.jpg', size: 1, mtimeMs: 1, format: 'JPEG' }], true);
    useAppStore.getState().applyFileEvents('w9', [
      { type: 'file-started', file: '/in/a/new.jpg', root: 0 },
      {
        type: 'file-done',
        file: '/in/a/new.jpg',
        root: 0,
        output: '/out/new.jpg',
        bytesIn: 2000,
        bytesOut: 900,
        width: 10,
        height: 10,
        warnings: [],
      } as unknown as EngineEvent,
    ]);
    const row = fileIndex.find('/in/a/new.jpg');
    expect(row).toMatchObject({ status: 'done', size: 2000, bytesOut: 900, output: '/out/new.jpg' });
    expect(row?.format).toBe('JPEG');
    expect(fileIndex.rootFiles('/in/a')?.files.map((f) => f.name)).toEqual(['old.jpg', 'new.jpg']);
    expect(useAppStore.getState().queue[0]?.count).toBe(2);
  });
});
