// The one store, built from one slice per concern (zustand's slices pattern).
import { create } from 'zustand';
import type { AppState } from './app-state';
import { createBenchSlice } from './bench-slice';
import { createFilesSlice } from './files-slice';
import { createOutputSlice } from './output-slice';
import { createOutputsSlice } from './outputs-slice';
import { createPipelineSlice } from './pipeline-slice';
import { createPlanSlice } from './plan-slice';
import { createQueueSlice } from './queue-slice';
import { createRunSlice } from './run-slice';
import { createSettingsSlice } from './settings-slice';
import { createUiSlice } from './ui-slice';
import { createWatchSlice } from './watch-slice';

export const useAppStore = create<AppState>()((...a) => ({
  ...createQueueSlice(...a),
  ...createPipelineSlice(...a),
  ...createOutputSlice(...a),
  ...createOutputsSlice(...a),
  ...createRunSlice(...a),
  ...createSettingsSlice(...a),
  ...createBenchSlice(...a),
  ...createUiSlice(...a),
  ...createFilesSlice(...a),
  ...createPlanSlice(...a),
  ...createWatchSlice(...a),
}));
