// How the output stores its pixels: bits per channel, grey or colour, bits per grey pixel, and
// whether a GIF may keep the input's palette. sharp 0.35 writes 8-bit sRGB unless told otherwise
// (its output colourspace defaults to srgb), which made 16-bit PNGs and TIFFs 8-bit and gave
// greyscale images three identical channels (twice the size as PNG).
import type { Metadata } from 'sharp';
import { FILTERS } from '../../common/filters.js';
import type { ConcreteFormat, Step } from '../../common/pipeline.js';
import { FORMAT_NAMES } from '../../common/sniff.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';
import { addsAlpha } from './plan-stages.js';

export type Colourspace = 'srgb' | 'rgb16' | 'b-w' | 'grey16';

export interface OutputPixels {
  /** The colourspace the encoder receives. */
  colourspace: Colourspace;
  /**
   * The colourspace the whole pipeline works in, when it must not be the input's: libvips keeps a
   * greyscale input one channel wide, so a tint or a coloured border on it came out grey.
   */
  pipeline?: 'srgb' | 'rgb16';
  /** 1, 2 or 4 bits per pixel (PNG, TIFF) for a low-bit greyscale image whose tones the chain keeps. */
  lowBits?: 1 | 2 | 4;
  /** AVIF's deepest, for a deep input. */
  avifBits?: 12;
  /** The GIF encoder may reuse the input's palette: the chain keeps every colour as it was. */
  reusePalette: boolean;
  /** Bits per channel of the input, and of the output as planned. */
  inputBits: number;
  outputBits: number;
  /** Why outputBits is less than inputBits: the output format, or a step. */
  reducedBy?: { format: ConcreteFormat } | { step: string };
}

/** Bits per channel of libvips' band formats. */
const BITS: Record<string, number> = { uchar: 8, char: 8, ushort: 16, short: 16, uint: 32, int: 32, float: 32 };
const bitsOf = (depth: string | undefined): number => BITS[depth ?? 'uchar'] ?? 64;

/** The most bits per channel each format holds as Pixmill writes it. */
const FORMAT_BITS: Record<ConcreteFormat, number> = { png: 16, tiff: 16, avif: 12, jpeg: 8, webp: 8, gif: 8, jxl: 8 };

/** A format that could hold more than Pixmill's encoder for it writes. */
const ENCODER_BITS_NOTE: Partial<Record<ConcreteFormat, string>> = {
  jxl: 'JPEG XL is written by ImageMagick with 8 bits',
};

const isGreyHex = (hex: string): boolean => {
  const h = hex.toLowerCase();
  return h.slice(1, 3) === h.slice(3, 5) && h.slice(3, 5) === h.slice(5, 7);
};

/** The step paints a colour that is not a grey: a tint, a watermark, a colour parameter. */
function paintsColour(step: Step): boolean {
  if (step.op === 'tint' || step.op === 'watermark') return true;
  return Object.values(step.params).some((v) => typeof v === 'string' && /^#[0-9a-f]{6}/i.test(v) && !isGreyHex(v));
}

/** The step moves or drops pixels without computing new ones. */
function copiesPixels(step: Step): boolean {
  if (step.op === 'rotate') return Number.isInteger(step.params.angle) && step.params.angle % 90 === 0;
  if (step.op === 'crop') return step.params.mode === 'rectangle';
  return step.op === 'flip' || step.op === 'trim';
}

export function planPixels(meta: Metadata, format: ConcreteFormat, steps: readonly Step[]): OutputPixels {
  const enabled = steps.filter((s) => s.enabled);
  const inputBits = bitsOf(meta.depth);
  const inputGrey = meta.space === 'b-w' || meta.space === 'grey16';
  let grey = inputGrey;
  // Bits per grey pixel while every step keeps the tones countable; undefined once one does not.
  let lowBits =
    inputGrey && !meta.isPalette && (meta.bitsPerSample ?? 8) < 8 ? (meta.bitsPerSample as 1 | 2 | 4) : undefined;
  let reducedBy: OutputPixels['reducedBy'];
  // A threshold is asked to leave black and white: its 8 bits are no loss worth a warning.
  let eightBits = false;
  const reduce = (step: Step): void => {
    if (inputBits > 8 && !eightBits) reducedBy ??= { step: FILTERS[step.op].label };
    eightBits = true;
  };
  for (const step of enabled) {
    if (step.op === 'threshold') {
      eightBits = true;
      grey = true;
      lowBits = 1;
    } else if (step.op === 'grayscale') {
      // sharp's greyscale is libvips' 8-bit B_W, whatever the input's depth.
      reduce(step);
      if (!grey) lowBits = undefined;
      grey = true;
    } else if (step.op === 'clahe') {
      // libvips' CLAHE reads 8-bit pixels only.
      reduce(step);
      lowBits = undefined;
    } else if (paintsColour(step)) {
      grey = false;
      lowBits = undefined;
    } else if (!copiesPixels(step) && step.op !== 'negate') lowBits = undefined;
  }
  const formatBits = FORMAT_BITS[format];
  let outputBits = eightBits ? Math.min(inputBits, 8) : inputBits;
  if (outputBits > formatBits) {
    outputBits = formatBits;
    reducedBy ??= { format };
  }
  const deep = outputBits > 8;
  const pixels: OutputPixels = {
    colourspace: grey ? (deep ? 'grey16' : 'b-w') : deep ? 'rgb16' : 'srgb',
    reusePalette: meta.format === 'gif' && enabled.every(copiesPixels),
    inputBits,
    outputBits,
  };
  if (inputGrey && !grey) pixels.pipeline = inputBits > 8 ? 'rgb16' : 'srgb';
  // Low-bit grey has no alpha channel to write: not when the input has one, nor when a step adds
  // one (a translucent border or letterbox, the corners of a rotation).
  const alpha = (meta.hasAlpha ?? false) || enabled.some(addsAlpha);
  if (grey && lowBits && !alpha && (format === 'png' || format === 'tiff')) pixels.lowBits = lowBits;
  if (format === 'avif' && deep) pixels.avifBits = 12;
  if (reducedBy) pixels.reducedBy = reducedBy;
  return pixels;
}

/** The depth the plan gives up, as a warning row. */
export function depthWarning(pixels: OutputPixels): FileWarning | undefined {
  const { inputBits, outputBits, reducedBy } = pixels;
  if (outputBits >= inputBits || !reducedBy) return undefined;
  const saved = `this ${inputBits}-bit image was saved with ${outputBits} bits per channel`;
  if ('step' in reducedBy)
    return fileWarning('DEPTH_REDUCED', `${reducedBy.step} works in 8 bits per channel: ${saved}.`);
  const name = FORMAT_NAMES[reducedBy.format];
  const note = ENCODER_BITS_NOTE[reducedBy.format];
  const most = note
    ? note
    : FORMAT_BITS[reducedBy.format] === 8
      ? `${name} holds 8 bits`
      : `${name} holds at most ${outputBits} bits`;
  const keep = inputBits === 16 ? ' PNG and TIFF keep all 16.' : '';
  return fileWarning('DEPTH_REDUCED', `${most} per channel: ${saved}.${keep}`);
}

/** For an output that should hold more than 8 bits but whose pixels turned out to have only 8. */
export function eightBitPrecisionWarning(pixels: OutputPixels): FileWarning {
  return fileWarning(
    'DEPTH_REDUCED',
    `This filter chain works in 8 bits per channel here (watermarks, text and some filter orders do): this ${pixels.inputBits}-bit image was saved with 8 bits of precision.`,
  );
}
