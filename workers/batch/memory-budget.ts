// Jobs admitted against a memory budget: a job starts only when its estimate (job-memory.ts) fits
// beside the jobs already running, in the order they came (a large one is not overtaken for
// ever by small ones). A job larger than everything the budget leaves runs when nothing else
// does: alone, never refused. The workers' own resident size counts against the budget too.
import { freemem } from 'node:os';
import type { MemoryReport } from '../../common/tuning.js';

/** The engine process with its scan, record and events, in MB (measured: 60–90 MB). */
export const ENGINE_MB = 96;
/** An idle worker process with sharp loaded, in MB (measured: 55–75 MB); a thread shares the engine's. */
export const WORKER_MB = { processes: 72, threads: 24, inline: 0 } as const;
/** Without `--memory-budget`: this share of the memory free when the batch starts. */
const FREE_SHARE = 0.5;

/** Half of what is free (or of the process's memory limit in a container, whichever is less), in MB. */
export function defaultBudgetMb(): number {
  // process.constrainedMemory (Node ≥ 19.6) is the cgroup's limit: 0 or undefined when there is none.
  const limit = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  const free = limit && limit < freemem() ? limit : freemem();
  return Math.max(256, Math.floor((free * FREE_SHARE) / 2 ** 20));
}

interface Waiter {
  mb: number;
  grant: () => void;
}

export class MemoryBudget {
  private inUse = 0;
  private running = 0;
  private reserved = 0;
  private readonly queue: Waiter[] = [];
  private readonly counts = { peakEstimateMb: 0, heldBack: 0, ranAlone: 0 };

  constructor(
    readonly budgetMb: number,
    readonly source: MemoryReport['source'],
  ) {}

  /** Memory the workers take whatever they run: the engine, and each worker's idle size. */
  reserve(mb: number): void {
    this.reserved = mb;
    this.drain();
  }

  /** What jobs may take together. */
  get capacityMb(): number {
    return Math.max(0, this.budgetMb - this.reserved);
  }

  /** Jobs waiting for memory. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves, with its release, when a job of `mb` may start. A cancel lets it through at once:
   * the pool then answers it as cancelled without running it.
   */
  admit(mb: number, signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.inUse -= mb;
        this.running--;
        this.drain();
      };
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.inUse += mb;
        this.running++;
        this.counts.peakEstimateMb = Math.max(this.counts.peakEstimateMb, this.inUse);
        if (mb > this.capacityMb) this.counts.ranAlone++;
        resolve(release);
      };
      const waiter: Waiter = { mb, grant };
      const onAbort = () => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        resolve(() => {});
        this.drain();
      };
      if (signal?.aborted) return resolve(() => {});
      if (this.queue.length === 0 && this.fits(mb)) return grant();
      this.counts.heldBack++;
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  report(recycled: number): MemoryReport {
    return { budgetMb: this.budgetMb, source: this.source, ...this.counts, recycled };
  }

  private fits(mb: number): boolean {
    return this.running === 0 || this.inUse + mb <= this.capacityMb;
  }

  private drain(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0]!.mb)) this.queue.shift()!.grant();
  }
}
