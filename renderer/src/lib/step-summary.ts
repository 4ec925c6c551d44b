// One line per step in plain words, for a collapsed card and a preset's contents:
// "long edge 1600 px", "light, radius 0.5 px", "logo.png, bottom right, 50 %".
import { FILTERS, type FilterOp } from '../../../common/filters';
import type { ParamSpec } from '../../../common/params';
import type { OutputSettings, Step } from '../../../common/pipeline';
import { displayText, withUnit } from './param-values';

type Values = Readonly<Record<string, unknown>>;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const lower = (text: string): string => text.charAt(0).toLowerCase() + text.slice(1);

/** A parameter's value in words, from the registry's own description of it. */
function shown(op: FilterOp, values: Values, name: string): string {
  const spec = (FILTERS[op].params as Record<string, ParamSpec>)[name];
  return spec ? displayText(spec, values[name]) : '';
}

const size = (w: unknown, h: unknown): string => `${withUnit(num(w), undefined)} × ${withUnit(num(h), 'px')}`;
const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

function sharpness(sigma: number): string {
  if (sigma <= 0.7) return 'light';
  if (sigma <= 1.5) return 'medium';
  return 'strong';
}

const SUMMARIES: { [Op in FilterOp]: (v: Values) => string } = {
  resize(v) {
    const never = v['withoutEnlargement'] ? '' : ', may enlarge';
    switch (v['by']) {
      case 'box': {
        const fit = v['fit'] === 'inside' ? '' : `, ${lower(shown('resize', v, 'fit'))}`;
        return `fit in ${size(v['width'], v['height'])}${fit}${never}`;
      }
      case 'width':
        return `width ${shown('resize', v, 'width')}${never}`;
      case 'height':
        return `height ${shown('resize', v, 'height')}${never}`;
      case 'longEdge':
        return `long edge ${shown('resize', v, 'longEdge')}${never}`;
      default:
        return `${shown('resize', v, 'percent')}${never}`;
    }
  },
  crop(v) {
    const box = size(v['width'], v['height']);
    switch (v['mode']) {
      case 'rectangle':
        return `${box} from ${withUnit(num(v['left']), undefined)}, ${withUnit(num(v['top']), 'px')}`;
      case 'attention':
        return `${box}, smart`;
      default:
        return `${box}, ${lower(shown('crop', v, 'mode'))}`;
    }
  },
  rotate: (v) => shown('rotate', v, 'angle'),
  flip: (v) => lower(shown('flip', v, 'direction')),
  sharpen: (v) =>
    v['mode'] === 'fast' ? 'fast' : `${sharpness(num(v['sigma']))}, radius ${shown('sharpen', v, 'sigma')}`,
  blur: (v) => `radius ${shown('blur', v, 'sigma')}`,
  denoise: (v) => `strength ${shown('denoise', v, 'size')}`,
  modulate(v) {
    const parts = [
      num(v['brightness']) !== 1 && `brightness ${shown('modulate', v, 'brightness')}`,
      num(v['saturation']) !== 1 && `saturation ${shown('modulate', v, 'saturation')}`,
      num(v['hue']) !== 0 && `hue ${shown('modulate', v, 'hue')}`,
    ].filter(Boolean);
    return parts.length ? parts.join(', ') : 'no change';
  },
  gamma: (v) => shown('gamma', v, 'gamma'),
  grayscale: () => '',
  tint: (v) => String(v['color']),
  normalise: (v) => `${shown('normalise', v, 'lower')} to ${shown('normalise', v, 'upper')}`,
  clahe: (v) => `regions ${size(v['width'], v['height'])}, limit ${shown('clahe', v, 'maxSlope')}`,
  negate: (v) => (v['alpha'] ? 'colours and transparency' : 'colours'),
  threshold: (v) => `level ${shown('threshold', v, 'level')}`,
  border: (v) => `${shown('border', v, 'size')}, ${String(v['color'])}`,
  trim: (v) => `tolerance ${shown('trim', v, 'threshold')}`,
  watermark(v) {
    const path = String(v['path'] ?? '');
    const file = path ? fileName(path) : 'no file chosen';
    return `${file}, ${lower(shown('watermark', v, 'gravity'))}, ${shown('watermark', v, 'opacity')}`;
  },
  text: (v) => `“${String(v['text'])}”, ${shown('text', v, 'size')}, ${lower(shown('text', v, 'gravity'))}`,
};

/** What the step does with its current values, without its name ("long edge 1600 px"); may be empty. */
export function stepSummary(step: Pick<Step, 'op' | 'params'>): string {
  return SUMMARIES[step.op](step.params as Values);
}

/** "Resize · long edge 1,600 px", or the label alone for a step with nothing to say. */
export function stepLine(step: Pick<Step, 'op' | 'params'>): string {
  const summary = stepSummary(step);
  return summary ? `${FILTERS[step.op].label} · ${summary}` : FILTERS[step.op].label;
}

const FORMAT_NAMES: Record<OutputSettings['format'], string> = {
  keep: 'Same format as the original',
  jpeg: 'JPEG',
  png: 'PNG',
  webp: 'WebP',
  avif: 'AVIF',
  jxl: 'JPEG XL',
  tiff: 'TIFF',
  gif: 'GIF',
};
const LOSSY = new Set<OutputSettings['format']>(['keep', 'jpeg', 'webp', 'avif', 'jxl']);
const CAN_BE_LOSSLESS = new Set<OutputSettings['format']>(['webp', 'avif', 'jxl']);

/** "JPEG, quality 82" / "WebP, lossless" / "PNG": the output as a preset describes it. */
export function outputLine(output: Pick<OutputSettings, 'format' | 'quality' | 'lossless'>): string {
  const name = FORMAT_NAMES[output.format];
  if (output.lossless && CAN_BE_LOSSLESS.has(output.format)) return `${name}, lossless`;
  return LOSSY.has(output.format) ? `${name}, quality ${output.quality}` : name;
}
