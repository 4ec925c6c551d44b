// sharp applies the operations of one pipeline in a fixed order (src/pipeline.cc), whatever
// order they were called in, and keeps only the last call of each. The user's steps are
// therefore cut into stages: a stage holds consecutive steps that sharp will run in the order
// given and that give the same pixels as running them one at a time; between stages the pixels
// are materialised and a new pipeline starts from them. tests/chain-oracle.test.ts checks every
// rule here against the steps run one pass each.
import type { Step } from '../../common/pipeline.js';

/**
 * Where sharp 0.35 does each operation, in pipeline order. Notes from src/pipeline.cc:
 * - flip/flop, then 90° rotations, run after the resize's scaling but before its canvas (the
 *   crop of fit cover, the letterbox of fit contain); other angles run after the canvas.
 * - gamma is two operations: darken (decode) before resizing, brighten (encode) after compositing.
 * - a crop rectangle is sharp's extract: before the resize when called before it, after the
 *   rotation when called after it.
 */
const AT = {
  trim: 10,
  extractBeforeResize: 20,
  gammaDecode: 25,
  grayscale: 30,
  resize: 40,
  flip: 50,
  rotate90: 55,
  resizeCanvas: 58,
  rotateAngle: 60,
  extractAfterResize: 62,
  border: 65,
  denoise: 70,
  threshold: 75,
  blur: 80,
  modulate: 85,
  sharpen: 90,
  composite: 95,
  gammaEncode: 96,
  normalise: 100,
  clahe: 105,
  tint: 110,
  negate: 120,
} as const;

/** The span of sharp's order a step occupies: from its first operation to its last. */
interface Span {
  from: number;
  to: number;
}

const isOverlay = (step: Step): boolean => step.op === 'watermark' || step.op === 'text';
const isQuarterTurn = (angle: number): boolean => Number.isInteger(angle) && angle % 90 === 0;
/** Resize, and smart crop (a resize to cover a box). */
export const isResize = (step: Step): boolean =>
  step.op === 'resize' || (step.op === 'crop' && step.params.mode !== 'rectangle');

/** Fit cover or contain (and smart crop) finish with a crop or a letterbox after flips and quarter turns. */
function hasCanvas(step: Step): boolean {
  if (step.op === 'crop') return step.params.mode !== 'rectangle';
  return (
    step.op === 'resize' && step.params.by === 'box' && (step.params.fit === 'cover' || step.params.fit === 'contain')
  );
}

function spanOf(step: Step, stageHasResize: boolean): Span {
  const at = (n: number): Span => ({ from: n, to: n });
  switch (step.op) {
    case 'crop':
      if (step.params.mode === 'rectangle') return at(stageHasResize ? AT.extractAfterResize : AT.extractBeforeResize);
      return { from: AT.resize, to: AT.resizeCanvas };
    case 'resize':
      return { from: AT.resize, to: hasCanvas(step) ? AT.resizeCanvas : AT.resize };
    case 'rotate':
      return at(isQuarterTurn(step.params.angle) ? AT.rotate90 : AT.rotateAngle);
    case 'gamma':
      return { from: AT.gammaDecode, to: AT.gammaEncode };
    case 'watermark':
    case 'text':
      return at(AT.composite);
    default:
      return at(AT[step.op]);
  }
}

/**
 * The sharp option a step writes: sharp keeps only the last call of each, so two steps writing
 * the same one cannot share a pipeline (rotate by 180° then by 30° would rotate by 30° only).
 * Overlays are collected into one composite() call and may share it.
 */
function optionOf(step: Step): string {
  if (isResize(step)) return 'resize';
  if (step.op === 'crop') return 'extract';
  return step.op === 'text' ? 'watermark' : step.op;
}

/**
 * The units a chain means, each run as one pass by the step-by-step reference. Every step is
 * its own unit except gamma directly followed by a resize: that resize then mixes pixels in
 * (near) linear light, which is what gamma is for in sharp.
 */
export function chainUnits(steps: readonly Step[]): Step[][] {
  const enabled = steps.filter((s) => s.enabled);
  const units: Step[][] = [];
  for (let i = 0; i < enabled.length; i++) {
    const step = enabled[i]!;
    const next = enabled[i + 1];
    if (step.op === 'gamma' && next?.op === 'resize') {
      units.push([step, next]);
      i++;
    } else units.push([step]);
  }
  return units;
}

/** A colour that is not fully opaque: the step gives the image an alpha channel. */
const translucent = (hex: string): boolean => hex.length === 9 && hex.slice(7).toLowerCase() !== 'ff';

/** The step gives an opaque image an alpha channel (a translucent background or border colour). */
export function addsAlpha(step: Step): boolean {
  if (step.op === 'border') return translucent(step.params.color);
  if (step.op === 'rotate') return !isQuarterTurn(step.params.angle) && translucent(step.params.background);
  return (
    step.op === 'resize' && hasCanvas(step) && step.params.fit === 'contain' && translucent(step.params.background)
  );
}

/**
 * On an image with alpha, sharp premultiplies from before the resize to after sharpen when the
 * pipeline resizes, blurs or sharpens; these steps then see premultiplied pixels and give
 * different colours than on their own.
 */
const premultiplies = (step: Step): boolean => isResize(step) || step.op === 'blur' || step.op === 'sharpen';
const premultipliedDiffers = (step: Step): boolean =>
  step.op === 'denoise' ||
  step.op === 'threshold' ||
  step.op === 'modulate' ||
  // Interpolates: premultiplied, its transparent corners blend differently into the edge pixels.
  (step.op === 'rotate' && !isQuarterTurn(step.params.angle));

/**
 * The fast sharpen is a convolution that leaves floating-point pixels: negate inverts them around
 * zero, CLAHE refuses them. Only an encoder (or the cast between stages) turns them back into
 * levels, so nothing may follow it in its pipeline.
 */
const leavesFloats = (step: Step): boolean => step.op === 'sharpen' && step.params.mode === 'fast';

/** How well the planner knows the size a step will see, given what ran before it in the same stage. */
type SizeKnowledge = 'exact' | 'estimated' | 'unknown';

function sizeAfter(step: Step, before: SizeKnowledge): SizeKnowledge {
  // How much trim removes is only known once the pixels are decoded: the size is an upper bound.
  if (step.op === 'trim' || before === 'unknown') return step.op === 'trim' ? 'unknown' : before;
  if (isResize(step)) return 'estimated';
  if (step.op === 'rotate' && !isQuarterTurn(step.params.angle)) return 'estimated';
  return before;
}

/**
 * What the step needs to know of the size its input has: a rectangle must lie on the image (sharp
 * refuses one that leaves it); overlays and relative resizes are sized from it, for which an
 * estimate within a pixel does.
 */
function sizeNeeded(step: Step): SizeKnowledge {
  if (step.op === 'crop' && step.params.mode === 'rectangle') return 'exact';
  if (step.op === 'watermark' || step.op === 'text') return 'estimated';
  if (step.op === 'resize' && (step.params.by === 'percent' || step.params.by === 'longEdge')) return 'estimated';
  return 'unknown';
}

const ORDER: readonly SizeKnowledge[] = ['unknown', 'estimated', 'exact'];
const satisfies = (have: SizeKnowledge, need: SizeKnowledge): boolean => ORDER.indexOf(have) >= ORDER.indexOf(need);

/**
 * After grayscale in the same pipeline the image is one band: colours a later step adds come out
 * grey. (The fast sharpen's floats are kept apart from it too: see run-stages' materialise.)
 */
function addsColour(step: Step): boolean {
  if (step.op === 'tint' || step.op === 'border') return true;
  if (step.op === 'rotate') return !isQuarterTurn(step.params.angle);
  return step.op === 'resize' && hasCanvas(step) && step.params.fit === 'contain';
}

export interface PlanOptions {
  /** The image reaching the first step has an alpha channel. */
  alpha?: boolean;
}

/** Splits the enabled steps into stages that sharp runs as if each step were its own pass. */
export function planStages(steps: readonly Step[], opts: PlanOptions = {}): Step[][] {
  const stages: Step[][] = [];
  let current: Step[] = [];
  let alpha = opts.alpha ?? false;
  let lastTo = -1;
  let lastWasOverlay = false;
  let size: SizeKnowledge = 'exact';
  let stageAlpha = alpha;
  const startStage = (): void => {
    if (current.length > 0) stages.push(current);
    current = [];
    lastTo = -1;
    size = 'exact';
    stageAlpha = alpha;
  };
  for (const unit of chainUnits(steps)) {
    const head = unit[0]!;
    const stageHasResize = current.some(isResize);
    const span = unit.length > 1 ? { from: AT.gammaDecode, to: AT.gammaEncode } : spanOf(head, stageHasResize);
    const overlay = isOverlay(head);
    const inOrder = span.from > lastTo || (overlay && lastWasOverlay && span.from === lastTo);
    const repeats = !overlay && unit.some((s) => current.some((c) => optionOf(c) === optionOf(s)));
    // sharp decides at the start of a pipeline whether to premultiply: when the image has alpha
    // then and a step resizes, blurs or sharpens. Compositing gives an opaque image alpha too, but
    // opaque, which only matters to a rotation that makes transparent corners and interpolates them.
    const next = [...current, ...unit];
    const premultiplyClash =
      next.some(premultiplies) &&
      ((stageAlpha && next.some(premultipliedDiffers)) ||
        (next.some(isOverlay) && next.some((s) => s.op === 'rotate' && addsAlpha(s))) ||
        // Alpha a step adds comes too late for that decision: a blur or sharpen after it would not
        // be premultiplied as it is on its own.
        (!stageAlpha && current.some(addsAlpha) && unit.some(premultiplies)));
    const grey = current.some((s) => s.op === 'grayscale');
    const greyClash = grey && unit.some((s) => addsColour(s) || leavesFloats(s));
    const afterFloats = current.some(leavesFloats);
    const sizeClash = unit.some((s) => !satisfies(size, sizeNeeded(s)));
    if (current.length > 0 && (!inOrder || repeats || premultiplyClash || greyClash || afterFloats || sizeClash))
      startStage();
    current.push(...unit);
    for (const step of unit) size = sizeAfter(step, size);
    lastTo = span.to;
    lastWasOverlay = overlay;
    if (unit.some(addsAlpha)) alpha = true;
  }
  startStage();
  return stages;
}

/** Steps sharp refuses on multi-page images; such animations are reduced to their first frame. */
export function animationBlocker(steps: readonly Step[]): string | undefined {
  for (const step of steps) {
    if (!step.enabled) continue;
    if (step.op === 'rotate' && step.params.angle % 180 !== 0) return 'Rotate (other than 180°)';
    if (step.op === 'trim') return 'Trim';
    if (step.op === 'crop' && (step.params.mode === 'attention' || step.params.mode === 'entropy')) return 'Smart crop';
    if (step.op === 'watermark') return 'Watermark';
    if (step.op === 'text') return 'Text overlay';
  }
  return undefined;
}
