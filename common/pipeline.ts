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

/**
 * strip: pixels only. keep: EXIF, XMP, IPTC and the profile. icc: the profile only.
 * keep-except-gps: everything keep keeps but the location: EXIF's GPS directory, and every XMP
 * property named GPS… (exif:GPSLatitude …), as attribute or element.
 * copyright-only: EXIF's Artist and Copyright fields, byte for byte, and the profile; no camera,
 * dates, thumbnail, maker notes, XMP or IPTC. Orientation is baked into the pixels.
 * custom: the classes listed in `metadataKeep`, every other one dropped.
 */
export const METADATA_POLICIES = ['strip', 'keep', 'icc', 'keep-except-gps', 'copyright-only', 'custom'] as const;
export type MetadataPolicy = (typeof METADATA_POLICIES)[number];
/**
 * The classes of metadata a custom policy keeps or drops, one by one. gps and makernotes are
 * parts of EXIF: ['exif'] keeps EXIF without its GPS directory and maker notes, ['exif', 'gps']
 * keeps the position too; listed without 'exif' they keep nothing of EXIF (gps still keeps XMP's
 * GPS properties when 'xmp' is listed). IPTC survives only in JPEG.
 */
export const METADATA_CLASSES = ['exif', 'gps', 'makernotes', 'xmp', 'iptc', 'icc'] as const;
export type MetadataClass = (typeof METADATA_CLASSES)[number];
/** Formats whose quality a search can choose (lossy encoders with a quality setting). */
export const SEARCHABLE_FORMATS = ['jpeg', 'webp', 'avif', 'jxl'] as const;
export type SearchableFormat = (typeof SEARCHABLE_FORMATS)[number];
/** What happens to an output that cannot be brought under its size cap at the quality floor. */
export const SIZE_CAP_OUTCOMES = ['smallest', 'downscale', 'fail'] as const;
export type SizeCapOutcome = (typeof SIZE_CAP_OUTCOMES)[number];
/**
 * The perceptual score a quality target asks for: SSIMULACRA2, 0…100, 100 identical to the
 * output's own pixels (90 visually lossless, 70 high quality, 50 medium, 30 low). The default is
 * what JPEG at quality 80 reaches on typical photos (the corpus photos at ≤ 1600 px: median
 * 81.4, mean 82.3), so a target changes file sizes, not the look people chose the default for.
 */
export const TARGET_SCORE = { min: 1, max: 100, default: 82 } as const;
/** A size cap's bounds, in bytes. */
export const SIZE_CAP = { min: 1024, max: 2 ** 31 } as const;
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
  /** With `metadata: custom`: the classes kept; every other class is dropped. */
  metadataKeep: z
    .array(z.enum(METADATA_CLASSES, { error: `Expected classes among ${METADATA_CLASSES.join(', ')}` }))
    .max(METADATA_CLASSES.length)
    .default([]),
  /**
   * The output's modification and access times are set to the original's (for photo libraries
   * that sort by file date), once it is committed under its final name.
   */
  keepDates: z.boolean({ error: 'Expected true or false' }).default(false),
  /**
   * Per image, the encoder quality is chosen to reach this perceptual score (a bounded search);
   * `quality` is then the starting guess. Lossy JPEG, WebP, AVIF and JPEG XL only.
   */
  targetScore: wholeNumber(TARGET_SCORE).optional(),
  /** At most this many bytes per output: quality is lowered down to `minQuality`, then `sizeCapOutcome` decides. */
  maxBytes: wholeNumber(SIZE_CAP).optional(),
  sizeCapOutcome: z
    .enum(SIZE_CAP_OUTCOMES, { error: `Expected one of ${SIZE_CAP_OUTCOMES.join(', ')}` })
    .default('smallest'),
  /** The lowest quality a target or a size cap may choose. */
  minQuality: wholeNumber(QUALITY_RANGE).default(30),
  /**
   * Format shoot-out: per image, the smallest of these formats at the target score (or at
   * `quality` without one) is written, instead of `format`.
   */
  pickFormat: z
    .array(z.enum(SEARCHABLE_FORMATS, { error: `Expected formats among ${SEARCHABLE_FORMATS.join(', ')}` }))
    .max(SEARCHABLE_FORMATS.length)
    .default([]),
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

/** The output settings one entry of a recipe's outputs list may set for itself. */
export const VARIANT_FIELDS = [
  'format',
  'quality',
  'effort',
  'lossless',
  'pattern',
  'metadata',
  'metadataKeep',
  'targetScore',
  'maxBytes',
  'sizeCapOutcome',
  'minQuality',
  'pickFormat',
] as const satisfies readonly (keyof OutputSettings)[];

const folderName = z
  .string({ error: 'Expected a sub-folder name such as 800 or webp/large' })
  .min(1, { error: 'Expected a sub-folder name such as 800 or webp/large' })
  .max(200, { error: 'Expected a sub-folder name of at most 200 characters' })
  .refine(
    (s) =>
      !/[\\\0]/.test(s) &&
      !s.startsWith('/') &&
      s.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    {
      error:
        'A sub-folder may not start with /, hold \\, NUL, empty parts, . or ..: outputs always stay inside the output folder',
    },
  );

/** A size in pixels for a recipe's output: the longest it may be (never enlarged). */
const variantSide = z
  .number({ error: 'Expected a whole number of pixels between 1 and 65535' })
  .int({ error: 'Expected a whole number of pixels between 1 and 65535' })
  .min(1, { error: 'Expected a whole number of pixels between 1 and 65535' })
  .max(65535, { error: 'Expected a whole number of pixels between 1 and 65535' });

/**
 * One output of a recipe. Every field left out is the recipe's `output` setting. `width` and
 * `height` fit the image inside that box, never enlarging: they replace the chain's first resize
 * step (so steps after it, such as sharpening, work at this size), or come after the last step
 * when the chain has none. `folder` is a sub-folder of the output folder.
 */
const shape = outputSchema.shape;
/** The field's own schema without its default: a field an output leaves out is the recipe's. */
const own = <T extends z.ZodType>(field: z.ZodDefault<T> | z.ZodOptional<T>): z.ZodOptional<T> =>
  (field.unwrap() as T).optional();
export const variantSchema = z.strictObject({
  format: own(shape.format),
  quality: own(shape.quality),
  effort: own(shape.effort),
  lossless: own(shape.lossless),
  pattern: own(shape.pattern),
  metadata: own(shape.metadata),
  metadataKeep: own(shape.metadataKeep),
  targetScore: own(shape.targetScore),
  maxBytes: own(shape.maxBytes),
  sizeCapOutcome: own(shape.sizeCapOutcome),
  minQuality: own(shape.minQuality),
  pickFormat: own(shape.pickFormat),
  width: variantSide.optional(),
  height: variantSide.optional(),
  folder: folderName.optional(),
});
export type Variant = z.output<typeof variantSchema>;

/** Per source, a description of its outputs for the web: none, a JSON manifest, or an HTML <picture> snippet. */
export const MANIFEST_KINDS = ['none', 'json', 'html'] as const;
export type ManifestKind = (typeof MANIFEST_KINDS)[number];

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

export const pipelineSchema = z
  .strictObject({
    version: z.literal(1).default(1),
    steps: z.array(stepSchemaUnion).max(100).default([]),
    output: outputSchema.prefault({}),
    limits: limitsSchema.prefault({}),
    /** Several outputs from one decode; empty: the one output `output` describes. */
    outputs: z.array(variantSchema).max(50, { error: 'Expected at most 50 outputs' }).default([]),
    manifest: z.enum(MANIFEST_KINDS, { error: `Expected one of ${MANIFEST_KINDS.join(', ')}` }).default('none'),
  })
  .superRefine(checkRecipe);

type SearchFields = Pick<OutputSettings, 'format' | 'lossless' | 'targetScore' | 'pickFormat'>;

/** Why a quality target cannot apply to these settings, if it cannot. */
function targetProblem(o: Partial<SearchFields>): string | undefined {
  if (o.targetScore === undefined) return undefined;
  if (o.lossless) return 'A quality target applies to lossy files: turn "Lossless" off, or clear the target';
  const lossy = (SEARCHABLE_FORMATS as readonly string[]).includes(o.format ?? 'keep') || o.format === 'keep';
  if (!lossy && !o.pickFormat?.length)
    return 'A quality target needs a lossy format: JPEG, WebP, AVIF or JPEG XL (PNG, TIFF and GIF have no quality)';
  return undefined;
}

/** Rules between fields: a quality target on a format with a quality, no two outputs of one name. */
function checkRecipe(
  spec: { output: OutputSettings; outputs: z.output<typeof variantSchema>[] },
  ctx: z.RefinementCtx,
): void {
  const base = targetProblem(spec.output);
  if (base && spec.outputs.length === 0)
    ctx.addIssue({ code: 'custom', path: ['output', 'targetScore'], message: base });
  const names: { folder: string; pattern: string; format: string }[] = [];
  spec.outputs.forEach((variant, i) => {
    const merged = {
      ...spec.output,
      ...Object.fromEntries(Object.entries(variant).filter(([, v]) => v !== undefined)),
    };
    const problem = targetProblem(merged as SearchFields);
    if (problem) ctx.addIssue({ code: 'custom', path: ['outputs', i, 'targetScore'], message: problem });
    const pattern = (merged.pattern as string) ?? '{name}';
    // {w} and {h} tell sizes apart by themselves; a chosen format ("keep", a shoot-out) may be any extension.
    if (/\{[wh]\}/.test(pattern)) return;
    const format = (merged.pickFormat as string[]).length > 0 || merged.format === 'keep' ? '*' : String(merged.format);
    const name = { folder: variant.folder ?? '', pattern, format };
    const other = names.findIndex(
      (n) =>
        n.folder === name.folder &&
        n.pattern === name.pattern &&
        (n.format === name.format || n.format === '*' || name.format === '*'),
    );
    names.push(name);
    if (other >= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['outputs', i, 'pattern'],
        message: `Outputs ${other + 1} and ${i + 1} would write files of the same name: give each its own name pattern (such as {name}-800) or sub-folder`,
      });
  });
}

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
