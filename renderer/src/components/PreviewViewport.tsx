// The images themselves: before and after under a divider (split) or in two panes (side by side),
// both at one scale and offset so they stay aligned. Dragging or the arrow keys move a zoomed
// image; the wheel, and +, −, 0 and 1 on the keyboard, zoom as the toolbar's buttons do.
import { type KeyboardEvent, type PointerEvent, useLayoutEffect, useRef, type WheelEvent } from 'react';
import type { PreviewImage, PreviewRendering } from '../../../common/ipc';
import type { Offset, Size } from '../lib/preview-zoom';
import { PreviewDivider } from './PreviewDivider';

export type CompareMode = 'split' | 'side';

interface PreviewViewportProps {
  result: PreviewRendering;
  /** The picture is of the image shown before, while the chosen one renders. */
  stale: boolean;
  mode: CompareMode;
  scale: number;
  offset: Offset;
  divider: number;
  onPan(offset: Offset): void;
  onDivider(value: number): void;
  /** The size of one view (a pane, in side by side), as it changes. */
  onBox(box: Size): void;
  onZoomKey(key: 'in' | 'out' | 'fit' | 1): void;
}

const PAN_STEP = 40;
/** Wheel travel per zoom step: one notch of a mouse wheel, several small moves of a touchpad. */
const WHEEL_STEP = 100;
const ZOOM_KEYS: Record<string, 'in' | 'out' | 'fit' | 1> = { '+': 'in', '=': 'in', '-': 'out', '0': 'fit', '1': 1 };

function Layer({
  image,
  alt,
  size,
  scale,
  offset,
}: {
  image: PreviewImage;
  alt: string;
  size: Size;
  scale: number;
  offset: Offset;
}) {
  return (
    <img
      className={`preview-image${scale >= 2 ? ' preview-pixelated' : ''}`}
      src={image.src}
      alt={alt}
      width={image.width}
      height={image.height}
      draggable={false}
      style={{
        width: size.width * scale,
        height: size.height * scale,
        transform: `translate(calc(-50% + ${offset.x}px), calc(-50% + ${offset.y}px))`,
      }}
    />
  );
}

export function PreviewViewport(props: PreviewViewportProps) {
  const { result, stale, mode, scale, offset, divider, onPan, onDivider, onBox, onZoomKey } = props;
  const view = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; from: Offset } | null>(null);
  const wheel = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the measured element is another one in each mode
  useLayoutEffect(() => {
    const el = view.current;
    if (!el) return;
    const report = (): void => onBox({ width: el.clientWidth, height: el.clientHeight });
    report();
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [onBox, mode]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const zoom = ZOOM_KEYS[e.key];
    const pan: Record<string, Offset> = {
      ArrowLeft: { x: offset.x + PAN_STEP, y: offset.y },
      ArrowRight: { x: offset.x - PAN_STEP, y: offset.y },
      ArrowUp: { x: offset.x, y: offset.y + PAN_STEP },
      ArrowDown: { x: offset.x, y: offset.y - PAN_STEP },
    };
    if (zoom) onZoomKey(zoom);
    else if (pan[e.key]) onPan(pan[e.key]!);
    else return;
    e.preventDefault();
  };
  const pointer = {
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      drag.current = { x: e.clientX, y: e.clientY, from: offset };
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      const d = drag.current;
      if (d) onPan({ x: d.from.x + e.clientX - d.x, y: d.from.y + e.clientY - d.y });
    },
    onPointerUp: () => {
      drag.current = null;
    },
    onPointerCancel: () => {
      drag.current = null;
    },
    onWheel: (e: WheelEvent<HTMLDivElement>) => {
      wheel.current += e.deltaY;
      if (Math.abs(wheel.current) < WHEEL_STEP) return;
      onZoomKey(wheel.current < 0 ? 'in' : 'out');
      wheel.current = 0;
    },
  };
  const output = result.output;
  const layer = (image: PreviewImage, alt: string) => (
    <Layer image={image} alt={alt} size={output} scale={scale} offset={offset} />
  );

  return (
    // biome-ignore lint/a11y/useSemanticElements: a view of two images, not a set of form fields
    <div
      className={`preview-stage preview-stage-${mode}${stale ? ' preview-stale' : ''}`}
      role="group"
      aria-label="Before and after: drag or use the arrow keys to move a zoomed image; + and − zoom, 0 fits, 1 is 100 %"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the view is what the arrow keys pan
      tabIndex={0}
      onKeyDown={onKeyDown}
      {...pointer}
    >
      {mode === 'split' ? (
        <div className="preview-view" ref={view}>
          {layer(result.before, 'Before')}
          <div className="preview-after" style={{ clipPath: `inset(0 0 0 ${divider}%)` }}>
            {layer(result.after, 'After')}
          </div>
          <span className="preview-tag preview-tag-before" aria-hidden="true">
            Before
          </span>
          <span className="preview-tag preview-tag-after" aria-hidden="true">
            After
          </span>
          <PreviewDivider value={divider} onChange={onDivider} />
        </div>
      ) : (
        <>
          <div className="preview-view" ref={view}>
            {layer(result.before, 'Before')}
            <span className="preview-tag preview-tag-before" aria-hidden="true">
              Before
            </span>
          </div>
          <div className="preview-view">
            {layer(result.after, 'After')}
            <span className="preview-tag preview-tag-before" aria-hidden="true">
              After
            </span>
          </div>
        </>
      )}
    </div>
  );
}
