// The auto mode's controller: which kind of worker, how many, and how many libvips threads each
// job gets. Like an adaptive concurrency limiter it measures, steps, and keeps what helps. It is
// pure (no clock, no timers): the batch feeds it each finished job's work and service time, and
// applies the shapes it returns, so its decisions can be tested on synthetic throughput curves.
//
// Throughput is estimated by Little's law from the jobs dispatched under the current shape:
// workers × work ÷ service time. A job's work is its megapixels decoded and encoded, weighted by
// the encoder's cost, so a batch of mixed sizes is judged per unit of work, not per file; and
// a worker that waits on its neighbours (for a core, for the disk) shows it as a longer service.
import type { WorkerMode } from '../../common/concurrency.js';
import { shapeLabel, type TuningReport, type TuningStep, type WorkerShape } from '../../common/tuning.js';

export interface TunerLimits {
  cores: number;
  /** The most workers at once (the request's `workers`). */
  maxWorkers: number;
  /** Kinds the pool can start; the comparison runs only when it can start both. */
  kinds: readonly WorkerMode[];
}

/** One finished job: on which kind, how much work (units), and its time on the worker. */
export interface TunerSample {
  mode: WorkerMode;
  units: number;
  serviceMs: number;
  /** `Tuner.epoch` when the job was dispatched: jobs dispatched under an older shape are not counted. */
  epoch: number;
}

/** A step must beat the shape it replaces by this much to stay: less is noise. */
const GAIN = 0.03;
/** Threads must be this much quicker per unit of work to give up a process's isolation. */
const THREADS_GAIN = 0.05;
/** Jobs of each kind before the kinds are compared. */
const COMPARE_SAMPLES = 3;
/** Jobs the other kind may finish alone before the kind still starting is given up on. */
const STARTING_SAMPLES = 4 * COMPARE_SAMPLES;
/** Jobs in a measurement, at least (and at least one per worker). */
const WINDOW_SAMPLES = 3;
/** After settling, measurements before the shapes around it are tried again (the work may have changed). */
const RECHECK_WINDOWS = 6;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const pct = (ratio: number) => `${Math.round(Math.abs(ratio - 1) * 100)} %`;

export class Tuner {
  /** Bumped with every shape change; a sample says under which one its job was dispatched. */
  epoch = 0;
  private shapeNow: WorkerShape;
  private phase: 'compare' | 'climb' | 'settled';
  private readonly perKind = new Map<WorkerMode, number[]>();
  private readonly warmedUp = new Set<WorkerMode>();
  private kind: WorkerMode;
  /** Samples of the current shape: the first `warmUp` are passed over (new workers were starting). */
  private window: TunerSample[] = [];
  private warmUp = 0;
  private best?: { shape: WorkerShape; throughput: number };
  private tried = new Set<string>();
  private settledWindows = 0;
  private readonly steps: TuningStep[] = [];
  private jobs = 0;
  private kindReason = '';

  constructor(private readonly limits: TunerLimits) {
    const workers = Math.min(limits.maxWorkers, Math.max(1, limits.cores));
    const both = limits.kinds.includes('processes') && limits.kinds.includes('threads') && workers >= 2;
    this.kind = limits.kinds.includes('processes') ? 'processes' : (limits.kinds[0] ?? 'processes');
    this.phase = both ? 'compare' : 'climb';
    // Half of each kind, side by side on the same images at the same moment: a paired comparison.
    this.shapeNow = both
      ? { processes: Math.ceil(workers / 2), threads: Math.floor(workers / 2), libvipsThreads: 1 }
      : this.shapeOf(workers, 1);
    if (!both) this.kindReason = limits.kinds.includes('threads') ? '' : 'only processes can be started here';
  }

  get shape(): WorkerShape {
    return this.shapeNow;
  }

  /**
   * libvips threads for a job dispatched now: at the end of a batch, when fewer jobs are left
   * than workers, the cores the idle workers leave are given to the last jobs.
   */
  threadsFor(left: number): number {
    const workers = this.shapeNow.processes + this.shapeNow.threads;
    const base = this.shapeNow.libvipsThreads;
    if (left >= workers || left < 1) return base;
    return Math.max(base, Math.min(this.limits.cores, Math.floor(this.limits.cores / left)));
  }

  /** A job finished. Returns the new shape when the pool is to change, else undefined. */
  observe(sample: TunerSample): WorkerShape | undefined {
    this.jobs++;
    if (sample.epoch !== this.epoch || !(sample.units > 0) || !(sample.serviceMs > 0)) return undefined;
    if (this.phase === 'compare') return this.compare(sample);
    if (this.warmUp > 0) {
      this.warmUp--;
      return undefined;
    }
    this.window.push(sample);
    if (this.window.length < Math.max(WINDOW_SAMPLES, this.workers(this.shapeNow))) return undefined;
    const throughput = this.throughput(this.window);
    this.window = [];
    return this.judge(throughput);
  }

  report(): TuningReport {
    const s = this.best?.shape ?? this.shapeNow;
    return {
      mode: s.threads > s.processes ? 'threads' : 'processes',
      workers: this.workers(s),
      libvipsThreads: s.libvipsThreads,
      reason: this.reason(),
      steps: [...this.steps],
    };
  }

  private compare(sample: TunerSample): WorkerShape | undefined {
    // A worker's first job pays for its start (code loaded, caches cold): not a fair measure.
    if (!this.warmedUp.has(sample.mode)) {
      this.warmedUp.add(sample.mode);
      return undefined;
    }
    const list = this.perKind.get(sample.mode) ?? [];
    list.push(sample.serviceMs / sample.units);
    this.perKind.set(sample.mode, list);
    const p = this.perKind.get('processes') ?? [];
    const t = this.perKind.get('threads') ?? [];
    if (p.length < COMPARE_SAMPLES || t.length < COMPARE_SAMPLES) {
      // One kind still starting (or stuck) while the other did all the work: that is the answer.
      if (p.length + t.length < STARTING_SAMPLES) return undefined;
      this.kind = p.length > t.length ? 'processes' : 'threads';
      this.kindReason = `the ${this.kind === 'threads' ? 'processes' : 'threads'} were still starting after ${p.length + t.length} images`;
      this.phase = 'climb';
      return this.apply(this.shapeOf(this.workers(this.shapeNow), 1));
    }
    const ratio = median(p) / median(t);
    this.kind = ratio > 1 + THREADS_GAIN ? 'threads' : 'processes';
    this.kindReason =
      this.kind === 'threads'
        ? `threads were ${pct(ratio)} quicker per image than processes`
        : ratio > 1
          ? `threads were only ${pct(ratio)} quicker per image, not enough to give up a process's isolation`
          : `processes were ${pct(ratio)} quicker per image than threads`;
    this.phase = 'climb';
    return this.apply(this.shapeOf(this.workers(this.shapeNow), 1));
  }

  private judge(throughput: number): WorkerShape | undefined {
    const now = this.shapeNow;
    if (!this.best || this.phase === 'settled') {
      // A fresh measurement of the shape in force.
      const settledAgain = this.phase === 'settled' && ++this.settledWindows < RECHECK_WINDOWS;
      this.best = { shape: now, throughput };
      if (settledAgain) return undefined;
      this.phase = 'climb';
      this.tried.clear();
      return this.next();
    }
    const kept = throughput > this.best.throughput * (1 + GAIN);
    this.steps.push({ afterJobs: this.jobs, shape: now, throughput: round(throughput), kept });
    if (kept) {
      this.best = { shape: now, throughput };
      this.tried.clear();
    }
    return this.next();
  }

  /** The next shape to try around the best, or back to the best when none is left. */
  private next(): WorkerShape | undefined {
    const best = this.best!.shape;
    const w = this.workers(best);
    const t = best.libvipsThreads;
    const candidates: [number, number][] = [
      [w + 1, t],
      [Math.max(1, Math.floor(w / 2)), t * 2],
      [w - 1, t],
      [w * 2, Math.max(1, t / 2)],
    ];
    for (const [cw, ct] of candidates) {
      const shape = this.shapeOf(cw, ct);
      const key = shapeLabel(shape);
      if (!this.fits(cw, ct) || key === shapeLabel(best) || this.tried.has(key)) continue;
      this.tried.add(key);
      return this.apply(shape);
    }
    this.phase = 'settled';
    this.settledWindows = 0;
    return shapeLabel(best) === shapeLabel(this.shapeNow) ? undefined : this.apply(best);
  }

  private fits(workers: number, threads: number): boolean {
    const { cores, maxWorkers } = this.limits;
    return (
      workers >= 1 &&
      workers <= maxWorkers &&
      Number.isInteger(threads) &&
      threads >= 1 &&
      threads <= cores &&
      workers * threads <= 2 * cores
    );
  }

  private apply(shape: WorkerShape): WorkerShape {
    this.shapeNow = shape;
    this.epoch++;
    this.window = [];
    // The first jobs after a change overlap the workers starting or stopping: not a fair measure.
    this.warmUp = this.workers(shape);
    return shape;
  }

  private shapeOf(workers: number, libvipsThreads: number): WorkerShape {
    return this.kind === 'threads'
      ? { processes: 0, threads: workers, libvipsThreads }
      : { processes: workers, threads: 0, libvipsThreads };
  }

  private workers(shape: WorkerShape): number {
    return shape.processes + shape.threads;
  }

  /** Little's law: workers in flight × work per ms of service, in units per second. */
  private throughput(samples: TunerSample[]): number {
    const units = samples.reduce((n, s) => n + s.units, 0);
    const ms = samples.reduce((n, s) => n + s.serviceMs, 0);
    return (this.workers(this.shapeNow) * units * 1000) / ms;
  }

  private reason(): string {
    const chosen = this.best?.shape ?? this.shapeNow;
    const parts: string[] = [];
    const judged = this.steps.filter((s) => shapeLabel(s.shape) !== shapeLabel(chosen));
    if (this.kindReason) parts.push(this.kindReason);
    for (const step of judged.slice(-3)) {
      const ratio = this.best ? step.throughput / this.best.throughput : 1;
      parts.push(`${shapeLabel(step.shape)} gave ${pct(ratio)} ${ratio < 1 ? 'less' : 'more, not enough'}`);
    }
    const kept = this.steps.filter((s) => s.kept).length;
    if (!this.best) parts.push('too few images to measure: it kept its starting shape');
    else if (kept) parts.push(`${kept} change${kept === 1 ? '' : 's'} kept`);
    return `${shapeLabel(chosen)}${parts.length ? `: ${parts.join('; ')}` : ''}`;
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
