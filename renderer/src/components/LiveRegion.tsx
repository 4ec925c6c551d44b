// Reads the batch's news out loud to screen readers without moving focus: start, pause, each
// quarter of the way, the first failure, and the end.
import { useAppStore } from '../store';

export function LiveRegion() {
  const announcement = useAppStore((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement}
    </div>
  );
}
