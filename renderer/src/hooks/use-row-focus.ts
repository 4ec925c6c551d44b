// Keyboard focus in a virtualised list: one row is the Tab stop (the last one focused), the
// arrow keys, Home and End (and Page Up/Down where a page is given) move between rows, and a row
// scrolled out of the DOM is focused once the virtualiser has rendered it again. Rows carry
// `data-row-index`; the element focused is the row itself or, with `focusSelector`, a part of it.
import type { Virtualizer } from '@tanstack/react-virtual';
import {
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';

export interface RowFocus {
  /** The row that is the list's Tab stop. */
  tabbable: number;
  /** Focuses a row (clamped to the list), scrolling it into view first. */
  focusRow: (index: number) => void;
  /** Makes a row the Tab stop and focuses it once it is rendered, without scrolling now. */
  focusLater: (index: number) => void;
  /** The row an event happened in, if any. */
  rowIndexOf: (event: { target: EventTarget }) => number | undefined;
  /** Handles a move key on a row; false when the key is not one. */
  onMoveKey: (event: KeyboardEvent<HTMLElement>) => boolean;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
}

export function useRowFocus(
  count: number,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  scrollRef: RefObject<HTMLDivElement | null>,
  options: { page?: number; focusSelector?: string } = {},
): RowFocus {
  const [active, setActive] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  const focusRow = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(count - 1, index));
      setActive(target);
      pendingFocus.current = target;
      virtualizer.scrollToIndex(target, { align: 'auto' });
    },
    [count, virtualizer],
  );
  const focusLater = useCallback((index: number) => {
    pendingFocus.current = index;
    setActive(index);
  }, []);
  // The row to focus may only now be rendered (after a scroll or a removal).
  useLayoutEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const part = options.focusSelector ? ` ${options.focusSelector}` : '';
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]${part}`);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });

  const rowIndexOf = (event: { target: EventTarget }): number | undefined => {
    const rowEl = (event.target as HTMLElement).closest<HTMLElement>('[data-row-index]');
    return rowEl ? Number(rowEl.dataset['rowIndex']) : undefined;
  };
  const onMoveKey = (event: KeyboardEvent<HTMLElement>): boolean => {
    const index = rowIndexOf(event);
    if (index === undefined) return false;
    const page = options.page;
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: count - 1,
      ...(page ? { PageDown: index + page, PageUp: index - page } : {}),
    };
    if (!(event.key in moves)) return false;
    event.preventDefault();
    focusRow(moves[event.key]!);
    return true;
  };
  const onFocus = (event: FocusEvent<HTMLElement>): void => {
    const index = rowIndexOf(event);
    if (index !== undefined) setActive(index);
  };
  return { tabbable: Math.min(active, Math.max(0, count - 1)), focusRow, focusLater, rowIndexOf, onMoveKey, onFocus };
}
