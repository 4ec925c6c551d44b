import { describe, expect, it } from 'vitest';
import { progressOf, summaryOf } from './batch-fixtures';
import {
  idleLine,
  problemsLabel,
  progressLine,
  spokenDuration,
  summaryLine,
  summaryTone,
  timeLeft,
} from './run-status';

const progress = progressOf;
const summary = summaryOf;

describe('run bar wording', () => {
  it('says what is queued before a batch, never "0 / 0", with plurals right', () => {
    expect(idleLine(0, false, 0)).toBe('No images queued');
    expect(idleLine(1, false, 1)).toBe('1 image ready');
    expect(idleLine(1204, false, 2)).toBe('1,204 images ready');
    expect(idleLine(40, true, 2)).toBe('40 images found so far…');
  });

  it('reads progress as counts, rate and a rounded time left', () => {
    const p = progress({ processed: 120, failed: 4, total: 1204, imagesPerSecond: 3.24, etaSeconds: 250 });
    expect(progressLine(p, 'running')).toBe('124 of 1,204 images · 3.2 images/s · about 4 min left');
    expect(progressLine(progress({ total: 1, etaSeconds: null }), 'running')).toBe(
      '0 of 1 image · estimating time left',
    );
    expect(progressLine(progress({ total: 30, scanDone: false }), 'running')).toMatch(/^0 of 30\+ images/);
  });

  it('says Pausing… while jobs finish, then Paused', () => {
    expect(progressLine(progress({ processed: 3, total: 10, running: 1 }), 'pausing')).toBe(
      'Pausing… finishing 1 image in hand · 3 of 10 images',
    );
    expect(progressLine(progress({ processed: 4, total: 10, paused: true }), 'paused')).toBe('Paused · 4 of 10 images');
  });

  it('rounds durations and time left as a person says them', () => {
    expect(spokenDuration(45)).toBe('45 s');
    expect(spokenDuration(130)).toBe('2 min 10 s');
    expect(spokenDuration(3725)).toBe('1 h 2 min');
    expect(timeLeft(5)).toBe('a few seconds left');
    expect(timeLeft(42)).toBe('about 50 s left');
  });

  it('sums a finished batch in one line, with its saving', () => {
    const s = summary({
      processed: 1180,
      skipped: 20,
      failed: 4,
      seconds: 130,
      bytesIn: 288_000,
      bytesOut: 205_000,
      skippedFor: { 'up-to-date': 20, resumed: 0, exists: 0, larger: 0, 'own-output': 0, renamed: 0 },
    });
    expect(summaryLine(s)).toEqual({
      head: 'Finished',
      counts: '1,180 images done, 20 skipped (up to date), 4 failed in 2 min 10 s',
      sizes: '288 kB → 205 kB (29% smaller)',
    });
    expect(summaryTone(s)).toBe('error');
  });

  it('says Cancelled, not Finished, after a cancel, and names mixed skip reasons', () => {
    const s = summary({
      cancelled: true,
      processed: 1,
      skipped: 3,
      seconds: 4,
      skippedFor: { 'up-to-date': 1, resumed: 0, exists: 0, larger: 2, 'own-output': 0, renamed: 0 },
    });
    expect(summaryLine(s).head).toBe('Cancelled');
    expect(summaryLine(s).counts).toBe('1 image done, 3 skipped (1 up to date, 2 would be larger) in 4 s');
    expect(summaryTone(s)).toBe('cancelled');
  });

  it('counts problems and passed-over files apart', () => {
    expect(problemsLabel(1, 0)).toBe('1 problem');
    expect(problemsLabel(4, 2)).toBe('4 problems · 2 passed over');
    expect(problemsLabel(0, 0)).toBe('');
  });
});
