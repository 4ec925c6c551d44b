// How the batch runs (worker count and mode) and what the app knows about the machine.
import { type BatchMode, DEFAULT_BATCH_MODE, defaultWorkers } from '../../../common/concurrency';
import type { AppInfo } from '../../../common/ipc';
import type { SliceCreator } from './app-state';

export interface SettingsSlice {
  appInfo: AppInfo | null;
  /** 0 means "one per core", the default until the person picks a number. */
  workers: number;
  mode: BatchMode;
  /** False until saved settings are applied, so defaults never overwrite what was saved. */
  settingsLoaded: boolean;
  setWorkers(workers: number): void;
  setMode(mode: BatchMode): void;
  setAppInfo(appInfo: AppInfo): void;
  markSettingsLoaded(): void;
}

/** The number of workers a batch will actually use. */
export function effectiveWorkers(workers: number, appInfo: AppInfo | null): number {
  if (workers > 0) return workers;
  return defaultWorkers(appInfo?.cores ?? 1);
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  appInfo: null,
  workers: 0,
  mode: DEFAULT_BATCH_MODE,
  settingsLoaded: false,
  setWorkers(workers) {
    set({ workers });
  },
  setMode(mode) {
    set({ mode });
  },
  setAppInfo(appInfo) {
    set({ appInfo });
  },
  markSettingsLoaded() {
    set({ settingsLoaded: true });
  },
});
