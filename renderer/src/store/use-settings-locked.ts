// Whether the settings panels are locked: a batch took its copy of the settings at Start, so
// edits until it ends would change nothing for it.
import { useAppStore } from './index';
import { isBatchActive } from './run-slice';

export function useSettingsLocked(): boolean {
  return useAppStore((s) => isBatchActive(s.status));
}
