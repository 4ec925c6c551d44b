// The plan as a virtualised tree: each source folder, then each of its files with where its
// output goes, its status and why. Only the rows on screen are in the DOM, so a plan of 100,000
// files scrolls like one of ten while it is still streaming in. Rows are read from the plan index
// by position; the tree is rebuilt from it when its version moves.
// Keyboard: Tab reaches one row; the arrow keys, Home, End, Page Up and Page Down move between rows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { PlannedFile } from '../../../common/ipc';
import { useRowFocus } from '../hooks/use-row-focus';
import { splitPath } from '../lib/format';
import { destinationText, PLAN_STATUS_LABELS, planReasonText } from '../lib/plan-words';
import { countOf } from '../lib/run-status';
import { useAppStore } from '../store';
import { type PlanGroup, planIndex, treeLength, treeRowAt } from '../store/plan-index';
import { FolderIcon } from './FolderIcon';

const FOLDER_HEIGHT = 36;
const FILE_HEIGHT = 62;
const PAGE = 8;

export function PlanTree() {
  const version = useAppStore((s) => s.planVersion);
  const filter = useAppStore((s) => s.planFilter);
  const outDir = useAppStore((s) => s.planTotals?.outDir ?? s.planBasis?.outDir ?? '');
  const scrollRef = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the plan index is read in place; its version says when it changed
  const segments = useMemo(() => planIndex.segments(filter), [filter, version]);
  const count = treeLength(segments);
  const estimateSize = useCallback(
    (i: number) => (treeRowAt(segments, i)?.type === 'folder' ? FOLDER_HEIGHT : FILE_HEIGHT),
    [segments],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 6,
  });
  // A filter moves folders to other positions, and the two kinds of row differ in height.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the rows change
  useLayoutEffect(() => virtualizer.measure(), [filter]);

  const focus = useRowFocus(count, virtualizer, scrollRef, { page: PAGE });

  if (count === 0) return null;
  const { tabbable } = focus;

  return (
    // biome-ignore lint/a11y/useSemanticElements: virtualised rows are positioned divs; the roles are given by hand
    <div
      className="plan-tree"
      ref={scrollRef}
      role="list"
      aria-label="Plan: each file and where its output goes"
      onKeyDown={focus.onMoveKey}
      onFocus={focus.onFocus}
      data-testid="plan-tree"
    >
      <div className="plan-tree-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = treeRowAt(segments, v.index);
          if (!row) return null;
          return (
            // biome-ignore lint/a11y/useSemanticElements: virtualised rows are positioned divs
            <div
              key={v.key}
              role="listitem"
              className="plan-tree-row"
              data-row-index={v.index}
              tabIndex={v.index === tabbable ? 0 : -1}
              style={{ transform: `translateY(${v.start}px)`, height: v.size }}
            >
              {row.type === 'folder' ? (
                <PlanFolder group={row.group} shown={row.shown} />
              ) : (
                <PlanFileRow row={row.row} outDir={outDir} />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function PlanFolder({ group, shown }: { group: PlanGroup; shown: number }) {
  return (
    <div className="plan-folder" title={group.folder} data-testid="plan-folder">
      <FolderIcon size={14} />
      <span className="plan-folder-name">{group.label}</span>
      <span className="muted plan-folder-count">{countOf(shown, 'file')}</span>
    </div>
  );
}

function PlanFileRow({ row, outDir }: { row: PlannedFile; outDir: string }) {
  const name = splitPath(row.file).name;
  const destination = destinationText(row.output, outDir);
  const reason = planReasonText(row);
  return (
    <div
      className="plan-file"
      data-testid="plan-row"
      data-status={row.status}
      title={[row.file, destination ? `→ ${row.output}` : '', reason].filter(Boolean).join('\n')}
    >
      <span className="plan-file-top">
        <span className="plan-file-name">
          {name}
          {row.label && <span className="muted"> · {row.label}</span>}
        </span>
        <span className={`plan-status plan-status-${row.status}`}>
          <span className="status-dot" aria-hidden="true" />
          {PLAN_STATUS_LABELS[row.status]}
        </span>
      </span>
      <span className="plan-destination">
        {destination ? (
          <>
            <span aria-hidden="true">→ </span>
            <span className="visually-hidden">to </span>
            {destination}
          </>
        ) : (
          <span className="muted">no output</span>
        )}
      </span>
      <span className="plan-reason">{reason}</span>
    </div>
  );
}
