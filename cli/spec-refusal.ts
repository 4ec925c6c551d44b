// The schema names the field at fault (`outputs.3.maxBytes`); a person typed a flag (`--max-size`).
// This turns the first problem the schema finds in the spec the flags built into a refusal that
// names that flag, says what it expects and echoes what was typed.
import {
  CONFLICT_POLICIES,
  EFFORT_RANGE,
  fieldPath,
  MANIFEST_KINDS,
  METADATA_POLICIES,
  NAME_TOKENS,
  OUTPUT_FORMATS,
  outputSchema,
  type PipelineSpec,
  pipelineSchema,
  QUALITY_RANGE,
  SIZE_CAP_OUTCOMES,
  TARGET_SCORE,
  TIME_LIMIT,
} from '../common/pipeline.js';
import { MAX_SIZE_HINT, SIZES_HINT } from './recipe-flags.js';
import type { SpecFlags } from './spec-from-flags.js';
import { UsageError } from './usage-error.js';

type FlagName = keyof SpecFlags;

/** `targetQuality` → `--target-quality`. */
const spelled = (flag: FlagName): string => `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const whole = (range: { min: number; max: number }): string =>
  `expected a whole number between ${range.min} and ${range.max}`;

/** The flag that sets each output setting (on the recipe's output and on each of its outputs), and what it takes. */
const OUTPUT_FIELD_FLAGS: Record<string, { flag: FlagName; hint: string }> = {
  format: { flag: 'format', hint: `expected one of ${OUTPUT_FORMATS.join(', ')} (or jpg, tif)` },
  quality: { flag: 'quality', hint: whole(QUALITY_RANGE) },
  effort: {
    flag: 'effort',
    hint: `${whole(EFFORT_RANGE)} (${EFFORT_RANGE.min} fastest, ${EFFORT_RANGE.max} smallest file)`,
  },
  metadata: { flag: 'metadata', hint: `expected one of ${METADATA_POLICIES.join(', ')}` },
  metadataKeep: { flag: 'keep', hint: 'expected metadata classes separated by commas' },
  conflict: { flag: 'conflict', hint: `expected one of ${CONFLICT_POLICIES.join(', ')}` },
  background: { flag: 'background', hint: 'expected a colour like #ffffff (#, then six hex digits)' },
  targetScore: {
    flag: 'targetQuality',
    hint: `${whole(TARGET_SCORE)} (a perceptual score: 100 looks identical to the full-quality output)`,
  },
  maxBytes: { flag: 'maxSize', hint: MAX_SIZE_HINT },
  sizeCapOutcome: { flag: 'ifTooLarge', hint: `expected one of ${SIZE_CAP_OUTCOMES.join(', ')}` },
  minQuality: { flag: 'minQuality', hint: whole(QUALITY_RANGE) },
  pickFormat: { flag: 'smallestOf', hint: 'expected formats separated by commas' },
  width: { flag: 'sizes', hint: SIZES_HINT },
  height: { flag: 'sizes', hint: SIZES_HINT },
  folder: { flag: 'layout', hint: 'expected suffix or folders' },
};

const OTHER_FIELD_FLAGS: Record<string, { flag: FlagName; hint: string }> = {
  'limits.timeoutSeconds': {
    flag: 'timeout',
    hint: `expected auto or a number of seconds between ${TIME_LIMIT.min} and ${TIME_LIMIT.max}`,
  },
  manifest: { flag: 'manifest', hint: `expected one of ${MANIFEST_KINDS.join(', ')}` },
};

/** The schema's own words for a naming pattern say what is wrong; the tokens are listed too. */
const NAME_HINT = `tokens: ${NAME_TOKENS.map((t) => `{${t}}`).join(' ')}`;

/** The flags that can make two outputs want one name, or a quality target meet a format without quality. */
const NAME_FLAGS: FlagName[] = ['name', 'format', 'smallestOf', 'formats', 'sizes', 'layout'];
const TARGET_FLAGS: FlagName[] = ['targetQuality', 'formats', 'format', 'lossless', 'smallestOf'];

export interface Draft {
  output: Record<string, unknown>;
  outputs: Record<string, unknown>[];
}

/** "320 px PNG" for an output of the draft, from the settings it has or inherits. */
function draftLabel(draft: Draft, index: number): string {
  const v = draft.outputs[index] ?? {};
  const size =
    v['width'] && v['height']
      ? `${v['width']}×${v['height']}`
      : v['width'] || v['height']
        ? `${v['width'] ?? v['height']} px`
        : '';
  const format = String(v['format'] ?? draft.output['format'] ?? 'keep');
  return [size, format === 'keep' ? 'original format' : format.toUpperCase()].filter(Boolean).join(' ');
}

interface Issue {
  field: string;
  code: string;
  message: string;
}

/** The spec the draft is, or the first problem the schema finds in it. */
export function judge(draft: unknown): { ok: true; spec: PipelineSpec } | { ok: false; issue: Issue } {
  const r = pipelineSchema.safeParse(draft);
  if (r.success) return { ok: true, spec: r.data };
  const issue = r.error.issues[0]!;
  const extra = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  return { ok: false, issue: { field: fieldPath(issue.path), code: issue.code, message: `${issue.message}${extra}` } };
}

/**
 * The refusal for the schema's first problem: the flag that set the field, or, for a rule
 * between fields, the first of the flags involved that was typed; failing both, the spec the
 * flags started from.
 */
export function refusalFor(issue: Issue, flags: SpecFlags, draft: Draft): UsageError {
  const typed = (list: FlagName[]): FlagName | undefined =>
    list.find((f) => flags[f] !== undefined && flags[f] !== false);
  const source = flags.pipeline !== undefined ? '--pipeline' : flags.preset !== undefined ? '--preset' : 'settings';
  const place = /^(?:output|outputs\.(\d+))\.(\w+)/.exec(issue.field);
  const index = place?.[1] === undefined ? undefined : Number(place[1]);
  const where =
    index === undefined || draft.outputs.length < 2
      ? ''
      : ` (output ${index + 1} of ${draft.outputs.length}: ${draftLabel(draft, index)})`;
  const key = place?.[2];

  // A pattern valid on its own that is refused: another output wants the same names.
  const pattern =
    index === undefined ? draft.output['pattern'] : (draft.outputs[index]?.['pattern'] ?? draft.output['pattern']);
  if (key === 'pattern' && outputSchema.shape.pattern.safeParse(pattern).success) {
    const flag = typed(NAME_FLAGS);
    return new UsageError(`${flag ? spelled(flag) : source}: ${issue.message}`);
  }
  if (key === 'pattern' && flags.name !== undefined) {
    return new UsageError(`--name: ${issue.message} (${NAME_HINT}), got "${flags.name}"`);
  }
  if (key === 'targetScore' && issue.code === 'custom') {
    const flag = typed(TARGET_FLAGS);
    return new UsageError(`${flag ? spelled(flag) : source}: ${issue.message}${where}`);
  }
  const known = key ? OUTPUT_FIELD_FLAGS[key] : OTHER_FIELD_FLAGS[issue.field];
  if (known && flags[known.flag] !== undefined) {
    return new UsageError(`${spelled(known.flag)}: ${known.hint}, got "${String(flags[known.flag])}"${where}`);
  }
  // A field no flag typed sets: the spec the flags started from is at fault.
  return new UsageError(`${source}: ${issue.field}: ${issue.message}`);
}
