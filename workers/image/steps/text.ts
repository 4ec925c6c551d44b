import type { ParamsOf } from '../../../common/filters.js';
import sharp from '../sharp.js';
import type { FittedOverlay, StepContext } from './context.js';
import { overlayRoom } from './overlay-room.js';

/** User text goes into Pango markup; these characters would otherwise be read as markup. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `#rrggbb` plus Pango's separate alpha attribute for `#rrggbbaa`. */
function pangoColour(hex: string): string {
  const rgb = hex.slice(0, 7);
  if (hex.length !== 9) return `foreground="${rgb}"`;
  const alpha = Math.round((parseInt(hex.slice(7, 9), 16) / 255) * 100);
  return `foreground="${rgb}" fgalpha="${Math.max(1, alpha)}%"`;
}

/** The text rendered at `size` px (72 dpi: one point per pixel), shrunk if wider than the image. */
export async function textOverlay(p: ParamsOf<'text'>, ctx: StepContext): Promise<FittedOverlay | undefined> {
  if (p.text.trim() === '') return undefined;
  const markup = `<span ${pangoColour(p.color)}>${escapeMarkup(p.text)}</span>`;
  const rendered = await sharp({ text: { text: markup, font: `sans ${p.size}`, dpi: 72, rgba: true } })
    .png()
    .toBuffer({ resolveWithObject: true });
  const room = overlayRoom(ctx);
  if (rendered.info.width <= room.width && rendered.info.height <= room.height) {
    return { overlay: { input: rendered.data, gravity: p.gravity }, fitted: false };
  }
  const fitted = await sharp(rendered.data)
    .resize({ width: room.width, height: room.height, fit: 'inside' })
    .png()
    .toBuffer();
  return { overlay: { input: fitted, gravity: p.gravity }, fitted: true };
}
