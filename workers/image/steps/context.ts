// What a step knows about the image it is applied to, and what it may hand back.
import type { OverlayOptions, Sharp } from 'sharp';

export interface StepContext {
  /** Width and height of one frame as this step will see it. */
  width: number;
  height: number;
  /** False once an earlier step in the same sharp pipeline changed the size in a way we can only estimate. */
  exact: boolean;
  pages: number;
}

export interface Size {
  width: number;
  height: number;
  exact: boolean;
}

/** Most steps return the instance; steps that change the size say how. */
export interface StepOutcome {
  image: Sharp;
  size?: Size;
}

/** Overlays (watermark, text) are collected and composited once per sharp pipeline. */
export type Overlay = OverlayOptions;

/**
 * An overlay, and whether the image's size set its size (it was shrunk to fit): then an
 * estimated size is not good enough, because a pixel less room gives a different overlay.
 */
export interface FittedOverlay {
  overlay: Overlay;
  fitted: boolean;
}
