// The filter chain being edited. Values may be invalid while a person types: parsePipeline
// judges the whole spec, so the draft keeps exactly what the controls hold.
import { defaultParams, type FilterOp } from '../../../common/filters';
import {
  type Limits,
  limitsSchema,
  type ManifestKind,
  type OutputSettings,
  type PipelineSpec,
  type Step,
} from '../../../common/pipeline';
import { moveTo } from '../lib/move-to';
import type { SliceCreator } from './app-state';
import { type OutputRow, rowsFromSpec } from './outputs-slice';

export type ParamInput = number | boolean | string;

export interface ChainStep {
  /** Stable across reorders, so React keeps each step's controls (and focus) where they were. */
  id: string;
  step: Step;
  /** Whether its card shows the controls or only the one-line summary. */
  open: boolean;
}

/** What applying a preset replaced, kept so one Undo brings it back exactly. */
export interface AppliedPreset {
  label: string;
  previous: {
    chain: ChainStep[];
    output: OutputSettings;
    outputRows: OutputRow[];
    manifest: ManifestKind;
    limits: Limits;
  };
}

export interface PipelineSlice {
  chain: ChainStep[];
  /** Only the time limit is edited in the window; the rest round-trips from a preset or saved spec. */
  limits: Limits;
  setTimeLimit(seconds: Limits['timeoutSeconds']): void;
  addStep(op: FilterOp): void;
  removeStep(id: string): void;
  moveStep(id: string, delta: -1 | 1): void;
  /** Moves a step to a position of the chain (a drag); other steps close up around it. */
  moveStepTo(id: string, index: number): void;
  duplicateStep(id: string): void;
  toggleStep(id: string, enabled: boolean): void;
  setStepOpen(id: string, open: boolean): void;
  setParam(id: string, key: string, value: ParamInput): void;
  loadSteps(steps: readonly Step[], limits: Limits): void;
  /** The last preset applied and what it replaced, until undone or dismissed. */
  appliedPreset: AppliedPreset | null;
  applyPreset(label: string, spec: PipelineSpec): void;
  undoPreset(): void;
  dismissPreset(): void;
}

let nextId = 1;
const chainStep = (step: Step, open = false): ChainStep => ({ id: `step-${nextId++}`, step, open });

function updateStep(chain: readonly ChainStep[], id: string, update: (entry: ChainStep) => ChainStep): ChainStep[] {
  return chain.map((entry) => (entry.id === id ? update(entry) : entry));
}

const indexOf = (chain: readonly ChainStep[], id: string): number => chain.findIndex((entry) => entry.id === id);

export const createPipelineSlice: SliceCreator<PipelineSlice> = (set) => ({
  chain: [],
  limits: limitsSchema.parse({}),
  appliedPreset: null,
  addStep(op) {
    const step = { op, enabled: true, params: defaultParams(op) } as Step;
    // A new step opens: its values are the next thing the person sets.
    set((s) => ({ chain: [...s.chain, chainStep(step, true)] }));
  },
  removeStep(id) {
    set((s) => ({ chain: s.chain.filter((entry) => entry.id !== id) }));
  },
  moveStep(id, delta) {
    set((s) => {
      const from = indexOf(s.chain, id);
      return { chain: moveTo(s.chain, from, from + delta) };
    });
  },
  moveStepTo(id, index) {
    set((s) => ({ chain: moveTo(s.chain, indexOf(s.chain, id), index) }));
  },
  duplicateStep(id) {
    set((s) => {
      const index = indexOf(s.chain, id);
      const original = s.chain[index];
      if (!original) return {};
      const copy = chainStep(structuredClone(original.step), true);
      return { chain: [...s.chain.slice(0, index + 1), copy, ...s.chain.slice(index + 1)] };
    });
  },
  toggleStep(id, enabled) {
    set((s) => ({ chain: updateStep(s.chain, id, (entry) => ({ ...entry, step: { ...entry.step, enabled } })) }));
  },
  setStepOpen(id, open) {
    set((s) => ({ chain: updateStep(s.chain, id, (entry) => ({ ...entry, open })) }));
  },
  setParam(id, key, value) {
    // The registry types each op's params; a generated control only knows the key and a value.
    set((s) => ({
      chain: updateStep(s.chain, id, (entry) => ({
        ...entry,
        step: { ...entry.step, params: { ...entry.step.params, [key]: value } } as Step,
      })),
    }));
  },
  setTimeLimit(seconds) {
    set((s) => ({ limits: { ...s.limits, timeoutSeconds: seconds } }));
  },
  loadSteps(steps, limits) {
    set({ chain: steps.map((step) => chainStep(structuredClone(step))), limits: { ...limits } });
  },
  applyPreset(label, spec) {
    set((s) => ({
      appliedPreset: {
        label,
        previous: {
          chain: s.chain,
          output: s.output,
          outputRows: s.outputRows,
          manifest: s.manifest,
          limits: s.limits,
        },
      },
      chain: spec.steps.map((step) => chainStep(structuredClone(step))),
      output: { ...spec.output },
      outputRows: rowsFromSpec(spec),
      manifest: spec.manifest,
      limits: { ...spec.limits },
    }));
  },
  undoPreset() {
    set((s) => (s.appliedPreset ? { ...s.appliedPreset.previous, appliedPreset: null } : {}));
  },
  dismissPreset() {
    set({ appliedPreset: null });
  },
});
