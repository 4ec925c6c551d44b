// The schema names the field at fault (`outputs.3.maxBytes`); a person typed a flag (`--max-size`).
// This turns the first problem the schema finds in the spec the flags built into a refusal that
// names that flag, says what it expects and echoes what was typed; and it refuses flags that
// clash with each other, or would do nothing in the recipe they add up to.
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

/** Flags that say the same thing twice, or one that means nothing without another. */
export function checkCombinations(flags: SpecFlags): void {
  const both = (a: string, b: string, why: string): UsageError =>
    new UsageError(`${a} and ${b}: choose one of them (${why})`);
  if (flags.resize !== undefined && flags.longEdge !== undefined) {
    throw both('--resize', '--long-edge', '--resize N already means the long edge');
  }
  if (flags.sizes !== undefined && (flags.resize !== undefined || flags.longEdge !== undefined)) {
    throw both(flags.resize !== undefined ? '--resize' : '--long-edge', '--sizes', 'each size replaces the resize');
  }
  if (flags.format !== undefined && flags.formats !== undefined) {
    throw both('--format', '--formats', '--formats lists every format, one output each');
  }
  if (flags.smallestOf !== undefined && (flags.format !== undefined || flags.formats !== undefined)) {
    throw both(
      flags.format !== undefined ? '--format' : '--formats',
      '--smallest-of',
      '--smallest-of writes one of its formats, whichever is smallest',
    );
  }
  if (flags.layout !== undefined && flags.sizes === undefined) {
    throw new UsageError('--layout: applies to --sizes (it says how the sizes are told apart)');
  }
  const metadata = flags.metadata?.trim().toLowerCase();
  if (flags.keep !== undefined && metadata !== undefined && metadata !== 'custom') {
    throw new UsageError(
      `--keep and --metadata ${flags.metadata}: --keep lists what to keep (it means --metadata custom); choose one of them`,
    );
  }
}

/** Every output the draft makes, as the engine would merge it (for the rules below). */
function mergedOutputs(draft: Draft): Record<string, unknown>[] {
  if (draft.outputs.length === 0) return [draft.output];
  return draft.outputs.map((v) => ({
    ...draft.output,
    ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)),
  }));
}

/** Flags that would silently do nothing, or clash, once the whole recipe is known. */
export function checkRecipe(flags: SpecFlags, draft: Draft): void {
  const merged = mergedOutputs(draft);
  if (flags.ifTooLarge !== undefined && !merged.some((o) => o['maxBytes'] !== undefined)) {
    throw new UsageError('--if-too-large: applies with --max-size (it says what happens to a file that cannot fit)');
  }
  if (
    flags.minQuality !== undefined &&
    !merged.some((o) => o['maxBytes'] !== undefined || o['targetScore'] !== undefined)
  ) {
    throw new UsageError(
      '--min-quality: applies with --target-quality or --max-size (it bounds the quality they choose)',
    );
  }
  if (
    flags.metadata?.trim().toLowerCase() === 'custom' &&
    merged.some((o) => (o['metadataKeep'] as unknown[]).length === 0)
  ) {
    throw new UsageError('--metadata custom: say which classes to keep with --keep, e.g. --keep exif,icc');
  }
  if (flags.targetQuality !== undefined && merged.some((o) => o['lossless'] === true)) {
    throw new UsageError(
      `--target-quality and ${flags.lossless ? '--lossless' : 'a lossless output'}: a quality target applies to lossy files; choose one of them`,
    );
  }
}
