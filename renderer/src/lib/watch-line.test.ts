import { describe, expect, it } from 'vitest';
import { progressOf } from './batch-fixtures';
import { burstText, clockTime, watchLine, watchTargets } from './watch-line';

const at = new Date(2026, 0, 5, 9, 7).getTime();

describe('the watching line', () => {
  it('names what is watched', () => {
    expect(watchTargets([{ kind: 'folder' }, { kind: 'folder' }])).toBe('2 folders');
    expect(watchTargets([{ kind: 'folder' }, { kind: 'file' }, { kind: 'file' }])).toBe('1 folder and 2 files');
  });

  it('says what the watch is doing: catching up, waiting, a burst in progress, and the last burst with its time', () => {
    const base = { targets: '2 folders', ready: false, stopping: false, progress: null, last: null, gone: 0 };
    expect(watchLine(base)).toBe('Watching 2 folders · bringing them up to date…');
    expect(watchLine({ ...base, ready: true })).toBe('Watching 2 folders · waiting for new images');
    const last = { processed: 3, failed: 0, skipped: 0, at };
    expect(watchLine({ ...base, ready: true, last })).toBe('Watching 2 folders · last: 3 processed at 09:07');
    expect(
      watchLine({ ...base, ready: true, last, progress: progressOf({ processed: 1, total: 4, scanDone: true }) }),
    ).toBe('Watching 2 folders · processing 1 of 4 images');
    expect(watchLine({ ...base, ready: true, last, gone: 1 })).toBe(
      'Watching 2 folders · 1 folder gone, waiting for it · last: 3 processed at 09:07',
    );
    expect(watchLine({ ...base, stopping: true })).toBe('Stopping the watch…');
  });

  it('says a burst with its failures and skips only when there were some', () => {
    expect(burstText({ processed: 1, failed: 0, skipped: 0, at })).toBe('1 processed');
    expect(burstText({ processed: 2, failed: 1, skipped: 3, at })).toBe('2 processed, 3 skipped, 1 failed');
    expect(clockTime(new Date(2026, 0, 5, 23, 59).getTime())).toBe('23:59');
  });
});
