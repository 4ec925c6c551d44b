// The shape of the whole store, so each slice can read the others through `get()`.
import type { StateCreator } from 'zustand';
import type { BenchSlice } from './bench-slice';
import type { FilesSlice } from './files-slice';
import type { OutputSlice } from './output-slice';
import type { OutputsSlice } from './outputs-slice';
import type { PipelineSlice } from './pipeline-slice';
import type { PlanSlice } from './plan-slice';
import type { QueueSlice } from './queue-slice';
import type { RunSlice } from './run-slice';
import type { SettingsSlice } from './settings-slice';
import type { UiSlice } from './ui-slice';
import type { WatchSlice } from './watch-slice';

export type AppState = QueueSlice &
  PipelineSlice &
  OutputSlice &
  OutputsSlice &
  RunSlice &
  SettingsSlice &
  BenchSlice &
  UiSlice &
  FilesSlice &
  PlanSlice &
  WatchSlice;

export type SliceCreator<Slice> = StateCreator<AppState, [], [], Slice>;
