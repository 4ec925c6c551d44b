// Rate and time left under a fake clock: throughput counts only files a worker processed.
import { describe, expect, it } from 'vitest';
import { ProgressTracker } from './progress.js';

function tracker(total: number) {
  const clock = { ms: 0 };
  const t = new ProgressTracker(['/photos'], () => clock.ms);
  for (let i = 0; i < total; i++) t.counted(0);
  t.countDone(0);
  return { t, clock };
}

describe('progress rate and ETA', () => {
  it('stays at a steady 10 files/s through a burst of 100 resumed files', () => {
    const { t, clock } = tracker(400);
    t.started();
    const rates: number[] = [];
    for (let i = 1; i <= 200; i++) {
      clock.ms = i * 100;
      t.done(0, 1000, 500);
      // The burst: an interrupted run's files, answered in no time at all.
      if (i === 50) for (let k = 0; k < 100; k++) t.skip(0, 'resumed');
      if (i % 10 === 0) rates.push(t.snapshot(0).imagesPerSecond);
    }
    for (const r of rates) expect(r).toBeCloseTo(10, 5);
    // 400 found, 200 processed and 100 resumed: 100 left at 10/s.
    expect(t.snapshot(0).etaSeconds).toBeCloseTo(10, 5);
  });

  it('does not count up-to-date files towards the rate, and keeps the ETA back until a few are processed', () => {
    const { t, clock } = tracker(10);
    for (let k = 0; k < 5; k++) t.skip(0, 'up-to-date');
    clock.ms = 50;
    expect(t.snapshot(0)).toMatchObject({ imagesPerSecond: 0, etaSeconds: null });
    t.started();
    clock.ms = 550;
    t.done(0, 1, 1);
    clock.ms = 1050;
    t.done(0, 1, 1);
    expect(t.snapshot(0).etaSeconds).toBeNull();
    clock.ms = 1550;
    t.done(0, 1, 1);
    const p = t.snapshot(0);
    // Three files in the 1.5 s since the first job started; two are left.
    expect(p.imagesPerSecond).toBeCloseTo(2, 5);
    expect(p.etaSeconds).toBeCloseTo(1, 5);
  });

  it('leaves paused time out, and follows a change of pace within the window', () => {
    const { t, clock } = tracker(1000);
    t.started();
    for (let i = 1; i <= 100; i++) {
      clock.ms = i * 100;
      t.done(0, 1, 1);
    }
    t.setPaused(true);
    clock.ms += 60_000;
    t.setPaused(false);
    expect(t.snapshot(0).imagesPerSecond).toBeCloseTo(10, 5);
    // Twice as fast now: after a full window the rate says so.
    const from = clock.ms;
    for (let i = 1; i <= 200; i++) {
      clock.ms = from + i * 50;
      t.done(0, 1, 1);
    }
    expect(t.snapshot(0).imagesPerSecond).toBeCloseTo(20, 5);
  });

  it("gives a short batch's images/s over its processing time, not the whole run's", () => {
    const { t, clock } = tracker(3);
    // Scanning and the workers' start take half a second; three files then take 0.3 s.
    clock.ms = 500;
    t.started();
    for (const ms of [600, 700, 800]) {
      clock.ms = ms;
      t.done(0, 1, 1);
    }
    clock.ms = 900;
    const s = t.summary(false);
    expect(s.imagesPerSecond).toBeCloseTo(10, 5);
    expect(s.seconds).toBeCloseTo(0.9, 5);
    expect(s.skippedFor).toEqual({ 'up-to-date': 0, resumed: 0, exists: 0, larger: 0, 'own-output': 0, renamed: 0 });
  });
});
