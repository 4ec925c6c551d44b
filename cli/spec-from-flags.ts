// Turns the CLI's spec flags into a pipeline spec: start from a preset, a pipeline file or the
// defaults, lay the flags over it, and let the one zod schema in common/ judge the result. Only
// the wording of errors is the CLI's own, so that every message names the flag a person typed.
import { readFile } from 'node:fs/promises';
import { errnoOf } from '../common/errors.js';
import { FILTERS } from '../common/filters.js';
import {
  CONFLICT_POLICIES,
  makePipeline,
  OUTPUT_FORMATS,
  type PipelineSpec,
  parsePipeline,
  QUALITY_RANGE,
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
  background?: string;
}

type ResizeParams =
  | { by: 'box'; width: number; height: number; fit: 'inside'; withoutEnlargement: true }
  | { by: 'width'; width: number; withoutEnlargement: true }
  | { by: 'height'; height: number; withoutEnlargement: true };

const SIDE = FILTERS.resize.params.width;
const RESIZE_HINT = `expected WxH, W or xH with sides between ${SIDE.min} and ${SIDE.max} (e.g. 1600x1600, 1600 or x1600)`;

/** `1600x1200` → a box, `1600` → a width, `x1200` → a height. */
export function parseResize(raw: string): ResizeParams {
  const m = /^\s*(\d+)?\s*(?:[xX×]\s*(\d+))?\s*$/.exec(raw);
  const [w, h] = [m?.[1], m?.[2]];
  if (!m || (w === undefined && h === undefined)) throw new UsageError(`--resize: ${RESIZE_HINT}, got "${raw}"`);
  if (w !== undefined && h !== undefined) {
    return { by: 'box', width: Number(w), height: Number(h), fit: 'inside', withoutEnlargement: true };
  }
  return w !== undefined
    ? { by: 'width', width: Number(w), withoutEnlargement: true }
    : { by: 'height', height: Number(h), withoutEnlargement: true };
}

async function loadPipelineFile(file: string): Promise<PipelineSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`--pipeline: cannot read "${file}" (${errnoOf(err) ?? String(err)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`--pipeline: "${file}" is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = parsePipeline(data);
  if (!parsed.ok) throw new UsageError(`--pipeline: ${parsed.message}`);
  return parsed.value;
}

async function baseSpec(flags: SpecFlags): Promise<PipelineSpec> {
  if (flags.preset !== undefined && flags.pipeline !== undefined) {
    throw new UsageError('--preset and --pipeline: choose one of them (a pipeline file is a complete spec)');
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
  if (flags.pipeline !== undefined) return loadPipelineFile(flags.pipeline);
  return makePipeline();
}

/** Keeps a number-looking flag a number and anything else a string, for the schema to refuse. */
function numberOrRaw(raw: string): number | string {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
}

const FLAG_HINTS: Record<string, { flag: keyof SpecFlags; hint: string }> = {
  'output.format': { flag: 'format', hint: `expected one of ${OUTPUT_FORMATS.join(', ')}` },
  'output.quality': {
    flag: 'quality',
    hint: `expected a whole number between ${QUALITY_RANGE.min} and ${QUALITY_RANGE.max}`,
  },
  'output.conflict': { flag: 'conflict', hint: `expected one of ${CONFLICT_POLICIES.join(', ')}` },
  'output.background': { flag: 'background', hint: 'expected a colour like #ffffff (#, then six hex digits)' },
};

/** The complete, validated spec the flags describe; throws UsageError naming the flag at fault. */
export async function specFromFlags(flags: SpecFlags): Promise<PipelineSpec> {
  const spec = await baseSpec(flags);
  // Plain data from here on: the flags may hold values the types do not allow, and the schema
  // below is what refuses them.
  const draft = structuredClone(spec) as unknown as {
    steps: { op: string; params: unknown }[];
    output: Record<string, unknown>;
  };
  let resizeIndex = -1;
  if (flags.resize !== undefined) {
    const step = { op: 'resize', params: parseResize(flags.resize) };
    resizeIndex = draft.steps.findIndex((s) => s.op === 'resize');
    if (resizeIndex >= 0) draft.steps[resizeIndex] = step;
    else resizeIndex = draft.steps.push(step) - 1;
  }
  if (flags.format !== undefined) draft.output['format'] = flags.format;
  if (flags.quality !== undefined) draft.output['quality'] = numberOrRaw(flags.quality);
  if (flags.conflict !== undefined) draft.output['conflict'] = flags.conflict;
  if (flags.flat) draft.output['structure'] = 'flatten';
  if (flags.background !== undefined) draft.output['background'] = flags.background;

  const parsed = parsePipeline(draft);
  if (parsed.ok) return parsed.value;
  if (resizeIndex >= 0 && parsed.field.startsWith(`steps.${resizeIndex}.`)) {
    throw new UsageError(`--resize: ${RESIZE_HINT}, got "${flags.resize}"`);
  }
  const known = FLAG_HINTS[parsed.field];
  if (known) throw new UsageError(`--${known.flag}: ${known.hint}, got "${String(flags[known.flag])}"`);
  // A field no flag sets: the base spec itself is at fault.
  const source = flags.pipeline !== undefined ? '--pipeline' : flags.preset !== undefined ? '--preset' : 'settings';
  throw new UsageError(`${source}: ${parsed.message}`);
}
