// "Check plan": what Start would do to every file, before it is pressed. The rows live in the plan
// index (outside React state); the store holds where the plan stands, its totals, which statuses
// the tree shows, and what it was made from, so the window can say when it no longer holds.
import type { EventMap, PlanRequest, PlanTotals } from '../../../common/ipc';
import { call, refusalText } from '../lib/bridge';
import { planOutcome } from '../lib/plan-words';
import { countOf } from '../lib/run-status';
import type { AppState, SliceCreator } from './app-state';
import { sourceFoldersFor } from './output-slice';
import { type PlanFilter, planIndex } from './plan-index';
import { checkSpec, specInput } from './spec';

type PlanState = 'none' | 'planning' | 'done' | 'failed';

/** What a plan was made from: when any of it changes, the plan no longer says what Start would do. */
export interface PlanBasis {
  inputs: string;
  outDir: string;
  /** The recipe as it would be sent, as text: opening a step's card changes no plan. */
  recipe: string;
  sourceFolders: boolean;
  /** A batch or watch run since writes to the output folder, which the plan read. */
  batchId: string | null;
}

function planBasis(s: AppState): PlanBasis {
  return {
    inputs: s.queue.map((item) => item.path).join('\n'),
    outDir: s.outDir.trim(),
    recipe: JSON.stringify(specInput(s)),
    sourceFolders: sourceFoldersFor(s),
    batchId: s.batchId,
  };
}

/** True when the recipe, the inputs, the output folder or the folder's contents (a run) changed. */
export function isPlanStale(basis: PlanBasis | null, s: AppState): boolean {
  if (!basis) return false;
  const now = planBasis(s);
  return (Object.keys(basis) as (keyof PlanBasis)[]).some((k) => basis[k] !== now[k]);
}

export interface PlanSlice {
  planId: string | null;
  planState: PlanState;
  /** Rows planned so far (final once done). */
  planCount: number;
  planTotals: PlanTotals | null;
  planError: string | null;
  planBasis: PlanBasis | null;
  planFilter: PlanFilter;
  /** Moves whenever the plan index changed: the tree selects it. */
  planVersion: number;
  setPlanFilter(filter: PlanFilter): void;
  /** Opens the Plan view and plans the queue as Start would run it now. */
  checkPlan(): Promise<void>;
  cancelPlan(): Promise<void>;
  /** Applies coalesced row deliveries; rows of a plan the window has moved on from are dropped. */
  applyPlanRows(updates: readonly EventMap['plan:rows'][]): void;
}

let nextPlan = 1;

export const createPlanSlice: SliceCreator<PlanSlice> = (set, get) => ({
  planId: null,
  planState: 'none',
  planCount: 0,
  planTotals: null,
  planError: null,
  planBasis: null,
  planFilter: 'all',
  planVersion: 0,
  setPlanFilter: (planFilter) => set({ planFilter }),

  async checkPlan() {
    const s = get();
    const check = checkSpec(s);
    const id = `p${nextPlan++}`;
    const inputs = s.queue.map((item) => item.path);
    planIndex.reset(inputs);
    set((st) => ({
      view: 'plan',
      planId: id,
      planCount: 0,
      planTotals: null,
      planError: null,
      planBasis: planBasis(s),
      planVersion: st.planVersion + 1,
      planState: check.ok ? 'planning' : 'failed',
    }));
    if (!check.ok) {
      set({ planError: check.message });
      return;
    }
    // The main process stops an older plan itself when this one starts; its late rows are dropped by id.
    const request: PlanRequest = {
      id,
      inputs,
      outDir: s.outDir.trim(),
      spec: { ...check.value, output: { ...check.value.output, sourceFolders: sourceFoldersFor(s) } },
      ...(s.recompress ? { recompress: true } : {}),
    };
    set({ announcement: 'Checking the plan…' });
    const result = await call((api) => api.planStart(request));
    if (get().planId !== id) return;
    if (!result.ok) {
      if (result.code === 'CANCELLED') set({ planState: 'none', announcement: 'Plan stopped.' });
      else set({ planState: 'failed', planError: refusalText(result), announcement: 'The plan could not be made.' });
      return;
    }
    set({
      planState: 'done',
      planTotals: result.value,
      planCount: planIndex.size,
      announcement: `Plan ready: ${countOf(planIndex.size, 'file')}. ${planOutcome(result.value)}`,
    });
  },

  async cancelPlan() {
    const { planId, planState } = get();
    if (!planId || planState !== 'planning') return;
    await call((api) => api.planCancel({ id: planId }));
  },

  applyPlanRows(updates) {
    const id = get().planId;
    let added = false;
    for (const update of updates) {
      if (update.id !== id) continue;
      planIndex.add(update.rows);
      added = true;
    }
    if (added) set((s) => ({ planVersion: s.planVersion + 1, planCount: planIndex.size }));
  },
});
