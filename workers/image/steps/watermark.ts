import type { ParamsOf } from '../../../common/filters.js';
import sharp from '../sharp.js';
import type { FittedOverlay, StepContext } from './context.js';
import { overlayRoom } from './overlay-room.js';

/** The watermark file is missing or unreadable: reported as WATERMARK_FAILED, not as a bad input. */
export class WatermarkUnreadable extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** The watermark scaled to `scale` × image width (never beyond the image), alpha × opacity. */
export async function watermarkOverlay(p: ParamsOf<'watermark'>, ctx: StepContext): Promise<FittedOverlay> {
  if (!p.path) throw new WatermarkUnreadable('No watermark file has been chosen.');
  const room = overlayRoom(ctx);
  const wanted = Math.max(1, Math.round(ctx.width * p.scale));
  const width = Math.min(room.width, wanted);
  try {
    const scaled = await sharp(p.path, { failOn: 'warning' })
      .autoOrient()
      .resize({ width, height: room.height, fit: 'inside' })
      .ensureAlpha()
      .toColourspace('srgb')
      .png()
      .toBuffer({ resolveWithObject: true });
    // A second pass because sharp's linear() runs before ensureAlpha() within one pipeline.
    const faded = await sharp(scaled.data).linear([1, 1, 1, p.opacity], [0, 0, 0, 0]).png().toBuffer();
    // Narrower than asked: the image's height or width set the size, not the scale.
    const fitted = width < wanted || scaled.info.width < width;
    return { overlay: { input: faded, gravity: p.gravity }, fitted };
  } catch (err) {
    throw new WatermarkUnreadable(`The watermark image ${p.path} could not be read.`, (err as Error).message);
  }
}
