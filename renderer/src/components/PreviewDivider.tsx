// The split view's divider: before on its left, after on its right. A slider for the keyboard
// and screen readers (arrows, Page Up/Down, Home/End), dragged with a pointer like Squoosh's.
import type { KeyboardEvent, PointerEvent } from 'react';

interface PreviewDividerProps {
  /** Where the divider stands, in % of the view's width. */
  value: number;
  onChange(value: number): void;
}

const KEY_STEPS: Record<string, (v: number) => number> = {
  ArrowLeft: (v) => v - 1,
  ArrowDown: (v) => v - 1,
  ArrowRight: (v) => v + 1,
  ArrowUp: (v) => v + 1,
  PageDown: (v) => v - 10,
  PageUp: (v) => v + 10,
  Home: () => 0,
  End: () => 100,
};

const clampPercent = (v: number): number => Math.min(100, Math.max(0, Math.round(v)));

export function PreviewDivider({ value, onChange }: PreviewDividerProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const step = KEY_STEPS[e.key];
    if (!step) return;
    // The view around the divider pans with the same keys.
    e.preventDefault();
    e.stopPropagation();
    const big = e.shiftKey && e.key.startsWith('Arrow');
    onChange(clampPercent(big ? value + (step(value) - value) * 10 : step(value)));
  };
  const follow = (e: PointerEvent<HTMLDivElement>): void => {
    const view = e.currentTarget.parentElement?.getBoundingClientRect();
    if (view && view.width > 0) onChange(clampPercent(((e.clientX - view.left) / view.width) * 100));
  };

  return (
    <div
      className="preview-divider"
      role="slider"
      tabIndex={0}
      aria-label="Before/after divider"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${value} % before, ${100 - value} % after`}
      aria-orientation="horizontal"
      style={{ left: `${value}%` }}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) follow(e);
      }}
    >
      <span className="preview-divider-handle" aria-hidden="true" />
    </div>
  );
}
