// The recipe's outputs list (several outputs from one decode) and its manifest. Empty: the one
// output the output slice describes. Rows keep what their controls hold, valid or not: the spec
// check judges them with the rest of the recipe.
import type { ManifestKind, PipelineSpec, Variant } from '../../../common/pipeline';
import { moveTo } from '../lib/move-to';
import { compactVariant, firstRows, materialize, nextRow, withWidth } from '../lib/output-rows';
import type { SliceCreator } from './app-state';

export interface OutputRow {
  /** Stable across reorders, so React keeps each row's controls (and focus) where they were. */
  id: string;
  variant: Variant;
  /** Whether its card shows the controls or only its one-line summary. */
  open: boolean;
}

type RecipeOutputs = Pick<PipelineSpec, 'output' | 'outputs' | 'manifest'>;

/** What filling the list from a preset replaced, kept so one Undo brings it back. */
export interface FilledOutputs {
  label: string;
  previous: { outputRows: OutputRow[]; manifest: ManifestKind };
}

export interface OutputsSlice {
  outputRows: OutputRow[];
  manifest: ManifestKind;
  filledOutputs: FilledOutputs | null;
  /** Appends a row (the one output becomes the first row of two); returns the new row's id. */
  addOutput(): string;
  removeOutput(id: string): void;
  moveOutput(id: string, delta: -1 | 1): void;
  setVariant<K extends keyof Variant>(id: string, key: K, value: Variant[K]): void;
  /** A row's width; a name made from the old width follows it. */
  setOutputWidth(id: string, width: number | undefined): void;
  setOutputOpen(id: string, open: boolean): void;
  setManifest(kind: ManifestKind): void;
  loadOutputs(spec: RecipeOutputs): void;
  /** Replaces the list (and manifest) with a preset's, keeping the old ones for Undo. */
  fillOutputs(label: string, spec: RecipeOutputs): void;
  undoFillOutputs(): void;
  dismissFillOutputs(): void;
}

let nextId = 1;
const outputRow = (variant: Variant, open = false): OutputRow => ({ id: `output-row-${nextId++}`, variant, open });

/** A spec's outputs as rows, each with its encoding written out. */
export function rowsFromSpec(spec: Pick<PipelineSpec, 'output' | 'outputs'>): OutputRow[] {
  return spec.outputs.map((variant) => outputRow(materialize(spec.output, variant)));
}

function updateRow(rows: readonly OutputRow[], id: string, update: (variant: Variant) => Variant): OutputRow[] {
  return rows.map((row) => (row.id === id ? { ...row, variant: update(row.variant) } : row));
}

export const createOutputsSlice: SliceCreator<OutputsSlice> = (set, get) => ({
  outputRows: [],
  manifest: 'none',
  filledOutputs: null,
  addOutput() {
    const { outputRows, output } = get();
    // A new row opens: its size is the next thing the person sets.
    const added =
      outputRows.length === 0
        ? firstRows(output).map((variant, i) => outputRow(variant, i > 0))
        : [
            outputRow(
              nextRow(
                outputRows.map((r) => r.variant),
                output,
              ),
              true,
            ),
          ];
    set({ outputRows: [...outputRows, ...added] });
    return added.at(-1)!.id;
  },
  removeOutput(id) {
    set((s) => ({ outputRows: s.outputRows.filter((row) => row.id !== id) }));
  },
  moveOutput(id, delta) {
    set((s) => {
      const from = s.outputRows.findIndex((row) => row.id === id);
      return { outputRows: moveTo(s.outputRows, from, from + delta) };
    });
  },
  setVariant(id, key, value) {
    set((s) => ({ outputRows: updateRow(s.outputRows, id, (v) => compactVariant({ ...v, [key]: value })) }));
  },
  setOutputWidth(id, width) {
    set((s) => ({ outputRows: updateRow(s.outputRows, id, (v) => withWidth(v, width)) }));
  },
  setOutputOpen(id, open) {
    set((s) => ({ outputRows: s.outputRows.map((row) => (row.id === id ? { ...row, open } : row)) }));
  },
  setManifest(manifest) {
    set({ manifest });
  },
  loadOutputs(spec) {
    set({ outputRows: rowsFromSpec(spec), manifest: spec.manifest });
  },
  fillOutputs(label, spec) {
    set((s) => ({
      filledOutputs: { label, previous: { outputRows: s.outputRows, manifest: s.manifest } },
      outputRows: rowsFromSpec(spec),
      manifest: spec.manifest,
    }));
  },
  undoFillOutputs() {
    set((s) => (s.filledOutputs ? { ...s.filledOutputs.previous, filledOutputs: null } : {}));
  },
  dismissFillOutputs() {
    set({ filledOutputs: null });
  },
});
