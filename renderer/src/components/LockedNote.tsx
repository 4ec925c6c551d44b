// Shown at the top of each settings panel while a batch or a watch runs, and named by its
// fieldset's aria-describedby, so the greyed-out controls say why.
import { useAppStore } from '../store';
import { isWatching } from '../store/run-slice';

export function LockedNote({ id }: { id: string }) {
  const watching = useAppStore((s) => isWatching(s.status));
  return (
    <p className="locked-note" id={id}>
      {watching ? 'Settings are locked while folders are watched' : 'Settings are locked while a batch runs'}
    </p>
  );
}
