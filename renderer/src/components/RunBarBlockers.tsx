// What keeps Start from being pressed, beside it. One reason is shown as it is; several fold into
// "2 things to fix before starting", which opens the list upwards, over the window, so the run bar
// keeps its height. Each reason with a control is a button that takes the focus there.
import { useEffect, useRef, useState } from 'react';
import { MEMORY_BUDGET_ID } from '../lib/memory-budget';
import { useAppStore } from '../store';
import type { StartBlocker } from '../store/use-start-blockers';

function focusTarget(target: string | undefined, openSettings = true): void {
  if (!target) return;
  const element = document.getElementById(target);
  if (!element && openSettings && target === MEMORY_BUDGET_ID) {
    // Its field is in the Settings dialog, drawn once the dialog opens.
    useAppStore.getState().openSettings();
    requestAnimationFrame(() => focusTarget(target, false));
    return;
  }
  element?.scrollIntoView({ block: 'nearest' });
  element?.focus();
}

function Reason({ blocker, onPick }: { blocker: StartBlocker; onPick?: () => void }) {
  const tone = blocker.kind === 'invalid' ? ' text-error' : '';
  if (!blocker.target) return <span className={`blocker-text${tone}`}>{blocker.text}</span>;
  return (
    <button
      type="button"
      className={`link-button blocker-text${tone}`}
      data-target={blocker.target}
      onClick={() => {
        onPick?.();
        focusTarget(blocker.target);
      }}
    >
      {blocker.text}
    </button>
  );
}

export function RunBarBlockers({ blockers, id }: { blockers: StartBlocker[]; id: string }) {
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const many = blockers.length > 1;
  useEffect(() => {
    if (!many) setOpen(false);
  }, [many]);
  // A click anywhere else folds the list, as a menu would.
  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent): void => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (!many) {
    const only = blockers[0];
    return (
      <div className="run-blockers" id={id}>
        {only && <Reason blocker={only} />}
      </div>
    );
  }
  return (
    <div className="run-blockers" ref={box}>
      <button
        ref={toggle}
        type="button"
        className="link-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        {blockers.length} things to fix before starting
      </button>
      {/* Kept in the page while folded: Start's description reads from it either way. */}
      <ul
        className="run-blockers-list popover"
        id={id}
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          setOpen(false);
          toggle.current?.focus();
        }}
      >
        {blockers.map((blocker) => (
          <li key={blocker.text}>
            <Reason blocker={blocker} onPick={() => setOpen(false)} />
          </li>
        ))}
      </ul>
    </div>
  );
}
