// How the preview compares (a divider over one view, or two views side by side) and how far it
// is zoomed: to fit the area, or real output pixels at 100 %, and steps between.
import { useId } from 'react';
import { percent, type Zoom } from '../lib/preview-zoom';
import type { CompareMode } from './PreviewViewport';

interface PreviewToolbarProps {
  mode: CompareMode;
  onMode(mode: CompareMode): void;
  zoom: Zoom;
  /** The scale the image is shown at now (fit included). */
  scale: number;
  onZoom(zoom: Zoom | 'in' | 'out'): void;
  disabled: boolean;
}

const MODES: { mode: CompareMode; label: string }[] = [
  { mode: 'split', label: 'Split' },
  { mode: 'side', label: 'Side by side' },
];

export function PreviewToolbar({ mode, onMode, zoom, scale, onZoom, disabled }: PreviewToolbarProps) {
  const name = useId();
  return (
    <div className="preview-toolbar">
      <fieldset className="segmented" disabled={disabled}>
        <legend className="visually-hidden">Compare</legend>
        {MODES.map((m) => (
          <label key={m.mode} className="segment">
            <input type="radio" name={name} checked={mode === m.mode} onChange={() => onMode(m.mode)} />
            {m.label}
          </label>
        ))}
      </fieldset>
      <fieldset className="preview-zoom" disabled={disabled}>
        <legend className="visually-hidden">Zoom</legend>
        <button type="button" className="icon-button" aria-label="Zoom out" onClick={() => onZoom('out')}>
          −
        </button>
        <output className="preview-zoom-value" aria-label="Zoom level">
          {percent(scale)}
        </output>
        <button type="button" className="icon-button" aria-label="Zoom in" onClick={() => onZoom('in')}>
          +
        </button>
        <button type="button" aria-label="Zoom to fit" aria-pressed={zoom === 'fit'} onClick={() => onZoom('fit')}>
          Fit
        </button>
        <button type="button" aria-pressed={zoom === 1} onClick={() => onZoom(1)}>
          100 %
        </button>
      </fieldset>
    </div>
  );
}
