// The window's keyboard shortcuts for adding, as a photo tool's users expect them: Ctrl/Cmd+O adds
// folders, Ctrl/Cmd+Shift+O adds images. Ctrl/Cmd+Enter belongs to Start (RunControls); Esc closes
// dialogs natively; Delete is handled by the list or card that has the focus.
import { useEffect } from 'react';
import { call } from '../lib/bridge';
import { useAppStore } from '../store';
import { useAddToQueue } from './use-add-to-queue';

export function useShortcuts(): void {
  const addToQueue = useAddToQueue();
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
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addToQueue, settingsOpen]);
}
