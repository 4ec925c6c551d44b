// How the batch runs (worker count and mode) and what the app knows about the machine.
import { type BatchMode, DEFAULT_BATCH_MODE, defaultWorkers } from '../../../common/concurrency';
import type { AppInfo } from '../../../common/ipc';
import { memoryBudgetText, parseMemoryBudget } from '../lib/memory-budget';
import type { SliceCreator } from './app-state';

export interface SettingsSlice {
  appInfo: AppInfo | null;
  /** 0 means "one per core", the default until the person picks a number. */
  workers: number;
  mode: BatchMode;
  /**
   * The memory budget's field as typed (empty: automatic). Kept as text so a size being typed, or
   * one refused, stays in the field; `memoryBudgetMb` is the last valid one, what is saved.
   */
  memoryBudgetText: string;
  /** null: half the memory free when the batch starts. */
  memoryBudgetMb: number | null;
  /** The shared queue's Redis address as typed (empty: batches run on this machine). */
  redisText: string;
  /** False until saved settings are applied, so defaults never overwrite what was saved. */
  settingsLoaded: boolean;
  setWorkers(workers: number): void;
  setMode(mode: BatchMode): void;
  /** What the person typed; a valid size (or nothing) becomes the budget at once. */
  setMemoryBudgetText(text: string): void;
  /** A saved budget (null: automatic), shown in the field as a size. */
  loadMemoryBudget(mb: number | null): void;
  setAppInfo(appInfo: AppInfo): void;
  setRedisText(text: string): void;
  markSettingsLoaded(): void;
}

/** The number of workers a batch will actually use. */
export function effectiveWorkers(workers: number, appInfo: AppInfo | null, mode?: BatchMode): number {
  if (workers > 0) return workers;
  // Unset, auto's ceiling is the machine's most: it finds out itself whether more than one per core helps.
  if (mode === 'auto' && appInfo) return appInfo.maxWorkers;
  return defaultWorkers(appInfo?.cores ?? 1);
}

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set) => ({
  appInfo: null,
  workers: 0,
  mode: DEFAULT_BATCH_MODE,
  memoryBudgetText: '',
  memoryBudgetMb: null,
  redisText: '',
  settingsLoaded: false,
  setRedisText(redisText) {
    set({ redisText });
  },
  setWorkers(workers) {
    set({ workers });
  },
  setMode(mode) {
    set({ mode });
  },
  setMemoryBudgetText(memoryBudgetText) {
    const parsed = parseMemoryBudget(memoryBudgetText);
    set(parsed.ok ? { memoryBudgetText, memoryBudgetMb: parsed.mb } : { memoryBudgetText });
  },
  loadMemoryBudget(mb) {
    set({ memoryBudgetMb: mb, memoryBudgetText: mb === null ? '' : memoryBudgetText(mb) });
  },
  setAppInfo(appInfo) {
    set({ appInfo });
  },
  markSettingsLoaded() {
    set({ settingsLoaded: true });
  },
});
