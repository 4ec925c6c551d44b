// One queued folder or file: its path, image count, own progress bar and state.
import type { RootProgress } from '../../../common/events';
import { plural } from '../../../common/format';
import { splitPath } from '../lib/format';
import { useAppStore } from '../store';
import type { QueueItem } from '../store/queue-slice';
import { ProgressBar } from './ProgressBar';

type RowState = 'queued' | 'running' | 'done' | 'done with errors' | 'cancelled';

function rowState(root: RootProgress | undefined, finished: boolean, cancelled: boolean): RowState {
  if (!root) return 'queued';
  const settled = root.processed + root.failed + root.skipped;
  // The batch takes roots in order: a later folder waits, unstarted, until earlier ones free workers.
  if (settled === 0 && !finished) return 'queued';
  const complete = finished || (root.scanDone && settled >= root.found);
  if (!complete) return 'running';
  if (cancelled && settled < root.found) return 'cancelled';
  return root.failed > 0 ? 'done with errors' : 'done';
}

function countText(item: QueueItem, root: RootProgress | undefined): string {
  if (item.problem) return item.problem;
  const count = root ? Math.max(root.found, item.count ?? 0) : item.count;
  if (count === null) return 'counting…';
  const label = plural(count, 'image');
  return item.counting ? `${label} so far…` : label;
}

interface QueueRowProps {
  item: QueueItem;
  index: number;
  last: boolean;
  locked: boolean;
}

export function QueueRow({ item, index, last, locked }: QueueRowProps) {
  const root = useAppStore((s) => {
    const rootIndex = s.runInputs.indexOf(item.path);
    return rootIndex >= 0 ? s.progress?.roots[rootIndex] : undefined;
  });
  const finished = useAppStore((s) => s.status === 'finished');
  const cancelled = useAppStore((s) => s.summary?.cancelled ?? false);
  const removeFromQueue = useAppStore((s) => s.removeFromQueue);
  const moveInQueue = useAppStore((s) => s.moveInQueue);
  const state = rowState(root, finished, cancelled);
  const settled = root ? root.processed + root.failed + root.skipped : 0;
  const { name, folder } = splitPath(item.path);

  return (
    <li className="queue-item" data-testid="queue-item" data-state={state}>
      <div className="queue-item-head">
        <span className={`kind-badge kind-${item.kind}`} aria-hidden="true">
          {item.kind === 'folder' ? 'DIR' : 'IMG'}
        </span>
        <div className="queue-item-text">
          <span className="queue-item-name" title={item.path}>
            {name}
          </span>
          <span className="queue-item-path">{folder}</span>
        </div>
        <div className="row-actions">
          <button
            type="button"
            className="icon-button"
            aria-label="Move up"
            title="Move up"
            disabled={locked || index === 0}
            onClick={() => moveInQueue(item.path, -1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Move down"
            title="Move down"
            disabled={locked || last}
            onClick={() => moveInQueue(item.path, 1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label="Remove"
            title="Remove"
            disabled={locked}
            onClick={() => removeFromQueue(item.path)}
          >
            ×
          </button>
        </div>
      </div>
      <div className="queue-item-status">
        <span data-testid="queue-count" className={item.problem ? 'text-error' : undefined}>
          {countText(item, root)}
        </span>
        <span className={`state state-${state.replace(/ /g, '-')}`}>{state}</span>
      </div>
      <ProgressBar
        value={settled}
        max={root?.found ?? item.count ?? 0}
        growing={root ? !root.scanDone : false}
        tone={state === 'done with errors' ? 'warning' : state === 'done' ? 'done' : 'normal'}
        label={`Progress of ${name}`}
        testId="queue-progress"
      />
    </li>
  );
}
