// A recipe's outputs as the engine runs them: the `outputs` list merged over the recipe's own
// output settings, each with its size, sub-folder and a label people read ("800 px WebP").
import { defaultParams, type ParamsOf } from './filters.js';
import {
  type ConcreteFormat,
  type OutputSettings,
  type PipelineSpec,
  SEARCHABLE_FORMATS,
  type Step,
  VARIANT_FIELDS,
  type Variant,
} from './pipeline.js';
import { FORMAT_NAMES } from './sniff.js';

export interface RecipeOutput {
  /** Position in the recipe's outputs list (0 for a recipe with one output). */
  index: number;
  output: OutputSettings;
  /** The box the image is fitted inside, never enlarged. */
  size?: { width?: number; height?: number };
  /** Sub-folder of the output folder, '/'-separated. */
  folder?: string;
  label: string;
}

/** A format as people read it: the sniffer's names, and "original format" for keep. */
export const formatName = (format: ConcreteFormat | 'keep'): string =>
  format === 'keep' ? 'original format' : FORMAT_NAMES[format];

function sizeLabel(size: RecipeOutput['size']): string | undefined {
  if (!size) return undefined;
  if (size.width && size.height) return `${size.width}×${size.height}`;
  return `${size.width ?? size.height} px`;
}

/** "800 px WebP", "1600×900 smallest of AVIF, WebP", "JPEG in thumbs/". */
export function outputLabel(output: OutputSettings, size?: RecipeOutput['size'], folder?: string): string {
  const format =
    output.pickFormat.length > 0
      ? `smallest of ${output.pickFormat.map(formatName).join(', ')}`
      : formatName(output.format);
  return [sizeLabel(size), format, folder ? `in ${folder}/` : undefined].filter(Boolean).join(' ');
}

function merge(base: OutputSettings, variant: Variant): OutputSettings {
  const merged: Record<string, unknown> = { ...base };
  for (const key of VARIANT_FIELDS) if (variant[key] !== undefined) merged[key] = variant[key];
  return merged as OutputSettings;
}

/** The outputs one source makes: the recipe's `outputs`, or its single `output`. */
export function recipeOutputs(spec: Pick<PipelineSpec, 'output' | 'outputs'>): RecipeOutput[] {
  if (spec.outputs.length === 0) return [{ index: 0, output: spec.output, label: outputLabel(spec.output) }];
  return spec.outputs.map((variant, index) => {
    const output = merge(spec.output, variant);
    const size =
      variant.width !== undefined || variant.height !== undefined
        ? { ...(variant.width ? { width: variant.width } : {}), ...(variant.height ? { height: variant.height } : {}) }
        : undefined;
    const folder = variant.folder;
    return {
      index,
      output,
      ...(size ? { size } : {}),
      ...(folder ? { folder } : {}),
      label: outputLabel(output, size, folder),
    };
  });
}

type ResizeParams = ParamsOf<'resize'>;

/** The resize parameters that fit into the output's box: a side alone is a width or a height. */
function boxParams(size: NonNullable<RecipeOutput['size']>, base: ResizeParams): ResizeParams {
  const { width, height } = size;
  if (width && height) {
    // A box the chain already fills (a square crop) keeps its fit; anything else fits inside.
    const fit = base.by === 'box' ? base.fit : 'inside';
    return { ...base, by: 'box', width, height, fit };
  }
  return width ? { ...base, by: 'width', width } : { ...base, by: 'height', height: height ?? base.height };
}

/**
 * The chain one output runs: its size replaces the chain's first enabled resize (steps after it
 * work at that size; the resize keeps its method and, for a box, its fit), or is fitted after
 * the last step, never enlarging, when the chain has none.
 */
export function stepsFor(steps: readonly Step[], size: RecipeOutput['size']): Step[] {
  if (!size || (!size.width && !size.height)) return [...steps];
  const at = steps.findIndex((s) => s.enabled && s.op === 'resize');
  if (at < 0) {
    const params = boxParams(size, { ...defaultParams('resize'), withoutEnlargement: true });
    return [...steps, { op: 'resize', enabled: true, params }];
  }
  const resize = steps[at] as Extract<Step, { op: 'resize' }>;
  const replaced: Step = { ...resize, params: boxParams(size, resize.params) };
  return [...steps.slice(0, at), replaced, ...steps.slice(at + 1)];
}

/** The output format is chosen per image by a search (a quality target, a size cap or a shoot-out). */
export const searches = (o: OutputSettings): boolean =>
  o.targetScore !== undefined || o.maxBytes !== undefined || o.pickFormat.length > 0;

export const isSearchable = (format: string): boolean => (SEARCHABLE_FORMATS as readonly string[]).includes(format);
