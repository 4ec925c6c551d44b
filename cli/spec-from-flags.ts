// Turns the CLI's spec flags into a pipeline spec: start from a preset, a pipeline file or the
// defaults, lay the flags over it, and let the one zod schema in common/ judge the result. Only
// the wording of errors is the CLI's own, so that every message names the flag a person typed.
import { readFile } from 'node:fs/promises';
import { errnoOf } from '../common/errors.js';
import { FILTERS } from '../common/filters.js';
import { makePipeline, type PipelineSpec, parsePipeline, type VARIANT_FIELDS } from '../common/pipeline.js';
import { findPreset, PRESETS } from '../common/presets.js';
import {
  type DraftVariant,
  normaliseFormat,
  outputsFromFlags,
  parseFormats,
  parseKeep,
  parseLayout,
  parseMaxSize,
  parseSizes,
  parseSmallestOf,
  type RecipeFlags,
} from './recipe-flags.js';
import { checkCombinations, checkRecipe, type Draft, judge, refusalFor } from './spec-refusal.js';
import { UsageError } from './usage-error.js';

export interface SpecFlags extends RecipeFlags {
  preset?: string;
  pipeline?: string;
  resize?: string;
  format?: string;
  quality?: string;
  conflict?: string;
  flat?: boolean;
  sourceFolders?: boolean;
  skipLarger?: boolean;
  background?: string;
  metadata?: string;
  name?: string;
  longEdge?: string;
  effort?: string;
  lossless?: boolean;
  /** Seconds per image, or "auto". */
  timeout?: string;
}

type ResizeParams =
  | { by: 'box'; width: number; height: number; fit: 'inside'; withoutEnlargement: true }
  | { by: 'width'; width: number; withoutEnlargement: true }
  | { by: 'height'; height: number; withoutEnlargement: true }
  | { by: 'longEdge'; longEdge: number; withoutEnlargement: true }
  | { by: 'percent'; percent: number; withoutEnlargement: false };

const SIDE = FILTERS.resize.params.width;
const PERCENT = FILTERS.resize.params.percent;
export const RESIZE_HINT =
  `expected N (long edge), WxH (fit inside), Wx (width), xH (height) or P% (scale); ` +
  `sides ${SIDE.min}-${SIDE.max}, percent ${PERCENT.min}-${PERCENT.max} (e.g. 1600, 1600x1200, 800x, x600, 50%)`;
const LONG_EDGE_HINT = `expected a whole number of pixels between ${SIDE.min} and ${SIDE.max}`;

/**
 * `1600` → the long edge (as vipsthumbnail's `--size 1600`), `1600x1200` → fit inside a box,
 * `1600x` → a width, `x1200` → a height, `50%` → a scale. Never enlarged, except by a percentage,
 * which says exactly how big the output should be.
 */
export function parseResize(raw: string): ResizeParams {
  const percent = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(raw);
  if (percent) return { by: 'percent', percent: Number(percent[1]), withoutEnlargement: false };
  const m = /^\s*(\d+)?\s*(?:([xX×])\s*(\d+)?)?\s*$/.exec(raw);
  const [w, by, h] = [m?.[1], m?.[2], m?.[3]];
  if (!m || (w === undefined && h === undefined)) throw new UsageError(`--resize: ${RESIZE_HINT}, got "${raw}"`);
  if (w !== undefined && h !== undefined) {
    return { by: 'box', width: Number(w), height: Number(h), fit: 'inside', withoutEnlargement: true };
  }
  if (h !== undefined) return { by: 'height', height: Number(h), withoutEnlargement: true };
  return by === undefined
    ? { by: 'longEdge', longEdge: Number(w), withoutEnlargement: true }
    : { by: 'width', width: Number(w), withoutEnlargement: true };
}

/** `--long-edge N`, the spelled-out form of `--resize N`. */
function parseLongEdge(raw: string): ResizeParams {
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < SIDE.min || n > SIDE.max) {
    throw new UsageError(`--long-edge: ${LONG_EDGE_HINT}, got "${raw}"`);
  }
  return { by: 'longEdge', longEdge: n, withoutEnlargement: true };
}

const PIPELINE_SHAPES =
  'a pipeline spec ({ "steps": [...], "output": {...} }), or one entry of `pixmill presets --json` ({ name, label, description, spec })';

/**
 * What `--pipeline` holds: inline JSON when it starts with `{`, else the path of a JSON file.
 * Either may be a bare spec or one preset as `pixmill presets --json` prints it, whose `spec` is
 * then taken, so a person can save one entry of that list and edit it.
 */
export async function loadPipeline(value: string): Promise<PipelineSpec> {
  const inline = value.trimStart().startsWith('{');
  const source = inline ? 'the inline JSON' : `"${value}"`;
  let text = value;
  if (!inline) {
    try {
      text = await readFile(value, 'utf8');
    } catch (err) {
      throw new UsageError(`--pipeline: cannot read "${value}" (${errnoOf(err) ?? String(err)})`);
    }
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--pipeline: ${source} is not valid JSON: ${(err as Error).message}`);
  }
  if (Array.isArray(data)) {
    throw new UsageError(
      `--pipeline: ${source} is a list; expected ${PIPELINE_SHAPES}. To use a built-in preset as it is, pass --preset NAME`,
    );
  }
  const isPresetEntry = typeof data === 'object' && data !== null && 'spec' in data && !('steps' in data);
  const spec = isPresetEntry ? (data as { spec: unknown }).spec : data;
  const parsed = parsePipeline(spec);
  if (!parsed.ok) throw new UsageError(`--pipeline: ${isPresetEntry ? 'spec.' : ''}${parsed.message}`);
  return parsed.value;
}

async function baseSpec(flags: SpecFlags): Promise<PipelineSpec> {
  if (flags.preset !== undefined && flags.pipeline !== undefined) {
    throw new UsageError('--preset and --pipeline: choose one of them (a pipeline is a complete spec)');
  }
  if (flags.preset !== undefined) {
    const preset = findPreset(flags.preset);
    if (!preset) {
      throw new UsageError(
        `--preset: unknown preset "${flags.preset}"; known presets: ${PRESETS.map((p) => p.name).join(', ')}`,
      );
    }
    return structuredClone(preset.spec);
  }
  if (flags.pipeline !== undefined) return loadPipeline(flags.pipeline);
  return makePipeline();
}

/** Keeps a number-looking flag a number and anything else a string, for the schema to refuse. */
function numberOrRaw(raw: string): number | string {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
}

/** What each flag that sets an output setting sets; such a flag applies to every output. */
type VariantField = (typeof VARIANT_FIELDS)[number];

/** Lays the output flags over the recipe's `output`; returns the fields they set. */
function applyOutputFlags(flags: SpecFlags, out: Record<string, unknown>): Set<VariantField> {
  const set = new Set<VariantField>();
  const put = (field: VariantField, value: unknown): void => {
    out[field] = value;
    set.add(field);
  };
  if (flags.format !== undefined) {
    put('format', normaliseFormat(flags.format));
    // A format named outright is written, not a shoot-out the preset may hold.
    put('pickFormat', []);
  }
  if (flags.quality !== undefined) put('quality', numberOrRaw(flags.quality));
  if (flags.effort !== undefined) put('effort', numberOrRaw(flags.effort));
  if (flags.lossless) put('lossless', true);
  if (flags.metadata !== undefined) put('metadata', flags.metadata.trim().toLowerCase());
  if (flags.keep !== undefined) {
    put('metadata', 'custom');
    put('metadataKeep', parseKeep(flags.keep));
  }
  if (flags.name !== undefined) put('pattern', flags.name);
  if (flags.targetQuality !== undefined) put('targetScore', numberOrRaw(flags.targetQuality));
  if (flags.maxSize !== undefined) put('maxBytes', parseMaxSize(flags.maxSize));
  if (flags.ifTooLarge !== undefined) put('sizeCapOutcome', flags.ifTooLarge.trim().toLowerCase());
  if (flags.minQuality !== undefined) put('minQuality', numberOrRaw(flags.minQuality));
  if (flags.smallestOf !== undefined) put('pickFormat', parseSmallestOf(flags.smallestOf));
  if (flags.conflict !== undefined) out['conflict'] = flags.conflict;
  if (flags.flat) out['structure'] = 'flatten';
  if (flags.sourceFolders) out['sourceFolders'] = true;
  if (flags.skipLarger) out['skipLarger'] = true;
  if (flags.background !== undefined) out['background'] = flags.background;
  if (flags.keepDates) out['keepDates'] = true;
  return set;
}

/**
 * A preset's or pipeline's own outputs under flags that set output settings: what a person typed
 * applies to every output, so an output's own value of that field gives way. An output's name
 * that extends the recipe's (`{name}-320` of `{name}`) keeps its extension under `--name`.
 */
function overrideOutputs(
  outputs: DraftVariant[],
  fields: Set<VariantField>,
  basePattern: string,
  pattern: unknown,
): void {
  for (const variant of outputs) {
    for (const field of fields) {
      const own = variant[field];
      if (field === 'pattern' && typeof own === 'string' && own.startsWith(basePattern) && own !== basePattern) {
        variant.pattern = `${String(pattern)}${own.slice(basePattern.length)}`;
      } else delete variant[field];
    }
  }
}

/** The complete, validated spec the flags describe; throws UsageError naming the flag at fault. */
export async function specFromFlags(flags: SpecFlags): Promise<PipelineSpec> {
  checkCombinations(flags);
  const spec = await baseSpec(flags);
  // Plain data from here on: the flags may hold values the types do not allow, and the schema
  // below is what refuses them.
  const draft = structuredClone(spec) as unknown as Draft & {
    steps: { op: string; params: unknown }[];
    limits: Record<string, unknown>;
    manifest: unknown;
  };
  let resizeIndex = -1;
  const resize =
    flags.resize !== undefined
      ? parseResize(flags.resize)
      : flags.longEdge !== undefined
        ? parseLongEdge(flags.longEdge)
        : undefined;
  if (resize) {
    const step = { op: 'resize', params: resize };
    resizeIndex = draft.steps.findIndex((s) => s.op === 'resize');
    if (resizeIndex >= 0) draft.steps[resizeIndex] = step;
    else resizeIndex = draft.steps.push(step) - 1;
  }
  const sizes = flags.sizes !== undefined ? parseSizes(flags.sizes) : undefined;
  const formats = flags.formats !== undefined ? parseFormats(flags.formats) : undefined;
  const layout = parseLayout(flags.layout);
  const typed = applyOutputFlags(flags, draft.output);
  if (sizes || formats) draft.outputs = outputsFromFlags(sizes, formats, layout, String(draft.output['pattern']));
  else overrideOutputs(draft.outputs, typed, spec.output.pattern, draft.output['pattern']);
  if (flags.manifest !== undefined) draft.manifest = flags.manifest.trim().toLowerCase();
  if (flags.timeout !== undefined) {
    const timeout = flags.timeout.trim().toLowerCase();
    draft.limits['timeoutSeconds'] = timeout === 'auto' ? timeout : numberOrRaw(timeout);
  }

  checkRecipe(flags, draft);
  const judged = judge(draft);
  if (judged.ok) return judged.spec;
  const { issue } = judged;
  if (resizeIndex >= 0 && issue.field.startsWith(`steps.${resizeIndex}.`)) {
    if (flags.resize === undefined) throw new UsageError(`--long-edge: ${LONG_EDGE_HINT}, got "${flags.longEdge}"`);
    throw new UsageError(`--resize: ${RESIZE_HINT}, got "${flags.resize}"`);
  }
  throw refusalFor(issue, flags, draft);
}
