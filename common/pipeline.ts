// The pipeline spec as plain data: an ordered list of filter steps, output settings and limits.
// The zod schema is derived from the filter registry; defaults live here and nowhere else.
import { z } from 'zod';
import { FILTER_OPS, FILTERS, type FilterOp, type ParamsOf } from './filters.js';
import { type ParamSpec, paramSchema } from './params.js';

export const OUTPUT_FORMATS = ['keep', 'jpeg', 'png', 'webp', 'avif', 'jxl', 'tiff', 'gif'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type ConcreteFormat = Exclude<OutputFormat, 'keep'>;

/** The extension each output format is written with: the worker, the planner and the window's example agree. */
export const OUTPUT_EXTENSIONS: Record<ConcreteFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  avif: 'avif',
  jxl: 'jxl',
  tiff: 'tif',
  gif: 'gif',
};

export const METADATA_POLICIES = ['strip', 'keep', 'icc'] as const;
export const STRUCTURES = ['keep', 'flatten'] as const;
export const CONFLICT_POLICIES = ['skip', 'suffix', 'overwrite'] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

export const NAME_TOKENS = ['name', 'ext', 'w', 'h', 'n', 'date'] as const;
export type NameToken = (typeof NAME_TOKENS)[number];

/** Encoder quality, as JPEG, WebP, AVIF and JPEG XL encoders count it. */
export const QUALITY_RANGE = { min: 1, max: 100, default: 82 } as const;
/** CPU effort 0 (fastest) … 9 (smallest file); mapped onto each encoder's own range. */
export const EFFORT_RANGE = { min: 0, max: 9, default: 4 } as const;
/** The per-job time limit's bounds and the least "auto" ever allows, in seconds. */
export const TIME_LIMIT = { min: 1, max: 3600, autoFloor: 120 } as const;

function stepSchema<Op extends FilterOp>(op: Op) {
  const params: Record<string, ParamSpec> = FILTERS[op].params;
  const shape = Object.fromEntries(Object.entries(params).map(([k, p]) => [k, paramSchema(p)]));
  return z.object({
    op: z.literal(op),
    enabled: z.boolean().default(true),
    params: z.strictObject(shape).prefault({}),
  });
}

/** A step as the engine sees it: every parameter filled in. */
export type Step = { [Op in FilterOp]: { op: Op; enabled: boolean; params: ParamsOf<Op> } }[FilterOp];
/** A step as a person writes it: parameters may be left to their defaults. */
export type StepInput = { [Op in FilterOp]: { op: Op; enabled?: boolean; params?: Partial<ParamsOf<Op>> } }[FilterOp];

const [firstOp, ...otherOps] = FILTER_OPS;
/**
 * The step schemas are built from the registry's parameter descriptions, which are data, so zod
 * cannot see each filter's parameter types; ParamsOf states them, and this is where the two meet.
 * Every spec type below (and every request that carries a spec) is inferred from here.
 */
const stepSchemaUnion = z.discriminatedUnion('op', [stepSchema(firstOp!), ...otherOps.map((op) => stepSchema(op))], {
  error: `Expected op to be one of ${FILTER_OPS.join(', ')}`,
}) as unknown as z.ZodType<Step, StepInput>;

const namePattern = z
  .string({ error: 'Expected a naming pattern such as {name}-small' })
  .min(1, { error: 'Expected a naming pattern such as {name}-small' })
  .max(200, { error: 'Expected a pattern of at most 200 characters' })
  .refine(
    (s) =>
      !/[/\\\0]/.test(s) &&
      !s
        .split(/\{[a-z]+\}/)
        .join('')
        .includes('..'),
    {
      error: 'A naming pattern may not contain /, \\, .. or NUL: outputs always stay inside the output folder',
    },
  )
  .refine((s) => [...s.matchAll(/\{([^}]*)\}/g)].every((m) => (NAME_TOKENS as readonly string[]).includes(m[1]!)), {
    error: `Unknown token; the naming pattern accepts ${NAME_TOKENS.map((t) => `{${t}}`).join(' ')}`,
  });

/** A whole number in the range, every refusal saying which numbers are accepted. */
function wholeNumber(range: { min: number; max: number }) {
  const error = `Expected a whole number between ${range.min} and ${range.max}`;
  return z.number({ error }).int({ error }).min(range.min, { error }).max(range.max, { error });
}

export const outputSchema = z.strictObject({
  format: z.enum(OUTPUT_FORMATS, { error: `Expected one of ${OUTPUT_FORMATS.join(', ')}` }).default('keep'),
  quality: wholeNumber(QUALITY_RANGE).default(QUALITY_RANGE.default),
  effort: wholeNumber(EFFORT_RANGE).default(EFFORT_RANGE.default),
  lossless: z.boolean({ error: 'Expected true or false' }).default(false),
  metadata: z.enum(METADATA_POLICIES, { error: `Expected one of ${METADATA_POLICIES.join(', ')}` }).default('strip'),
  toSrgb: z.boolean().default(true),
  /** What transparent pixels are laid on when the output format cannot hold transparency (JPEG). */
  background: z
    .string({ error: 'Expected a background colour like #ffffff' })
    .regex(/^#[0-9a-fA-F]{6}$/, { error: 'Expected a background colour like #ffffff (#, then six hex digits)' })
    .default('#ffffff'),
  /** File name without extension; the output format's extension is always appended. */
  pattern: namePattern.default('{name}'),
  structure: z.enum(STRUCTURES, { error: `Expected one of ${STRUCTURES.join(', ')}` }).default('keep'),
  conflict: z.enum(CONFLICT_POLICIES, { error: `Expected one of ${CONFLICT_POLICIES.join(', ')}` }).default('suffix'),
  /**
   * Each input folder's outputs go into a sub-folder named after it, so several folders do not
   * merge into one tree (two folders of the same name get distinct sub-folders). Files given on
   * their own still land in the output folder itself.
   */
  sourceFolders: z.boolean().default(false),
  /** An output larger than its original is discarded and the file reported as skipped (nothing is written). */
  skipLarger: z.boolean().default(false),
});
export type OutputSettings = z.infer<typeof outputSchema>;

export const limitsSchema = z.strictObject({
  /** Largest decoded image accepted, in pixels (width × height). sharp's own default. */
  maxPixels: z
    .number()
    .int()
    .min(1)
    .max(2 ** 40)
    .default(268_402_689),
  /** Animated images with more frames than this are refused rather than decoded. */
  maxFrames: z.number().int().min(1).max(100_000).default(1000),
  /**
   * A job that takes longer is stopped and reported as TIMEOUT. "auto": from the image's
   * megapixels and the output format's cost (common/time-limit.ts), at least 120 s; a number of
   * seconds is used exactly as given.
   */
  timeoutSeconds: z
    .union([z.literal('auto'), z.number().min(TIME_LIMIT.min).max(TIME_LIMIT.max)], {
      error: `Expected "auto" or a number of seconds between ${TIME_LIMIT.min} and ${TIME_LIMIT.max}`,
    })
    .default('auto'),
  /**
   * A worker process whose memory passes this is stopped and its image reported as MEMORY_LIMIT.
   * Enforced per process, so in `processes` mode (threads share one process's memory).
   * A 12 MP photo needs about 200 MB; the default leaves room for far larger ones.
   */
  maxWorkerMemoryMb: z.number().int().min(64).max(1_048_576).default(4096),
});
export type Limits = z.infer<typeof limitsSchema>;

export const pipelineSchema = z.strictObject({
  version: z.literal(1).default(1),
  steps: z.array(stepSchemaUnion).max(100).default([]),
  output: outputSchema.prefault({}),
  limits: limitsSchema.prefault({}),
});

export type PipelineSpec = z.output<typeof pipelineSchema>;
/** A spec as a person writes it: anything left out takes its default. */
export type PipelineSpecInput = z.input<typeof pipelineSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; field: string };

/** "steps.0.params.sigma" — the place of the first problem, for messages that name the field. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(root)';
}

/** Validates unknown data into a full spec; the error message names the offending field. */
export function parsePipeline(data: unknown): ParseResult<PipelineSpec> {
  const r = pipelineSchema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  const field = fieldPath(issue.path);
  const extra = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
  return { ok: false, field, message: `${field}: ${issue.message}${extra}` };
}

/** Like parsePipeline, for code that holds a spec it built itself: throws on a bad one. */
export function makePipeline(input: PipelineSpecInput = {}): PipelineSpec {
  const r = parsePipeline(input);
  if (!r.ok) throw new Error(`Invalid pipeline: ${r.message}`);
  return r.value;
}
