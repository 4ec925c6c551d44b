// Accepts several folders and files in one drop. The browser gives no absolute paths, so each
// dropped item goes through the bridge's pathForFile; the entry API tells folders from files.
import { type DragEvent, useState } from 'react';
import { dropsGivePaths } from '../bridge/install';
import { useAddToQueue } from '../hooks/use-add-to-queue';
import { bridge } from '../lib/bridge';
import { useAppStore } from '../store';
import type { QueueKind } from '../store/queue-slice';
import { isWatching } from '../store/run-slice';

const IMAGE_NAME = /\.(jpe?g|png|webp|avif|tiff?|gif|heic|heif|svg)$/i;

function droppedEntries(transfer: DataTransfer): { path: string; kind: QueueKind }[] {
  const api = bridge();
  const items = Array.from(transfer.items ?? []);
  return Array.from(transfer.files).map((file, index) => {
    const entry = items[index]?.webkitGetAsEntry?.() ?? null;
    const path = api.pathForFile(file);
    const kind: QueueKind = entry
      ? entry.isDirectory
        ? 'folder'
        : 'file'
      : IMAGE_NAME.test(file.name)
        ? 'file'
        : 'folder';
    return { path, kind };
  });
}

/** `compact` once something is queued: the list below needs the room more. */
export function DropZone({ disabled, compact = false }: { disabled: boolean; compact?: boolean }) {
  const watching = useAppStore((s) => isWatching(s.status));
  const [over, setOver] = useState(false);
  const addToQueue = useAddToQueue();
  const paths = dropsGivePaths();

  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled || !paths ? 'none' : 'copy';
    setOver(!disabled);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    if (!disabled && paths) addToQueue(droppedEntries(event.dataTransfer));
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; its buttons are the keyboard path
    <div
      className={`drop-zone${over && paths ? ' drop-zone-over' : ''}${compact ? ' drop-zone-compact' : ''}`}
      data-testid="drop-zone"
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <span className="drop-zone-title">
        {paths ? 'Drop folders or images here' : 'Add folders or images with the buttons below'}
      </span>
      {/* In a browser, why a drop does nothing is said when the zone is large, or while something is dragged over it. */}
      {(!compact || disabled || (!paths && over)) && (
        <span className="drop-zone-hint">
          {disabled
            ? watching
              ? 'The queue is locked while its folders are watched.'
              : 'The queue is locked while a batch runs.'
            : paths
              ? 'Several at once is fine; an image that comes twice is processed once.'
              : 'Dropping files works only in the desktop app: a browser does not tell Pixmill where a dropped file is on disk.'}
        </span>
      )}
    </div>
  );
}
