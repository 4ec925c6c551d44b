// The window's "Check plan": the batch's decisions for every file, streamed to the window in
// batches (at most one event per interval, so 100,000 rows cost it a few dozen messages) and the
// totals as the answer. One plan at a time: a newer request stops the older one where it is.
import type { PlannedFile, PlanRequest, PlanTotals, Result } from '../../common/ipc.js';
import { type PlanRow, planBatch } from '../../workers/batch/dry-run.js';
import { BatchOptionsError } from '../../workers/batch/prepare-batch.js';
import type { HandlerDeps } from './handlers.js';

const UPDATE_EVERY_MS = 100;

/** Thrown from the row callback to end planBatch's walk: it takes no signal of its own. */
class PlanStopped extends Error {}

function wireRow(row: PlanRow): PlannedFile {
  return {
    file: row.file,
    status: row.status,
    action: row.action,
    ...(row.output !== undefined ? { output: row.output } : {}),
    ...(row.reason !== undefined ? { reason: row.reason } : {}),
    ...(row.label !== undefined ? { label: row.label } : {}),
  };
}

export class PlanRunner {
  private current: { id: string; stop: AbortController } | null = null;

  constructor(
    private readonly deps: Pick<HandlerDeps, 'emit' | 'log'>,
    private readonly intervalMs = UPDATE_EVERY_MS,
  ) {}

  async start(req: PlanRequest): Promise<Result<PlanTotals>> {
    this.current?.stop.abort();
    const stop = new AbortController();
    const mine = { id: req.id, stop };
    this.current = mine;
    let batch: PlannedFile[] = [];
    let count = 0;
    let last = performance.now();
    const flush = () => {
      this.deps.emit('plan:rows', { id: req.id, rows: batch, count });
      batch = [];
      last = performance.now();
    };
    try {
      const { id: _id, ...options } = req;
      const plan = await planBatch(options, (row) => {
        if (stop.signal.aborted) throw new PlanStopped();
        batch.push(wireRow(row));
        count++;
        if (performance.now() - last >= this.intervalMs) flush();
      });
      flush();
      return { ok: true, value: { id: req.id, ...plan } };
    } catch (e) {
      if (e instanceof PlanStopped || stop.signal.aborted)
        return { ok: false, code: 'CANCELLED', message: 'The plan was stopped before it was finished.' };
      if (e instanceof BatchOptionsError)
        return { ok: false, code: 'INVALID_SETTINGS', field: e.field, message: e.message };
      throw e;
    } finally {
      if (this.current === mine) this.current = null;
    }
  }

  /** Stops the plan of this id if it is the one running; one that already ended is no error. */
  cancel(id: string): Result<null> {
    if (this.current?.id === id) this.current.stop.abort();
    return { ok: true, value: null };
  }

  dispose(): void {
    this.current?.stop.abort();
  }
}
