// One queued folder or file, as the header of its files in the list: its name, image count, own
// progress bar and state, and the buttons that move or remove it. A file queued by itself is one
// row: the file's own row with the queue's buttons.
import type { RootProgress } from '../../../common/events';
import { pluralNoun } from '../../../common/format';
import { splitPath } from '../lib/format';
import { useAppStore } from '../store';
import type { FileEntry } from '../store/file-index';
import type { QueueItem } from '../store/queue-slice';
import { isWatching } from '../store/run-slice';
import { FileRow } from './FileRow';
import { ProgressBar } from './ProgressBar';

type RowState = 'queued' | 'running' | 'paused' | 'done' | 'done with errors' | 'cancelled' | 'watching';

function rowState(root: RootProgress | undefined, finished: boolean, cancelled: boolean, paused: boolean): RowState {
  if (!root) return 'queued';
  const settled = root.processed + root.failed + root.skipped;
  // The batch takes roots in order: a later folder waits, unstarted, until earlier ones free workers.
  if (settled === 0 && !finished) return paused && root.found > 0 ? 'paused' : 'queued';
  const complete = finished || (root.scanDone && settled >= root.found);
  if (!complete) return paused ? 'paused' : 'running';
  if (cancelled && settled < root.found) return 'cancelled';
  return root.failed > 0 ? 'done with errors' : 'done';
}

function countText(item: QueueItem, root: RootProgress | undefined): string {
  if (item.problem) return item.problem;
  const count = root ? Math.max(root.found, item.count ?? 0) : item.count;
  if (count === null) return 'counting…';
  const label = `${count.toLocaleString('en-US')} ${pluralNoun(count, 'image')}`;
  return item.counting ? `${label} so far…` : label;
}

export interface QueueRowProps {
  item: QueueItem;
  index: number;
  last: boolean;
  locked: boolean;
  tabbable: boolean;
  /** A folder's files are shown below it unless folded. */
  folded: boolean;
  onFold(path: string): void;
  /** The file a queued file stands for, once listed. */
  file: FileEntry | undefined;
  /** The dropped folder holds no files. */
  empty: boolean;
  selectedFile: string | null;
  onSelect(path: string): void;
  onReveal(message: string | null): void;
}

export function QueueRow(props: QueueRowProps) {
  const { item, index, last, locked, tabbable, folded, onFold, file, empty } = props;
  const root = useAppStore((s) => {
    const rootIndex = s.runInputs.indexOf(item.path);
    return rootIndex >= 0 ? s.progress?.roots[rootIndex] : undefined;
  });
  const finished = useAppStore((s) => s.status === 'finished');
  const paused = useAppStore((s) => s.status === 'paused');
  const cancelled = useAppStore((s) => s.summary?.cancelled ?? false);
  const removeFromQueue = useAppStore((s) => s.removeFromQueue);
  const moveInQueue = useAppStore((s) => s.moveInQueue);
  // Between a watch's bursts no batch runs: what is there is up to date, and the folder is watched.
  const idleWatch = useAppStore((s) => isWatching(s.status) && s.watchReady && !s.progress);
  const state = idleWatch ? 'watching' : rowState(root, finished, cancelled, paused);
  const settled = idleWatch ? (item.count ?? 0) : root ? root.processed + root.failed + root.skipped : 0;
  const { name, folder } = splitPath(item.path);
  const tab = tabbable ? 0 : -1;

  const actions = (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${name} up`}
        title="Move up in the queue"
        tabIndex={tab}
        disabled={locked || index === 0}
        onClick={() => moveInQueue(item.path, -1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={`Move ${name} down`}
        title="Move down in the queue"
        tabIndex={tab}
        disabled={locked || last}
        onClick={() => moveInQueue(item.path, 1)}
      >
        ↓
      </button>
      <button
        type="button"
        className="icon-button danger"
        aria-label={`Remove ${name}`}
        title="Remove from the queue (Delete)"
        tabIndex={tab}
        disabled={locked}
        onClick={() => removeFromQueue(item.path)}
      >
        ×
      </button>
    </>
  );

  if (item.kind === 'file' && file) {
    return (
      <div className="queue-item queue-item-file" data-testid="queue-item" data-state={state}>
        <FileRow
          file={file}
          selected={props.selectedFile === file.path}
          tabbable={tabbable}
          paused={paused}
          onSelect={props.onSelect}
          onReveal={props.onReveal}
          actions={actions}
          extra={
            <span className="visually-hidden" data-testid="queue-count">
              {countText(item, root)}
            </span>
          }
        />
      </div>
    );
  }

  return (
    <div className="queue-item" data-testid="queue-item" data-state={state}>
      <div className="queue-item-head">
        <button
          type="button"
          className="queue-item-toggle row-primary"
          aria-expanded={item.kind === 'folder' ? !folded : undefined}
          title={item.kind === 'folder' ? (folded ? 'Show its files' : 'Hide its files') : undefined}
          tabIndex={tab}
          onClick={() => item.kind === 'folder' && onFold(item.path)}
        >
          <span className="queue-item-chevron" aria-hidden="true">
            {item.kind === 'folder' ? (folded ? '▸' : '▾') : ''}
          </span>
          <span className="queue-item-text">
            <span className="queue-item-name" title={item.path}>
              {name}
            </span>
            <span className="queue-item-path">{folder}</span>
          </span>
        </button>
        <div className="row-actions">{actions}</div>
      </div>
      <div className="queue-item-status">
        <span>
          <span data-testid="queue-count" className={item.problem ? 'text-error' : undefined}>
            {countText(item, root)}
          </span>
          {empty && ' · this folder holds no files'}
        </span>
        <span className={`state state-${state.replace(/ /g, '-')}`}>{state[0]!.toUpperCase() + state.slice(1)}</span>
      </div>
      <ProgressBar
        value={settled}
        max={idleWatch ? (item.count ?? 0) : (root?.found ?? item.count ?? 0)}
        growing={root && !idleWatch ? !root.scanDone : false}
        tone={state === 'done with errors' ? 'warning' : state === 'done' || state === 'watching' ? 'done' : 'normal'}
        label={`Progress of ${name}`}
        testId="queue-progress"
      />
    </div>
  );
}
