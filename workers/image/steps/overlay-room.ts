import type { StepContext } from './context.js';

/**
 * The largest overlay sharp will accept on this image. When an earlier step in the same
 * pipeline changed the size, our estimate can be a pixel off, and an overlay even one pixel
 * larger than the image makes sharp fail, so keep a small margin.
 */
export function overlayRoom(ctx: StepContext): { width: number; height: number } {
  const margin = ctx.exact ? 0 : 2;
  return { width: Math.max(1, ctx.width - margin), height: Math.max(1, ctx.height - margin) };
}
