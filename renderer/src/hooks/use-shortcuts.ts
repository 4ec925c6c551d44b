// The window's keyboard shortcuts, as a photo tool's users expect them: Ctrl/Cmd+O adds folders,
// Ctrl/Cmd+Shift+O adds images, Ctrl/Cmd+Enter starts (only when Start itself could be pressed).
// Esc closes dialogs natively; Delete is handled by the list or card that has the focus.
import { useEffect } from 'react';
import { call } from '../lib/bridge';
import { useAppStore } from '../store';
import { isBatchActive } from '../store/run-slice';
import { useStartBlockers } from '../store/use-start-blockers';
import { useAddToQueue } from './use-add-to-queue';

export function useShortcuts(): void {
  const addToQueue = useAddToQueue();
  const blocked = useStartBlockers().length > 0;
  const status = useAppStore((s) => s.status);
  const startBatch = useAppStore((s) => s.startBatch);
  const settingsOpen = useAppStore((s) => s.settingsOpen);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || settingsOpen) return;
      if (event.key.toLowerCase() === 'o') {
        event.preventDefault();
        const kind = event.shiftKey ? 'file' : 'folder';
        void call((api) => (kind === 'folder' ? api.dialogAddFolders() : api.dialogAddFiles())).then((result) => {
          if (result.ok) addToQueue(result.value.map((path) => ({ path, kind })));
        });
      } else if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        if (!blocked && !isBatchActive(status)) void startBatch();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addToQueue, blocked, status, startBatch, settingsOpen]);
}
