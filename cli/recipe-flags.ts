// The flags that make a recipe out of one run: several outputs from one read (`--sizes` ×
// `--formats`, told apart by `--layout`), a size cap and the values that read like units
// (`--max-size 200KB`), a format shoot-out, the metadata classes to keep. Each parser checks what
// a person typed and says what it expects, naming the flag; the schema in common/ then judges the
// whole recipe.
import {
  METADATA_CLASSES,
  type MetadataClass,
  OUTPUT_FORMATS,
  SEARCHABLE_FORMATS,
  SIZE_CAP,
  type Variant,
} from '../common/pipeline.js';
import { UsageError } from './usage-error.js';

export interface RecipeFlags {
  sizes?: string;
  formats?: string;
  layout?: string;
  targetQuality?: string;
  maxSize?: string;
  ifTooLarge?: string;
  minQuality?: string;
  smallestOf?: string;
  keep?: string;
  keepDates?: boolean;
  manifest?: string;
}

/** How the outputs of `--sizes` are told apart: by a name suffix (`{name}-320`) or a sub-folder (`320/`). */
export const LAYOUTS = ['suffix', 'folders'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** One entry of `--sizes`: a width, or a box to fit inside; `label` is how it shows in names and folders. */
export interface OutputSize {
  width?: number;
  height?: number;
  label: string;
}

/** The pixel bounds of an output's box (the schema's, for a variant's width and height). */
const SIDE = { min: 1, max: 65535 } as const;
/** The schema's own bound on a recipe's outputs. */
const MAX_OUTPUTS = 50;

export const SIZES_HINT =
  `expected widths in pixels separated by commas, e.g. 320,800,1600 (N or Nw = width, as srcset's w; ` +
  `WxH = fit inside that box, xH = height), each ${SIDE.min}-${SIDE.max}`;

/** The entries of a comma-separated list, without blanks (a trailing comma is harmless). */
const entries = (raw: string): string[] =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function side(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= SIDE.min && n <= SIDE.max ? n : Number.NaN;
}

/**
 * `320,800,1600` → three widths (responsive images are chosen by width, as srcset's `w`
 * descriptors say), `320w` the same, `1600x900` a box to fit inside, `x600` a height.
 */
export function parseSizes(raw: string): OutputSize[] {
  const list = entries(raw);
  if (list.length === 0) throw new UsageError(`--sizes: ${SIZES_HINT}, got "${raw}"`);
  const sizes: OutputSize[] = [];
  for (const item of list) {
    const m = /^(?:(\d+)\s*w?|(\d+)?\s*[xX×]\s*(\d+)?)$/.exec(item);
    const [width, height] = m ? [side(m[1] ?? m[2]), side(m[3])] : [Number.NaN, undefined];
    if (Number.isNaN(width) || Number.isNaN(height) || (width === undefined && height === undefined)) {
      throw new UsageError(`--sizes: ${SIZES_HINT}, got "${item}"`);
    }
    const label = width && height ? `${width}x${height}` : width ? String(width) : `x${height}`;
    if (sizes.some((s) => s.label === label)) throw new UsageError(`--sizes: ${label} is listed twice, got "${raw}"`);
    sizes.push({ ...(width ? { width } : {}), ...(height ? { height } : {}), label });
  }
  return sizes;
}

const FORMAT_ALIASES: Record<string, string> = { jpg: 'jpeg', jpe: 'jpeg', tif: 'tiff' };

/** `JPG`, `Jpeg`, `jpg` → `jpeg`; `tif` → `tiff`. Anything else is left for the caller to refuse. */
export function normaliseFormat(raw: string): string {
  const lower = raw.trim().toLowerCase().replace(/^\./, '');
  return FORMAT_ALIASES[lower] ?? lower;
}

/** A comma-separated list of formats among `allowed`, aliases and any case accepted, none twice. */
function parseFormatList(flag: string, raw: string, allowed: readonly string[], aliases: string): string[] {
  const hint = `expected formats among ${allowed.join(', ')} (${aliases}; any case) separated by commas`;
  const list = entries(raw);
  if (list.length === 0) throw new UsageError(`${flag}: ${hint}, got "${raw}"`);
  const formats: string[] = [];
  for (const item of list) {
    const format = normaliseFormat(item);
    if (!allowed.includes(format)) throw new UsageError(`${flag}: ${hint}, got "${item}"`);
    if (formats.includes(format)) throw new UsageError(`${flag}: ${format} is listed twice, got "${raw}"`);
    formats.push(format);
  }
  return formats;
}

/** `--formats avif,webp,jpeg`: one output per format. */
export function parseFormats(raw: string): string[] {
  const formats = parseFormatList('--formats', raw, OUTPUT_FORMATS, 'or jpg, tif');
  // The original's format may be one of the others: two outputs would then want the same name.
  if (formats.length > 1 && formats.includes('keep')) {
    throw new UsageError(`--formats: keep cannot be listed with other formats (it may be one of them), got "${raw}"`);
  }
  return formats;
}

/** `--smallest-of avif,webp,jpeg`: per image, the smallest of these formats is written. */
export function parseSmallestOf(raw: string): string[] {
  const formats = parseFormatList('--smallest-of', raw, SEARCHABLE_FORMATS, 'or jpg');
  if (formats.length < 2) {
    throw new UsageError(`--smallest-of: name at least two formats to compare (for one, use --format), got "${raw}"`);
  }
  return formats;
}

export function parseLayout(raw: string | undefined): Layout {
  const layout = (raw ?? 'suffix').trim().toLowerCase();
  if (!(LAYOUTS as readonly string[]).includes(layout)) {
    throw new UsageError(`--layout: expected one of ${LAYOUTS.join(', ')}, got "${raw}"`);
  }
  return layout as Layout;
}

/** Decimal units as file managers show sizes (1 KB = 1000 bytes), binary ones for those who mean them. */
const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1000, mb: 1000 ** 2, kib: 1024, mib: 1024 ** 2 };

export const MAX_SIZE_HINT =
  'expected a size between 1 KiB and 2 GiB such as 200KB, 1.5MB, 500KiB or 250000 (bytes); ' +
  'KB and MB are decimal (1 KB = 1000 bytes), KiB and MiB binary (1 KiB = 1024 bytes)';

/** `--max-size 200KB` → 200000 bytes; B, KB, MB, KiB, MiB in any case, or plain bytes. */
export function parseMaxSize(raw: string): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(raw);
  const unit = m ? BYTE_UNITS[m[2]!.toLowerCase()] : undefined;
  const bytes = m && unit !== undefined ? Math.round(Number(m[1]) * unit) : Number.NaN;
  if (!(bytes >= SIZE_CAP.min && bytes <= SIZE_CAP.max))
    throw new UsageError(`--max-size: ${MAX_SIZE_HINT}, got "${raw}"`);
  return bytes;
}

/** `--keep exif,icc`: the metadata classes a custom policy keeps. */
export function parseKeep(raw: string): MetadataClass[] {
  const hint = `expected metadata classes among ${METADATA_CLASSES.join(', ')} separated by commas`;
  const list = entries(raw).map((s) => s.toLowerCase());
  if (list.length === 0) throw new UsageError(`--keep: ${hint}, got "${raw}"`);
  const classes: MetadataClass[] = [];
  for (const item of list) {
    if (!(METADATA_CLASSES as readonly string[]).includes(item)) throw new UsageError(`--keep: ${hint}, got "${item}"`);
    if (classes.includes(item as MetadataClass)) {
      throw new UsageError(`--keep: ${item} is listed twice, got "${raw}"`);
    }
    classes.push(item as MetadataClass);
  }
  return classes;
}

/** A variant as the flags write it: plain data, for the schema to judge. */
export type DraftVariant = Partial<Record<keyof Variant, unknown>>;

/**
 * Every size × every format, sizes outermost (320 AVIF, 320 WebP, 800 AVIF, …). In the suffix
 * layout a size is added to the name (`{name}-320`: the format's extension tells formats apart);
 * in the folders layout each size gets a sub-folder (`320/`) and the name is left as it is.
 */
export function outputsFromFlags(
  sizes: readonly OutputSize[] | undefined,
  formats: readonly string[] | undefined,
  layout: Layout,
  pattern: string,
): DraftVariant[] {
  const count = (sizes?.length ?? 1) * (formats?.length ?? 1);
  if (count > MAX_OUTPUTS) {
    throw new UsageError(
      `--sizes and --formats: ${sizes?.length} sizes × ${formats?.length} formats make ${count} outputs; at most ${MAX_OUTPUTS}`,
    );
  }
  const bySize: (OutputSize | undefined)[] = sizes ? [...sizes] : [undefined];
  const byFormat: (string | undefined)[] = formats ? [...formats] : [undefined];
  return bySize.flatMap((size) =>
    byFormat.map((format) => ({
      ...(size?.width ? { width: size.width } : {}),
      ...(size?.height ? { height: size.height } : {}),
      ...(format ? { format } : {}),
      ...(size && layout === 'suffix' ? { pattern: `${pattern}-${size.label}` } : {}),
      ...(size && layout === 'folders' ? { folder: size.label } : {}),
    })),
  );
}
