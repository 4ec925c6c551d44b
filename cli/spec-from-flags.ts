// Turns the CLI's spec flags into a pipeline spec: start from a preset, a pipeline file or the
// defaults, lay the flags over it, and let the one zod schema in common/ judge the result. Only
// the wording of errors is the CLI's own, so that every message names the flag a person typed.
import { readFile } from 'node:fs/promises';
import { errnoOf } from '../common/errors.js';
import { FILTERS } from '../common/filters.js';
import {
  CONFLICT_POLICIES,
  EFFORT_RANGE,
  METADATA_POLICIES,
  makePipeline,
  NAME_TOKENS,
  OUTPUT_FORMATS,
  type PipelineSpec,
  parsePipeline,
  QUALITY_RANGE,
  TIME_LIMIT,
} from '../common/pipeline.js';
import { findPreset, PRESETS } from '../common/presets.js';
import { UsageError } from './usage-error.js';

export interface SpecFlags {
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

const FORMAT_ALIASES: Record<string, string> = { jpg: 'jpeg', jpe: 'jpeg', tif: 'tiff' };

/** `JPG`, `Jpeg`, `jpg` → `jpeg`; `tif` → `tiff`. Anything else is left for the schema to refuse. */
export function normaliseFormat(raw: string): string {
  const lower = raw.trim().toLowerCase().replace(/^\./, '');
  return FORMAT_ALIASES[lower] ?? lower;
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

const FLAG_HINTS: Record<string, { flag: keyof SpecFlags; hint: string }> = {
  'limits.timeoutSeconds': {
    flag: 'timeout',
    hint: `expected auto or a number of seconds between ${TIME_LIMIT.min} and ${TIME_LIMIT.max}`,
  },
  'output.format': { flag: 'format', hint: `expected one of ${OUTPUT_FORMATS.join(', ')} (or jpg, tif)` },
  'output.quality': {
    flag: 'quality',
    hint: `expected a whole number between ${QUALITY_RANGE.min} and ${QUALITY_RANGE.max}`,
  },
  'output.effort': {
    flag: 'effort',
    hint: `expected a whole number between ${EFFORT_RANGE.min} (fastest) and ${EFFORT_RANGE.max} (smallest file)`,
  },
  'output.metadata': { flag: 'metadata', hint: `expected one of ${METADATA_POLICIES.join(', ')}` },
  'output.conflict': { flag: 'conflict', hint: `expected one of ${CONFLICT_POLICIES.join(', ')}` },
  'output.background': { flag: 'background', hint: 'expected a colour like #ffffff (#, then six hex digits)' },
};

/** The schema's own words for a naming pattern say what is wrong; the tokens are listed too. */
const NAME_HINT = `tokens: ${NAME_TOKENS.map((t) => `{${t}}`).join(' ')}`;

/** The complete, validated spec the flags describe; throws UsageError naming the flag at fault. */
export async function specFromFlags(flags: SpecFlags): Promise<PipelineSpec> {
  if (flags.resize !== undefined && flags.longEdge !== undefined) {
    throw new UsageError('--resize and --long-edge: choose one of them (--resize N already means the long edge)');
  }
  const spec = await baseSpec(flags);
  // Plain data from here on: the flags may hold values the types do not allow, and the schema
  // below is what refuses them.
  const draft = structuredClone(spec) as unknown as {
    steps: { op: string; params: unknown }[];
    output: Record<string, unknown>;
    limits: Record<string, unknown>;
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
  const out = draft.output;
  if (flags.format !== undefined) out['format'] = normaliseFormat(flags.format);
  if (flags.quality !== undefined) out['quality'] = numberOrRaw(flags.quality);
  if (flags.effort !== undefined) out['effort'] = numberOrRaw(flags.effort);
  if (flags.lossless) out['lossless'] = true;
  if (flags.metadata !== undefined) out['metadata'] = flags.metadata.trim().toLowerCase();
  if (flags.name !== undefined) out['pattern'] = flags.name;
  if (flags.conflict !== undefined) out['conflict'] = flags.conflict;
  if (flags.flat) out['structure'] = 'flatten';
  if (flags.sourceFolders) out['sourceFolders'] = true;
  if (flags.skipLarger) out['skipLarger'] = true;
  if (flags.background !== undefined) out['background'] = flags.background;
  if (flags.timeout !== undefined) {
    const timeout = flags.timeout.trim().toLowerCase();
    draft.limits['timeoutSeconds'] = timeout === 'auto' ? timeout : numberOrRaw(timeout);
  }

  const parsed = parsePipeline(draft);
  if (parsed.ok) return parsed.value;
  if (resizeIndex >= 0 && parsed.field.startsWith(`steps.${resizeIndex}.`)) {
    if (flags.resize === undefined) throw new UsageError(`--long-edge: ${LONG_EDGE_HINT}, got "${flags.longEdge}"`);
    throw new UsageError(`--resize: ${RESIZE_HINT}, got "${flags.resize}"`);
  }
  if (parsed.field === 'output.pattern' && flags.name !== undefined) {
    const reason = parsed.message.slice(parsed.field.length + 2);
    throw new UsageError(`--name: ${reason} (${NAME_HINT}), got "${flags.name}"`);
  }
  const known = FLAG_HINTS[parsed.field];
  if (known && flags[known.flag] !== undefined) {
    throw new UsageError(`--${known.flag}: ${known.hint}, got "${String(flags[known.flag])}"`);
  }
  // A field no flag sets: the base spec itself is at fault.
  const source = flags.pipeline !== undefined ? '--pipeline' : flags.preset !== undefined ? '--preset' : 'settings';
  throw new UsageError(`${source}: ${parsed.message}`);
}
