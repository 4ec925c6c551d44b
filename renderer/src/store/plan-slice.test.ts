import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap, PixmillApi, PlannedFile, PlanRequest, PlanTotals, Result } from '../../../common/ipc';
import { useAppStore } from './index';
import { planIndex } from './plan-index';
import { isPlanStale } from './plan-slice';

const rows: PlannedFile[] = [
  { file: '/in/a.jpg', status: 'new', action: 'write', output: '/out/a.jpg' },
  { file: '/in/b.jpg', status: 'up-to-date', action: 'skip', output: '/out/b.jpg', reason: 'up to date' },
];
const totals = (id: string): PlanTotals => ({
  id,
  outDir: '/out',
  counts: { write: 1, skip: 1, ignore: 0, fail: 0 },
  statuses: { new: 1, changed: 0, 'up-to-date': 1, renamed: 0, conflict: 0, skipped: 0, ignored: 0, failed: 0 },
  sizedNames: false,
});

const sent: PlanRequest[] = [];
/** A main process whose plan answers when the test says so, after streaming `rows` under the request's id. */
function fakeBridge(): { finish(answer?: Result<PlanTotals>): void } {
  const settlers: ((r: Result<PlanTotals>) => void)[] = [];
  const api = {
    planStart: (req: PlanRequest) => {
      sent.push(req);
      return new Promise<Result<PlanTotals>>((resolve) => settlers.push(resolve));
    },
    planCancel: async () => ({ ok: true, value: null }),
  } as unknown as Partial<PixmillApi>;
  (globalThis as unknown as { window: { pixmill: Partial<PixmillApi> } }).window = { pixmill: api };
  return {
    // As the main process answers: each older plan stopped, the newest with its totals.
    finish: (answer) => {
      for (const [i, settle] of settlers.entries())
        settle(
          i < settlers.length - 1
            ? { ok: false, code: 'CANCELLED', message: 'stopped' }
            : (answer ?? { ok: true, value: totals(sent[i]!.id) }),
        );
    },
  };
}
const delivery = (id: string, r: PlannedFile[]): EventMap['plan:rows'] => ({ id, rows: r, count: r.length });

describe('plan slice', () => {
  beforeEach(() => {
    sent.length = 0;
    useAppStore.setState({
      queue: [{ path: '/in', kind: 'folder', count: 2, counting: false, problem: null }],
      outDir: '/out',
      status: 'idle',
      batchId: null,
      view: 'batch',
      planState: 'none',
      planId: null,
      planBasis: null,
      planTotals: null,
    });
  });
  afterEach(() => delete (globalThis as { window?: unknown }).window);

  it('opens the Plan view, plans the queue as Start would send it, and takes rows of its own plan only', async () => {
    const main = fakeBridge();
    const done = useAppStore.getState().checkPlan();
    let s = useAppStore.getState();
    expect(s.view).toBe('plan');
    expect(s.planState).toBe('planning');
    expect(sent[0]).toMatchObject({ id: s.planId, inputs: ['/in'], outDir: '/out' });
    expect(sent[0]!.spec.version).toBe(1);
    // Late rows of a plan the window moved on from are dropped.
    s.applyPlanRows([delivery('p0', rows), delivery(s.planId!, rows.slice(0, 1))]);
    expect(useAppStore.getState().planCount).toBe(1);
    s.applyPlanRows([delivery(s.planId!, rows.slice(1))]);
    main.finish();
    await done;
    s = useAppStore.getState();
    expect(s.planState).toBe('done');
    expect(s.planCount).toBe(2);
    expect(planIndex.counts).toMatchObject({ new: 1, 'up-to-date': 1 });
    expect(s.announcement).toBe('Plan ready: 2 files. Start would write 1 file and skip 1.');
  });

  it("a newer plan replaces an older one, whose stop is not the newer one's", async () => {
    const main = fakeBridge();
    const first = useAppStore.getState().checkPlan();
    const firstId = useAppStore.getState().planId;
    const second = useAppStore.getState().checkPlan();
    expect(useAppStore.getState().planId).not.toBe(firstId);
    main.finish();
    await Promise.all([first, second]);
    expect(useAppStore.getState().planState).toBe('done');
    expect(useAppStore.getState().planTotals?.id).toBe(useAppStore.getState().planId);
  });

  it('says why a plan could not be made, in words', async () => {
    const main = fakeBridge();
    const done = useAppStore.getState().checkPlan();
    main.finish({ ok: false, code: 'INVALID_SETTINGS', field: 'outDir', message: 'outDir: choose an output folder' });
    await done;
    expect(useAppStore.getState().planState).toBe('failed');
    expect(useAppStore.getState().planError).not.toMatch(/outDir/);
  });

  it('is stale once the recipe, the queue, the output folder or the folder itself (a run) changed, not for opening a card', async () => {
    const main = fakeBridge();
    const done = useAppStore.getState().checkPlan();
    main.finish();
    await done;
    const basis = useAppStore.getState().planBasis;
    const stale = () => isPlanStale(basis, useAppStore.getState());
    expect(stale()).toBe(false);
    // A count arriving changes the queue's items, not what is queued.
    useAppStore.setState((s) => ({ queue: s.queue.map((q) => ({ ...q, count: 3 })) }));
    expect(stale()).toBe(false);
    useAppStore.getState().setOutput('quality', 50);
    expect(stale()).toBe(true);
    useAppStore.getState().setOutput('quality', basis ? JSON.parse(basis.recipe).output.quality : 0);
    expect(stale()).toBe(false);
    useAppStore.getState().setOutDir('/elsewhere');
    expect(stale()).toBe(true);
    useAppStore.getState().setOutDir('/out');
    useAppStore.setState({ batchId: 'b7' });
    expect(stale()).toBe(true);
  });
});
