// The left column's first section: what will be processed.

import { plural } from '../../../common/format';
import { useAddToQueue } from '../hooks/use-add-to-queue';
import { call } from '../lib/bridge';
import { useAppStore } from '../store';
import type { QueueKind } from '../store/queue-slice';
import { isBatchActive } from '../store/run-slice';
import { DropZone } from './DropZone';
import { QueueRow } from './QueueRow';

export function QueuePanel() {
  const queue = useAppStore((s) => s.queue);
  const locked = useAppStore((s) => isBatchActive(s.status));
  const addToQueue = useAddToQueue();
  const total = queue.reduce((sum, item) => sum + (item.count ?? 0), 0);

  const addFromDialog = async (kind: QueueKind): Promise<void> => {
    const result = await call((api) => (kind === 'folder' ? api.dialogAddFolders() : api.dialogAddFiles()));
    if (result.ok) addToQueue(result.value.map((path) => ({ path, kind })));
  };

  return (
    <section className="panel" aria-labelledby="queue-heading">
      <header className="panel-header">
        <h2 id="queue-heading">Queue</h2>
        <span className="muted">
          {queue.length === 0 ? 'empty' : `${plural(queue.length, 'item')} · ${plural(total, 'image')}`}
        </span>
      </header>
      <DropZone disabled={locked} />
      <div className="button-row">
        <button type="button" disabled={locked} onClick={() => void addFromDialog('folder')}>
          Add folders
        </button>
        <button type="button" disabled={locked} onClick={() => void addFromDialog('file')}>
          Add files
        </button>
      </div>
      {queue.length > 0 && (
        <ol className="queue-list" aria-label="Queued folders and files">
          {queue.map((item, index) => (
            <QueueRow key={item.path} item={item} index={index} last={index === queue.length - 1} locked={locked} />
          ))}
        </ol>
      )}
    </section>
  );
}
