import type { ParamsOf } from '../../../common/filters.js';
import sharp from '../sharp.js';
import type { Overlay, StepContext } from './context.js';
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
export async function watermarkOverlay(p: ParamsOf<'watermark'>, ctx: StepContext): Promise<Overlay> {
  if (!p.path) throw new WatermarkUnreadable('No watermark file has been chosen.');
  const room = overlayRoom(ctx);
  const width = Math.max(1, Math.min(room.width, Math.round(ctx.width * p.scale)));
  try {
    const scaled = await sharp(p.path, { failOn: 'warning' })
      .autoOrient()
      .resize({ width, height: room.height, fit: 'inside' })
      .ensureAlpha()
      .toColourspace('srgb')
      .png()
      .toBuffer();
    // A second pass because sharp's linear() runs before ensureAlpha() within one pipeline.
    const faded = await sharp(scaled).linear([1, 1, 1, p.opacity], [0, 0, 0, 0]).png().toBuffer();
    return { input: faded, gravity: p.gravity };
  } catch (err) {
    throw new WatermarkUnreadable(`The watermark image ${p.path} could not be read.`, (err as Error).message);
  }
}
