// What the window shows apart from the batch itself: whether the Settings dialog is open, and
// which image the person picked (the file list sets it; the preview shows it).
import type { SliceCreator } from './app-state';

export interface UiSlice {
  settingsOpen: boolean;
  openSettings(): void;
  closeSettings(): void;
  /** The image chosen in the file list, or null (the preview then takes the first queued image). */
  selectedFile: string | null;
  selectFile(path: string | null): void;
}

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  settingsOpen: false,
  openSettings: () => set({ settingsOpen: true }),
  closeSettings: () => set({ settingsOpen: false }),
  selectedFile: null,
  selectFile: (path) => set({ selectedFile: path }),
});
