// The window's top edge: the name, and the door to the engine's settings (workers, benchmark).
import { useAppStore } from '../store';

export function TopBar() {
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);
  const openSettings = useAppStore((s) => s.openSettings);
  return (
    <header className="topbar">
      <h1 className="brand">Pixmill</h1>
      {view === 'benchmark' && (
        <button type="button" onClick={() => setView('batch')}>
          Back to batch
        </button>
      )}
      <button type="button" onClick={openSettings}>
        Settings
      </button>
    </header>
  );
}
