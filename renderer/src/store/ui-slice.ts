// What the window shows apart from the batch itself: whether the Settings dialog is open.
import type { SliceCreator } from './app-state';

export interface UiSlice {
  settingsOpen: boolean;
  openSettings(): void;
  closeSettings(): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  settingsOpen: false,
  openSettings: () => set({ settingsOpen: true }),
  closeSettings: () => set({ settingsOpen: false }),
});
