// sharp applies the operations of one pipeline in a fixed order (src/pipeline.cc), whatever
// order they were called in, and keeps only the last call of each. The user's steps are
// therefore cut into stages: a stage holds consecutive steps whose order sharp would respect;
// between stages the pixels are materialised and a new pipeline starts from them.
import type { Step } from '../../common/pipeline.js';

/**
 * Position of each operation in sharp 0.35's pipeline. Crop by rectangle is sharp's extract:
 * called before resize it runs before resizing (20), after resize it runs after rotation (62).
 * Smart crop is a resize (cover + position), so it shares resize's single slot.
 */
const RANK = {
  trim: 10,
  extractBeforeResize: 20,
  gamma: 25,
  grayscale: 30,
  resize: 40,
  flip: 50,
  rotate: 55,
  extractAfterResize: 62,
  border: 65,
  denoise: 70,
  threshold: 75,
  blur: 80,
  modulate: 85,
  sharpen: 90,
  composite: 95,
  normalise: 100,
  clahe: 105,
  tint: 110,
  negate: 120,
} as const;

/** The sharp option a step writes; two steps writing the same one cannot share a pipeline. */
export function slotOf(step: Step): string {
  if (step.op === 'crop') return step.params.mode === 'rectangle' ? 'extract' : 'resize';
  // Overlays are collected and passed to one composite() call, so they may share a stage.
  if (step.op === 'watermark' || step.op === 'text') return 'composite';
  return step.op;
}

export function rankOf(step: Step, stageHasResize: boolean): number {
  const slot = slotOf(step);
  if (slot === 'extract') return stageHasResize ? RANK.extractAfterResize : RANK.extractBeforeResize;
  if (slot === 'composite') return RANK.composite;
  return RANK[slot as Exclude<keyof typeof RANK, 'extractBeforeResize' | 'extractAfterResize'>];
}

/** Splits the enabled steps into stages that sharp will run in the order given. */
export function planStages(steps: readonly Step[]): Step[][] {
  const stages: Step[][] = [];
  let current: Step[] = [];
  let lastRank = -1;
  const slots = new Set<string>();
  for (const step of steps) {
    if (!step.enabled) continue;
    const slot = slotOf(step);
    const rank = rankOf(step, slots.has('resize'));
    const repeats = slots.has(slot) && slot !== 'composite';
    if (current.length > 0 && (rank < lastRank || repeats || (rank === lastRank && slot !== 'composite'))) {
      stages.push(current);
      current = [];
      slots.clear();
    }
    current.push(step);
    slots.add(slot);
    lastRank = rank;
  }
  if (current.length > 0) stages.push(current);
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
