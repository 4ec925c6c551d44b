// Accepts several folders and files in one drop. The browser gives no absolute paths, so each
// dropped item goes through the bridge's pathForFile; the entry API tells folders from files.
import { type DragEvent, useState } from 'react';
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

  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setOver(!disabled);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setOver(false);
    if (!disabled) addToQueue(droppedEntries(event.dataTransfer));
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target only; its buttons are the keyboard path
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}${compact ? ' drop-zone-compact' : ''}`}
      data-testid="drop-zone"
      onDragEnter={onDragOver}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <span className="drop-zone-title">Drop folders or images here</span>
      {(!compact || disabled) && (
        <span className="drop-zone-hint">
          {disabled
            ? watching
              ? 'The queue is locked while its folders are watched.'
              : 'The queue is locked while a batch runs.'
            : 'Several at once is fine; an image that comes twice is processed once.'}
        </span>
      )}
    </div>
  );
}
