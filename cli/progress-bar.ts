// The progress bar on stderr. It is drawn only on a terminal: in a pipe or a log file a redrawn
// line is noise, and stdout stays free for results (`--json`). Lines logged through it (failed
// files) are printed above the bar instead of tearing through it.
import cliProgress from 'cli-progress';
import type { Progress } from '../common/events.js';
import { formatDuration } from '../common/format.js';

export interface ProgressView {
  update(progress: Progress): void;
  /** Prints one line on stderr; `line` has no trailing newline. */
  log(line: string): void;
  stop(): void;
}

function payload(p: Progress): Record<string, string> {
  return {
    // The total grows while the scan streams; the "+" says "at least this many so far".
    more: p.scanDone ? '' : '+',
    // Files that needed no work (up to date, resumed) are not throughput: no rate until one is processed.
    rate: p.imagesPerSecond > 0 ? p.imagesPerSecond.toFixed(1) : '—',
    // Not `eta`: cli-progress fills that token itself and would hide the engine's estimate.
    timeLeft: formatDuration(p.etaSeconds),
    failedNote: p.failed > 0 ? ` | ${p.failed} failed` : '',
    pausedNote: p.paused ? ' (paused)' : '',
  };
}

function terminalBar(stream: NodeJS.WriteStream): ProgressView {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: '{bar} {value}/{total}{more} | {rate} img/s | ETA {timeLeft}{failedNote}{pausedNote}',
      barsize: 30,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  // Created on the first progress with something to count: a bar of 0/0 draws as full.
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(p) {
      if (!bar && p.total === 0) return;
      bar ??= multi.create(p.total, 0, payload(p));
      bar.setTotal(p.total);
      bar.update(p.processed + p.failed + p.skipped, payload(p));
    },
    log(line) {
      multi.log(`${line}\n`);
      // MultiBar only prints logged lines at its next redraw, which never comes if the batch
      // ends first: redraw now so that every failure is shown.
      multi.update();
    },
    stop: () => multi.stop(),
  };
}

function plainLines(stream: NodeJS.WriteStream): ProgressView {
  return {
    update() {},
    log: (line) => void stream.write(`${line}\n`),
    stop() {},
  };
}

export function createProgressView(stream: NodeJS.WriteStream = process.stderr): ProgressView {
  return stream.isTTY ? terminalBar(stream) : plainLines(stream);
}
