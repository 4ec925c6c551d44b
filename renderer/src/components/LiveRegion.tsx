// Reads batch start and end out loud to screen readers without moving focus.
import { useAppStore } from '../store';

export function LiveRegion() {
  const announcement = useAppStore((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}
