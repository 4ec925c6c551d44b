import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent, Progress } from '../../../common/events';
import { progressOf, summaryOf } from '../lib/batch-fixtures';
import { useAppStore } from './index';
import { statusLabel } from './run-slice';

// These tests' progress events arrive mid-scan unless they say otherwise.
const progress = (over: Partial<Progress>): EngineEvent => ({
  type: 'progress',
  ...progressOf({ scanDone: false, ...over }),
});

describe('run slice', () => {
  beforeEach(() =>
    useAppStore.setState({
      batchId: 'b1',
      status: 'running',
      progress: null,
      errors: [],
      warnings: [],
      summary: null,
      announcement: '',
    }),
  );

  it('applies a delivery in one update: newest progress, all failures, then the summary', () => {
    const failed: EngineEvent = {
      type: 'file-failed',
      file: '/a.jpg',
      root: 0,
      code: 'TIMEOUT',
      stage: 'process',
      message: 'slow',
    };
    useAppStore
      .getState()
      .applyBatchEvents('b1', [progress({ processed: 1 }), failed, progress({ processed: 2, failed: 1 })]);
    let s = useAppStore.getState();
    expect(s.progress?.processed).toBe(2);
    expect(s.errors).toHaveLength(1);
    expect(s.status).toBe('running');
    const summary: EngineEvent = {
      type: 'summary',
      ...summaryOf({ processed: 2, failed: 1, total: 3, seconds: 1, bytesIn: 1, bytesOut: 1, files: 3 }),
    };
    useAppStore.getState().applyBatchEvents('b1', [summary]);
    s = useAppStore.getState();
    expect(s.status).toBe('finished');
    expect(s.errors).toHaveLength(1);
    expect(s.announcement).toMatch(/finished/);
  });

  it('says paused only once the engine has no file in hand, pausing… before', () => {
    const latest = (over: Partial<Progress>) => {
      const { type: _type, ...p } = progress(over) as EngineEvent & { type: 'progress' };
      return p;
    };
    expect(statusLabel('paused', null)).toBe('pausing…');
    expect(statusLabel('paused', latest({ paused: false, running: 0 }))).toBe('pausing…');
    expect(statusLabel('paused', latest({ paused: true, running: 1 }))).toBe('pausing…');
    expect(statusLabel('paused', latest({ paused: true, running: 0 }))).toBe('paused');
    expect(statusLabel('running', latest({ paused: false, running: 2 }))).toBe('running');
  });

  it('keeps the warnings of processed files, and says how many in the announcement', () => {
    const done = (file: string, warnings: { code: 'OUTPUT_LARGER'; message: string }[] | undefined): EngineEvent => ({
      type: 'file-done',
      file,
      root: 0,
      output: `/out/${file}`,
      width: 1,
      height: 1,
      bytesIn: 1,
      bytesOut: 2,
      timings: { read: 0, pipeline: 0, write: 0 },
      ...(warnings ? { warnings } : {}),
    });
    const larger = [{ code: 'OUTPUT_LARGER' as const, message: 'The output (2 B) is larger than the original (1 B).' }];
    useAppStore.getState().applyBatchEvents('b1', [done('a.png', larger), done('b.png', undefined)]);
    expect(useAppStore.getState().warnings).toEqual([
      { file: 'a.png', root: 0, output: '/out/a.png', warnings: larger },
    ]);
    const row = { file: 'c.png', root: 0, output: '/out/c.png', warnings: larger };
    const summary: EngineEvent = {
      type: 'summary',
      ...summaryOf({
        processed: 3,
        total: 3,
        seconds: 1,
        bytesIn: 3,
        bytesOut: 6,
        warned: 2,
        warnings: [useAppStore.getState().warnings[0]!, row],
        files: 3,
      }),
    };
    // A warning whose event the window missed is filled in from the summary.
    useAppStore.getState().applyBatchEvents('b1', [summary]);
    const s = useAppStore.getState();
    expect(s.warnings.map((w) => w.file)).toEqual(['a.png', 'c.png']);
    expect(s.announcement).toMatch(/^Batch finished: 3 images done in .*\. 2 files with warnings\.$/);
  });

  it('lists a file kept out for being larger as a warning row with no output', () => {
    const keptOut = [{ code: 'OUTPUT_KEPT_OUT' as const, message: 'Kept out: the output would be 12% larger.' }];
    useAppStore.getState().applyBatchEvents('b1', [
      { type: 'file-skipped', file: '/a.jpg', root: 0, output: '/out/a.jpg', reason: 'larger', warnings: keptOut },
      { type: 'file-skipped', file: '/b.jpg', root: 0, output: '/out/b.jpg', reason: 'exists' },
    ]);
    expect(useAppStore.getState().warnings).toEqual([{ file: '/a.jpg', root: 0, output: '', warnings: keptOut }]);
  });

  it('announces the first failure at once and each quarter of the way, not every tick', () => {
    const apply = (events: EngineEvent[]) => useAppStore.getState().applyBatchEvents('b1', events);
    apply([progress({ processed: 1, total: 8, scanDone: true })]);
    expect(useAppStore.getState().announcement).toBe('');
    apply([progress({ processed: 2, total: 8, scanDone: true })]);
    expect(useAppStore.getState().announcement).toBe('25% done: 2 of 8 images.');
    const failed: EngineEvent = {
      type: 'file-failed',
      file: '/p/broken.jpg',
      root: 0,
      code: 'DECODE_FAILED',
      stage: 'decode',
      message: 'The image is damaged.',
    };
    apply([failed, progress({ processed: 2, failed: 1, total: 8, scanDone: true })]);
    expect(useAppStore.getState().announcement).toBe(
      'A file could not be processed: broken.jpg. The image is damaged.',
    );
    apply([progress({ processed: 4, failed: 1, total: 8, scanDone: true })]);
    expect(useAppStore.getState().announcement).toBe('50% done: 5 of 8 images.');
  });

  it('ignores events of another batch', () => {
    useAppStore.getState().applyBatchEvents('b9', [progress({ processed: 5 })]);
    expect(useAppStore.getState().progress).toBeNull();
  });
});
