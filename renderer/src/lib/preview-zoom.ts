// How much of the output the preview shows, and where: the zoom is the scale of the output's own
// pixels on screen (1 = 100 %, one output pixel per CSS pixel), "fit" the largest that shows it
// whole without enlarging it. Before and after share one view, so they stay aligned.

export type Zoom = 'fit' | number;

export interface Size {
  width: number;
  height: number;
}

export interface Offset {
  x: number;
  y: number;
}

/** Zoom levels the + and − buttons step through. */
export const ZOOM_STEPS: readonly number[] = [0.1, 0.25, 1 / 3, 0.5, 2 / 3, 1, 1.5, 2, 3, 4, 8];

/** The largest scale that shows the whole image in the box; never above 100 %. */
export function fitScale(image: Size, box: Size): number {
  if (image.width <= 0 || image.height <= 0 || box.width <= 0 || box.height <= 0) return 1;
  return Math.min(1, box.width / image.width, box.height / image.height);
}

export function scaleOf(zoom: Zoom, image: Size, box: Size): number {
  return zoom === 'fit' ? fitScale(image, box) : zoom;
}

/** The next zoom step above (direction 1) or below (-1) the current scale. */
export function stepZoom(scale: number, direction: 1 | -1): number {
  const eps = 1e-6;
  if (direction > 0) return ZOOM_STEPS.find((z) => z > scale + eps) ?? ZOOM_STEPS.at(-1)!;
  return [...ZOOM_STEPS].reverse().find((z) => z < scale - eps) ?? ZOOM_STEPS[0]!;
}

/** Keeps the image over the box: it may be moved only as far as it is larger than the box. */
export function clampOffset(offset: Offset, image: Size, scale: number, box: Size): Offset {
  const maxX = Math.max(0, (image.width * scale - box.width) / 2);
  const maxY = Math.max(0, (image.height * scale - box.height) / 2);
  return { x: Math.min(maxX, Math.max(-maxX, offset.x)), y: Math.min(maxY, Math.max(-maxY, offset.y)) };
}

/** The side of the screen copy to ask for: a few sizes only, so resizing the window rarely re-renders. */
export function screenSide(box: Size, pixelRatio: number): number {
  const side = Math.max(box.width, box.height) * pixelRatio;
  return Math.min(2048, Math.max(512, Math.ceil(side / 512) * 512));
}

/**
 * What to ask the engine for: the screen size while that is sharp enough at this scale, else the
 * output's own size (at most the request's limit), so 100 % shows real output pixels.
 */
export function requestSide(scale: number, output: Size | null, screen: number, limit = 8192): number {
  if (!output) return screen;
  const full = Math.max(output.width, output.height);
  return full * scale <= screen ? screen : Math.min(limit, full);
}

export const percent = (scale: number): string => `${Math.round(scale * 100)} %`;
