// Engine settings, apart from the recipe: how many workers and of what kind, the time limit, and
// the Benchmark that answers which of them is fastest on these images. A modal dialog: Esc and
// Close shut it, and the focus goes back to the Settings button.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store';
import { TimeLimitField } from './TimeLimitField';
import { WorkersPanel } from './WorkersPanel';

export function SettingsDialog() {
  const open = useAppStore((s) => s.settingsOpen);
  const close = useAppStore((s) => s.closeSettings);
  const setView = useAppStore((s) => s.setView);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="settings-dialog" aria-labelledby="settings-heading" onClose={close}>
      <header className="dialog-header">
        <h2 id="settings-heading">Settings</h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </header>
      {open && (
        <>
          <WorkersPanel />
          <TimeLimitField />
          <section className="settings-section" aria-labelledby="bench-open-heading">
            <h3 id="bench-open-heading">Benchmark</h3>
            <p className="settings-why">
              Races the kinds and numbers of workers on your queued images and tells you which is fastest.
            </p>
            <button
              type="button"
              onClick={() => {
                close();
                setView('benchmark');
              }}
            >
              Open the benchmark
            </button>
          </section>
        </>
      )}
    </dialog>
  );
}
