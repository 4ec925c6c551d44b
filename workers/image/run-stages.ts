// Runs the planned stages: each stage is one sharp pipeline; between stages the pixels are
// materialised losslessly and fed to a fresh pipeline (animations keep their pages).
import type { Metadata, OutputInfo, Sharp } from 'sharp';
import type { Step } from '../../common/pipeline.js';
import { addsAlpha, isResize, planStages } from './plan-stages.js';
import sharp from './sharp.js';
import type { Overlay, StepContext } from './steps/context.js';
import {
  applyStep,
  endsInEightBits,
  isOverlayStep,
  needsEightBits,
  overlayFor,
  type PixelStep,
} from './steps/index.js';

export class Cancelled extends Error {}

export interface Staged {
  /** The last stage's pipeline, ready for output options and encoding. */
  image: Sharp;
  ctx: StepContext;
  /** How many times pixels were materialised between stages. */
  materialised: number;
}

/**
 * Raw pixels between stages, cast to 8 or 16 bits per channel (the fast sharpen leaves floats,
 * which an encoder would clip anyway). sharp's raw output of a pipeline with a grayscale step is
 * its first band only, which would drop an alpha channel and the colours of overlays composited
 * after it: such a stage is handed on as an uncompressed TIFF instead, which keeps every band and
 * page and costs the same as raw (measured on a 12 MP photo); the planner never lets it hold floats.
 * The pixels are never premultiplied (sharp unpremultiplies before it composites), whatever the
 * output info's `premultiplied` says: feeding that flag back unpremultiplied them a second time,
 * treating blue as alpha, and turned photos yellow.
 */
async function materialise(
  image: Sharp,
  opts: { deep: boolean; grey: boolean; limitInputPixels: number },
): Promise<{ image: Sharp; ctx: StepContext }> {
  if (opts.deep) image.toColourspace('rgb16');
  const { limitInputPixels } = opts;
  let next: Sharp;
  let info: OutputInfo;
  if (opts.grey) {
    const tiff = await image.tiff({ compression: 'none' }).toBuffer({ resolveWithObject: true });
    info = tiff.info;
    next = sharp(tiff.data, { limitInputPixels, animated: (info.pages ?? 1) > 1 });
  } else {
    const out = await image.raw({ depth: opts.deep ? 'ushort' : 'uchar' }).toBuffer({ resolveWithObject: true });
    info = out.info;
    const pixels = opts.deep ? new Uint16Array(out.data.buffer, out.data.byteOffset, out.data.length / 2) : out.data;
    const pages = info.pages ?? 1;
    const raw = { width: info.width, height: info.height, channels: info.channels as 1 | 2 | 3 | 4 };
    const pageHeight = pages > 1 && info.pageHeight ? { pageHeight: info.pageHeight } : {};
    // Without animated: true sharp treats the raw strip as one tall page, whatever pageHeight says.
    next = sharp(pixels, { raw: { ...raw, ...pageHeight }, limitInputPixels, animated: pages > 1 });
  }
  const pages = info.pages ?? 1;
  return {
    image: next,
    ctx: {
      width: info.width,
      height: pages > 1 && info.pageHeight ? info.pageHeight : info.height,
      exact: true,
      pages,
    },
  };
}

/**
 * A resize that comes first in the pipeline reads the file as sharp means it to: JPEG and WebP
 * shrunk on load, a sideways photo turned upright after the resize. After another step (grayscale,
 * gamma, trim) it must see what that step made of the whole, upright image, as it would on its own:
 * a crop of the whole frame makes sharp turn the image first and decode it at full size, at no other
 * cost. A trim would leave that crop outside the image, so on a sideways photo the resize gets a
 * pipeline of its own instead (the returned index). Measured by the chain oracle: shrink-on-load
 * then grayscale is 2–10 levels off grayscale then resize on real JPEGs, and upscaling before
 * turning is half a pixel off.
 */
async function prepareFirstStage(
  first: Sharp,
  stage: readonly Step[],
  start: StepContext,
  source: () => Promise<Metadata>,
): Promise<number | undefined> {
  const at = stage.findIndex(isResize);
  // Gamma directly before a resize is part of it (chainUnits).
  const unitStart = at > 0 && stage[at - 1]!.op === 'gamma' && stage[at]!.op === 'resize' ? at - 1 : at;
  if (unitStart <= 0) return undefined;
  const before = stage.slice(0, unitStart);
  // sharp's own crop rectangle already turns the image first, and stops shrink-on-load.
  if (before.some((s) => s.op === 'crop')) return undefined;
  if (before.some((s) => s.op === 'trim')) return ((await source()).orientation ?? 1) >= 5 ? unitStart : undefined;
  first.extract({ left: 0, top: 0, width: start.width, height: start.height });
  return undefined;
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
  let alpha = inputHasAlpha;
  /** This pipeline has a grayscale step: its raw output would be one band. */
  let grey = false;
  const stages = planStages(steps, { alpha: inputHasAlpha });
  // The source's header, read only when it matters: its depth when pixels are handed from one
  // pass to the next, its orientation when a step comes before a resize.
  let header: Promise<Metadata> | undefined;
  const source = (): Promise<Metadata> => (header ??= first.metadata());
  let deep: boolean | undefined;
  const isDeep = async (): Promise<boolean> => (deep ??= (await source()).depth === 'ushort');
  const splitBefore = await prepareFirstStage(first, stages[0] ?? [], start, source);

  // composite() adds an alpha channel; an opaque image should not come out with one (an image
  // that an earlier step gave transparent corners keeps them).
  const flushOverlays = (): void => {
    if (overlays.length === 0) return;
    image.composite(overlays);
    if (!alpha) image.removeAlpha();
    overlays = [];
  };

  const nextStage = async (eightBits = false): Promise<void> => {
    if (signal?.aborted) throw new Cancelled();
    flushOverlays();
    if (eightBits) deep = false;
    ({ image, ctx } = await materialise(image, { deep: await isDeep(), grey, limitInputPixels }));
    grey = false;
    materialised++;
  };

  for (const [index, stage] of stages.entries()) {
    for (const [i, step] of stage.entries()) {
      const eightBits = needsEightBits(step) && (await isDeep());
      if ((index > 0 && i === 0) || eightBits || (index === 0 && i === splitBefore)) await nextStage(eightBits);
      if (isOverlayStep(step)) {
        let made = await overlayFor(step, ctx);
        // Shrunk to fit an estimated size: the real size decides, so hand the pixels on and measure.
        if (made?.fitted && !ctx.exact) {
          await nextStage();
          made = await overlayFor(step, ctx);
        }
        if (made) overlays.push(made.overlay);
      } else {
        const outcome = applyStep(image, step as PixelStep, ctx);
        image = outcome.image;
        if (outcome.size) ctx = { ...ctx, ...outcome.size };
      }
      if (endsInEightBits(step)) deep = false;
      if (step.op === 'grayscale') grey = true;
      if (addsAlpha(step)) alpha = true;
    }
  }
  flushOverlays();
  return { image, ctx, materialised };
}
