// Which frames or pages of a file are decoded, and a warning row for those that are not. An
// animation keeps its frames only in a format that animates (GIF, WebP); a multi-page TIFF keeps
// its pages only as a TIFF. Either needs every step to work on a stack of pages.
import type { ConcreteFormat, Step } from '../../common/pipeline.js';
import { FORMAT_NAMES } from '../../common/sniff.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';
import { canAnimate } from './output-format.js';
import { animationBlocker } from './plan-stages.js';
import type { InputInfo } from './read-input.js';

export interface PagePlan {
  /** Decode every page (sharp's `animated`, i.e. `pages: -1`) rather than the first. */
  animated: boolean;
  /** How many pages the output is meant to hold. */
  pages: number;
  warning?: FileWarning;
}

const first = (warning: FileWarning): PagePlan => ({ animated: false, pages: 1, warning });

/**
 * sharp keeps the pages of a file as one tall strip, and mirrors or turns that whole strip: a
 * vertical flip or a half turn puts the last page first, so the animation plays backwards with
 * each frame keeping the wrong delay (measured with sharp 0.35). An even number of them restores
 * the order; an odd number blocks keeping the pages until the steps mirror each page on its own.
 */
function reversesPages(steps: readonly Step[], orientation: number): string | undefined {
  let reversals = orientation === 3 || orientation === 4 ? 1 : 0;
  let name: string | undefined = reversals ? 'EXIF rotation' : undefined;
  for (const step of steps) {
    if (!step.enabled) continue;
    const flips = step.op === 'flip' && step.params.direction !== 'horizontal';
    const halfTurn = step.op === 'rotate' && Math.abs(step.params.angle) % 360 === 180;
    if (!flips && !halfTurn) continue;
    reversals++;
    name ??= flips ? 'Flip (vertical)' : 'Rotate (180°)';
  }
  return reversals % 2 === 1 ? name : undefined;
}

/** The files whose pages are separate images (a scan, a fax, a HEIF collection), not frames in time. */
const isDocument = (input: InputInfo): boolean =>
  input.format === 'tiff' || input.format === 'heif' || input.format === 'avif';

export function planPages(steps: readonly Step[], input: InputInfo, format: ConcreteFormat): PagePlan {
  const pages = input.meta.pages ?? 1;
  if (input.apngFrames)
    return first(
      fileWarning(
        'ANIMATION_FLATTENED',
        `This animated PNG (${input.apngFrames} frames) was saved as its first frame: Pixmill cannot read APNG animation frames.`,
      ),
    );
  if (pages <= 1) return { animated: false, pages: 1 };
  const orientation = input.meta.orientation ?? 1;
  const blocker = orientation >= 5 ? 'EXIF rotation' : (animationBlocker(steps) ?? reversesPages(steps, orientation));
  if (isDocument(input)) {
    // libvips opens a HEIF collection at its main image, which need not be the first.
    if (input.format !== 'tiff')
      return first(fileWarning('PAGES_DROPPED', `This file holds ${pages} images; only its main image was saved.`));
    const saved = `Page 1 of ${pages} was saved`;
    if (format !== 'tiff')
      return first(fileWarning('PAGES_DROPPED', `${saved}: only TIFF keeps the pages of a multi-page file.`));
    if (blocker) return first(fileWarning('PAGES_DROPPED', `${saved}: ${blocker} does not work on multi-page images.`));
    if (!input.uniformPages)
      return first(
        fileWarning(
          'PAGES_DROPPED',
          `${saved}: its pages have different sizes, and Pixmill keeps the pages only when they share one.`,
        ),
      );
    return { animated: true, pages };
  }
  if (!canAnimate(format))
    return first(
      fileWarning(
        'ANIMATION_FLATTENED',
        format === 'jxl'
          ? `Only the first of ${pages} frames was saved: Pixmill writes JPEG XL as a still image.`
          : `Only the first of ${pages} frames was saved: ${FORMAT_NAMES[format]} cannot hold an animation.`,
      ),
    );
  if (blocker)
    return first(
      fileWarning(
        'ANIMATION_FLATTENED',
        `Only the first of ${pages} frames was kept: ${blocker} does not work on animations.`,
      ),
    );
  return { animated: true, pages };
}
