// What `pixmill run --stats-file` writes for the benchmark: the pool's worker start-up times, the
// engine process's event-loop delay during the batch, and where the time of an image goes. Built
// from the batch's own events, so the numbers are the engine's, not a re-measurement from outside.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EngineEvent } from '../../common/events.js';
import type { PoolStats } from '../pool/pool.js';

/** Mean milliseconds per processed image, except scanMs: wall time until the scan had found every file. */
export interface StageTimes {
  scanMs: number;
  queue: number;
  read: number;
  pipeline: number;
  write: number;
  ipc: number;
}

export interface RunStats {
  startupMs: number[];
  eventLoopDelayP99Ms: number;
  stages: StageTimes;
  images: number;
}

export interface RunStatsCollector {
  onEvent(event: EngineEvent): void;
  onPoolStats(stats: Readonly<PoolStats>): void;
  /** Stops the event-loop monitor and returns the figures. */
  finish(): RunStats;
}

export function createRunStatsCollector(): RunStatsCollector {
  const started = performance.now();
  // 10 ms is the target for p99; a 1 ms sampling resolution can still see it.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const sums = { queue: 0, read: 0, pipeline: 0, write: 0, ipc: 0 };
  let images = 0;
  let scanMs: number | undefined;
  let startupMs: number[] = [];
  return {
    onEvent(event) {
      if (event.type === 'file-done') {
        images++;
        const t = event.timings;
        sums.queue += t.queue ?? 0;
        sums.read += t.read;
        sums.pipeline += t.pipeline;
        sums.write += t.write;
        sums.ipc += t.ipc ?? 0;
      } else if (event.type === 'progress' && event.scanDone && scanMs === undefined) {
        scanMs = performance.now() - started;
      }
    },
    onPoolStats(stats) {
      startupMs = [...stats.startupMs];
    },
    finish() {
      delay.disable();
      const mean = (sum: number) => (images > 0 ? sum / images : 0);
      return {
        startupMs,
        // The histogram is in nanoseconds; NaN-free even when nothing was sampled.
        eventLoopDelayP99Ms: delay.count > 0 ? delay.percentile(99) / 1e6 : 0,
        stages: {
          scanMs: scanMs ?? performance.now() - started,
          queue: mean(sums.queue),
          read: mean(sums.read),
          pipeline: mean(sums.pipeline),
          write: mean(sums.write),
          ipc: mean(sums.ipc),
        },
        images,
      };
    },
  };
}
