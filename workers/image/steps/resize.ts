import type { ResizeOptions, Sharp } from 'sharp';
import type { ParamsOf } from '../../../common/filters.js';
import type { Size, StepContext, StepOutcome } from './context.js';

type Fit = NonNullable<ResizeOptions['fit']>;

/** The box the image is scaled into, from the "resize by" mode and the current size. */
export function resizeTarget(p: ParamsOf<'resize'>, ctx: StepContext): { width?: number; height?: number; fit: Fit } {
  switch (p.by) {
    case 'box':
      return { width: p.width, height: p.height, fit: p.fit };
    case 'width':
      return { width: p.width, fit: 'inside' };
    case 'height':
      return { height: p.height, fit: 'inside' };
    case 'longEdge':
      return ctx.width >= ctx.height ? { width: p.longEdge, fit: 'inside' } : { height: p.longEdge, fit: 'inside' };
    case 'percent':
      return {
        width: Math.max(1, Math.round((ctx.width * p.percent) / 100)),
        height: Math.max(1, Math.round((ctx.height * p.percent) / 100)),
        fit: 'fill',
      };
  }
}

/** Size sharp will produce, to within a pixel of rounding (hence exact: false). */
export function estimateResize(
  target: { width?: number; height?: number; fit: Fit },
  withoutEnlargement: boolean,
  ctx: StepContext,
): Size {
  const sx = target.width !== undefined ? target.width / ctx.width : undefined;
  const sy = target.height !== undefined ? target.height / ctx.height : undefined;
  const cap = (s: number): number => (withoutEnlargement ? Math.min(1, s) : s);
  if (sx === undefined || sy === undefined) {
    const s = cap(sx ?? sy ?? 1);
    return {
      width: Math.max(1, Math.round(ctx.width * s)),
      height: Math.max(1, Math.round(ctx.height * s)),
      exact: false,
    };
  }
  switch (target.fit) {
    case 'inside':
    case 'outside': {
      const s = cap(target.fit === 'inside' ? Math.min(sx, sy) : Math.max(sx, sy));
      return {
        width: Math.max(1, Math.round(ctx.width * s)),
        height: Math.max(1, Math.round(ctx.height * s)),
        exact: false,
      };
    }
    case 'fill':
      return { width: Math.round(ctx.width * cap(sx)), height: Math.round(ctx.height * cap(sy)), exact: false };
    case 'cover':
    case 'contain': {
      if (!withoutEnlargement) return { width: target.width!, height: target.height!, exact: false };
      return { width: Math.min(target.width!, ctx.width), height: Math.min(target.height!, ctx.height), exact: false };
    }
  }
}

export function resize(image: Sharp, p: ParamsOf<'resize'>, ctx: StepContext): StepOutcome {
  const target = resizeTarget(p, ctx);
  image.resize({
    ...target,
    withoutEnlargement: p.withoutEnlargement,
    kernel: p.kernel,
    background: p.background,
  });
  return { image, size: estimateResize(target, p.withoutEnlargement, ctx) };
}
