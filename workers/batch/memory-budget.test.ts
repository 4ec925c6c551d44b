// Admission against the memory budget, and the estimates it admits: no workers, no clock.
import { describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { jobMemoryMb } from './job-memory.js';
import type { JobHeader } from './job-size.js';
import { MemoryBudget } from './memory-budget.js';

/** Settles pending promise callbacks. */
const settle = () => new Promise<void>((r) => setImmediate(r));

function tracked(budget: MemoryBudget, mb: number, signal?: AbortSignal) {
  const job = { started: false, release: () => {} };
  void budget.admit(mb, signal).then((release) => {
    job.started = true;
    job.release = release;
  });
  return job;
}

describe('the memory budget', () => {
  it('holds jobs back while the budget is full, and lets them in, in order, as memory is released', async () => {
    const budget = new MemoryBudget(1000, 'set');
    const [a, b, c, d] = [tracked(budget, 400), tracked(budget, 400), tracked(budget, 400), tracked(budget, 100)];
    await settle();
    expect([a.started, b.started, c.started, d.started]).toEqual([true, true, false, false]);
    expect(budget.waiting).toBe(2);
    a.release();
    await settle();
    // c takes the room; d, though it would fit, does not overtake c for ever: it fits beside c and b now.
    expect([c.started, d.started]).toEqual([true, true]);
    expect(budget.report(0)).toMatchObject({
      budgetMb: 1000,
      source: 'set',
      heldBack: 2,
      ranAlone: 0,
      peakEstimateMb: 900,
    });
  });

  it('runs a job larger than the whole budget alone: after the others, and nothing beside it', async () => {
    const budget = new MemoryBudget(1000, 'set');
    const small = tracked(budget, 300);
    const huge = tracked(budget, 5000);
    const after = tracked(budget, 100);
    await settle();
    expect([small.started, huge.started, after.started]).toEqual([true, false, false]);
    small.release();
    await settle();
    expect([huge.started, after.started]).toEqual([true, false]);
    huge.release();
    await settle();
    expect(after.started).toBe(true);
    expect(budget.report(0).ranAlone).toBe(1);
  });

  it("counts the workers' own memory against the budget", async () => {
    const budget = new MemoryBudget(1000, 'free-memory');
    budget.reserve(700);
    const [a, b] = [tracked(budget, 200), tracked(budget, 200)];
    await settle();
    expect([a.started, b.started]).toEqual([true, false]);
    budget.reserve(100);
    await settle();
    expect(b.started).toBe(true);
  });

  it('lets a waiting job through on cancel, holding no memory, and the rest move on', async () => {
    const budget = new MemoryBudget(1000, 'set');
    const first = tracked(budget, 900);
    const stop = new AbortController();
    const cancelled = tracked(budget, 900, stop.signal);
    const next = tracked(budget, 900);
    await settle();
    stop.abort();
    await settle();
    expect(cancelled.started).toBe(true);
    cancelled.release();
    expect(next.started).toBe(false);
    first.release();
    await settle();
    expect(next.started).toBe(true);
  });
});

describe("a job's estimated memory", () => {
  const png100: JobHeader = {
    inputMegapixels: 100,
    outputMegapixels: 100,
    format: 'png',
    effort: 4,
    bands: 3,
    bytesPerSample: 1,
  };

  it('is the decoded size times how much of it the chain holds', () => {
    const streaming = jobMemoryMb(png100, {
      spec: makePipeline({ steps: [{ op: 'resize', params: { by: 'longEdge', longEdge: 5000 } }] }),
    });
    const rotated = jobMemoryMb(png100, { spec: makePipeline({ steps: [{ op: 'rotate', params: { angle: 90 } }] }) });
    expect(streaming).toBe(32 + 240);
    expect(rotated).toBe(32 + 600);
    expect(jobMemoryMb({ ...png100, bytesPerSample: 2, bands: 4 }, { spec: makePipeline() })).toBe(32 + 640);
  });

  it('is the floor when the header could not be read', () => {
    expect(jobMemoryMb(undefined, { spec: makePipeline() })).toBe(32);
  });
});
