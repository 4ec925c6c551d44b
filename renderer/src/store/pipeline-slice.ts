// The filter chain being edited. Values may be invalid while a person types: parsePipeline
// judges the whole spec, so the draft keeps exactly what the controls hold.
import { defaultParams, type FilterOp } from '../../../common/filters';
import { type Limits, limitsSchema, type Step } from '../../../common/pipeline';
import type { SliceCreator } from './app-state';
import { moveItem } from './queue-slice';

export type ParamInput = number | boolean | string;

export interface ChainStep {
  /** Stable across reorders, so React keeps each step's controls (and focus) where they were. */
  id: string;
  step: Step;
}

export interface PipelineSlice {
  chain: ChainStep[];
  /** Only the time limit is edited in the window; the rest round-trips from a preset or saved spec. */
  limits: Limits;
  setTimeLimit(seconds: Limits['timeoutSeconds']): void;
  addStep(op: FilterOp): void;
  removeStep(id: string): void;
  moveStep(id: string, delta: -1 | 1): void;
  toggleStep(id: string, enabled: boolean): void;
  setParam(id: string, key: string, value: ParamInput): void;
  loadSteps(steps: readonly Step[], limits: Limits): void;
}

let nextId = 1;
const chainStep = (step: Step): ChainStep => ({ id: `step-${nextId++}`, step });

function updateStep(chain: readonly ChainStep[], id: string, update: (step: Step) => Step): ChainStep[] {
  return chain.map((entry) => (entry.id === id ? { ...entry, step: update(entry.step) } : entry));
}

export const createPipelineSlice: SliceCreator<PipelineSlice> = (set) => ({
  chain: [],
  limits: limitsSchema.parse({}),
  addStep(op) {
    const step = { op, enabled: true, params: defaultParams(op) } as Step;
    set((s) => ({ chain: [...s.chain, chainStep(step)] }));
  },
  removeStep(id) {
    set((s) => ({ chain: s.chain.filter((entry) => entry.id !== id) }));
  },
  moveStep(id, delta) {
    set((s) => ({
      chain: moveItem(
        s.chain,
        s.chain.findIndex((entry) => entry.id === id),
        delta,
      ),
    }));
  },
  toggleStep(id, enabled) {
    set((s) => ({ chain: updateStep(s.chain, id, (step) => ({ ...step, enabled })) }));
  },
  setParam(id, key, value) {
    // The registry types each op's params; a generated control only knows the key and a value.
    set((s) => ({
      chain: updateStep(s.chain, id, (step) => ({ ...step, params: { ...step.params, [key]: value } }) as Step),
    }));
  },
  setTimeLimit(seconds) {
    set((s) => ({ limits: { ...s.limits, timeoutSeconds: seconds } }));
  },
  loadSteps(steps, limits) {
    set({ chain: steps.map((step) => chainStep(structuredClone(step))), limits: { ...limits } });
  },
});
