// Where outputs go and how they are written and named.
import { type OutputSettings, outputSchema } from '../../../common/pipeline';
import type { SliceCreator } from './app-state';

export interface OutputSlice {
  outDir: string;
  output: OutputSettings;
  setOutDir(outDir: string): void;
  setOutput<K extends keyof OutputSettings>(key: K, value: OutputSettings[K]): void;
  loadOutput(output: OutputSettings): void;
}

export const DEFAULT_OUTPUT: OutputSettings = outputSchema.parse({});

export const createOutputSlice: SliceCreator<OutputSlice> = (set) => ({
  outDir: '',
  output: DEFAULT_OUTPUT,
  setOutDir(outDir) {
    set({ outDir });
  },
  setOutput(key, value) {
    set((s) => ({ output: { ...s.output, [key]: value } }));
  },
  loadOutput(output) {
    set({ output: { ...output } });
  },
});
