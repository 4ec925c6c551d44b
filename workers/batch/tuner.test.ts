// The tuner's decisions on synthetic throughput curves: each job's service time is what a machine
// with that curve would take (Little's law), with seeded noise; no clock, no workers.
import { describe, expect, it } from 'vitest';
import type { WorkerMode } from '../../common/concurrency.js';
import type { WorkerShape } from '../../common/tuning.js';
import { Tuner, type TunerLimits } from './tuner.js';

/** Work per second the machine gives a shape (workers of one kind × libvips threads). */
type Curve = (workers: number, threads: number, kind: WorkerMode) => number;

/** A small deterministic generator (mulberry32), for noise that is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Run {
  tuner: Tuner;
  shapes: WorkerShape[];
}

/**
 * Feeds `jobs` finished jobs to a tuner. After a change the jobs still running under the old
 * shape finish first (one per old worker), as they do in a real pool; each job's service time is
 * workers × units ÷ throughput, times 1 ± `noise`.
 */
function simulate(
  limits: TunerLimits,
  curve: Curve,
  jobs: number,
  noise = 0,
  later?: { from: number; curve: Curve },
): Run {
  const tuner = new Tuner(limits);
  const random = seeded(7);
  const shapes: WorkerShape[] = [tuner.shape];
  let inFlightOld: { epoch: number; shape: WorkerShape }[] = [];
  const curveAt = (i: number): Curve => (later && i >= later.from ? later.curve : curve);
  for (let i = 0; i < jobs; i++) {
    const old = inFlightOld.shift();
    const shape = old?.shape ?? tuner.shape;
    const epoch = old?.epoch ?? tuner.epoch;
    const f = curveAt(i);
    // Each kind of a mixed shape serves at its own speed; the shape's throughput splits between them.
    const kind: WorkerMode = shape.threads > 0 && (shape.processes === 0 || i % 2 === 1) ? 'threads' : 'processes';
    const workers = shape.processes + shape.threads;
    const throughput = f(workers, shape.libvipsThreads, kind);
    const units = 1 + (i % 3);
    const serviceMs = ((workers * units * 1000) / throughput) * (1 + (random() * 2 - 1) * noise);
    const before = tuner.shape;
    const next = tuner.observe({ mode: kind, units, serviceMs, epoch });
    if (next) {
      shapes.push(next);
      inFlightOld = Array.from({ length: before.processes + before.threads - 1 }, () => ({
        epoch: tuner.epoch - 1,
        shape: before,
      }));
    }
  }
  return { tuner, shapes };
}

const twoCores: TunerLimits = { cores: 2, maxWorkers: 4, kinds: ['processes'] };
const workersOf = (s: WorkerShape) => s.processes + s.threads;

describe('the tuner on one kind of worker', () => {
  it('adds a worker when one more in flight helps, and stops where the next one does not', () => {
    // JPEG on 2 cores with some I/O: 3 in flight 6 % more than 2, 4 no more than 3.
    const jpeg: Curve = (w) => 100 * Math.min(w, 2) + (w >= 3 ? 12 : 0);
    const { tuner } = simulate(twoCores, jpeg, 120);
    const report = tuner.report();
    expect(report).toMatchObject({ mode: 'processes', workers: 3, libvipsThreads: 1 });
    expect(report.steps.some((s) => s.kept && workersOf(s.shape) === 3)).toBe(true);
    expect(report.steps.some((s) => !s.kept && workersOf(s.shape) === 4)).toBe(true);
    expect(report.reason).toMatch(/^3 processes × 1 libvips thread/);
  });

  it('gives jobs more libvips threads and runs fewer workers when that is faster (AVIF-like)', () => {
    const table: Record<string, number> = { '1x1': 60, '2x1': 100, '3x1': 95, '4x1': 90, '1x2': 130, '2x2': 120 };
    const avif: Curve = (w, t) => table[`${w}x${t}`] ?? 10;
    const { tuner } = simulate(twoCores, avif, 200);
    expect(tuner.report()).toMatchObject({ workers: 1, libvipsThreads: 2 });
  });

  it('runs fewer workers when more only fight over memory', () => {
    const bound: Curve = (w, t) => (t === 1 ? 100 - 20 * (w - 1) : 70);
    const { tuner } = simulate(twoCores, bound, 200);
    expect(tuner.report()).toMatchObject({ workers: 1, libvipsThreads: 1 });
  });

  it('keeps its shape on a flat curve with noise: no change is kept for noise', () => {
    const flat: Curve = () => 100;
    const { tuner } = simulate(twoCores, flat, 300, 0.01);
    const report = tuner.report();
    expect(report).toMatchObject({ workers: 2, libvipsThreads: 1 });
    expect(report.steps.filter((s) => s.kept)).toEqual([]);
  });

  it('keeps adjusting: when the work changes, it moves to what is now fastest', () => {
    const first: Curve = (w) => 100 * Math.min(w, 2);
    const later: Curve = (w) => 100 * Math.min(w, 2) + (w >= 3 ? 30 : 0);
    const { tuner } = simulate(twoCores, first, 600, 0, { from: 150, curve: later });
    expect(tuner.report().workers).toBe(3);
  });

  it('never runs more workers than asked, nor more threads than twice the cores', () => {
    const more: Curve = (w, t) => 100 * w * t;
    const capped = simulate({ cores: 2, maxWorkers: 2, kinds: ['processes'] }, more, 300);
    for (const s of capped.shapes) expect(workersOf(s)).toBeLessThanOrEqual(2);
    const free = simulate(twoCores, more, 300);
    for (const s of free.shapes) {
      expect(workersOf(s)).toBeLessThanOrEqual(4);
      expect(workersOf(s) * s.libvipsThreads).toBeLessThanOrEqual(4);
      expect(s.libvipsThreads).toBeLessThanOrEqual(2);
    }
  });

  it('keeps its starting shape, and says so, when the batch is too small to measure', () => {
    const { tuner, shapes } = simulate(twoCores, () => 100, 2);
    expect(shapes).toHaveLength(1);
    expect(tuner.report().reason).toMatch(/too few images/);
  });
});

describe('the tuner choosing the kind of worker', () => {
  const both: TunerLimits = { cores: 2, maxWorkers: 4, kinds: ['processes', 'threads'] };
  const kinds =
    (threadsFaster: number): Curve =>
    (w, _t, kind) =>
      100 * Math.min(w, 2) * (kind === 'threads' ? threadsFaster : 1);

  it('starts with one of each, side by side', () => {
    expect(new Tuner(both).shape).toEqual({ processes: 1, threads: 1, libvipsThreads: 1 });
  });

  it('takes threads when they are clearly quicker', () => {
    const { tuner, shapes } = simulate(both, kinds(1.15), 40);
    expect(shapes[1]).toEqual({ processes: 0, threads: 2, libvipsThreads: 1 });
    expect(tuner.report().mode).toBe('threads');
    expect(tuner.report().reason).toMatch(/threads were 15 % quicker/);
  });

  it('keeps processes when threads are only a little quicker: isolation is worth a few per cent', () => {
    const { tuner } = simulate(both, kinds(1.03), 40);
    expect(tuner.report().mode).toBe('processes');
    expect(tuner.report().reason).toMatch(/not enough to give up/);
  });

  it('keeps processes when they are quicker', () => {
    expect(simulate(both, kinds(0.8), 40).tuner.report().mode).toBe('processes');
  });

  it('takes the kind that did the work when the other was still starting', () => {
    const tuner = new Tuner(both);
    let shape: ReturnType<Tuner['observe']>;
    for (let i = 0; i < 20 && !shape; i++)
      shape = tuner.observe({ mode: 'threads', units: 1, serviceMs: 100, epoch: 0 });
    expect(shape).toEqual({ processes: 0, threads: 2, libvipsThreads: 1 });
    expect(tuner.report().reason).toMatch(/processes were still starting after 12 images/);
  });

  it('compares nothing when only processes can be started, or only one worker may run', () => {
    expect(new Tuner(twoCores).shape).toEqual({ processes: 2, threads: 0, libvipsThreads: 1 });
    expect(new Tuner({ ...both, maxWorkers: 1 }).shape).toEqual({ processes: 1, threads: 0, libvipsThreads: 1 });
  });
});

describe('libvips threads at the end of a batch', () => {
  it('gives the cores of idle workers to the last jobs', () => {
    const tuner = new Tuner({ cores: 4, maxWorkers: 8, kinds: ['processes'] });
    expect(tuner.threadsFor(10)).toBe(1);
    expect(tuner.threadsFor(4)).toBe(1);
    expect(tuner.threadsFor(2)).toBe(2);
    expect(tuner.threadsFor(1)).toBe(4);
  });
});
