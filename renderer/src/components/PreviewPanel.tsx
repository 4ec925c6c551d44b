// The image the person chose (in the file list, or with "Choose image…"; the first queued image
// otherwise), large, before and after the chain: split or side by side, fitted or at 100 %, with
// what the batch will write for it.
import { useCallback, useEffect, useState } from 'react';
import { usePreview } from '../hooks/use-preview';
import { call } from '../lib/bridge';
import { splitPath } from '../lib/format';
import {
  clampOffset,
  type Offset,
  requestSide,
  type Size,
  scaleOf,
  screenSide,
  stepZoom,
  type Zoom,
} from '../lib/preview-zoom';
import { useAppStore } from '../store';
import { useSpecCheck } from '../store/use-spec-check';
import { FileOutputs } from './FileOutputs';
import { PreviewInfo } from './PreviewInfo';
import { PreviewToolbar } from './PreviewToolbar';
import { type CompareMode, PreviewViewport } from './PreviewViewport';

const CENTRE: Offset = { x: 0, y: 0 };

/** The image to show: one picked with the button wins until the file list's selection changes. */
function useChosenImage(): { chosen: string; pick(path: string): void } {
  const selected = useAppStore((s) => s.selectedFile);
  const firstQueued = useAppStore((s) => s.queue.find((item) => item.kind === 'file')?.path ?? null);
  const [picked, setPicked] = useState<{ path: string; over: string | null } | null>(null);
  const chosen = picked && picked.over === selected ? picked.path : (selected ?? firstQueued ?? '');
  return { chosen, pick: (path) => setPicked({ path, over: selected }) };
}

export function PreviewPanel() {
  const { chosen, pick } = useChosenImage();
  const queued = useAppStore((s) => s.queue.length > 0);
  // A queued folder's files are known to the file list, not here: the person picks one there.
  const emptyText = queued
    ? 'Click an image in the list, or choose one, to see it before and after the recipe.'
    : 'Add an image to the queue, or choose one, to see it before and after the recipe.';
  const check = useSpecCheck();
  const [mode, setMode] = useState<CompareMode>('split');
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [offset, setOffset] = useState<Offset>(CENTRE);
  const [divider, setDivider] = useState(50);
  const [box, setBox] = useState<Size>({ width: 0, height: 0 });
  const [known, setKnown] = useState<Size | null>(null);

  const scale = scaleOf(zoom, known ?? box, box);
  const side = requestSide(scale, known, screenSide(box, window.devicePixelRatio || 1));
  const { rendering, result, resultFor, error } = usePreview(chosen, check.ok ? check.value : null, side);
  const outWidth = result?.output.width;
  const outHeight = result?.output.height;
  useEffect(() => {
    if (outWidth && outHeight) setKnown({ width: outWidth, height: outHeight });
  }, [outWidth, outHeight]);
  // A new image starts centred.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the image changes
  useEffect(() => setOffset(CENTRE), [chosen]);

  const size = known ?? box;
  const pan = useCallback((next: Offset) => setOffset(clampOffset(next, size, scale, box)), [size, scale, box]);
  const zoomTo = (next: Zoom | 'in' | 'out'): void => {
    const target = next === 'in' || next === 'out' ? stepZoom(scale, next === 'in' ? 1 : -1) : next;
    const to = scaleOf(target, size, box);
    setZoom(target);
    setOffset((o) => clampOffset({ x: (o.x * to) / scale, y: (o.y * to) / scale }, size, to, box));
  };
  const onBox = useCallback((next: Size) => setBox(next), []);

  const chooseImage = async (): Promise<void> => {
    const answer = await call((api) => api.dialogAddFiles());
    const first = answer.ok ? answer.value[0] : undefined;
    if (first) pick(first);
  };
  const shown = offset === CENTRE ? offset : clampOffset(offset, size, scale, box);

  return (
    // Not a region of its own: the area around it is the window's "Preview" region already.
    <div className="panel preview-panel" aria-busy={rendering}>
      <header className="preview-header">
        <h2>Preview</h2>
        <span className="preview-name" title={chosen || undefined}>
          {chosen ? splitPath(chosen).name : 'No image chosen'}
        </span>
        <button type="button" onClick={() => void chooseImage()}>
          Choose image…
        </button>
        <PreviewToolbar mode={mode} onMode={setMode} zoom={zoom} scale={scale} onZoom={zoomTo} disabled={!result} />
      </header>
      {!check.ok && <p className="hint text-error">The preview waits until the settings are valid.</p>}
      {error && <p className="field-message">{error}</p>}
      <div className="preview-body">
        {result ? (
          <PreviewViewport
            result={result}
            stale={resultFor !== chosen}
            mode={mode}
            scale={scale}
            offset={shown}
            divider={divider}
            onPan={pan}
            onDivider={setDivider}
            onBox={onBox}
            onZoomKey={zoomTo}
          />
        ) : (
          <div className="preview-empty muted">{chosen ? (rendering ? 'Rendering…' : '') : emptyText}</div>
        )}
        {rendering && result && (
          // Not announced: the panel is marked busy, and a render follows every edit.
          <span className="preview-rendering">Rendering…</span>
        )}
      </div>
      {result && <PreviewInfo result={result} scale={scale} />}
      {result && result.warnings.length > 0 && (
        <ul className="preview-warnings" aria-label="What the output loses" data-testid="preview-warnings">
          {result.warnings.map((warning) => (
            <li key={`${warning.code} ${warning.message}`}>{warning.message}</li>
          ))}
        </ul>
      )}
      <FileOutputs path={chosen} />
    </div>
  );
}
