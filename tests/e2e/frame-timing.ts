// The page's frame timing, recorded inside it while something long happens (a listing, a batch):
// requestAnimationFrame intervals and long tasks. Printed by the tests, never asserted: speed
// belongs to `npm run bench`, and a shared machine's frames say little about anyone else's.
import type { Page } from 'playwright-core';

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  longTasks: number;
  longestTask: number;
}

type PageWindow = {
  __frames: number[];
  __long: number[];
  __stop?: () => void;
  requestAnimationFrame(cb: (t: number) => void): number;
  cancelAnimationFrame(id: number): void;
  PerformanceObserver: typeof PerformanceObserver;
};

/** Starts recording frame intervals and long tasks inside the page. */
export function startRecording(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageWindow;
    w.__frames = [];
    w.__long = [];
    let last = 0;
    let id = 0;
    const tick = (t: number) => {
      if (last) w.__frames.push(t - last);
      last = t;
      id = w.requestAnimationFrame(tick);
    };
    id = w.requestAnimationFrame(tick);
    const observer = new w.PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    });
    observer.observe({ entryTypes: ['longtask' as never] });
    w.__stop = () => {
      w.cancelAnimationFrame(id);
      observer.disconnect();
    };
  });
}

/** Stops the recording and reduces it to percentiles. */
export function stopRecording(page: Page): Promise<FrameStats> {
  return page.evaluate((): FrameStats => {
    const w = globalThis as unknown as PageWindow;
    w.__stop?.();
    const f = [...w.__frames].sort((a, b) => a - b);
    const at = (q: number) => f[Math.min(f.length - 1, Math.floor(q * f.length))] ?? 0;
    return {
      frames: f.length,
      p50: at(0.5),
      p95: at(0.95),
      max: f.at(-1) ?? 0,
      longTasks: w.__long.length,
      longestTask: Math.max(0, ...w.__long),
    };
  });
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export const describeStats = (s: FrameStats): string =>
  `frames p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, max ${ms(s.max)} over ${s.frames} frames; ${s.longTasks} long tasks (longest ${ms(s.longestTask)})`;
