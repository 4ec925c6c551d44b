// The queue as one virtualised list: each queued folder's header row followed by its files as the
// listing streams them in, and a file queued by itself as one row. Only the rows on screen are in
// the DOM (and only they ask for thumbnails), so 100,000 files scroll like ten. Rows read their file
// from the file index by position; the list is rebuilt from it when its version moves.
// Keyboard: Tab reaches one row; the arrow keys, Home and End move between rows; Delete removes a
// queued folder or file, and focus moves on to the next one.
import { defaultRangeExtractor, type Range, useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useRowFocus } from '../hooks/use-row-focus';
import { segmentAt } from '../lib/segments';
import { useAppStore } from '../store';
import { type FileEntry, fileIndex } from '../store/file-index';
import { type FileFilter, matchesFilter } from '../store/files-slice';
import type { QueueItem } from '../store/queue-slice';
import { isBatchActive } from '../store/run-slice';
import { FileRow } from './FileRow';
import { QueueRow } from './QueueRow';

const HEADER_HEIGHT = 78;
const FILE_ROW_HEIGHT = 60;

/** A queued item and the files of it the list shows (the index's own array when nothing is filtered). */
interface Segment {
  item: QueueItem;
  /** Its place in the queue (a filter may leave queued files out of the list). */
  queueIndex: number;
  start: number;
  files: readonly FileEntry[];
}

type Row = { type: 'root'; item: QueueItem; rootIndex: number } | { type: 'file'; file: FileEntry; item: QueueItem };

function buildSegments(queue: readonly QueueItem[], filter: FileFilter, folded: ReadonlySet<string>): Segment[] {
  let start = 0;
  const segments: Segment[] = [];
  queue.forEach((item, queueIndex) => {
    const all = fileIndex.rootFiles(item.path)?.files ?? [];
    // A file queued by itself is its own row: a filter that leaves it out hides it.
    if (item.kind === 'file' && filter !== 'all' && !(all[0] && matchesFilter(all[0], filter))) return;
    const files =
      item.kind === 'file' || folded.has(item.path)
        ? []
        : filter === 'all'
          ? all
          : all.filter((f) => matchesFilter(f, filter));
    segments.push({ item, queueIndex, start, files });
    start += 1 + files.length;
  });
  return segments;
}

function rowAt(segments: readonly Segment[], index: number): Row | undefined {
  const at = segmentAt(segments, index, (s) => s.files.length);
  if (!at) return undefined;
  const s = at.segment;
  return at.row < 0
    ? { type: 'root', item: s.item, rootIndex: s.queueIndex }
    : { type: 'file', file: s.files[at.row]!, item: s.item };
}

export function FileList({ onReveal }: { onReveal(message: string | null): void }) {
  const queue = useAppStore((s) => s.queue);
  const version = useAppStore((s) => s.filesVersion);
  const filter = useAppStore((s) => s.fileFilter);
  const selectedFile = useAppStore((s) => s.selectedFile);
  const selectFile = useAppStore((s) => s.selectFile);
  const removeFromQueue = useAppStore((s) => s.removeFromQueue);
  const locked = useAppStore((s) => isBatchActive(s.status));
  const paused = useAppStore((s) => s.status === 'paused');
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const scrollRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the file index is read in place; its version says when it changed
  const segments = useMemo(() => buildSegments(queue, filter, folded), [queue, filter, folded, version]);
  const last = segments.at(-1);
  const count = last ? last.start + 1 + last.files.length : 0;

  // Stable while the rows are: the virtualiser re-measures all rows (100,000 of them) when these change.
  const estimateSize = useCallback(
    (i: number) => {
      const row = rowAt(segments, i);
      return row?.type === 'root' && row.item.kind === 'folder' ? HEADER_HEIGHT : FILE_ROW_HEIGHT;
    },
    [segments],
  );
  // The header of the folder being scrolled through stays at the top (its name, count and buttons
  // in view a thousand rows down): it is always rendered, and drawn sticky.
  const stickyRef = useRef(-1);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const header = segments.findLast((seg) => seg.start <= range.startIndex && seg.item.kind === 'folder');
      stickyRef.current = header && header.start < range.startIndex ? header.start : -1;
      const rows = defaultRangeExtractor(range);
      return stickyRef.current >= 0 && !rows.includes(stickyRef.current) ? [stickyRef.current, ...rows] : rows;
    },
    [segments],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    rangeExtractor,
    scrollPaddingStart: HEADER_HEIGHT,
    // Rows are keyed by position (the default): a key per row would be 100,000 strings built on
    // every listing update, and a row that changes file only re-renders.
    overscan: 6,
  });
  // Row heights depend on the row's kind, which moves with the filter and with folding.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the rows change
  useLayoutEffect(() => virtualizer.measure(), [segments]);

  const focus = useRowFocus(count, virtualizer, scrollRef, { focusSelector: '.row-primary' });

  const onFold = useCallback(
    (path: string) =>
      setFolded((prev) => {
        const next = new Set(prev);
        if (!next.delete(path)) next.add(path);
        return next;
      }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (focus.onMoveKey(event)) return;
    const index = focus.rowIndexOf(event);
    if (index === undefined) return;
    if (event.key === 'Delete' && !locked) {
      const row = rowAt(segments, index);
      if (!row || (row.type === 'file' && row.item.kind === 'folder')) return;
      event.preventDefault();
      // Focus goes to the next queued item, which takes this one's place (or to the one before, at the end).
      const rootIndex = segments.findIndex((s) => s.item === row.item);
      const next = segments[rootIndex + 1] ? segments[rootIndex]!.start : segments[rootIndex - 1]?.start;
      removeFromQueue(row.item.path);
      if (next !== undefined) focus.focusLater(next);
    }
  };

  const { tabbable } = focus;

  return (
    // biome-ignore lint/a11y/useSemanticElements: virtualised rows are positioned divs; the roles are given by hand
    <div
      className="file-list"
      ref={scrollRef}
      role="list"
      aria-label="Image list"
      onKeyDown={onKeyDown}
      onFocus={focus.onFocus}
      data-testid="file-list"
    >
      <div className="file-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rowAt(segments, v.index);
          if (!row) return null;
          const sticky = v.index === stickyRef.current;
          return (
            // biome-ignore lint/a11y/useSemanticElements: virtualised rows are positioned divs
            <div
              key={v.key}
              role="listitem"
              className={sticky ? 'file-list-row file-list-sticky' : 'file-list-row'}
              data-row-index={v.index}
              style={sticky ? { height: v.size } : { transform: `translateY(${v.start}px)`, height: v.size }}
            >
              {row.type === 'root' ? (
                <QueueRow
                  item={row.item}
                  index={row.rootIndex}
                  last={row.rootIndex === queue.length - 1}
                  locked={locked}
                  tabbable={v.index === tabbable}
                  folded={folded.has(row.item.path)}
                  onFold={onFold}
                  file={row.item.kind === 'file' ? fileIndex.rootFiles(row.item.path)?.files[0] : undefined}
                  empty={fileIndex.rootFiles(row.item.path)?.empty ?? false}
                  selectedFile={selectedFile}
                  onSelect={selectFile}
                  onReveal={onReveal}
                />
              ) : (
                <FileRow
                  file={row.file}
                  selected={selectedFile === row.file.path}
                  tabbable={v.index === tabbable}
                  paused={paused}
                  onSelect={selectFile}
                  onReveal={onReveal}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
