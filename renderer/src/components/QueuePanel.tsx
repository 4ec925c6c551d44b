// The left area: what will be processed. The drop zone and the add buttons, what the queue holds
// in one line, the status filter, and the list of every queued image.
import { useState } from 'react';
import { pluralNoun } from '../../../common/format';
import { useAddToQueue } from '../hooks/use-add-to-queue';
import { call } from '../lib/bridge';
import { useAppStore } from '../store';
import { tallyFiles } from '../store/files-slice';
import type { QueueItem, QueueKind } from '../store/queue-slice';
import { isBatchActive } from '../store/run-slice';
import { DropZone } from './DropZone';
import { FileFilterBar } from './FileFilterBar';
import { FileList } from './FileList';

const count = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${pluralNoun(n, word)}`;

/** "2 folders · 1 file · 1,204 images": an image queued twice counts once, as the batch processes it once. */
export function queueSummary(queue: readonly QueueItem[], duplicates: number): string {
  if (queue.length === 0) return 'Nothing queued yet';
  const folders = queue.filter((item) => item.kind === 'folder').length;
  const files = queue.length - folders;
  const images = queue.reduce((sum, item) => sum + (item.count ?? 0), 0) - duplicates;
  const counting = queue.some((item) => item.counting);
  return [
    folders > 0 ? count(folders, 'folder') : '',
    files > 0 ? count(files, 'file') : '',
    `${count(images, 'image')}${counting ? ' so far' : ''}`,
    duplicates > 0 ? `${count(duplicates, 'duplicate')} left out` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function QueuePanel() {
  const queue = useAppStore((s) => s.queue);
  const version = useAppStore((s) => s.filesVersion);
  const { duplicates } = tallyFiles(version);
  const locked = useAppStore((s) => isBatchActive(s.status));
  const addToQueue = useAddToQueue();
  const [revealError, setRevealError] = useState<string | null>(null);

  const addFromDialog = async (kind: QueueKind): Promise<void> => {
    const result = await call((api) => (kind === 'folder' ? api.dialogAddFolders() : api.dialogAddFiles()));
    if (result.ok) addToQueue(result.value.map((path) => ({ path, kind })));
  };

  return (
    // The area around it is the landmark; a second one of the same name would only repeat it.
    <div className="files-panel">
      <header className="files-header">
        <h2 id="queue-heading">Images</h2>
        <span className="muted" data-testid="queue-summary">
          {queueSummary(queue, duplicates)}
        </span>
      </header>
      <DropZone disabled={locked} compact={queue.length > 0} />
      <div className="button-row">
        <button type="button" disabled={locked} onClick={() => void addFromDialog('folder')}>
          Add folders…
        </button>
        <button type="button" disabled={locked} onClick={() => void addFromDialog('file')}>
          Add files…
        </button>
      </div>
      {queue.length > 0 && (
        <>
          <FileFilterBar />
          <p className="hint text-error" role="status">
            {revealError}
          </p>
          <FileList onReveal={setRevealError} />
        </>
      )}
    </div>
  );
}
