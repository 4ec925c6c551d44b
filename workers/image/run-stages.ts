// Runs the planned stages: each stage is one sharp pipeline; between stages the pixels are
// materialised as raw and fed to a fresh pipeline (animations keep their page height).
import type { Sharp } from 'sharp';
import type { Step } from '../../common/pipeline.js';
import { planStages } from './plan-stages.js';
import sharp from './sharp.js';
import type { Overlay, StepContext } from './steps/context.js';
import { applyStep, type PixelStep } from './steps/index.js';
import { textOverlay } from './steps/text.js';
import { watermarkOverlay } from './steps/watermark.js';

export class Cancelled extends Error {}

export interface Staged {
  /** The last stage's pipeline, ready for output options and encoding. */
  image: Sharp;
  ctx: StepContext;
  /** How many times pixels were materialised between stages. */
  materialised: number;
}

/** Only an extract needs the exact size: sharp refuses a rectangle that leaves the image. */
const needsExactSize = (step: Step): boolean => step.op === 'crop' && step.params.mode === 'rectangle';

async function materialise(image: Sharp, limitInputPixels: number): Promise<{ image: Sharp; ctx: StepContext }> {
  // 8 bits per channel between stages: raw input is read back as uchar.
  const { data, info } = await image.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  const pages = info.pages ?? 1;
  const pageHeight = pages > 1 && info.pageHeight ? info.pageHeight : info.height;
  const raw = {
    width: info.width,
    height: info.height,
    channels: info.channels,
    premultiplied: info.premultiplied ?? false,
    ...(pages > 1 ? { pageHeight } : {}),
  };
  return {
    // Without animated: true sharp treats the raw strip as one tall page, whatever pageHeight says.
    image: sharp(data, { raw, limitInputPixels, animated: pages > 1 }),
    ctx: { width: info.width, height: pageHeight, exact: true, pages },
  };
}

export async function runStages(
  first: Sharp,
  steps: readonly Step[],
  start: StepContext,
  limitInputPixels: number,
  inputHasAlpha: boolean,
  signal?: AbortSignal,
): Promise<Staged> {
  let image = first;
  let ctx = start;
  let materialised = 0;
  let overlays: Overlay[] = [];

  // composite() adds an alpha channel; an opaque image should not come out with one.
  const flushOverlays = (): void => {
    if (overlays.length === 0) return;
    image.composite(overlays);
    if (!inputHasAlpha) image.removeAlpha();
    overlays = [];
  };

  const nextStage = async (): Promise<void> => {
    if (signal?.aborted) throw new Cancelled();
    flushOverlays();
    ({ image, ctx } = await materialise(image, limitInputPixels));
    materialised++;
  };

  const stages = planStages(steps);
  for (const [index, stage] of stages.entries()) {
    if (index > 0) await nextStage();
    for (const [i, step] of stage.entries()) {
      if (i > 0 && needsExactSize(step) && !ctx.exact) await nextStage();
      if (step.op === 'watermark') {
        overlays.push(await watermarkOverlay(step.params, ctx));
      } else if (step.op === 'text') {
        const overlay = await textOverlay(step.params, ctx);
        if (overlay) overlays.push(overlay);
      } else {
        const outcome = applyStep(image, step as PixelStep, ctx);
        image = outcome.image;
        if (outcome.size) ctx = { ...ctx, ...outcome.size };
      }
    }
  }
  flushOverlays();
  return { image, ctx, materialised };
}
